"""Code actions: every feature adds its own (its `code_actions` hook; quick fixes first), and
one handler serves them all: pygls allows one handler per LSP method."""

from __future__ import annotations

from typing import Any

from lsprotocol import types as lsp

from mentor.server.convert import SOURCE
from mentor.server.core import MentorServer
from mentor.server.documents import OpenDocument
from mentor.server.errors import guarded_method
from mentor.server.feature import Feature

OPTIONS = lsp.CodeActionOptions(
    code_action_kinds=[lsp.CodeActionKind.QuickFix], resolve_provider=True
)

# The client runs this command after applying a quick fix's edit (LSP: `edit` first, then
# `command`), so the learner model knows the fix was accepted rather than typed by hand.
FIX_APPLIED = "mentor.fixApplied"


class CodeActionsFeature(Feature):
    """The code action handlers, and Mentor's quick fixes (the fix each diagnostic carries)."""

    def register(self) -> None:
        self.server.feature(lsp.TEXT_DOCUMENT_CODE_ACTION, OPTIONS)(
            guarded_method(self.all_code_actions)
        )
        self.server.feature(lsp.CODE_ACTION_RESOLVE)(guarded_method(self.resolve))
        self.server.command(FIX_APPLIED)(guarded_method(self.fix_applied))

    def all_code_actions(self, params: lsp.CodeActionParams) -> list[lsp.CodeAction] | None:
        document = self.server.document(params.text_document.uri)
        if document is None:
            return None
        actions: list[lsp.CodeAction] = []
        for found in self.server.call_features("code_actions", params, document):
            actions.extend(found or [])
        return actions or None

    def resolve(self, action: lsp.CodeAction) -> lsp.CodeAction:
        for resolved in self.server.call_features("resolve_code_action", action):
            if resolved is not None:
                return resolved
        return action

    def fix_applied(self, *arguments: Any) -> None:
        """The client applied one of Mentor's quick fixes: the learner's next snapshot of the
        document credits it as such."""
        for argument in arguments:
            if isinstance(argument, dict) and argument.get("uri") and argument.get("rule"):
                document = self.server.document(str(argument["uri"]))
                if document is not None:
                    document.quick_fixed.add(str(argument["rule"]))

    def code_actions(
        self, params: lsp.CodeActionParams, document: OpenDocument
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
            action = _quick_fix(self.server, document.uri, document.version, diagnostic)
            if action is not None:
                actions.append(action)
        return actions


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
