"""Quick fixes: decode the fix each diagnostic carries in `data`; never re-analyse."""

from __future__ import annotations

from typing import Any

from lsprotocol import types as lsp

from mentor.server.convert import SOURCE
from mentor.server.core import MentorServer
from mentor.server.errors import guarded

OPTIONS = lsp.CodeActionOptions(code_action_kinds=[lsp.CodeActionKind.QuickFix])


def register(server: MentorServer) -> None:
    server.feature(lsp.TEXT_DOCUMENT_CODE_ACTION, OPTIONS)(code_actions)


@guarded
def code_actions(server: MentorServer, params: lsp.CodeActionParams) -> list[lsp.CodeAction] | None:
    uri = params.text_document.uri
    document = server.open_document(uri)
    if document is None:
        return None
    wanted = params.context.only
    if wanted and not any(kind.startswith(lsp.CodeActionKind.QuickFix) for kind in wanted):
        return None
    actions = []
    for diagnostic in params.context.diagnostics:
        action = _quick_fix(server, uri, document.version, diagnostic)
        if action is not None:
            actions.append(action)
    return actions or None


def _quick_fix(
    server: MentorServer, uri: str, version: int | None, diagnostic: lsp.Diagnostic
) -> lsp.CodeAction | None:
    data: Any = diagnostic.data
    if (
        diagnostic.source != SOURCE
        or not isinstance(data, dict)
        or not isinstance(data.get("fix"), dict)
    ):
        return None
    if data.get("version") != version:
        return None  # the text changed since: fresh diagnostics (and fixes) are on their way
    fix = data["fix"]
    edits = [
        lsp.TextEdit(range=_range(edit["range"]), new_text=edit["newText"]) for edit in fix["edits"]
    ]
    if server.client.document_changes:
        workspace_edit = lsp.WorkspaceEdit(
            document_changes=[
                lsp.TextDocumentEdit(
                    text_document=lsp.OptionalVersionedTextDocumentIdentifier(
                        uri=uri, version=version
                    ),
                    edits=edits,
                )
            ]
        )
    else:
        workspace_edit = lsp.WorkspaceEdit(changes={uri: edits})
    safe = fix.get("applicability") == "safe"
    title = fix["title"] if safe else f"{fix['title']} (review: changes behaviour)"
    return lsp.CodeAction(
        title=title,
        kind=lsp.CodeActionKind.QuickFix,
        diagnostics=[diagnostic],
        edit=workspace_edit,
        is_preferred=safe,
    )


def _range(value: dict[str, Any]) -> lsp.Range:
    return lsp.Range(
        start=lsp.Position(line=value["start"]["line"], character=value["start"]["character"]),
        end=lsp.Position(line=value["end"]["line"], character=value["end"]["character"]),
    )
