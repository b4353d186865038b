"""A hostile model behind an OpenAI-compatible endpoint (a real HTTP server on 127.0.0.1) against
the real `mentor-lsp`: nothing of its markup or its solution reaches the student, in the command's
result, the streamed progress, the answer page on disk or the cached hover."""

from __future__ import annotations

import json
import re
import textwrap
import threading
from collections.abc import Iterator
from html.parser import HTMLParser
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from lsprotocol import types as lsp
from markdown_it import MarkdownIt

from tests.lsp_support import mentor_session

BEGINNER = textwrap.dedent(
    """\
    names = ["Ada", "Alan", "Grace"]
    for i in range(len(names)):
        print("Hello", names[i])
    """
)

HOSTILE = (
    "<scr<b>ipt>alert(1)</scr</b>ipt> <im<b>g src=x onerror=alert(2)> "
    "[Run]<i></i>(comm<b></b>and:workbench.action.terminal.new)\n\n"
    "Open [the [terminal]](command&#58;workbench.action.terminal.new) or visit "
    "https://evil.example/x.\n\n"
    "> [fix]: command:workbench.action.files.delete\n\n"
    "Here is the fix, see [fix]:\n"
    "    for name in names:\n"
    '        print("Hello", name)\n\n'
    "Or in short: `for name in names:` then `print(name)`.\n\n"
    "    result.append(name)\n\n"
    "What does `i` hold on each pass?"
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


class _Hostile(BaseHTTPRequestHandler):
    def log_message(self, *args: Any) -> None:  # quiet
        pass

    def do_GET(self) -> None:  # /v1/models
        self._send(200, "application/json", json.dumps({"data": [{"id": "hostile"}]}).encode())

    def do_POST(self) -> None:  # /v1/chat/completions, streamed in small pieces
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.end_headers()
        for start in range(0, len(HOSTILE), 9):
            event = {"choices": [{"delta": {"content": HOSTILE[start : start + 9]}}]}
            self.wfile.write(f"data: {json.dumps(event)}\n\n".encode())
        self.wfile.write(b"data: [DONE]\n\n")

    def _send(self, status: int, kind: str, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture
def endpoint() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Hostile)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


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
