"""The endpoint backend against a real OpenAI-compatible server: llama-cpp-python's own
(`python -m llama_cpp.server`, the `[server]` extra) serving SmolLM2 on the loopback address."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest

from mentor.analyzers import Level
from mentor.models.llm import AnswerSource, ModelConfig, ModelUnavailable, Policy, Tutor
from mentor.models.llm.backend import GenerationOptions
from mentor.models.llm.cache import AnswerCache
from mentor.models.llm.http_backend import EndpointBackend, api_base
from mentor.models.llm.prompts import Question, Task
from mentor.models.llm.review import REVIEW_SCHEMA, parse_review
from tests.support.llm_fixture import NEEDS_SMOLLM2, SMOLLM2

pytest.importorskip("llama_cpp.server.app", reason="needs llama-cpp-python[server]")
pytestmark = pytest.mark.skipif(SMOLLM2 is None, reason=NEEDS_SMOLLM2)

START_S = 120.0
ASK = [{"role": "user", "content": "Name three Python data types."}]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def llama_cpp_server(log_path: Path, *extra: str) -> Iterator[str]:
    """llama-cpp-python's server on SmolLM2, running until the block ends."""
    port = free_port()
    log = log_path.open("w")
    server = subprocess.Popen(
        [sys.executable, "-m", "llama_cpp.server", "--model", str(SMOLLM2),
         "--model_alias", "smollm2", "--host", "127.0.0.1", "--port", str(port),
         "--n_ctx", "2048", "--verbose", "False", *extra],
        stdout=log, stderr=subprocess.STDOUT,
        env={**os.environ, "OMP_WAIT_POLICY": "PASSIVE"},
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + START_S
    try:
        while True:  # wait for the server to answer (the model loads first)
            assert server.poll() is None, log_path.read_text()
            try:
                if httpx.get(f"{url}/v1/models", timeout=1.0).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            assert time.monotonic() < deadline, "llama_cpp.server did not start"
            time.sleep(0.2)
        yield url
    finally:
        server.terminate()
        server.wait(30)
        log.close()


@pytest.fixture(scope="module")
def endpoint(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with llama_cpp_server(tmp_path_factory.mktemp("server") / "server.log") as url:
        yield url


def loaded(url: str, name: str = "") -> EndpointBackend:
    backend = EndpointBackend(ModelConfig(endpoint=url, name=name))
    backend.load(lambda message: None)
    return backend


def test_the_base_url_may_be_given_with_or_without_v1():
    assert api_base("http://box:8080") == api_base("http://box:8080/v1/") == "http://box:8080/v1"


def test_answers_stream_from_the_endpoint(endpoint: str):
    backend = loaded(endpoint)
    try:
        assert backend.info.model == "smollm2"  # the first model it serves
        pieces = list(backend.stream(ASK, GenerationOptions(max_tokens=16)))
    finally:
        backend.close()
    assert len(pieces) >= 2 and "".join(pieces).strip()


def test_closing_the_stream_stops_and_the_server_stays_usable(endpoint: str):
    backend = loaded(endpoint)
    try:
        stream = backend.stream(ASK, GenerationOptions(max_tokens=300))
        first = [next(stream), next(stream)]
        stream.close()  # what the engine does when a request is cancelled
        again = list(backend.stream(ASK, GenerationOptions(max_tokens=8)))
    finally:
        backend.close()
    assert all(first) and again


def test_a_json_schema_is_honoured_in_the_form_the_server_accepts(endpoint: str):
    backend = loaded(endpoint)
    messages = [{"role": "user", "content": "Review: 1| total = n\nReply with JSON findings."}]
    options = GenerationOptions(max_tokens=160, temperature=0.0, json_schema=REVIEW_SCHEMA)
    try:
        text = "".join(backend.stream(messages, options))
    finally:
        backend.close()
    assert text.lstrip().startswith("{")
    assert all(isinstance(item, dict) for item in parse_review(text))


def test_the_tutor_works_through_the_endpoint(endpoint: str):
    tutor = Tutor(ModelConfig(endpoint=endpoint), cache=AnswerCache.in_memory())
    question = Question(
        Task.HINT, Level.NOVICE, "x = input()\nprint(x + 1)", 1, (2, 2), None, Policy()
    )
    try:
        answer = tutor.ask(question, max_tokens=24).future.result(120)
        check = tutor.check()
    finally:
        tutor.close()
    assert answer.source is AnswerSource.MODEL and answer.text
    assert check.ok and check.backend == "endpoint" and check.tokens_per_s


def test_an_unknown_model_or_an_unreachable_endpoint_is_a_clear_message(endpoint: str):
    with pytest.raises(ModelUnavailable, match="does not serve 'codellama'"):
        loaded(endpoint, name="codellama")
    with pytest.raises(ModelUnavailable, match="cannot reach the model endpoint"):
        loaded(f"http://127.0.0.1:{free_port()}")


def test_a_busy_classroom_server_is_waited_for_not_given_up_on(tmp_path: Path):
    # llama-cpp-python's server answers GET /v1/models only between generations. A student
    # whose editor starts while another student's answer streams must wait for it, not fall
    # back to static mode after the 5 s connect timeout (seen in bench/classroom.py).
    with llama_cpp_server(tmp_path / "server.log", "--interrupt_requests", "False") as url:
        other_student = loaded(url)
        long_answer = other_student.stream(
            [{"role": "user", "content": "Write a long story about a robot who learns Python."}],
            GenerationOptions(max_tokens=1200, temperature=0.0),
        )
        streamed = [next(long_answer)]
        rest = threading.Thread(target=lambda: streamed.extend(long_answer))
        rest.start()
        busy_when_asked = rest.is_alive()
        started = time.monotonic()
        try:
            newcomer = loaded(url)  # waits for the server's lock
            waited = time.monotonic() - started
            newcomer.close()
        finally:
            rest.join(300)
            other_student.close()
    assert busy_when_asked, "the other answer ended before the newcomer asked"
    assert newcomer.info.model == "smollm2"
    print(f"waited {waited:.1f} s for {len(streamed)} streamed pieces")
