"""What jedi knows about the name under the cursor: static analysis only, student code never runs.

jedi is not thread-safe, so every call goes through one dedicated worker thread.
"""

from __future__ import annotations

import logging
import time
from concurrent.futures import ThreadPoolExecutor
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import jedi

from mentor.analyzers import Level
from mentor.models.llm.markdown_guard import fence
from mentor.server.hover_content import keyword_page

log = logging.getLogger(__name__)

JEDI_POOL = ThreadPoolExecutor(max_workers=1, thread_name_prefix="mentor-jedi")
MAX_DOC_LINES = 12


def warm_up() -> float:
    """Load jedi's builtins and typeshed caches (seconds when cold); returns the time taken."""
    started = time.perf_counter()
    describe("print(len('x'))\n", None, 1, 1)
    return time.perf_counter() - started


def describe(
    text: str, path: str | None, line: int, column: int, level: Level = Level.NOVICE
) -> str | None:
    """Markdown about the name or keyword at (1-based line, code-point column), or None;
    a keyword's page is worded for the learner's `level`."""
    import jedi  # here, in the jedi thread: its import is not on the path to the first diagnostics

    try:
        script = jedi.Script(code=text, path=path)
        names = script.help(line, column)
    except Exception:  # jedi on broken student code: nothing to say is a fine answer
        log.debug("jedi failed at %s:%s", line, column, exc_info=True)
        return None
    for name in names:
        markdown = _markdown(name, level)
        if markdown:
            return markdown
    return None


def _markdown(name: jedi.api.classes.Name, level: Level) -> str | None:
    try:
        signatures = [signature.to_string() for signature in name.get_signatures()]
        doc = name.docstring(raw=True) or ""
        kind = name.type
        description = name.description
    except Exception:
        return None
    if kind == "keyword":
        return keyword_page(doc, level) or None
    header = signatures[0] if signatures else description
    lines = doc.strip().splitlines()
    if len(lines) > MAX_DOC_LINES:
        lines = [*lines[:MAX_DOC_LINES], "..."]
    parts = []
    if header and kind != "keyword":
        parts.append(fence(header, "python"))  # a signature may hold backticks
    if lines:
        parts.append("\n".join(lines))
    return "\n\n".join(parts) or None
