"""The tutor's answers on Mentor's labelled buggy beginner programs (bench/tutor_set), asked as
the editor asks them: Explain on the bug's line, Hint on the selected function (or the whole
program when no function holds the bug), through Mentor's own `Tutor.ask` with the grounding
the server would give (`find_finding`, `context_lines`).

Prints per model: the share of answers that name the bug's line or its names, the share the
guardrails cut into and the share that fell back to Mentor's own text, the echoes of the prompt
that were trimmed, repetition (distinct word 3-grams / all 3-grams), length in words, median
first-token and total time. Every answer goes to a transcript (JSON lines and Markdown) to read.

    .venv/bin/python bench/tutor_quality.py [--model PATH ...] [--limit N] [--threads 2]

`--mode chat` asks each program as a conversation instead (`mentor.models.chat`, the same
path as `mentor/chat` and `mentor chat`): scripted student turns ("What is wrong with my
code?", "Why?", "I'm still stuck", "Just give me the answer") on the function around the bug,
the ladder capped at `--max-hint-depth` (default 4). Per turn it prints the rung, the share of
answers that name the bug's line or its names, the share that name the line (it should rise
with the rung), the guard's cuts, Mentor's own answers and the code that reached the student
(a leak: none expected below the code rung).

`--grounding none|assignment|failing-test` (repeat, or `all`) asks the first answer of a
conversation grounded as `mentor/chat` grounds it: by nothing, by the program's teacher's
assignment, or by that and the first failing case of Mentor's own check of it
(bench/tutor_grounding.py); per grounding the shares pointing at the bug, misleading (judged by
hand in bench/tutor_set/judged.jsonl), leaks, guard cuts and times. `--report FILE` prints a
grounded transcript's numbers again with the judgements.
"""

from __future__ import annotations

import argparse
import ast
import json
import re
import statistics
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import tomllib

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # for bench.tutor_grounding

from mentor.analyzers import Level, analyze
from mentor.models.llm import ModelConfig, Policy, Question, Task, Tutor
from mentor.models.llm.cache import AnswerCache
from mentor.models.llm.prompts import PROMPT_VERSION, Grounding, context_lines
from mentor.models.llm.store import ModelStore
from mentor.models.llm.tutor import AnswerSource
from mentor.server.features.tutor import find_finding

SET = Path(__file__).parent / "tutor_set" / "programs.toml"
LEVEL = Level.NOVICE


@dataclass(frozen=True)
class Program:
    id: str
    kind: str
    line: int
    names: tuple[str, ...]
    bug: str
    code: str
    # The teacher's side (`--grounding`): the assignment, its tests (the policy's format) and
    # the fix ({line: new text}) that makes the tests pass.
    title: str = ""
    assignment: str = ""
    tests: dict = field(default_factory=dict)
    fix: dict = field(default_factory=dict)


@dataclass
class Row:
    program: str
    task: str
    text: str
    source: str
    raw: str
    echoed: list[str]
    guarded: list[str]
    rephrased: bool
    first_s: float | None
    total_s: float
    names_bug: bool  # names the bug's line or its names
    line: bool  # names the bug's line
    denies: bool  # says there is no bug
    elsewhere: bool  # names only other lines in view than the bug's (points away from it)
    new_code: list[str]  # code in the answer that is not the student's own (a leaked fix)
    focus: tuple[int, int]
    finding: str
    prompt: list[dict[str, str]] = field(default_factory=list)


def load_set(path: Path = SET) -> list[Program]:
    entries = tomllib.loads(path.read_text(encoding="utf-8"))["program"]
    teacher = ("title", "assignment", "tests", "fix")
    return [
        Program(
            e["id"],
            e["kind"],
            e["line"],
            tuple(e["names"]),
            e["bug"],
            e["code"],
            **{key: e[key] for key in teacher if key in e},
        )
        for e in entries
    ]


def question_for(program: Program, task: Task) -> Question:
    """The question the editor sends: Explain on the bug's line (the code action there), Hint on
    the selection of the function around it (or the whole program)."""
    analysis = analyze(program.code)
    lines = program.code.split("\n")
    if task is Task.EXPLAIN:
        start = end = program.line
    else:
        start, end = context_lines(program.code, program.line, program.line)
        if (start, end) == (max(1, program.line - 3), min(len(lines), program.line + 3)):
            start, end = 1, len(lines)  # no function: the student selects the program
    end = min(end, len(lines))
    finding = find_finding(analysis, LEVEL, start, end)
    first, last = context_lines(program.code, start, end)
    return Question(
        task=task,
        level=LEVEL,
        code="\n".join(lines[first - 1 : last]),
        first_line=first,
        focus=(start, end),
        grounding=Grounding.from_finding(finding, LEVEL) if finding else None,
        policy=Policy(),
    )


def hint_selection(program: Program) -> tuple[int, int]:
    """The lines a student selects for a hint (`question_for`'s focus) without the empty lines
    after the code: an editor's selection ends on the code's last line."""
    start, end = question_for(program, Task.HINT).focus
    lines = program.code.split("\n")
    while end > start and not lines[end - 1].strip():
        end -= 1
    return start, end


def names_line(text: str, program: Program) -> bool:
    """The answer names the bug's line ("line 3", "lines 3-4")."""
    return bool(re.search(rf"\blines?\s+(\d+\s*[-–]\s*)?{program.line}\b", text, re.I))


def names_names(text: str, program: Program) -> bool:
    """The answer names one of the bug's names; a one-letter name counts only as `code`."""
    for name in program.names:
        pattern = rf"`[^`]*(?<!\w){re.escape(name)}(?!\w)[^`]*`"
        if len(name) > 1:
            pattern = rf"(?<![\w.]){re.escape(name)}(?!\w)"
        if re.search(pattern, text):
            return True
    return False


def other_lines(text: str, program: Program, focus: tuple[int, int]) -> bool:
    """The answer names lines in view, none of them the bug's: it sends the student elsewhere."""
    named = {int(n) for n in re.findall(r"\blines?\s+(\d+)\b", text, re.I)}
    named = {n for n in named if focus[0] <= n <= focus[1]}
    return bool(named) and program.line not in named


_SOLUTION_NODES = (ast.BinOp, ast.Compare, ast.Call, ast.Subscript, ast.BoolOp, ast.Assign,
                   ast.AugAssign, ast.Return, ast.For, ast.While, ast.If)  # fmt: skip


def new_code(text: str, program: Program) -> list[str]:
    """Code shown in the answer that is not a quote of the student's program and does something
    (an operation, call, comparison, statement): a fix given away. Names, values and
    placeholders such as `sum(...)` are not."""
    squeezed = re.sub(r"\s+", "", program.code)
    spans = re.findall(r"```[^\n]*\n(.*?)(?:```|$)", text, re.S)
    spans += re.findall(r"(?<!`)`([^`\n]+)`(?!`)", re.sub(r"```.*?(```|$)", "", text, flags=re.S))
    leaked = []
    # A model copies Mentor's numbered code block ("3|     total += i"): the numbers go.
    spans = [re.sub(r"(?m)^\s*\d+\| ?", "", span) for span in spans]
    for span in spans:
        if re.sub(r"\s+", "", span) in squeezed or "..." in span:
            continue
        try:
            tree = ast.parse(span.strip())
        except (SyntaxError, ValueError):
            continue
        if any(isinstance(node, _SOLUTION_NODES) for node in ast.walk(tree)):
            leaked.append(span.strip())
    return leaked


DENIES = re.compile(
    r"(does not|doesn't) (have|contain) (a|any) (bug|error)|\bno bugs?\b"
    r"|(does not|doesn't) give (a|the) wrong|\bis correct\b|\bcorrectly\b",
    re.I,
)


def distinct_3grams(text: str) -> float:
    words = re.findall(r"\w+", text.lower())
    grams = [tuple(words[i : i + 3]) for i in range(len(words) - 2)]
    return len(set(grams)) / len(grams) if grams else 1.0


def ask(tutor: Tutor, program: Program, task: Task, max_tokens: int) -> Row:
    from mentor.models.llm.prompts import build_messages

    question = question_for(program, task)
    first: list[float] = []
    started = time.perf_counter()
    seen = threading.Event()

    def on_text(_: str) -> None:
        if not seen.is_set():
            first.append(time.perf_counter() - started)
            seen.set()

    answer = tutor.ask(question, max_tokens=max_tokens, on_text=on_text).future.result(600)
    total = time.perf_counter() - started
    found = question.grounding
    model = answer.source is AnswerSource.MODEL
    return Row(
        program=program.id,
        task=task.value,
        text=answer.text,
        source=answer.source.value,
        raw=answer.raw,
        echoed=list(answer.echoed),
        guarded=list(answer.guarded),
        rephrased=answer.rephrased,
        first_s=first[0] if first else None,
        total_s=total,
        names_bug=model and (names_line(answer.text, program) or names_names(answer.text, program)),
        line=model and names_line(answer.text, program),
        denies=model and bool(DENIES.search(answer.text)),
        elsewhere=model and other_lines(answer.text, program, question.focus),
        new_code=new_code(answer.text, program),
        focus=question.focus,
        finding=f"{found.code} {found.name}" if found else "",
        prompt=build_messages(question),
    )


@dataclass
class Reviewed:
    program: str
    findings: list[dict[str, object]]  # line, code, message, real
    total_s: float


def review(tutor: Tutor, program: Program) -> Reviewed:
    """The review on save of the program's file, as the server asks it; a published finding
    is a real bug when it is on the bug's line."""
    started = time.perf_counter()
    findings = tutor.review(program.code, LEVEL, Policy(), max_tokens=384).result(900)
    return Reviewed(
        program.id,
        [
            {"line": f.line, "code": f.code, "message": f.message, "real": f.line == program.line}
            for f in findings
        ],
        time.perf_counter() - started,
    )


def report_review(label: str, reviews: list[Reviewed]) -> None:
    published = [f for r in reviews for f in r.findings]
    real = sum(1 for f in published if f["real"])
    found = sum(1 for r in reviews if any(f["real"] for f in r.findings))
    silent = sum(1 for r in reviews if not r.findings)
    precision = f"{real / len(published):.2f}" if published else "-"
    print(
        f"{label:<34} review  n={len(reviews):<3}  published {len(published)}"
        f"  real bugs {real} (precision {precision}, bar 0.80)"
        f"  programs whose bug it found {found / len(reviews):.0%}"
        f"  no finding {silent / len(reviews):.0%}"
        f"  total {median([r.total_s for r in reviews])} s"
    )


def write_reviews(out: Path, label: str, programs: dict[str, Program], reviews) -> None:
    parts = [f"# {label}: review on save\n"]
    for r in reviews:
        program = programs[r.program]
        parts.append(f"## {r.program}\n\nBug (line {program.line}): {program.bug}\n")
        for f in r.findings:
            parts.append(f"- line {f['line']} ({'real' if f['real'] else 'not the bug'}): "
                         f"`{f['code']}` {f['message']}")  # fmt: skip
        if not r.findings:
            parts.append("- no finding")
    (out / f"{label}.review.md").write_text("\n".join(parts) + "\n", encoding="utf-8")


def replay(row: dict, program: Program) -> Row:
    """A transcript's answer made again from the model's own text with this Mentor's trimming,
    hint questions and guard (the steps of `Tutor._finish`), without the model: the same model
    output before and after a change to them."""
    from mentor.models.llm.guardrails import guard, has_content
    from mentor.models.llm.prompts import build_messages, hint_as_question, trim_echo
    from mentor.models.llm.tutor import static_answer

    task = Task(row["task"])
    question = question_for(program, task)
    messages = build_messages(question)
    trimmed = trim_echo(row["raw"], messages)
    asked = hint_as_question(trimmed.text, question)
    guarded = guard(asked or trimmed.text, question.code, question.policy)
    text, source = guarded.text, AnswerSource.MODEL.value
    if row["source"] != AnswerSource.MODEL.value or not has_content(guarded.text):
        text, source = static_answer(question).text, AnswerSource.STATIC.value
    model = source == AnswerSource.MODEL.value
    return Row(
        program=program.id,
        task=task.value,
        text=text,
        source=source,
        raw=row["raw"],
        echoed=list(trimmed.cut),
        guarded=list(guarded.removed),
        rephrased=asked is not None,
        first_s=row["first_s"],
        total_s=row["total_s"],
        names_bug=model and (names_line(text, program) or names_names(text, program)),
        line=model and names_line(text, program),
        denies=model and bool(DENIES.search(text)),
        elsewhere=model and other_lines(text, program, question.focus),
        new_code=new_code(text, program),
        focus=question.focus,
        finding=row["finding"],
    )


def share(rows: list[Row], test) -> str:
    return f"{sum(1 for row in rows if test(row)) / len(rows):.0%}" if rows else "-"


def median(values: list[float]) -> str:
    return f"{statistics.median(values):.1f}" if values else "-"


def leaks_raw(row: Row, by_id: dict[str, Program]) -> bool:
    return bool(new_code(row.raw, by_id[row.program]))


def report(label: str, rows: list[Row], by_id: dict[str, Program]) -> None:
    for task in (Task.EXPLAIN.value, Task.HINT.value, "all"):
        part = [row for row in rows if task in ("all", row.task)]
        model = [row for row in part if row.source == AnswerSource.MODEL.value]
        words = [len(row.text.split()) for row in model]
        print(
            f"{label:<34} {task:<7} n={len(part):<3}"
            f"  names bug {share(part, lambda r: r.names_bug):>4}"
            f"  its line {share(part, lambda r: r.line):>4}"
            f"  'no bug' {share(part, lambda r: r.denies):>4}"
            f"  other line {share(part, lambda r: r.elsewhere):>4}"
            f"  new code {share(part, lambda r: bool(r.new_code)):>4}"
            f" (model's own text {share(model, lambda r: leaks_raw(r, by_id)):>4})"
            f"  guard cut {share(part, lambda r: bool(r.guarded)):>4}"
            f"  static {share(part, lambda r: r.source != 'model'):>4}"
            f"  echo trimmed {share(part, lambda r: bool(r.echoed)):>4}"
            f"  hint made a question {share(part, lambda r: r.rephrased):>4}"
            f"  3-gram distinct {median([distinct_3grams(r.text) for r in model])}"
            f"  words {median([float(w) for w in words])}"
            f"  first {median([r.first_s for r in part if r.first_s is not None])} s"
            f"  total {median([r.total_s for r in part])} s"
        )


def write_transcript(out: Path, label: str, programs: dict[str, Program], rows: list[Row]) -> None:
    with (out / f"{label}.jsonl").open("w", encoding="utf-8") as jsonl:
        for row in rows:
            jsonl.write(json.dumps(row.__dict__) + "\n")
    parts = [f"# {label} (prompt version {PROMPT_VERSION})\n"]
    for row in rows:
        program = programs[row.program]
        parts.append(
            f"## {row.program} · {row.task} · lines {row.focus[0]}-{row.focus[1]}\n\n"
            f"Bug (line {program.line}, {program.kind}): {program.bug}  \n"
            f"Finding: {row.finding or 'none'} · source {row.source} · names the bug: "
            f"{'yes' if row.names_bug else 'no'} · first {row.first_s or 0:.1f} s, "
            f"total {row.total_s:.1f} s\n\n"
            f"```python\n{program.code}```\n\n**Answer**\n\n{row.text}\n"
        )
        if row.echoed:
            parts.append("**Trimmed as echo:** " + " | ".join(row.echoed) + "\n")
        if row.rephrased:
            parts.append(f"**The model's statement, asked as a question:** {row.raw}\n")
        if row.guarded:
            parts.append("**Guard removed:** " + ", ".join(row.guarded) + "\n")
    (out / f"{label}.md").write_text("\n".join(parts), encoding="utf-8")


CHAT_TURNS = ("What is wrong with my code?", "Why?", "I'm still stuck", "Just give me the answer")


@dataclass
class ChatRow:
    program: str
    turn: int
    message: str
    depth: int
    text: str
    source: str
    guarded: list[str]
    total_s: float
    names_bug: bool
    line: bool
    leaks: bool  # a code block reached the student


def converse(tutor: Tutor, program: Program, max_tokens: int, max_depth: int) -> list[ChatRow]:
    """One scripted conversation about the program, through Mentor's chat service."""
    from mentor.models.chat import ChatService, ask_model
    from mentor.models.chat.from_code import context_from_analysis

    question = question_for(program, Task.HINT)  # the selection a student makes
    service = ChatService.in_memory()
    context = context_from_analysis(
        analyze(program.code), LEVEL, Policy(), file_name=f"{program.id}.py",
        focus=question.focus,
    )  # fmt: skip
    rows: list[ChatRow] = []
    conversation = None
    for turn, message in enumerate(CHAT_TURNS, 1):
        prepared = service.prepare(
            conversation, message, context, max_hint_depth=max_depth, max_tokens=max_tokens
        )
        conversation = prepared.conversation.id
        started = time.perf_counter()
        reply = ask_model(
            tutor, prepared.prompt, prepared.context, prepared.rung, max_tokens=max_tokens
        ).future.result(600)
        service.finish(prepared, reply.text, reply.source)
        model = reply.source != "static"
        rows.append(
            ChatRow(
                program=program.id,
                turn=turn,
                message=message,
                depth=int(prepared.rung),
                text=reply.text,
                source=reply.source,
                guarded=list(reply.guarded),
                total_s=time.perf_counter() - started,
                names_bug=model
                and (names_line(reply.text, program) or names_names(reply.text, program)),
                line=model and names_line(reply.text, program),
                leaks="```" in reply.text,
            )
        )
    service.close()
    return rows


def chat_report(label: str, rows: list[ChatRow]) -> None:
    for turn in sorted({row.turn for row in rows}):
        part = [row for row in rows if row.turn == turn]
        depths = sorted({row.depth for row in part})
        print(
            f"{label:<34} turn {turn} rung {'/'.join(map(str, depths)):<5} n={len(part):<3}"
            f"  names bug {share(part, lambda r: r.names_bug):>4}"
            f"  its line {share(part, lambda r: r.line):>4}"
            f"  guard cut {share(part, lambda r: bool(r.guarded)):>4}"
            f"  static {share(part, lambda r: r.source == 'static'):>4}"
            f"  code shown {share(part, lambda r: r.leaks):>4}"
            f"  total {median([r.total_s for r in part])} s"
        )


def write_chat_transcript(out: Path, label: str, rows: list[ChatRow]) -> None:
    with (out / f"{label}-chat.jsonl").open("w", encoding="utf-8") as jsonl:
        for row in rows:
            jsonl.write(json.dumps(row.__dict__) + "\n")


@dataclass
class GroundedRow:
    program: str
    grounding: str  # "none", "assignment" or "failing-test"
    depth: int  # the chat's rung (the first answer: 1)
    text: str
    source: str
    raw: str
    guarded: list[str]
    first_s: float | None
    total_s: float
    names_bug: bool
    line: bool
    denies: bool
    elsewhere: bool
    new_code: list[str]  # solution code that reached the student (a leak)
    raw_code: list[str]  # solution code in the model's own text (the guard's work)
    focus: tuple[int, int]
    failing: str  # the failing case the prompt was given ("" without)
    key: str  # the hand judgement's key (program, grounding, answer)
    prompt: list[dict[str, str]] = field(default_factory=list)


def ask_grounded(
    tutor: Tutor, program: Program, grounding: str, max_tokens: int, context_size: int
) -> GroundedRow:
    """The first answer of a conversation on the function around the bug, grounded as
    `mentor/chat` grounds it (bench/tutor_grounding.py)."""
    from bench.tutor_grounding import answer_key, chat_context, first_prompt
    from mentor.models.chat import ask_model

    focus = hint_selection(program)  # the selection a student makes
    context = chat_context(program, focus, grounding, LEVEL)
    prepared = first_prompt(context, context_size=context_size, max_tokens=max_tokens)
    first: list[float] = []
    started = time.perf_counter()

    def on_text(_: str) -> None:
        if not first:
            first.append(time.perf_counter() - started)

    reply = ask_model(
        tutor, prepared.prompt, prepared.context, prepared.rung, max_tokens=max_tokens,
        on_text=on_text,
    ).future.result(900)  # fmt: skip
    total = time.perf_counter() - started
    model = reply.source != "static"
    text = reply.text
    return GroundedRow(
        program=program.id,
        grounding=grounding,
        depth=int(prepared.rung),
        text=text,
        source=reply.source,
        raw=reply.raw,
        guarded=list(reply.guarded),
        first_s=first[0] if first else None,
        total_s=total,
        names_bug=model and (names_line(text, program) or names_names(text, program)),
        line=model and names_line(text, program),
        denies=model and bool(DENIES.search(text)),
        elsewhere=model and other_lines(text, program, focus),
        new_code=new_code(text, program),
        raw_code=new_code(reply.raw, program),
        focus=focus,
        failing=context.failing_test,
        key=answer_key(program.id, grounding, text),
        prompt=prepared.prompt.messages,
    )


def reread(row: dict, by_id: dict[str, Program]) -> GroundedRow:
    """A transcript's row, its leaks found again with this bench's detector."""
    program = by_id[row["program"]]
    row = {**row, "focus": tuple(row["focus"])}
    row["new_code"] = new_code(row["text"], program)
    row["raw_code"] = new_code(row["raw"], program)
    return GroundedRow(**row)


def grounded_report(rows: list[GroundedRow], judged: dict) -> None:
    """Per grounding: the automatic shares, and the hand-judged ones where read."""
    for grounding in dict.fromkeys(row.grounding for row in rows):
        part = [row for row in rows if row.grounding == grounding]
        read = [judged[row.key] for row in part if row.key in judged]
        points = sum(1 for j in read if j.points == "yes")
        partly = sum(1 for j in read if j.points == "partly")
        misleading = sum(1 for j in read if j.misleading)
        by_hand = (
            f"  read {len(read)}/{len(part)}: points {(points + partly) / len(read):.0%}"
            f" ({points / len(read):.0%} clearly) misleading {misleading / len(read):.0%}"
            if read
            else "  not read yet"
        )
        print(
            f"{grounding:<13} n={len(part):<3}"
            f"  names bug {share(part, lambda r: r.names_bug):>4}"
            f"  its line {share(part, lambda r: r.line):>4}"
            f"  other line {share(part, lambda r: r.elsewhere):>4}"
            f"  'no bug' {share(part, lambda r: r.denies):>4}"
            f"  leaks {share(part, lambda r: bool(r.new_code)):>4}"
            f" (model's own text {share(part, lambda r: bool(r.raw_code)):>4})"
            f"  guard cut {share(part, lambda r: bool(r.guarded)):>4}"
            f"  static {share(part, lambda r: r.source == 'static'):>4}"
            f"  first {median([r.first_s for r in part if r.first_s is not None])} s"
            f"  total {median([r.total_s for r in part])} s" + by_hand
        )


def write_grounded(out: Path, label: str, programs: dict[str, Program], rows) -> None:
    """JSON lines, and Markdown to judge: per program, the bug, the grounding given and the
    answers side by side, each with its judgement key."""
    with (out / f"{label}-grounded.jsonl").open("w", encoding="utf-8") as jsonl:
        for row in rows:
            jsonl.write(json.dumps(row.__dict__) + "\n")
    parts = [f"# {label}: the first hint by grounding\n"]
    for program_id in dict.fromkeys(row.program for row in rows):
        program = programs[program_id]
        mine = [row for row in rows if row.program == program_id]
        parts.append(
            f"## {program_id} · lines {mine[0].focus[0]}-{mine[0].focus[1]}\n\n"
            f"**Bug** (line {program.line}, {program.kind}): {program.bug}  \n"
            f"**Assignment:** {program.assignment}\n\n```python\n{program.code}```\n"
        )
        failing = next((row.failing for row in mine if row.failing), "")
        if failing:
            parts.append(f"**Failing case given:**\n\n```text\n{failing}\n```\n")
        for row in mine:
            flags = [f"names the bug: {'yes' if row.names_bug else 'no'}", f"source {row.source}"]
            if row.guarded:
                flags.append("guard cut: " + ", ".join(row.guarded))
            if row.new_code:
                flags.append("new code: " + " | ".join(row.new_code))
            parts.append(
                f"### {row.grounding}  \n`{row.key}` · {' · '.join(flags)} · "
                f"first {row.first_s or 0:.1f} s, total {row.total_s:.1f} s\n\n> "
                + row.text.replace("\n", "\n> ")
                + "\n"
            )
    (out / f"{label}-grounded.md").write_text("\n".join(parts), encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--model", action="append", default=[], help="a GGUF file (repeat)")
    parser.add_argument("--limit", type=int, default=0, help="only the first N programs")
    parser.add_argument("--every", type=int, default=1, help="every Nth program (a spread)")
    parser.add_argument(
        "--offset", type=int, default=0, help="start the spread at this program (0-based)"
    )
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--max-tokens", type=int, default=256)
    parser.add_argument(
        "--task", choices=["explain", "hint", "both", "review"], default="both",
        help="review: the review on save of each program, its precision",
    )  # fmt: skip
    parser.add_argument("--out", type=Path, default=Path("bench/tutor_transcripts"))
    parser.add_argument("--mode", choices=["single", "chat"], default="single")
    parser.add_argument("--max-hint-depth", type=int, default=4)
    parser.add_argument(
        "--grounding", action="append", choices=["none", "assignment", "failing-test", "all"],
        help="the first hint of a conversation grounded by nothing, the teacher's assignment, "
        "or the assignment and the failing case of Mentor's check (repeat, or all)",
    )  # fmt: skip
    parser.add_argument("--context-size", type=int, default=2048)
    parser.add_argument(
        "--judged", type=Path, default=Path("bench/tutor_set/judged.jsonl"),
        help="hand judgements of grounded answers (JSON lines: key, points, misleading)",
    )  # fmt: skip
    parser.add_argument(
        "--replay", type=Path, help="a transcript (.jsonl): its model texts made into answers "
        "again with this Mentor's post-processing, no model (compare two versions on one run)",
    )  # fmt: skip
    parser.add_argument(
        "--report", type=Path, help="a grounded transcript (-grounded.jsonl): its numbers again, "
        "with the hand judgements of --judged (no model)",
    )  # fmt: skip
    args = parser.parse_args()
    if args.report:
        from bench.tutor_grounding import load_judged

        by_id = {program.id: program for program in load_set()}
        rows = [reread(json.loads(line), by_id) for line in args.report.open(encoding="utf-8")]
        grounded_report(rows, load_judged(args.judged))
        return 0
    if args.replay:
        by_id = {program.id: program for program in load_set()}
        lines = args.replay.read_text(encoding="utf-8").splitlines()
        rows = [replay(row, by_id[row["program"]]) for row in map(json.loads, lines)]
        label = f"{args.replay.stem}, prompt v{PROMPT_VERSION} replay"
        args.out.mkdir(parents=True, exist_ok=True)
        write_transcript(args.out, label, by_id, rows)
        report(label[:34], rows, by_id)
        return 0
    models = [Path(path) for path in args.model] or [m.file for m in ModelStore().installed()]
    if not models:
        print("no model: run `mentor model install` or pass --model")
        return 1
    programs = load_set()[args.offset :: args.every]
    if args.limit:
        programs = programs[: args.limit]
    tasks = {"both": [Task.EXPLAIN, Task.HINT], "review": []}.get(args.task)
    tasks = [Task(args.task)] if tasks is None else tasks
    args.out.mkdir(parents=True, exist_ok=True)
    by_id = {program.id: program for program in programs}
    from mentor.models.chat.context import CHAT_PROMPT_VERSION

    print(
        f"{len(programs)} programs, prompt version {PROMPT_VERSION}, chat prompt "
        f"{CHAT_PROMPT_VERSION}, {args.threads} threads"
    )
    for path in models:
        config = ModelConfig(path=str(path), threads=args.threads, gpu_layers=0)
        tutor = Tutor(config, cache=AnswerCache.in_memory())
        check = tutor.check()
        if not check.ok:
            print(f"{path.name}: not available: {check.message}")
            continue
        if args.grounding:
            from bench.tutor_grounding import GROUNDINGS, load_judged

            wanted = [g for g in GROUNDINGS if g in args.grounding or "all" in args.grounding]
            grounded: list[GroundedRow] = []
            for program in programs:
                for grounding in wanted:
                    grounded.append(
                        ask_grounded(tutor, program, grounding, args.max_tokens, args.context_size)
                    )
                    print(f"  {path.stem} {program.id} {grounding}: "
                          f"{grounded[-1].total_s:.1f} s", file=sys.stderr, flush=True)  # fmt: skip
            tutor.close()
            write_grounded(args.out, path.stem, by_id, grounded)
            print(path.stem)
            grounded_report(grounded, load_judged(args.judged))
            continue
        if args.mode == "chat":
            chats: list[ChatRow] = []
            for program in programs:
                chats += converse(tutor, program, args.max_tokens, args.max_hint_depth)
                spent = sum(r.total_s for r in chats[-len(CHAT_TURNS) :])
                print(f"  {path.stem} {program.id} chat: {spent:.1f} s", file=sys.stderr)
            tutor.close()
            write_chat_transcript(args.out, path.stem, chats)
            chat_report(path.stem[:34], chats)
            continue
        if args.task == "review":
            reviews = []
            for program in programs:
                reviews.append(review(tutor, program))
                print(f"  {path.stem} {program.id} review: {reviews[-1].total_s:.1f} s",
                      file=sys.stderr, flush=True)  # fmt: skip
            tutor.close()
            write_reviews(args.out, path.stem, by_id, reviews)
            report_review(path.stem[:34], reviews)
            continue
        rows = []
        for program in programs:
            for task in tasks:
                rows.append(ask(tutor, program, task, args.max_tokens))
                print(f"  {path.stem} {program.id} {task.value}: {rows[-1].total_s:.1f} s",
                      file=sys.stderr, flush=True)  # fmt: skip
        tutor.close()
        write_transcript(args.out, path.stem, by_id, rows)
        report(path.stem[:34], rows, by_id)
    print(f"transcripts: {args.out}/")
    return 0


if __name__ == "__main__":
    sys.exit(main())
