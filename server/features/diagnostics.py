"""Diagnostics: analyse on open (at once), change (debounced) and save; deliver only the latest
version, pushed or pulled (server/publishing.py says how). Also tells every feature about the
document events: pygls allows one handler per LSP method, and this feature owns those."""

from __future__ import annotations

import asyncio

from lsprotocol import types as lsp

from mentor.server.documents import PullState
from mentor.server.errors import guarded_method
from mentor.server.feature import Feature
from mentor.server.publishing import current_diagnostics, result_id, schedule

# A pull answered while the document changes analyses again, this many times at most.
PULL_ATTEMPTS = 5


class DiagnosticsFeature(Feature):
    def register(self) -> None:
        server = self.server
        server.feature(
            lsp.TEXT_DOCUMENT_DIAGNOSTIC,
            lsp.DiagnosticOptions(
                identifier="mentor", inter_file_dependencies=False, workspace_diagnostics=False
            ),
        )(guarded_method(self.document_diagnostic))
        server.feature(lsp.TEXT_DOCUMENT_DID_OPEN)(guarded_method(self.did_open))
        server.feature(lsp.TEXT_DOCUMENT_DID_CHANGE)(guarded_method(self.did_change))
        server.feature(lsp.TEXT_DOCUMENT_DID_SAVE)(guarded_method(self.did_save))
        server.feature(lsp.TEXT_DOCUMENT_DID_CLOSE)(guarded_method(self.did_close))

    def did_open(self, params: lsp.DidOpenTextDocumentParams) -> None:
        uri = params.text_document.uri
        schedule(self.server, uri, delay=0)
        self._tell("document_opened", uri)

    def did_change(self, params: lsp.DidChangeTextDocumentParams) -> None:
        uri = params.text_document.uri
        schedule(self.server, uri, delay=self.server.settings.diagnostics_delay_ms / 1000)
        self._tell("document_changed", uri)

    def did_save(self, params: lsp.DidSaveTextDocumentParams) -> None:
        uri = params.text_document.uri
        schedule(self.server, uri, delay=0)
        self._tell("document_saved", uri)

    def did_close(self, params: lsp.DidCloseTextDocumentParams) -> None:
        uri = params.text_document.uri
        record = self.server.documents.get(uri)
        if record is not None:
            self.server.call_features("document_closed", record)
        self.server.drop_document(uri)
        self.server.text_document_publish_diagnostics(
            lsp.PublishDiagnosticsParams(uri=uri, diagnostics=[])
        )

    def _tell(self, hook: str, uri: str) -> None:
        record = self.server.document(uri)
        if record is not None:
            self.server.call_features(hook, record)

    async def document_diagnostic(
        self, params: lsp.DocumentDiagnosticParams
    ) -> lsp.DocumentDiagnosticReport:
        """A pull: the diagnostics of the document's current version, or "unchanged"."""
        server = self.server
        uri = params.text_document.uri
        record = server.document(uri)
        if record is None:  # not open (or closed meanwhile): nothing to say
            return lsp.FullDocumentDiagnosticReport(items=[])
        if record.pull is None:  # no push for it from now on
            record.pull = PullState()
        state = record.pull
        if record.pushed:  # pushed before the client pulled: clear that copy
            record.pushed = False
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
        # the report goes out when this returns; start-up work then waits one turn of the loop
        asyncio.get_running_loop().call_soon(server.first_diagnostics_sent)
        if params.previous_result_id == state.result_id:
            return lsp.UnchangedDocumentDiagnosticReport(result_id=state.result_id)
        return lsp.FullDocumentDiagnosticReport(items=diagnostics, result_id=state.result_id)
