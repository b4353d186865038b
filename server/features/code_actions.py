"""Code actions: each provider adds its own actions (quick fixes first); one handler serves all.

pygls allows one handler per LSP method, so features that offer code actions register a
provider here instead of a handler of their own.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from lsprotocol import types as lsp
from pygls.workspace import TextDocument

from mentor.server.convert import SOURCE
from mentor.server.core import MentorServer
from mentor.server.errors import guarded
from mentor.server.features.tutor import resolve_tutor_action, tutor_actions

Provider = Callable[[MentorServer, lsp.CodeActionParams, TextDocument], list[lsp.CodeAction]]
# Fills in what a provider left out of an action until the user chose it (codeAction/resolve);
# returns the action unchanged when it is not its own.
Resolver = Callable[[MentorServer, lsp.CodeAction], lsp.CodeAction]

OPTIONS = lsp.CodeActionOptions(
    code_action_kinds=[lsp.CodeActionKind.QuickFix], resolve_provider=True
)

# The client runs this command after applying a quick fix's edit (LSP: `edit` first, then
# `command`), so the learner model knows the fix was accepted rather than typed by hand.
FIX_APPLIED = "mentor.fixApplied"


def register(server: MentorServer) -> None:
    server.feature(lsp.TEXT_DOCUMENT_CODE_ACTION, OPTIONS)(code_actions)
    server.feature(lsp.CODE_ACTION_RESOLVE)(resolve_code_action)


def quick_fixes(
    server: MentorServer, params: lsp.CodeActionParams, document: TextDocument
) -> list[lsp.CodeAction]:
    """The fix each of Mentor's diagnostics carries in `data`, decoded, never re-analysed."""
    wanted = params.context.only
    # `only` asks for those kinds and their sub-kinds: asking for `quickfix.mentor.explain`
    # (Neovim 0.7 does not filter the answer itself) must not bring the fixes along.
    fix = lsp.CodeActionKind.QuickFix
    if wanted and not any(fix == kind or fix.startswith(f"{kind}.") for kind in wanted):
        return []
    actions = []
    for diagnostic in params.context.diagnostics:
        action = _quick_fix(server, params.text_document.uri, document.version, diagnostic)
        if action is not None:
            actions.append(action)
    return actions


PROVIDERS: list[Provider] = [quick_fixes, tutor_actions]
RESOLVERS: list[Resolver] = [resolve_tutor_action]


@guarded
def code_actions(server: MentorServer, params: lsp.CodeActionParams) -> list[lsp.CodeAction] | None:
    document = server.open_document(params.text_document.uri)
    if document is None:
        return None
    actions: list[lsp.CodeAction] = []
    for provider in PROVIDERS:
        actions.extend(_isolated(provider)(server, params, document) or [])
    return actions or None


def resolve_code_action(server: MentorServer, action: lsp.CodeAction) -> lsp.CodeAction:
    for resolver in RESOLVERS:
        action = guarded(resolver)(server, action) or action
    return action


def _isolated(provider: Provider) -> Provider:
    return guarded(provider)  # one provider's bug must not hide the others' actions


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
    title = fix["title"] if safe else unsafe_title(fix["title"])
    return lsp.CodeAction(
        title=title,
        kind=lsp.CodeActionKind.QuickFix,
        diagnostics=[diagnostic],
        edit=workspace_edit,
        command=lsp.Command(
            title="Mentor: note the accepted fix",
            command=FIX_APPLIED,
            arguments=[{"uri": uri, "rule": data.get("rule"), "version": version}],
        ),
        is_preferred=safe,
    )


def unsafe_title(title: str) -> str:
    """A fix that may change what the code does, in words a beginner acts on."""
    first, rest = title[:1], title[1:]
    if rest[:1].islower():  # "Indent it ..." reads on after "Try this:"; a name keeps its case
        first = first.lower()
    return f"Try this: {first}{rest} (check that it still does what you want)"


def _range(value: dict[str, Any]) -> lsp.Range:
    return lsp.Range(
        start=lsp.Position(line=value["start"]["line"], character=value["start"]["character"]),
        end=lsp.Position(line=value["end"]["line"], character=value["end"]["character"]),
    )
