"""Mentor's own answer on each rung, from its findings: what the student gets without a model
(no model installed, the tutor off, the teacher's hourly limit reached, an unusable answer)."""

from __future__ import annotations

from mentor.models.chat.context import ChatContext, as_data
from mentor.models.chat.ladder import Rung
from mentor.models.llm.markdown_guard import clean_markdown
from mentor.models.llm.prompts import mentions_only_known_names


def static_reply(context: ChatContext, rung: Rung) -> str:
    found = context.findings[0] if context.findings else None
    line = (found.line if found else 0) or (context.focus[0] if context.focus else 0)
    quoted = _line_text(context, line)
    where = f"line {line}" + (f" (`{quoted}`)" if quoted and "`" not in quoted else "")

    def fits(text: str) -> bool:
        return bool(text) and mentions_only_known_names(text, context.code)

    if rung is Rung.CONCEPT:
        if found is not None and fits(found.question):
            text = found.question
        elif found is not None and fits(found.why):
            text = f"{found.why} How does that apply to your code?"
        else:
            text = (
                "What should your program do for one small input? Say it in one sentence, then "
                "follow your code step by step with that input: where does it do something else?"
            )
    elif rung is Rung.WHERE:
        if line:
            text = f"Look at {where}. What value does each name hold when that line runs?"
        else:
            text = (
                "Put a `print` of your variables after each step and run it with a small input: "
                "the first line where a value surprises you is the place to look."
            )
    elif rung is Rung.WHAT:
        if found is not None:
            text = f"On {where}: {_without_advice(found.message)}"
        elif line:
            text = f"Follow {where} with a small input: which value is not the one you expect?"
        else:
            text = "Compare what your program prints with what it should print, line by line."
        if context.failing_test.strip():
            text += f"\n\nThe failing test: {as_data(context.failing_test, 400)}"
        elif context.last_run.strip():
            text += f"\n\nWhen you ran it: {as_data(context.last_run, 400)}"
    else:  # the fix in words (Mentor's own answers never write code)
        if found is not None:
            text = f"On {where}: {found.message}"
            if fits(found.what):
                text += f"\n\n{found.what}"
        else:
            text = (
                "Mentor found no mistake of its own kind here. Say in one sentence what the "
                "program should do, and change one line at a time until it does."
            )
    return clean_markdown(text)


def _line_text(context: ChatContext, line: int) -> str:
    lines = context.code.split("\n")
    index = line - context.first_line
    text = lines[index].strip() if 0 <= index < len(lines) else ""
    return text if len(text) <= 70 else ""


def _without_advice(message: str) -> str:
    """The finding's message up to its advice ("Use ... instead"): what goes wrong, not how to
    fix it."""
    from mentor.models.llm.prompts import _ADVICE, _SENTENCE_END

    kept = [s for s in _SENTENCE_END.split(message) if not _ADVICE.match(s)]
    return " ".join(kept) or message
