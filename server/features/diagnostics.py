"""Diagnostics: analyse on open, change (debounced) and save; publish only the latest version."""

from __future__ import annotations

import asyncio
import logging

from lsprotocol import types as lsp

from mentor.server.convert import to_diagnostics
from mentor.server.core import MentorServer
from mentor.server.errors import guarded

log = logging.getLogger(__name__)


def register(server: MentorServer) -> None:
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
    for uri in list(server.workspace.text_documents):
        schedule(server, uri, delay=0)


async def publish_after(server: MentorServer, uri: str, delay: float) -> None:
    if delay > 0:
        await asyncio.sleep(delay)
    result = await server.analysis_for(uri)
    document = server.open_document(uri)
    if result is None or document is None or document.version != result.version:
        return  # closed or edited meanwhile: a newer task publishes the newer version
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
    server.text_document_publish_diagnostics(
        lsp.PublishDiagnosticsParams(uri=uri, version=result.version, diagnostics=diagnostics)
    )


def _finished(server: MentorServer, uri: str, task: asyncio.Task[None]) -> None:
    if server.pending.get(uri) is task:
        del server.pending[uri]
    if not task.cancelled() and task.exception() is not None:
        error = task.exception()
        log.error("diagnostics for %s failed", uri, exc_info=error)
        server.log(f"diagnostics for {uri} failed: {type(error).__name__}: {error}")
