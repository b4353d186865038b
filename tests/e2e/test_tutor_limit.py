"""The teacher's `mentor.tutor.maxRequestsPerHour` against the real `mentor-lsp` and a real
OpenAI-compatible endpoint on 127.0.0.1 that counts the requests it serves."""

from __future__ import annotations

import json
import re
import textwrap
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from lsprotocol import types as lsp

from tests.support.lsp_support import mentor_session

PROGRAM = textwrap.dedent(
    """\
    names = ["Ada", "Alan", "Grace"]
    for i in range(len(names)):
        print("Hello", names[i])
    total = 0
    for n in [1, 2, 3]:
        total = total + n
    print(total)
    """
)
REPLY = "What value does `i` hold on each pass of the loop?"


@contextmanager
def counting_endpoint() -> Iterator[tuple[str, list[int]]]:
    """(base URL, list that grows by one per chat completion served)."""
    served: list[int] = []

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: Any) -> None:
            pass

        def do_GET(self) -> None:  # /v1/models
            body = json.dumps({"data": [{"id": "counting"}]}).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def do_POST(self) -> None:  # /v1/chat/completions
            self.rfile.read(int(self.headers.get("Content-Length", 0)))
            served.append(1)
            self.send_response(200)
            self.send_header("Content-Type", "text/event-stream")
            self.end_headers()
            event = {"choices": [{"delta": {"content": REPLY}}]}
            self.wfile.write(f"data: {json.dumps(event)}\n\ndata: [DONE]\n\n".encode())

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", served
    finally:
        server.shutdown()
        server.server_close()


def _hint_on(uri: str, first: int, last: int) -> lsp.ExecuteCommandParams:
    where = {"start": {"line": first, "character": 0}, "end": {"line": last, "character": 0}}
    return lsp.ExecuteCommandParams(command="mentor.hint", arguments=[{"uri": uri, "range": where}])


async def test_past_the_teachers_limit_the_student_is_told_and_the_model_is_not_asked(
    tmp_path: Path,
):
    (tmp_path / "student.py").write_text(PROGRAM, encoding="utf-8")
    with counting_endpoint() as (url, served):
        options = {"model": {"endpoint": url}, "tutor": {"maxRequestsPerHour": 2}}
        async with mentor_session(tmp_path, initialization_options=options) as client:
            uri = client.open(tmp_path / "student.py")
            await client.diagnostics_for(uri, version=1)
            ask = client.workspace_execute_command_async
            first = await ask(_hint_on(uri, 1, 3))
            again = await ask(_hint_on(uri, 1, 3))  # the same question: from the cache
            second = await ask(_hint_on(uri, 4, 6))
            third = await ask(_hint_on(uri, 0, 1))
    assert [first["source"], again["source"], second["source"]] == ["model", "cache", "model"]
    assert len(served) == 2, "the model was asked past the teacher's limit"
    assert third["source"] == "static", third
    opening = third["markdown"].split("\n\n", 1)
    assert re.fullmatch(
        r"Your teacher allows 2 tutor questions an hour; the next one is possible at "
        r"\d\d:\d\d\. Here is Mentor's own explanation:",
        opening[0],
    ), third["markdown"]
    assert "**Hint.**" in opening[1]  # Mentor's own hint follows


async def test_restarting_the_editor_does_not_start_the_teachers_hour_again(tmp_path: Path):
    (tmp_path / "student.py").write_text(PROGRAM, encoding="utf-8")
    with counting_endpoint() as (url, served):
        options = {"model": {"endpoint": url}, "tutor": {"maxRequestsPerHour": 1}}
        async with mentor_session(tmp_path, initialization_options=options) as client:
            uri = client.open(tmp_path / "student.py")
            await client.diagnostics_for(uri, version=1)
            first = await client.workspace_execute_command_async(_hint_on(uri, 1, 3))
        async with mentor_session(tmp_path, initialization_options=options) as client:
            uri = client.open(tmp_path / "student.py")
            await client.diagnostics_for(uri, version=1)
            after_restart = await client.workspace_execute_command_async(_hint_on(uri, 4, 6))
    assert first["source"] == "model"
    assert len(served) == 1, "a restart let the student past the teacher's limit"
    assert after_restart["source"] == "static"
    assert after_restart["markdown"].startswith("Your teacher allows 1 tutor question an hour")
