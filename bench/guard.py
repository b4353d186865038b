"""What the guard costs per answer and per streamed answer, next to markdown-it-py rendering the
same text to HTML (the work any Markdown viewer does anyway).

    .venv/bin/python bench/guard.py

The stream guards every prefix the student sees (one per piece, here 4 characters a piece, about
a token), so its cost grows with the square of the answer's length: it must stay small next to
the model's own time per token (tens of milliseconds on a CPU).
"""

from __future__ import annotations

import time
from collections.abc import Callable

from markdown_it import MarkdownIt

from mentor.models.llm.guardrails import Policy, guard

STUDENT = 'names = ["Ada", "Alan"]\nfor i in range(len(names)):\n    print(names[i])\n'
ANSWER = (
    "The loop counts positions with `range(len(names))` and then reads `names[i]`.\n\n"
    "- What does `i` hold on each pass?\n- What would happen if `names` were empty?\n\n"
    "> A **for** loop can give you each *item* directly.\n\n"
    "```python\nfor name in names:\n    print(name)\n```\n\n"
    "Try it in student.py, then ask: is `names[i]` still needed? <b>Note</b> "
    "[see](command:x) https://example.com\n\n"
) * 2
PIECE = 4


def best_of(runs: int, work: Callable[[], object]) -> float:
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        work()
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    html = MarkdownIt("commonmark", {"html": True})
    prefixes = [ANSWER[:end] for end in range(PIECE, len(ANSWER) + PIECE, PIECE)]
    guard_one = best_of(20, lambda: guard(ANSWER, STUDENT, Policy()))
    render_one = best_of(20, lambda: html.render(ANSWER))
    guard_stream = best_of(3, lambda: [guard(p, STUDENT, Policy()) for p in prefixes])
    render_stream = best_of(3, lambda: [html.render(p) for p in prefixes])
    print(f"answer: {len(ANSWER)} characters, streamed in {len(prefixes)} pieces")
    print(
        f"one answer:   guard {guard_one * 1000:.2f} ms, markdown-it render "
        f"{render_one * 1000:.2f} ms, ratio {guard_one / render_one:.1f}x"
    )
    print(
        f"whole stream: guard {guard_stream * 1000:.0f} ms "
        f"({guard_stream / len(prefixes) * 1000:.2f} ms a piece), markdown-it render "
        f"{render_stream * 1000:.0f} ms, ratio {guard_stream / render_stream:.1f}x"
    )


if __name__ == "__main__":
    main()
