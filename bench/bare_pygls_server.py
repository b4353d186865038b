"""The floor for `bench/startup.py`: a bare pygls 2 server that publishes one diagnostic on
`didOpen`. Any Python language server built on pygls pays at least this much to start."""

from __future__ import annotations

from lsprotocol import types as lsp
from pygls.lsp.server import LanguageServer

server = LanguageServer(name="bare", version="0")


@server.feature(lsp.TEXT_DOCUMENT_DID_OPEN)
def did_open(ls: LanguageServer, params: lsp.DidOpenTextDocumentParams) -> None:
    start = lsp.Position(line=0, character=0)
    diagnostic = lsp.Diagnostic(range=lsp.Range(start=start, end=start), message="opened")
    ls.text_document_publish_diagnostics(
        lsp.PublishDiagnosticsParams(
            uri=params.text_document.uri,
            version=params.text_document.version,
            diagnostics=[diagnostic],
        )
    )


if __name__ == "__main__":
    server.start_io()
