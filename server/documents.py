"""Open documents as Mentor needs them: one record per document, which ones are Python, and
lines split the LSP way."""

from __future__ import annotations

import asyncio
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import Any
from urllib.parse import urlparse

from lsprotocol import types as lsp
from pygls.workspace import TextDocument, Workspace

from mentor.analyzers import Analysis, DocumentAnalyzer

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


@dataclass
class PullState:
    """The client pulls this document's diagnostics (`textDocument/diagnostic`): the version
    and result id of the last report it got (None until the first answer)."""

    version: int | None = None
    result_id: str | None = None


@dataclass(frozen=True)
class DocumentAnalysis:
    """The analysis of one version of one open document."""

    uri: str
    version: int | None
    analysis: Analysis


@dataclass
class OpenDocument:
    """Everything the server keeps for one open document, dropped when the editor closes it.

    The text and version are the editor's (pygls' workspace document); the rest is Mentor's."""

    uri: str
    text_document: TextDocument
    # Re-analyses reuse what an edit left unchanged.
    analyzer: DocumentAnalyzer = field(default_factory=DocumentAnalyzer)
    # The wait-then-analyse-then-publish task (the latest edit wins).
    pending: asyncio.Task[None] | None = None
    # The analysis of the latest version analysed, and the one being computed (shared by a
    # push and a pull of one version).
    analysis: DocumentAnalysis | None = None
    analysing: tuple[int | None, str, asyncio.Future[Analysis]] | None = None
    # Diagnostics of sources other than the static checker ("mentor-tutor", "mentor-run"), by
    # source, each for one version of the text; published together with the static ones.
    diagnostics: dict[str, tuple[int | None, list[lsp.Diagnostic]]] = field(default_factory=dict)
    pull: PullState | None = None  # set once the client pulled: it is not pushed any more
    pushed: bool = False  # diagnostics were pushed (a first pull clears that copy)
    # The learner's: when the next snapshot is due, and the rules whose quick fix the student
    # accepted since the last one (credited as fixed with help).
    snapshot_timer: asyncio.TimerHandle | None = None
    quick_fixed: set[str] = field(default_factory=set)

    @property
    def text(self) -> str:
        return self.text_document.source

    @property
    def version(self) -> int | None:
        return self.text_document.version

    @property
    def path(self) -> str | None:
        """The file's path, for documents that are files (not untitled buffers)."""
        return self.text_document.path if self.uri.startswith("file:") else None
