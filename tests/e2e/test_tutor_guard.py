"""A hostile model behind an OpenAI-compatible endpoint (a real HTTP server on 127.0.0.1) against
the real `mentor-lsp`: nothing of its markup or its solution reaches the student, in the command's
result, the streamed progress, the answer page on disk or the cached hover."""

from __future__ import annotations

import json
import re
import textwrap
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from lsprotocol import types as lsp
from markdown_it import MarkdownIt

from tests.support.hostile_endpoint import hostile_endpoint
from tests.support.lsp_support import mentor_session

BEGINNER = textwrap.dedent(
    """\
    names = ["Ada", "Alan", "Grace"]
    for i in range(len(names)):
        print("Hello", names[i])
    """
)

SOLUTION = ("for name in names", "print(name)", 'print("Hello", name)', "result.append")
FORBIDDEN_TEXT = ("<script", "onerror", "command:", "evil.example/x")
RENDERER = MarkdownIt("commonmark", {"html": True, "linkify": True}).enable(["linkify"])
ALLOWED = {"p", "em", "strong", "h1", "h2", "h3", "ul", "ol", "li", "blockquote", "code", "pre"}
ALLOWED |= {"br", "hr"}  # hr: Mentor's own separators between hover sections and the footer


class _Elements(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.bad: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in ALLOWED or any(name in ("href", "src") for name, _ in attrs):
            self.bad.append(f"<{tag} {attrs}>")


def assert_harmless(markdown: str) -> None:
    for forbidden in (*FORBIDDEN_TEXT, *SOLUTION):
        assert forbidden not in markdown, (forbidden, markdown)
    assert not re.search(r"(?<!\\)\]\(", markdown), markdown  # a link's `](`, unescaped
    elements = _Elements()
    elements.feed(RENDERER.render(markdown))
    assert elements.bad == [], markdown


@pytest.fixture
def endpoint() -> Iterator[str]:
    with hostile_endpoint() as url:
        yield url


async def test_a_hostile_answer_reaches_no_result_page_or_hover(tmp_path: Path, endpoint: str):
    (tmp_path / "student.py").write_text(BEGINNER, encoding="utf-8")
    options = {"model": {"endpoint": endpoint}, "tutor": {"maxTokens": 400}}
    async with mentor_session(tmp_path, initialization_options=options) as client:
        uri = client.open(tmp_path / "student.py")
        diagnostics = await client.diagnostics_for(uri, version=1)
        loop = next(d for d in diagnostics if d.code == "MNT101")
        target = {"uri": uri, "range": json.loads(json.dumps(_range(loop.range))), "code": "MNT101"}
        result = await client.workspace_execute_command_async(
            lsp.ExecuteCommandParams(command="mentor.explain", arguments=[target])
        )
        hover = await client.text_document_hover_async(
            lsp.HoverParams(
                text_document=lsp.TextDocumentIdentifier(uri=uri), position=loop.range.start
            )
        )
    assert result["source"] == "model", result
    assert "What does `i` hold on each pass?" in result["markdown"]  # the teaching survives
    assert_harmless(result["markdown"])
    streamed = [
        report.message
        for reports in client.progress_reports.values()
        for report in reports
        if isinstance(report, lsp.WorkDoneProgressReport) and report.message
    ]
    assert streamed, "nothing was streamed"
    for shown in streamed:
        assert_harmless(shown)
    page = Path(client.shown_documents[-1].uri.removeprefix("file://")).read_text("utf-8")
    assert result["markdown"] in page
    assert "`student.py`" in page  # Mentor's own heading: the file name is code, not a link
    assert_harmless(page)
    value = hover.contents.value
    assert "Mentor's tutor" in value, "the hover does not show the cached answer"
    assert result["markdown"] in value
    # The rule's own message above it may name the idiom (`for name in names:`): that is Mentor's
    # teaching text, so the solution check applies to the tutor's part; the markup check to all.
    tutor_part = value.split("**Mentor's tutor**", 1)[1].split("\n---\n", 1)[0]
    assert_harmless(tutor_part)
    elements = _Elements()
    elements.feed(RENDERER.render(value))
    assert elements.bad == [], value


def _range(where: lsp.Range) -> dict[str, Any]:
    return {
        "start": {"line": where.start.line, "character": where.start.character},
        "end": {"line": where.end.line, "character": where.end.character},
    }
