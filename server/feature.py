"""The one way a capability plugs into the server: a `Feature` subclass with hooks.

pygls allows one handler per LSP method; Mentor's features share the document events, the code
actions, the hover and the status bar through the hooks below instead. The server calls every
hook guarded (`server.call_features`): one feature's exception is logged and the others run on.
A feature finds another one with `server.get_feature(Type)`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from lsprotocol import types as lsp

if TYPE_CHECKING:
    from mentor.analyzers import Analysis, Finding, Level, Rule
    from mentor.server.core import MentorServer
    from mentor.server.documents import OpenDocument


class Feature:
    """One capability of the server. Every hook does nothing by default."""

    def __init__(self, server: MentorServer) -> None:
        self.server = server

    def register(self) -> None:
        """Register this feature's LSP handlers and commands (`server.feature`, `command`)."""

    # -- lifecycle ------------------------------------------------------------------------

    async def initialized(self) -> None:
        """The client is ready and its settings are known."""

    async def shutdown(self) -> None:
        """The editor is closing: finish what must not be lost (within about 1.5 s)."""

    def settings_changed(self) -> None:
        """The settings changed (every open document is being checked again)."""

    # -- documents ------------------------------------------------------------------------

    def document_opened(self, document: OpenDocument) -> None:
        """A Python document was opened (its first analysis is already on its way)."""

    def document_changed(self, document: OpenDocument) -> None:
        """The student edited the document."""

    def document_saved(self, document: OpenDocument) -> None:
        """The document was saved."""

    def document_closed(self, document: OpenDocument) -> None:
        """The editor closed the document; its record is dropped after this hook."""

    # -- what the student sees ------------------------------------------------------------

    def code_actions(
        self, params: lsp.CodeActionParams, document: OpenDocument
    ) -> list[lsp.CodeAction]:
        """This feature's code actions for the range and diagnostics in `params`."""
        return []

    def resolve_code_action(self, action: lsp.CodeAction) -> lsp.CodeAction | None:
        """Fill in one of this feature's actions the user chose; None when it is not one."""
        return None

    async def hover_note(
        self, document: OpenDocument, analysis: Analysis, finding: Finding, level: Level
    ) -> str | None:
        """Markdown to add under the hover of `finding` (it must come quickly), or None."""
        return None

    def status(self) -> dict[str, Any]:
        """This feature's fields of the `mentor/status` notification (for status bars)."""
        return {}

    # -- the learner ----------------------------------------------------------------------

    def level_for(self, rule: Rule | None) -> Level | None:
        """The learner's level for `rule`'s concepts (None: the document as a whole), or None
        when this feature does not know the learner."""
        return None

    def overall_level(self) -> Level | None:
        """The learner's overall level, or None when this feature does not know it."""
        return None
