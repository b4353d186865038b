"""Diagnostics: analyse on open, change (debounced) and save; deliver only the latest version.

Delivery: pushed (`publishDiagnostics`) to a client that does not announce pull diagnostics.
A client that announces them (LSP 3.17 `textDocument/diagnostic`) pulls: a document it has
pulled once is never pushed again, and when its diagnostics change without an edit (settings,
the learner's level, a review) the client is asked to pull again (`workspace/diagnostic/refresh`).
Some clients announce pull and never pull: a document not pulled within PUSH_GRACE_S of its
analysis is pushed, and a first pull after that clears the pushed copy (no duplicates).
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import logging

from lsprotocol import types as lsp

from mentor.server.convert import to_diagnostics
from mentor.server.core import MentorServer, PullState
from mentor.server.errors import guarded

log = logging.getLogger(__name__)

# How long a document of a client that announced pull diagnostics waits for its first pull.
PUSH_GRACE_S = 1.0
# A pull answered while the document changes analyses again, this many times at most.
PULL_ATTEMPTS = 5


def register(server: MentorServer) -> None:
    server.feature(
        lsp.TEXT_DOCUMENT_DIAGNOSTIC,
        lsp.DiagnosticOptions(
            identifier="mentor", inter_file_dependencies=False, workspace_diagnostics=False
        ),
    )(document_diagnostic)
    server.feature(lsp.TEXT_DOCUMENT_DID_OPEN)(did_open)
    server.feature(lsp.TEXT_DOCUMENT_DID_CHANGE)(did_change)
    server.feature(lsp.TEXT_DOCUMENT_DID_SAVE)(did_save)
    server.feature(lsp.TEXT_DOCUMENT_DID_CLOSE)(did_close)


@guarded
def did_open(server: MentorServer, params: lsp.DidOpenTextDocumentParams) -> None:
    schedule(server, params.text_document.uri, delay=0)
    server.notify_document_listeners("open", params.text_document.uri)


@guarded
def did_change(server: MentorServer, params: lsp.DidChangeTextDocumentParams) -> None:
    schedule(server, params.text_document.uri, delay=server.settings.diagnostics_delay_ms / 1000)
    server.notify_document_listeners("change", params.text_document.uri)


@guarded
def did_save(server: MentorServer, params: lsp.DidSaveTextDocumentParams) -> None:
    schedule(server, params.text_document.uri, delay=0)
    server.notify_document_listeners("save", params.text_document.uri)


@guarded
def did_close(server: MentorServer, params: lsp.DidCloseTextDocumentParams) -> None:
    uri = params.text_document.uri
    server.notify_document_listeners("close", uri)
    server.forget(uri)
    server.text_document_publish_diagnostics(lsp.PublishDiagnosticsParams(uri=uri, diagnostics=[]))


def schedule(server: MentorServer, uri: str, delay: float) -> None:
    """(Re)start the wait-then-analyse task for `uri`: the latest edit wins."""
    previous = server.pending.pop(uri, None)
    if previous is not None:
        previous.cancel()
    task = asyncio.get_running_loop().create_task(publish_after(server, uri, delay))
    server.pending[uri] = task
    task.add_done_callback(lambda done: _finished(server, uri, done))


def republish_all(server: MentorServer) -> None:
    """Settings changed: every open document gets fresh diagnostics."""
    server.analyses.clear()
    server.analysing.clear()  # an analysis under the old settings is not reused
    for uri in list(server.workspace.text_documents):
        schedule(server, uri, delay=0)


async def current_diagnostics(
    server: MentorServer, uri: str
) -> tuple[int | None, list[lsp.Diagnostic]] | None:
    """The diagnostics of the document's current version (None: closed or edited meanwhile)."""
    result = await server.analysis_for(uri)
    document = server.open_document(uri)
    if result is None or document is None or document.version != result.version:
        return None
    diagnostics = to_diagnostics(
        result.analysis,
        lambda finding: server.level_for(uri, finding.rule),
        result.version,
        server.encoding,
        server.client,
    )
    for version, extra in server.extra_diagnostics.get(uri, {}).values():
        if version == result.version:  # other sources' findings for this very text
            diagnostics.extend(extra)
    return result.version, diagnostics


async def publish_after(server: MentorServer, uri: str, delay: float) -> None:
    if delay > 0:
        await asyncio.sleep(delay)
    current = await current_diagnostics(server, uri)
    if current is None:
        return  # closed or edited meanwhile: a newer task delivers the newer version
    version, diagnostics = current
    if server.client.pull_diagnostics:
        pulled = server.pulled.get(uri)
        if pulled is not None:
            stale = pulled.version == version and pulled.result_id != result_id(server, diagnostics)
            if stale and server.client.diagnostic_refresh:
                server.workspace_diagnostic_refresh(None)
            return  # after an edit the client pulls by itself
        await asyncio.sleep(PUSH_GRACE_S)
        document = server.open_document(uri)
        if uri in server.pulled or document is None or document.version != version:
            return
    server.pushed.add(uri)
    server.text_document_publish_diagnostics(
        lsp.PublishDiagnosticsParams(uri=uri, version=version, diagnostics=diagnostics)
    )
    server.first_diagnostics_sent()


@guarded
async def document_diagnostic(
    server: MentorServer, params: lsp.DocumentDiagnosticParams
) -> lsp.DocumentDiagnosticReport:
    """A pull: the diagnostics of the document's current version, or "unchanged"."""
    uri = params.text_document.uri
    if server.open_document(uri) is None:  # not open (or closed meanwhile): nothing to say
        return lsp.FullDocumentDiagnosticReport(items=[])
    state = server.pulled.setdefault(uri, PullState())  # no push for it from now on
    if uri in server.pushed:  # pushed before the client pulled: clear that copy
        server.pushed.discard(uri)
        server.text_document_publish_diagnostics(
            lsp.PublishDiagnosticsParams(uri=uri, diagnostics=[])
        )
    current = None
    for _ in range(PULL_ATTEMPTS):  # edited while analysed: analyse the newer version
        current = await current_diagnostics(server, uri)
        if current is not None or server.open_document(uri) is None:
            break
    version, diagnostics = current if current is not None else (None, [])
    state.version, state.result_id = version, result_id(server, diagnostics)
    # the report goes out when this returns; start-up work then waits one turn of the loop more
    asyncio.get_running_loop().call_soon(server.first_diagnostics_sent)
    if params.previous_result_id == state.result_id:
        return lsp.UnchangedDocumentDiagnosticReport(result_id=state.result_id)
    return lsp.FullDocumentDiagnosticReport(items=diagnostics, result_id=state.result_id)


def result_id(server: MentorServer, diagnostics: list[lsp.Diagnostic]) -> str:
    """Equal for equal diagnostics (their data carries the document's version)."""
    unstructured = server.protocol._converter.unstructure(diagnostics)
    text = json.dumps(unstructured, sort_keys=True, ensure_ascii=False)
    return hashlib.blake2b(text.encode("utf-8"), digest_size=12).hexdigest()


def _finished(server: MentorServer, uri: str, task: asyncio.Task[None]) -> None:
    if server.pending.get(uri) is task:
        del server.pending[uri]
    if not task.cancelled() and task.exception() is not None:
        error = task.exception()
        log.error("diagnostics for %s failed", uri, exc_info=error)
        server.log(f"diagnostics for {uri} failed: {type(error).__name__}: {error}")
