"""What the connected editor can do, read once from its declared capabilities."""

from __future__ import annotations

from dataclasses import dataclass

from lsprotocol import types as lsp


@dataclass(frozen=True)
class ClientSupport:
    markdown_hover: bool = False
    document_changes: bool = False
    configuration: bool = False
    code_description: bool = False
    diagnostic_tags: bool = False
    work_done_progress: bool = False
    show_document: bool = False
    # Resolves code actions when chosen (VS Code and Neovim do so for any action without an
    # edit, whatever properties they list), so an action's command can be attached lazily.
    code_action_resolve: bool = False
    # VS Code (and its builds) shows a diagnostic's sentence in the same hover as the server's
    # text, so the hover need not say it again.
    shows_diagnostics_in_hover: bool = False
    # LSP 3.17 pull diagnostics (`textDocument/diagnostic`), and whether the client re-pulls
    # when asked (`workspace/diagnostic/refresh`).
    pull_diagnostics: bool = False
    diagnostic_refresh: bool = False

    @classmethod
    def from_capabilities(
        cls, capabilities: lsp.ClientCapabilities, client_info: lsp.ClientInfo | None = None
    ) -> ClientSupport:
        text = capabilities.text_document
        workspace = capabilities.workspace
        window = capabilities.window
        hover = text.hover if text else None
        diagnostics = text.publish_diagnostics if text else None
        edits = workspace.workspace_edit if workspace else None
        return cls(
            markdown_hover=bool(
                hover and hover.content_format and lsp.MarkupKind.Markdown in hover.content_format
            ),
            document_changes=bool(edits and edits.document_changes),
            configuration=bool(workspace and workspace.configuration),
            code_description=bool(diagnostics and diagnostics.code_description_support),
            diagnostic_tags=bool(diagnostics and diagnostics.tag_support),
            work_done_progress=bool(window and window.work_done_progress),
            show_document=bool(window and window.show_document and window.show_document.support),
            code_action_resolve=_resolves(text),
            shows_diagnostics_in_hover=_is_vscode(client_info),
            pull_diagnostics=bool(text and text.diagnostic),
            diagnostic_refresh=bool(
                workspace and workspace.diagnostics and workspace.diagnostics.refresh_support
            ),
        )


# `clientInfo.name` of VS Code and the editors built from it (vscode-languageclient sends the
# application's name).
VSCODE_NAMES = ("visual studio code", "vscodium", "code - oss", "code-server", "cursor")


def _is_vscode(client_info: lsp.ClientInfo | None) -> bool:
    name = (client_info.name if client_info else "").lower()
    return name.startswith(VSCODE_NAMES)


def _resolves(text: lsp.TextDocumentClientCapabilities | None) -> bool:
    action = text.code_action if text else None
    return bool(action and action.resolve_support)
