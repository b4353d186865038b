"""An OpenAI-compatible endpoint on 127.0.0.1 whose model is hostile: it answers every chat
completion with HOSTILE, streamed in small pieces (a real HTTP server, as a classroom box is)."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

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
PIECE = 9


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
        for start in range(0, len(HOSTILE), PIECE):
            event = {"choices": [{"delta": {"content": HOSTILE[start : start + PIECE]}}]}
            self.wfile.write(f"data: {json.dumps(event)}\n\n".encode())
        self.wfile.write(b"data: [DONE]\n\n")

    def _send(self, status: int, kind: str, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@contextmanager
def hostile_endpoint() -> Iterator[str]:
    """The endpoint's base URL while it serves."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Hostile)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
