"""Open documents as Mentor needs them: which ones are Python, and lines split the LSP way."""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import PurePosixPath
from typing import Any
from urllib.parse import urlparse

from pygls.workspace import TextDocument, Workspace

PYTHON_SUFFIXES = {".py", ".pyw", ".pyi"}
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$")
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")  # json.loads pairs the valid ones


def split_lines(text: str) -> list[str]:
    """`text`'s lines with their endings, split only at \\n, \\r\\n and \\r, as the LSP counts."""
    return _LINE.findall(text)


class LspTextDocument(TextDocument):
    """pygls' document, with lines split only where the LSP splits them.

    pygls uses str.splitlines(), which also breaks at form feeds and Unicode separators: after
    such a character every incremental edit would land on the wrong line.
    """

    @property
    def lines(self) -> Sequence[str]:
        return tuple(split_lines(self.source))

    # pygls keeps the text in `_source`. A lone surrogate ("\ud800" in the JSON; an editor's
    # strings can hold one) is not text Python can encode: parsers, jedi and the protocol's
    # output all raise on it. As U+FFFD it keeps every position: one UTF-16 unit, three UTF-8
    # bytes, one code point, as the editor counts the surrogate.
    @property
    def _source(self) -> str | None:
        return self._text

    @_source.setter
    def _source(self, text: str | None) -> None:
        if text is not None and not text.isascii():
            text = _LONE_SURROGATE.sub("\ufffd", text)
        self._text = text


def use_lsp_lines(workspace: Workspace) -> None:
    """Make `workspace` create `LspTextDocument`s (pygls offers no hook, hence the override)."""

    def create(
        doc_uri: str,
        source: str | None = None,
        version: int | None = None,
        language_id: str | None = None,
    ) -> TextDocument:
        return LspTextDocument(
            doc_uri,
            source=source,
            version=version,
            language_id=language_id,
            sync_kind=workspace._sync_kind,
            position_codec=workspace.position_codec,
        )

    workspace._create_text_document = create  # type: ignore[method-assign]


def is_python(document: Any) -> bool:
    """Python by the editor's language id, else by the file name's suffix."""
    language = getattr(document, "language_id", None)
    if language:
        return language == "python"
    return PurePosixPath(urlparse(document.uri).path).suffix.lower() in PYTHON_SUFFIXES
