"""An OpenAI-compatible endpoint on 127.0.0.1 that streams a long, harmless tutor answer slowly
(a word every DELAY_S), as a busy classroom box does: long enough to stop mid-answer. A real
HTTP server, used by the chat's Stop tests (pytest-lsp and the VS Code e2e).

    python -m tests.support.slow_endpoint [--long-when WORD]   # prints its URL, serves until killed

With `long_when`, only a request whose last message has that word gets the long answer; the
others get the opening sentence alone (a quick answer for the tests that are not about Stop).
"""

from __future__ import annotations

import json
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

OPENING = "Let us look at the loop together. What does `i` hold on each pass?"
# Words of the long part, repeated: the answer would take minutes without a Stop.
FILLER = "Think about what the loop variable counts and what the list holds at that place. "
WORDS = (OPENING + "\n\n" + FILLER * 40).split(" ")
DELAY_S = 0.15
FIRST_DELAY_S = 1.5  # before the long answer's first word: the model "thinks" (a loaded box)


class _Slow(BaseHTTPRequestHandler):
    long_when: str | None = None  # set on a subclass per server

    def log_message(self, *args: Any) -> None:  # quiet
        pass

    def do_GET(self) -> None:  # /v1/models
        body = json.dumps({"data": [{"id": "slow"}]}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _long(self, request: dict[str, Any]) -> bool:
        if self.long_when is None:
            return True
        messages = request.get("messages") or [{}]
        return self.long_when.lower() in str(messages[-1].get("content", "")).lower()

    def do_POST(self) -> None:  # /v1/chat/completions, a word at a time
        request = json.loads(self.rfile.read(int(self.headers.get("Content-Length", 0))) or b"{}")
        words = WORDS if self._long(request) else OPENING.split(" ")
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.end_headers()
        try:
            if words is WORDS:
                time.sleep(FIRST_DELAY_S)
            for index, word in enumerate(words):
                piece = word if index == 0 else f" {word}"
                event = {"choices": [{"delta": {"content": piece}}]}
                self.wfile.write(f"data: {json.dumps(event)}\n\n".encode())
                self.wfile.flush()
                time.sleep(DELAY_S)
            self.wfile.write(b"data: [DONE]\n\n")
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client stopped reading: the student pressed Stop


@contextmanager
def slow_endpoint(long_when: str | None = None) -> Iterator[str]:
    """The endpoint's base URL while it serves."""
    handler = type("SlowHandler", (_Slow,), {"long_when": long_when})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


if __name__ == "__main__":
    import argparse

    parser = argparse.ArgumentParser()
    parser.add_argument("--long-when", default=None)
    with slow_endpoint(parser.parse_args().long_when) as url:
        print(url, flush=True)
        try:
            threading.Event().wait()
        except KeyboardInterrupt:
            sys.exit(0)
