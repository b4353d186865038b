"""An OpenAI-compatible endpoint on 127.0.0.1 that keeps the messages of every chat completion
it is asked for and answers each with one short question (a real HTTP server, as a classroom
box is): what the server sends the model, seen from outside the server."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

ANSWER = "What does your loop do on its last pass?"


class Recorded:
    def __init__(self) -> None:
        self.requests: list[list[dict[str, str]]] = []  # the messages of each request


def _handler(recorded: Recorded) -> type[BaseHTTPRequestHandler]:
    class Recording(BaseHTTPRequestHandler):
        def log_message(self, *args: Any) -> None:  # quiet
            pass

        def do_GET(self) -> None:  # /v1/models
            body = json.dumps({"data": [{"id": "recording"}]}).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def do_POST(self) -> None:  # /v1/chat/completions, streamed
            body = json.loads(self.rfile.read(int(self.headers.get("Content-Length", 0))))
            recorded.requests.append(body.get("messages", []))
            self.send_response(200)
            self.send_header("Content-Type", "text/event-stream")
            self.end_headers()
            event = {"choices": [{"delta": {"content": ANSWER}}]}
            self.wfile.write(f"data: {json.dumps(event)}\n\n".encode())
            self.wfile.write(b"data: [DONE]\n\n")

    return Recording


@contextmanager
def recording_endpoint() -> Iterator[tuple[str, Recorded]]:
    """The endpoint's base URL and what it has been sent, while it serves."""
    recorded = Recorded()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(recorded))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", recorded
    finally:
        server.shutdown()
        server.server_close()
