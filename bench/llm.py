"""The tutor's engine, measured on this machine with the model it would use (default: the
best model `mentor model install` put in place; `--model PATH` for another GGUF).

Prints, each against a peer measured in the same run:
  - time to first token and tokens/s through Mentor's engine vs llama-cpp-python's raw stream;
  - the longest event-loop stall while a generation streams into the loop (bar: 50 ms),
    in-process and as seen by a real LSP client (code-action round trips to `mentor-lsp`);
  - the time from cancel to stop (bar: 100 ms), in the engine and over LSP;
  - the cache-hit path vs asking the model.

    .venv/bin/python bench/llm.py [--model PATH] [--runs 5]
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import io
import statistics
import sys
import tempfile
import textwrap
import threading
import time
from pathlib import Path

from lsprotocol import types as lsp

from mentor.analyzers import Level, analyze
from mentor.models.llm import Grounding, ModelConfig, Policy, Question, Task, Tutor
from mentor.models.llm.backend import GenerationOptions
from mentor.models.llm.cache import AnswerCache
from mentor.models.llm.guardrails import guard

PROMPT = [{"role": "user", "content": "Explain what a Python list is, in a few sentences."}]
TOPICS = ["list", "dict", "tuple", "set", "string", "loop", "function", "class", "module", "file"]


def prompt(run: int) -> list[dict[str, str]]:
    """A different question each run, so no run reuses the previous run's evaluated prompt."""
    topic = TOPICS[run % len(TOPICS)]
    return [{"role": "user", "content": f"{topic.title()}s: explain what a Python {topic} is."}]


TOKENS = 64
STALL_BAR_MS = 50
CANCEL_BAR_MS = 100
CODE = textwrap.dedent(
    """\
    names = ["Ada", "Alan", "Grace"]
    for i in range(len(names)):
        print("Hello", names[i])
    """
)


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms"


def raw_llama(path: Path, runs: int, threads: int) -> tuple[float, float]:
    """The peer: llama-cpp-python's own stream on the same file and settings."""
    import llama_cpp

    options = {"n_threads": threads} if threads else {}
    with contextlib.redirect_stderr(io.StringIO()):
        llm = llama_cpp.Llama(model_path=str(path), n_ctx=2048, verbose=True, **options)
    llm.verbose = False
    firsts, speeds = [], []
    for run in range(runs):
        start = time.perf_counter()
        first, count = None, 0
        for chunk in llm.create_chat_completion(
            prompt(run), stream=True, max_tokens=TOKENS, temperature=0.0
        ):
            if chunk["choices"][0]["delta"].get("content"):
                first = first or time.perf_counter() - start
                count += 1
        total = time.perf_counter() - start
        firsts.append(first or 0.0)
        speeds.append((count - 1) / (total - (first or 0.0)))
    llm.close()
    return statistics.median(firsts), statistics.median(speeds)


def engine_speed(tutor: Tutor, runs: int) -> tuple[float, float]:
    firsts, speeds = [], []
    for run in range(runs):
        job = tutor.engine.submit(
            prompt(run), GenerationOptions(max_tokens=TOKENS, temperature=0.0)
        )
        result = job.future.result(600)
        firsts.append(result.first_piece_s or 0.0)
        speeds.append((result.pieces - 1) / (result.seconds - (result.first_piece_s or 0.0)))
    return statistics.median(firsts), statistics.median(speeds)


async def loop_stall(tutor: Tutor, question: Question | None, seconds: float = 0.0) -> list[float]:
    """Lateness of a 5 ms ticker on the event loop while a generation streams guarded text
    into the loop, as the server's explain command does (question None: idle for `seconds`)."""
    loop = asyncio.get_running_loop()
    reports: list[str] = []
    done = asyncio.Event()
    if question is not None:
        asked = tutor.ask(
            question,
            max_tokens=TOKENS * 2,
            on_text=lambda text: loop.call_soon_threadsafe(reports.append, text),
        )
        asked.future.add_done_callback(lambda _: loop.call_soon_threadsafe(done.set))
    else:
        loop.call_later(seconds, done.set)
    lateness = []
    while not done.is_set():
        start = time.perf_counter()
        await asyncio.sleep(0.005)
        lateness.append(time.perf_counter() - start - 0.005)
    return lateness


HINT_PROGRAMS = [
    "total = 0\nfor n in range(1, 10):\n    total = total + n\nprint(total)\n",
    "word = input()\nif word == word.reverse():\n    print('palindrome')\n",
    "scores = [3, 9, 4]\nbest = 0\nfor s in scores:\n"
    "    if s < best:\n        best = s\nprint(best)\n",
    "age = input()\nif age >= 13:\n    print('teen')\n",
]
HINT_TOKENS = 48


def hint_question(program: str) -> Question:
    last = program.count("\n")
    return Question(Task.HINT, Level.NOVICE, program, 1, (1, last), None, Policy())


def hint_pairs(runs: int) -> list[tuple[Question, Question]]:
    """(first question, second question): two hints on different programs, so the second
    shares only the fixed prefix (chat template and instructions) with the first, and each
    first question differs from the question asked before it."""
    count = len(HINT_PROGRAMS)
    return [
        (
            hint_question(HINT_PROGRAMS[(2 * run) % count]),
            hint_question(HINT_PROGRAMS[(2 * run + 1) % count]),
        )
        for run in range(runs)
    ]


def raw_hint(llm, question: Question, reset: bool = False) -> tuple[float, float]:
    """(first token s, decode tok/s) of llama-cpp-python's own stream on Mentor's prompt."""
    from mentor.models.llm.prompts import build_messages

    if reset:
        llm.reset()  # forget the evaluated prompt: no prefix to reuse
    start = time.perf_counter()
    first, count = None, 0
    for chunk in llm.create_chat_completion(
        build_messages(question), stream=True, max_tokens=HINT_TOKENS, temperature=0.2
    ):
        if chunk["choices"][0]["delta"].get("content"):
            first = first or time.perf_counter() - start
            count += 1
    total = time.perf_counter() - start
    return first or total, (count - 1) / max(total - (first or total), 1e-9)


def mentor_hint(tutor: Tutor, question: Question) -> tuple[float, float]:
    """(first streamed text s, decode pieces/s) of a hint through `Tutor.ask`, as the editor
    gets it (trimmed and guarded on every piece)."""
    times: list[float] = []
    start = time.perf_counter()
    tutor.ask(
        question, max_tokens=HINT_TOKENS, on_text=lambda text: times.append(time.perf_counter())
    ).future.result(600)
    if not times:
        return time.perf_counter() - start, 0.0
    return times[0] - start, (len(times) - 1) / max(times[-1] - times[0], 1e-9)


def warm_hints(tutor: Tutor, path: Path, runs: int, threads: int) -> dict[str, float]:
    """Warm hints through Mentor and through a raw Llama on the same file, settings and
    prompts, interleaved so that the machine's load changes both alike. Each second question
    follows a first one on another program (only the fixed prefix is shared); the raw model
    also answers it after `llm.reset()` (nothing reused), which shows what the reuse saves."""
    import llama_cpp

    options = {"n_threads": threads} if threads else {}
    with contextlib.redirect_stderr(io.StringIO()):
        llm = llama_cpp.Llama(model_path=str(path), n_ctx=2048, verbose=True, **options)
    llm.verbose = False
    numbers: dict[str, list[float]] = {
        key: [] for key in ("raw_first", "raw_speed", "raw_cold", "first", "speed")
    }
    raw_hint(llm, hint_question(CODE))  # each side's very first evaluation's one-off costs
    mentor_hint(tutor, hint_question(CODE))
    for first_question, second in hint_pairs(runs):
        raw_hint(llm, first_question)
        first_token, speed = raw_hint(llm, second)
        numbers["raw_first"].append(first_token)
        numbers["raw_speed"].append(speed)
        tutor.cache = AnswerCache.in_memory()  # every question reaches the model
        mentor_hint(tutor, first_question)
        first_token, speed = mentor_hint(tutor, second)
        numbers["first"].append(first_token)
        numbers["speed"].append(speed)
        numbers["raw_cold"].append(raw_hint(llm, second, reset=True)[0])
    llm.close()
    return {key: statistics.median(values) for key, values in numbers.items()}


def p99(values: list[float]) -> float:
    return sorted(values)[int(len(values) * 0.99)]


def cancel_to_stop(tutor: Tutor, runs: int) -> list[float]:
    """From `cancel()` (called from another thread, as the event loop does) to the worker
    letting go of the request."""
    delays = []
    for _ in range(runs):
        cancelled_at: list[float] = []
        jobs = []

        def cancel_soon(piece: str, cancelled_at: list[float] = cancelled_at, jobs=jobs) -> None:
            if len(cancelled_at) == 0 and jobs:
                cancelled_at.append(time.perf_counter())
                threading.Thread(target=jobs[0].cancel).start()

        jobs.append(
            tutor.engine.submit(PROMPT, GenerationOptions(max_tokens=400), on_text=cancel_soon)
        )
        result = jobs[0].future.result(600)
        assert result.cancelled
        delays.append(result.finished_at - cancelled_at[0])
    return delays


def cache_paths(tutor: Tutor, question: Question) -> tuple[float, float]:
    start = time.perf_counter()
    tutor.ask(question, max_tokens=TOKENS).future.result(600)  # fills the cache
    model = time.perf_counter() - start
    times = []
    for _ in range(200):
        start = time.perf_counter()
        answer = tutor.ask(question).future.result(5)
        times.append(time.perf_counter() - start)
    assert answer.source.value == "cache"
    return model, statistics.median(times)


async def over_lsp(workspace: Path, model: Path) -> dict[str, float]:
    """What an editor sees from the real `mentor-lsp`: request latency while generating, and
    the time from $/cancelRequest to the progress ending "Cancelled"."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # the tests' LSP client
    from tests.support.lsp_support import mentor_session

    (workspace / "names.py").write_text(CODE, encoding="utf-8")
    options = {"tutor": {"maxTokens": 400}, "model": {"path": str(model)}}
    async with mentor_session(workspace, initialization_options=options) as client:
        uri = client.open(workspace / "names.py")
        diagnostic = next(d for d in await client.diagnostics_for(uri) if d.code == "MNT101")
        params = lsp.CodeActionParams(
            text_document=lsp.TextDocumentIdentifier(uri=uri),
            range=diagnostic.range,
            context=lsp.CodeActionContext(diagnostics=[diagnostic]),
        )

        async def round_trips(count: int) -> list[float]:
            times = []
            for _ in range(count):
                start = time.perf_counter()
                await client.text_document_code_action_async(params)
                times.append(time.perf_counter() - start)
            return times

        idle = await round_trips(100)
        status = await client.workspace_execute_command_async(
            lsp.ExecuteCommandParams(command="mentor.modelStatus")
        )  # loads the model
        actions = await client.text_document_code_action_async(params)
        explain = await client.code_action_resolve_async(
            next(a for a in actions if a.title.startswith("Mentor: Explain this"))
        )
        future = client.protocol.send_request(
            lsp.WORKSPACE_EXECUTE_COMMAND,
            lsp.ExecuteCommandParams(
                command=explain.command.command, arguments=explain.command.arguments
            ),
            msg_id="bench-explain",
        )

        def explaining() -> list:
            for reports in client.progress_reports.values():
                if reports and getattr(reports[0], "title", "").startswith("Mentor is explaining"):
                    return reports
            return []

        await client.wait_for(
            lambda: any(isinstance(r, lsp.WorkDoneProgressReport) for r in explaining()), 300
        )
        busy = await round_trips(100)
        cancel_sent = time.perf_counter()
        client.protocol.notify(lsp.CANCEL_REQUEST, lsp.CancelParams(id="bench-explain"))
        await client.wait_for(lambda: isinstance(explaining()[-1], lsp.WorkDoneProgressEnd), 60)
        cancel_seen = time.perf_counter() - cancel_sent
        with contextlib.suppress(Exception):
            await asyncio.wrap_future(future)
        hint = await client.code_action_resolve_async(
            next(a for a in actions if a.title.startswith("Mentor: Give me a hint"))
        )
        hint_args = lsp.ExecuteCommandParams(
            command=hint.command.command, arguments=hint.command.arguments
        )
        start = time.perf_counter()
        await client.workspace_execute_command_async(hint_args)
        hint_model = time.perf_counter() - start
        start = time.perf_counter()
        cached = await client.workspace_execute_command_async(hint_args)
        hint_cached = time.perf_counter() - start
        assert cached["source"] == "cache"
    return {
        "idle_p50": statistics.median(idle),
        "idle_max": max(idle),
        "busy_p50": statistics.median(busy),
        "busy_max": max(busy),
        "cancel": cancel_seen,
        "hint_model": hint_model,
        "hint_cached": hint_cached,
        "tokens_per_s": status["tokens_per_s"],
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--model", default="", help="a GGUF file (default: the installed model)")
    parser.add_argument("--gpu-layers", default="auto")
    parser.add_argument("--threads", type=int, default=0)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--skip-lsp", action="store_true", help="engine numbers only")
    parser.add_argument("--hint-only", action="store_true", help="the warm-hint numbers only")
    args = parser.parse_args()
    layers = args.gpu_layers if args.gpu_layers == "auto" else int(args.gpu_layers)
    config = ModelConfig(path=args.model, gpu_layers=layers, threads=args.threads)
    path = config.model_file()
    if path is None:
        print("no model: run `mentor model install` or pass --model")
        return 1
    tutor = Tutor(config, cache=AnswerCache.in_memory())
    check = tutor.check()
    if not check.ok:
        print(f"the model is not available: {check.message}")
        return 1
    print(f"model {path.name}, {check.backend}, gpu layers {check.gpu_layers}, {TOKENS} tokens")

    memory = tutor.backend.info.memory_bytes
    if memory is not None:
        print(f"memory:              loading added {memory / 1e9:.2f} GB resident (psutil RSS)")
    hints = warm_hints(tutor, path, args.runs, args.threads)
    ratio = hints["first"] / hints["raw_first"]
    verdict = "ok" if ratio <= 1.5 and hints["first"] < 3.0 else "OVER"
    print(
        f"warm hint, first token: Mentor {ms(hints['first'])}   raw {ms(hints['raw_first'])}"
        f"   ratio {ratio:.2f} (bar 1.5x and 3 s: {verdict})"
    )
    speed_ratio = hints["speed"] / hints["raw_speed"]
    verdict = "ok" if speed_ratio >= 0.95 else "UNDER"
    print(
        f"warm hint, decode:      Mentor {hints['speed']:.1f} tok/s   raw "
        f"{hints['raw_speed']:.1f} tok/s   ratio {speed_ratio:.2f} (bar 0.95: {verdict})"
    )
    print(
        f"prompt prefix reuse:    raw first token {ms(hints['raw_first'])} after another hint, "
        f"{ms(hints['raw_cold'])} after llm.reset()"
    )
    if args.hint_only:
        tutor.close()
        return 0

    raw_first, raw_speed = raw_llama(path, args.runs, args.threads)
    first, speed = engine_speed(tutor, args.runs)
    print(f"time to first token: Mentor {ms(first)}   llama-cpp-python raw {ms(raw_first)}")
    print(
        f"decode speed:        Mentor {speed:.1f} tok/s   raw {raw_speed:.1f} tok/s   "
        f"ratio {speed / raw_speed:.2f}"
    )

    finding = analyze(CODE).findings[0]
    question = Question(
        Task.EXPLAIN, Level.NOVICE, CODE, 1, (2, 2),
        Grounding.from_finding(finding, Level.NOVICE), Policy(),
    )  # fmt: skip
    started = time.perf_counter()
    busy = asyncio.run(loop_stall(tutor, question))
    idle = asyncio.run(loop_stall(tutor, None, time.perf_counter() - started))
    verdict = "ok" if max(busy) * 1000 < STALL_BAR_MS else "OVER"
    print(
        f"event-loop stall:    while generating max {ms(max(busy))} p99 {ms(p99(busy))}   "
        f"idle, same duration: max {ms(max(idle))} p99 {ms(p99(idle))}   "
        f"(bar {STALL_BAR_MS} ms: {verdict})"
    )

    delays = cancel_to_stop(tutor, max(args.runs, 10))
    verdict = "ok" if max(delays) * 1000 < CANCEL_BAR_MS else "OVER"
    print(
        f"cancel to stop:      median {ms(statistics.median(delays))}   max {ms(max(delays))}   "
        f"(bar {CANCEL_BAR_MS} ms: {verdict})"
    )

    hint = Question(Task.HINT, Level.NOVICE, CODE, 1, (2, 2), None, Policy())
    model_s, cached_s = cache_paths(tutor, hint)
    print(
        f"cache:               hit {ms(cached_s)}   model {ms(model_s)}   "
        f"{model_s / cached_s:.0f}x faster"
    )
    start = time.perf_counter()
    for _ in range(100):
        guard(SOLUTION_LIKE, CODE, Policy())
    print(f"guardrails:          {ms((time.perf_counter() - start) / 100)} per answer")
    tutor.close()

    if args.skip_lsp or args.model:
        return 0
    with tempfile.TemporaryDirectory() as folder:
        lsp_numbers = asyncio.run(over_lsp(Path(folder), path))
    print(
        f"over LSP (mentor-lsp, {path.name}): code-action round trip "
        f"idle p50 {ms(lsp_numbers['idle_p50'])} max {ms(lsp_numbers['idle_max'])}; "
        f"while generating p50 {ms(lsp_numbers['busy_p50'])} max {ms(lsp_numbers['busy_max'])}"
    )
    print(
        f"over LSP: $/cancelRequest to progress end {ms(lsp_numbers['cancel'])}; "
        f"hint from the model {ms(lsp_numbers['hint_model'])}, "
        f"from the cache {ms(lsp_numbers['hint_cached'])}"
    )
    return 0


SOLUTION_LIKE = (
    "The loop counts positions. Instead:\n```python\nfor name in names:\n    print(name)\n```\n"
    "What does `i` hold? <b>Note</b> [see](command:x)"
) * 3

if __name__ == "__main__":
    raise SystemExit(main())
