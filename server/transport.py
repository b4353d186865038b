"""The stdio stream under pygls, made tolerant of a client that sends bytes that are not UTF-8.

pygls parses each message body with `json.loads(bytes)`, which rejects the whole message (a
didOpen, say, and with it the document) for one bad byte. Real editors never do this, but a
broken client or a pipe that cuts a character in two must not lose the student's file: bad bytes
become U+FFFD (shown as �) and the user is told once.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import BinaryIO

log = logging.getLogger(__name__)


class TolerantReader:
    """A binary reader for `LanguageServer.start_io` that repairs invalid UTF-8 in bodies."""

    def __init__(self, stream: BinaryIO, on_repair: Callable[[int], None] | None = None) -> None:
        self.stream = stream
        self.on_repair = on_repair

    def readline(self) -> bytes:
        return self.stream.readline()

    def read(self, size: int = -1) -> bytes:
        data = self.stream.read(size)
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
