"""LLM review on save: a second diagnostics source, `mentor-tutor`, that never delays the static
diagnostics (they are published first; the review joins them when it is done).

Off unless `mentor.review.onSave` is `on`, or `auto` with a model marked capable
(`mentor.model.capable`): a small model's review is more noise than help.
"""

from __future__ import annotations

import asyncio
import logging
from typing import TYPE_CHECKING

from lsprotocol import types as lsp

from mentor.analyzers import SourceText, Span
from mentor.models.llm import ModelUnavailable
from mentor.server.core import MentorServer
from mentor.server.documents import OpenDocument
from mentor.server.feature import Feature
from mentor.server.features.tutor import host_of
from mentor.server.positions import to_lsp_range
from mentor.server.settings import ReviewOnSave

if TYPE_CHECKING:
    from mentor.models.llm.review import ReviewFinding

log = logging.getLogger(__name__)

SOURCE = "mentor-tutor"
CODE = "review"
MAX_REVIEW_LINES = 300  # longer files do not fit a small model's context


class ReviewFeature(Feature):
    def __init__(self, server: MentorServer) -> None:
        super().__init__(server)
        self.running: dict[str, asyncio.Task[None]] = {}  # one review per document at a time

    def document_saved(self, document: OpenDocument) -> None:
        if not review_enabled(self.server):
            return
        uri = document.uri
        previous = self.running.pop(uri, None)
        if previous is not None:
            previous.cancel()
        task = asyncio.get_running_loop().create_task(review(self.server, uri))
        self.running[uri] = task
        task.add_done_callback(
            lambda done: self.running.pop(uri, None) if self.running.get(uri) is done else None
        )

    def document_closed(self, document: OpenDocument) -> None:
        task = self.running.pop(document.uri, None)
        if task is not None:
            task.cancel()


def review_enabled(server: MentorServer) -> bool:
    settings = server.settings
    if not settings.tutor_enabled or settings.review_on_save is ReviewOnSave.OFF:
        return False
    return settings.review_on_save is ReviewOnSave.ON or settings.model_capable


async def review(server: MentorServer, uri: str) -> None:
    document = server.open_document(uri)
    tutor = host_of(server).tutor()
    if document is None or tutor is None:
        return
    version, text = document.version, document.source
    lines = text.split("\n")
    if len(lines) > MAX_REVIEW_LINES:
        server.log(f"review on save skipped: {len(lines)} lines (at most {MAX_REVIEW_LINES})")
        return

    def changed() -> bool:
        current = server.open_document(uri)
        return current is None or current.version != version

    future = tutor.review(
        text,
        server.level_for(uri),
        host_of(server).policy(),
        max_tokens=max(server.settings.tutor_max_tokens, 256),
        is_stale=changed,
    )
    try:
        findings = await asyncio.wrap_future(future)
    except asyncio.CancelledError:
        raise
    except ModelUnavailable as error:
        host_of(server).announce_unavailable(str(error))
        return
    except Exception as error:
        log.exception("review on save failed")
        server.log(f"review on save failed: {type(error).__name__}: {error}")
        return
    if changed():
        return  # edited meanwhile: line numbers no longer match
    result = await server.analysis_for(uri)
    if result is None or result.version != version:
        return
    diagnostics = [_diagnostic(server, result.analysis.source, finding) for finding in findings]
    record = server.document(uri)
    if record is None:
        return
    record.diagnostics[SOURCE] = (version, diagnostics)
    server.republish(uri)  # static diagnostics plus these
    server.log(f"review on save of version {version}: {len(diagnostics)} finding(s)")


def _diagnostic(server: MentorServer, source: SourceText, finding: ReviewFinding) -> lsp.Diagnostic:
    line_text = source.line(finding.line)
    start = line_text.find(finding.code)
    if start < 0:  # the quote matched with different spacing: mark the whole line
        start, end = len(line_text) - len(line_text.lstrip()), len(line_text)
    else:
        end = start + len(finding.code)
    span = Span(finding.line, start, finding.line, end)
    return lsp.Diagnostic(
        range=to_lsp_range(source, span, server.encoding),
        message=finding.message,
        severity=lsp.DiagnosticSeverity.Information,
        source=SOURCE,
        code=CODE,
        data={"line": finding.line, "quoted": finding.code},
    )
