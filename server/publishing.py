"""Delivering a document's diagnostics: wait, analyse, then push, or leave it to the client's pull.

Pushed (`publishDiagnostics`) to a client that does not announce pull diagnostics. A client that
announces them (LSP 3.17 `textDocument/diagnostic`) pulls: a document it has pulled once is
never pushed again, and when its diagnostics change without an edit (settings, the learner's
level, a review) the client is asked to pull again (`workspace/diagnostic/refresh`). Some
clients announce pull and never pull: a document not pulled within PUSH_GRACE_S of its analysis
is pushed, and a first pull after that clears the pushed copy (no duplicates).
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import logging
from typing import TYPE_CHECKING

from lsprotocol import types as lsp

from mentor.server.convert import to_diagnostics

if TYPE_CHECKING:
    from mentor.server.core import MentorServer
    from mentor.server.documents import OpenDocument

log = logging.getLogger(__name__)

# How long a document of a client that announced pull diagnostics waits for its first pull.
PUSH_GRACE_S = 1.0


def schedule(server: MentorServer, uri: str, delay: float) -> None:
    """(Re)start the wait-then-analyse task for `uri`: the latest edit wins."""
    record = server.document(uri)
    if record is None:
        return
    if record.pending is not None:
        record.pending.cancel()
    task = asyncio.get_running_loop().create_task(publish_after(server, uri, delay))
    record.pending = task
    task.add_done_callback(lambda done: _finished(server, record, done))


def republish_all(server: MentorServer) -> None:
    """Settings changed: every open document gets fresh diagnostics."""
    for uri in list(server.workspace.text_documents):
        record = server.document(uri)
        if record is not None:  # an analysis under the old settings is not reused
            record.analysis = record.analysing = None
        schedule(server, uri, delay=0)


async def current_diagnostics(
    server: MentorServer, uri: str
) -> tuple[int | None, list[lsp.Diagnostic]] | None:
    """The diagnostics of the document's current version (None: closed or edited meanwhile)."""
    result = await server.analysis_for(uri)
    record = server.document(uri)
    if result is None or record is None or record.version != result.version:
        return None
    diagnostics = to_diagnostics(
        result.analysis,
        lambda finding: server.level_for(uri, finding.rule),
        result.version,
        server.encoding,
        server.client,
    )
    for version, extra in record.diagnostics.values():
        if version == result.version:  # other sources' findings for this very text
            diagnostics.extend(extra)
    return result.version, diagnostics


async def publish_after(server: MentorServer, uri: str, delay: float) -> None:
    if delay > 0:
        await asyncio.sleep(delay)
    current = await current_diagnostics(server, uri)
    record = server.document(uri)
    if current is None or record is None:
        return  # closed or edited meanwhile: a newer task delivers the newer version
    version, diagnostics = current
    if server.client.pull_diagnostics:
        if record.pull is not None:
            stale = record.pull.version == version and record.pull.result_id != result_id(
                server, diagnostics
            )
            if stale and server.client.diagnostic_refresh:
                server.workspace_diagnostic_refresh(None)
            return  # after an edit the client pulls by itself
        await asyncio.sleep(PUSH_GRACE_S)
        if server.document(uri) is not record or record.pull is not None:
            return
        if record.version != version:
            return
    record.pushed = True
    server.text_document_publish_diagnostics(
        lsp.PublishDiagnosticsParams(uri=uri, version=version, diagnostics=diagnostics)
    )
    server.first_diagnostics_sent()


def result_id(server: MentorServer, diagnostics: list[lsp.Diagnostic]) -> str:
    """Equal for equal diagnostics (their data carries the document's version)."""
    unstructured = server.protocol._converter.unstructure(diagnostics)
    text = json.dumps(unstructured, sort_keys=True, ensure_ascii=False)
    return hashlib.blake2b(text.encode("utf-8"), digest_size=12).hexdigest()


def _finished(server: MentorServer, record: OpenDocument, task: asyncio.Task[None]) -> None:
    if record.pending is task:
        record.pending = None
    if not task.cancelled() and task.exception() is not None:
        error = task.exception()
        log.error("diagnostics for %s failed", record.uri, exc_info=error)
        server.log(f"diagnostics for {record.uri} failed: {type(error).__name__}: {error}")
