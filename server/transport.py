"""The stdio stream under pygls, made tolerant of a client that sends bytes that are not UTF-8,
and strict about the protocol's framing.

pygls parses each message body with `json.loads(bytes)`, which rejects the whole message (a
didOpen, say, and with it the document) for one bad byte. Real editors never do this, but a
broken client or a pipe that cuts a character in two must not lose the student's file: bad bytes
become U+FFFD (shown as �) and the user is told once.

pygls (2.1) also ignores a header it cannot read: after a `Content-Length` that is missing, not
a number, negative or too small it reads every later message as a header line and never answers
again, while the process stays alive, so the editor does not restart it. Here such a stream ends
the server instead, with one line on stderr that says why; the editor then starts a new one.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from typing import BinaryIO

log = logging.getLogger(__name__)

# An HTTP-style header line (RFC 9110 token, colon, value); LSP knows Content-Length and
# Content-Type and says the others are to be ignored.
HEADER = re.compile(rb"([!#$%&'*+.^_`|~0-9A-Za-z-]+):[ \t]*([^\r\n]*?)[ \t]*\r?\n")
MAX_BODY = 1 << 30  # no editor sends a 1 GiB message: such a length is a broken header


class TolerantReader:
    """A binary reader for `LanguageServer.start_io` that repairs invalid UTF-8 in bodies and
    ends the stream (EOF to pygls, `broken` set) when the framing is lost."""

    def __init__(self, stream: BinaryIO, on_repair: Callable[[int], None] | None = None) -> None:
        self.stream = stream
        self.on_repair = on_repair
        self.broken = False  # the client broke the framing: the server should exit non-zero
        self._length: int | None = None  # the Content-Length of the headers read so far

    def readline(self) -> bytes:
        if self.broken:
            return b""
        line = self.stream.readline()
        if not line:
            return line
        if line in (b"\r\n", b"\n"):  # the end of the headers
            if self._length is None:
                return self._lose("a message without a Content-Length header")
            self._length = None
            return b"\r\n"
        header = HEADER.fullmatch(line)
        if header is None:
            return self._lose(
                f"{_shorten(line)} is not a header line: a Content-Length before it was wrong"
            )
        name, value = header.groups()
        if name.lower() != b"content-length":
            return line
        if not value.isdigit() or len(value) > 10 or not 0 < int(value) <= MAX_BODY:
            return self._lose(f"Content-Length {_shorten(value)} is not a length of a message")
        if self._length is not None and self._length != int(value):
            return self._lose("two different Content-Length headers")
        self._length = int(value)
        return b"Content-Length: %d\r\n" % self._length  # the one spelling pygls reads

    def read(self, size: int = -1) -> bytes:
        if self.broken:
            return b""
        data = self.stream.read(size)
        if len(data) == size and not data.rstrip().endswith((b"}", b"]")):
            # A JSON-RPC message is an object (or a batch): one cut short has a wrong length.
            return self._lose(f"a message body does not end where its Content-Length ({size}) says")
        try:
            data.decode("utf-8")
        except UnicodeDecodeError:
            repaired = data.decode("utf-8", errors="replace")
            bad = repaired.count("\ufffd") - data.count("\ufffd".encode())
            log.warning("the client sent %d byte(s) that are not UTF-8; replaced them", bad)
            if self.on_repair is not None:
                self.on_repair(bad)
            return repaired.encode("utf-8")
        return data

    def _lose(self, reason: str) -> bytes:
        """Stop reading: pygls takes the empty read for the end of the stream and stops."""
        self.broken = True
        log.error(
            "the client broke the LSP framing (%s); stopping, so that the editor starts the "
            "server again",
            reason,
        )
        return b""


def _shorten(data: bytes) -> str:
    text = repr(data[:60].decode("utf-8", errors="backslashreplace"))
    return text + "..." if len(data) > 60 else text
