"""One classroom box serving many students: llama-cpp-python's own OpenAI-compatible server
(`python -m llama_cpp.server`) with one model, and 10, then 30 simulated students asking hints
at once, each through its own Mentor tutor with the endpoint backend (as each student's editor
would: its own HTTP client, its own answer cache), on different programs of bench/tutor_set.

Prints per class size: requests per minute served, p50/p95 first token and total time, errors
(answers that fell back to Mentor's own text because the endpoint failed or timed out), and
fairness between students (each student's median total time: the slowest over the fastest, and
Jain's index of their served requests per minute, 1.0 = perfectly even).

    .venv/bin/python bench/classroom.py --model qwen2.5-coder-0.5b.gguf [--students 10 30]
        [--requests 2] [--threads 2] [--max-tokens 96]

On a 2-core machine keep --requests small: the server answers one request at a time, so 30
students queue for minutes (which is what a class on one CPU box would see).
"""

from __future__ import annotations

import argparse
import contextlib
import os
import socket
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
from tutor_quality import Program, load_set, question_for  # bench/tutor_quality.py

from mentor.models.llm import ModelConfig, Task, Tutor
from mentor.models.llm.cache import AnswerCache
from mentor.models.llm.store import ModelStore
from mentor.models.llm.tutor import AnswerSource


@dataclass
class Result:
    student: int
    first_s: float | None
    total_s: float
    ok: bool
    note: str


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextlib.contextmanager
def llama_server(model: Path, threads: int, context: int) -> Iterator[str]:
    """`python -m llama_cpp.server` on a free local port; its base URL while it runs."""
    port = free_port()
    command = [
        sys.executable,
        "-m",
        "llama_cpp.server",
        "--model",
        str(model),
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--n_threads",
        str(threads),
        "--n_ctx",
        str(context),
        # By default a new request interrupts the one streaming: each student would get half
        # an answer. A class needs the requests queued instead.
        "--interrupt_requests",
        "False",
    ]
    log = open(os.devnull, "w")  # noqa: SIM115 - closed below
    process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 300
        while time.monotonic() < deadline:
            if process.poll() is not None:
                raise RuntimeError(f"llama_cpp.server exited with {process.returncode}")
            with contextlib.suppress(httpx.HTTPError):
                if httpx.get(f"{url}/v1/models", timeout=2).is_success:
                    break
            time.sleep(1)
        else:
            raise RuntimeError("llama_cpp.server did not start within 300 s")
        yield url
    finally:
        process.terminate()
        try:
            process.wait(20)
        except subprocess.TimeoutExpired:
            process.kill()
        log.close()


def student(
    number: int, url: str, programs: list[Program], requests: int, max_tokens: int, out: list
) -> None:
    """One student's Mentor: its own endpoint client and cache, `requests` hints in a row."""
    tutor = Tutor(ModelConfig(endpoint=url), cache=AnswerCache.in_memory())
    try:
        for index in range(requests):
            program = programs[(number * requests + index) % len(programs)]
            question = question_for(program, Task.HINT)
            started = time.perf_counter()
            first: list[float] = []

            def on_text(_: str, first: list[float] = first, started: float = started) -> None:
                if not first:
                    first.append(time.perf_counter() - started)

            answer = tutor.ask(question, max_tokens=max_tokens, on_text=on_text).future.result()
            ok = answer.source is AnswerSource.MODEL
            out.append(
                Result(
                    number,
                    first[0] if first else None,
                    time.perf_counter() - started,
                    ok,
                    answer.note,
                )
            )
    finally:
        tutor.close()


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else float("nan")


def jain(values: list[float]) -> float:
    """Jain's fairness index: 1.0 when everyone got the same, 1/n when one got everything."""
    total = sum(values)
    return total * total / (len(values) * sum(v * v for v in values)) if any(values) else 0.0


def run_class(url: str, students: int, requests: int, max_tokens: int) -> None:
    programs = load_set()
    results: list[Result] = []
    threads = [
        threading.Thread(target=student, args=(n, url, programs, requests, max_tokens, results))
        for n in range(students)
    ]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - started
    served = [r for r in results if r.ok]
    firsts = [r.first_s for r in served if r.first_s is not None]
    totals = [r.total_s for r in served]
    per_student = [
        statistics.median([r.total_s for r in served if r.student == n] or [float("nan")])
        for n in range(students)
    ]
    finished = [t for t in per_student if t == t]
    rates = [
        sum(1 for r in served if r.student == n) / (wall / 60) for n in range(students)
    ]  # fmt: skip
    notes = sorted({r.note for r in results if not r.ok})
    print(
        f"{students:>3} students x {requests} hints: {len(served)}/{len(results)} served in "
        f"{wall:.0f} s = {len(served) / (wall / 60):.1f} requests/min; "
        f"first token p50 {percentile(firsts, 0.5):.1f} s p95 {percentile(firsts, 0.95):.1f} s; "
        f"total p50 {percentile(totals, 0.5):.1f} s p95 {percentile(totals, 0.95):.1f} s; "
        f"errors {len(results) - len(served)}"
        + (f" ({'; '.join(note[:80] for note in notes)})" if notes else "")
        + f"; fairness: slowest/fastest student median "
        f"{(max(finished) / min(finished)) if finished else float('nan'):.1f}x, "
        f"Jain {jain(rates):.2f}",
        flush=True,
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--model", type=Path, help="a GGUF file (default: the installed 0.5B)")
    parser.add_argument("--students", type=int, nargs="+", default=[10, 30])
    parser.add_argument("--requests", type=int, default=2, help="hints per student")
    parser.add_argument("--threads", type=int, default=2, help="the server's CPU threads")
    parser.add_argument("--context", type=int, default=2048)
    parser.add_argument("--max-tokens", type=int, default=96)
    args = parser.parse_args()
    model = args.model
    if model is None:
        installed = {m.name: m for m in ModelStore().installed()}
        if "qwen2.5-coder-0.5b" not in installed:
            print("no model: run `mentor model install qwen2.5-coder-0.5b` or pass --model")
            return 1
        model = installed["qwen2.5-coder-0.5b"].file
    print(
        f"llama_cpp.server with {model.name}, {args.threads} threads, n_ctx {args.context}; "
        f"hints of at most {args.max_tokens} tokens"
    )
    with llama_server(model, args.threads, args.context) as url:
        for students in args.students:
            run_class(url, students, args.requests, args.max_tokens)
    return 0


if __name__ == "__main__":
    sys.exit(main())
