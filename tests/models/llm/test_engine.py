"""The engine with the real SmolLM2 model: lazy loading, streaming, priorities, cancellation,
JSON grammars, and static-only mode for a missing or broken model file."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from mentor.models.llm import EngineState, ModelConfig, ModelUnavailable, Priority
from mentor.models.llm.backend import ChatMessage, GenerationOptions
from mentor.models.llm.engine import Engine, EngineStatus, Job
from mentor.models.llm.llama_backend import LlamaCppBackend
from mentor.models.llm.review import REVIEW_SCHEMA, parse_review
from tests.support.llm_fixture import NEEDS_SMOLLM2, SMOLLM2

pytest.importorskip("llama_cpp")
pytestmark = pytest.mark.skipif(SMOLLM2 is None, reason=NEEDS_SMOLLM2)

ASK: list[ChatMessage] = [{"role": "user", "content": "Name three Python data types."}]
LONG = GenerationOptions(max_tokens=200)
SHORT = GenerationOptions(max_tokens=12)
WAIT_S = 120


@pytest.fixture
def statuses() -> list[EngineStatus]:
    return []


@pytest.fixture
def engine(statuses: list[EngineStatus]) -> Iterator[Engine]:
    engine = Engine(LlamaCppBackend(ModelConfig(path=str(SMOLLM2))), on_status=statuses.append)
    yield engine
    engine.close()


def held(engine: Engine) -> tuple[Job, threading.Event, threading.Event]:
    """A running generation that holds the worker until released."""
    started, release = threading.Event(), threading.Event()

    def hold(_: str) -> None:
        started.set()
        release.wait(WAIT_S)

    job = engine.submit(ASK, LONG, on_text=hold)
    assert started.wait(WAIT_S)
    return job, started, release


def test_the_model_loads_only_when_first_asked_and_reports_it(
    engine: Engine, statuses: list[EngineStatus]
):
    assert engine.status.state is EngineState.IDLE and not statuses
    engine.submit(None).future.result(WAIT_S)
    states = [status.state for status in statuses]
    assert states[0] is EngineState.LOADING and states[-1] is EngineState.READY
    assert any("SmolLM2" in status.message for status in statuses)
    info = engine.status.info
    assert info.gpu_layers == 0 or info.gpu_offload_supported
    assert "GGUF" in info.chat_template  # the model's own chat template


def test_answers_stream_piece_by_piece(engine: Engine):
    pieces: list[str] = []
    result = engine.submit(ASK, SHORT, on_text=pieces.append).future.result(WAIT_S)
    assert len(pieces) == result.pieces >= 2
    assert "".join(pieces) == result.text and result.text.strip()
    assert not result.cancelled and result.first_piece_s is not None


def test_a_cancelled_request_stops_between_tokens(engine: Engine):
    pieces: list[str] = []

    def take(piece: str) -> None:
        pieces.append(piece)
        if len(pieces) == 3:
            job.cancel()

    job = engine.submit(ASK, LONG, on_text=take)
    result = job.future.result(WAIT_S)
    assert result.cancelled
    assert result.pieces == 3 == len(pieces)


def test_a_request_cancelled_while_waiting_never_runs(engine: Engine):
    running, _, release = held(engine)
    waiting = engine.submit(ASK, LONG)
    waiting.cancel()
    running.cancel()
    release.set()
    result = waiting.future.result(WAIT_S)
    assert result.cancelled and result.pieces == 0 and result.first_piece_s is None


def test_a_stale_request_stops_like_a_cancelled_one(engine: Engine):
    edited = threading.Event()
    pieces: list[str] = []

    def take(piece: str) -> None:
        pieces.append(piece)
        edited.set()  # the student typed: the document's version moved on

    result = engine.submit(ASK, LONG, on_text=take, is_stale=edited.is_set).future.result(WAIT_S)
    assert result.cancelled and len(pieces) == 1


def test_interactive_requests_go_before_background_ones(engine: Engine):
    running, _, release = held(engine)
    finished: list[str] = []
    background = engine.submit(ASK, SHORT, Priority.BACKGROUND)
    interactive = engine.submit(ASK, SHORT, Priority.INTERACTIVE)
    background.future.add_done_callback(lambda _: finished.append("background"))
    interactive.future.add_done_callback(lambda _: finished.append("interactive"))
    running.cancel()
    release.set()
    background.future.result(WAIT_S)
    assert finished == ["interactive", "background"]


def test_a_background_generation_gives_way_and_resumes_later(engine: Engine):
    finished: list[str] = []
    interactive: list[Job] = []

    def on_piece(_: str) -> None:
        if not interactive:  # someone clicks "Explain this" while the review runs
            job = engine.submit(ASK, SHORT, Priority.INTERACTIVE)
            job.future.add_done_callback(lambda _: finished.append("interactive"))
            interactive.append(job)

    background = engine.submit(ASK, SHORT, Priority.BACKGROUND, on_text=on_piece)
    background.future.add_done_callback(lambda _: finished.append("background"))
    result = background.future.result(WAIT_S)
    assert finished == ["interactive", "background"]
    assert not result.cancelled and result.text.strip()


def test_json_schema_output_is_json(engine: Engine):
    messages: list[ChatMessage] = [
        {"role": "user", "content": "Review: 1| total = n\nReply with JSON findings."}
    ]
    options = GenerationOptions(max_tokens=160, temperature=0.0, json_schema=REVIEW_SCHEMA)
    text = engine.submit(messages, options).future.result(WAIT_S).text
    assert text.lstrip().startswith("{")
    items = parse_review(text)  # never raises, complete or cut off
    assert all(isinstance(item, dict) for item in items)
    if text.rstrip().endswith("}"):
        assert "findings" in json.loads(text, strict=False)


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (None, "does not exist"),
        (b"not a model at all", "not a GGUF model file"),
        ("truncated", "could not load"),
    ],
)
def test_a_missing_or_broken_file_means_unavailable_with_a_reason(
    tmp_path: Path, content: bytes | str | None, expected: str
):
    path = tmp_path / "model.gguf"
    if content == "truncated":
        path.write_bytes(SMOLLM2.read_bytes()[:1_000_000])
    elif content is not None:
        path.write_bytes(content)
    engine = Engine(LlamaCppBackend(ModelConfig(path=str(path))))
    try:
        with pytest.raises(ModelUnavailable, match=expected):
            engine.submit(ASK, SHORT).future.result(WAIT_S)
        assert engine.status.state is EngineState.UNAVAILABLE
        with pytest.raises(ModelUnavailable):  # and stays so, without retrying every time
            engine.submit(ASK, SHORT).future.result(WAIT_S)
    finally:
        engine.close()
