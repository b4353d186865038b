"""Drive the real `mentor-lsp` process the way an editor does (pytest-lsp's client over stdio)."""

from __future__ import annotations

import asyncio
import contextlib
import os
import sys
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any, Union

from lsprotocol import types as lsp
from pygls.protocol import default_converter
from pytest_lsp import LanguageClient, client_capabilities
from pytest_lsp.client import DEFAULT_CLIENT_FEATURES, register_lsp_features

MENTOR_LSP = str(Path(sys.executable).parent / "mentor-lsp")
WAIT_S = 30.0  # generous: CI machines are slow; tests wait for events, never sleep


def spec_converter() -> Any:
    """lsprotocol's converter, but deciding Command vs CodeAction as the LSP spec says (a
    Command's `command` is a string; a CodeAction's is a Command object), as VS Code does.
    lsprotocol takes every object with a `command` key for a Command, which turns a code action
    that carries a command (Mentor's quick fixes do) into a broken Command."""
    converter = default_converter()

    def code_action_or_command(value: Any, _: type) -> lsp.Command | lsp.CodeAction:
        if isinstance(value.get("command"), str):
            return converter.structure(value, lsp.Command)
        return converter.structure(value, lsp.CodeAction)

    # lsprotocol registered its hook under typing.Union: the key must be the same object.
    union = Union[lsp.Command, lsp.CodeAction]  # noqa: UP007
    converter.register_structure_hook(union, code_action_or_command)
    return converter


class MentorClient(LanguageClient):
    """pytest-lsp's client that also keeps every publishDiagnostics with its version, and
    answers the server's showMessageRequest and showDocument requests as a user would."""

    def __init__(self) -> None:
        super().__init__(converter_factory=spec_converter)
        self.published: list[lsp.PublishDiagnosticsParams] = []
        self.statuses: list[Any] = []  # `mentor/status` notifications
        self.changed = asyncio.Condition()
        self.versions: dict[str, int] = {}
        self.message_requests: list[lsp.ShowMessageRequestParams] = []
        self.answer_with: str | None = None  # the action title to click; None closes it
        self.shown_documents: list[lsp.ShowDocumentParams] = []

    async def wait_for(self, predicate: Any, timeout: float = WAIT_S) -> Any:
        """Wait until `predicate()` is truthy (re-checked whenever the server sends something)."""
        async with self.changed:
            await asyncio.wait_for(self.changed.wait_for(predicate), timeout)
        return predicate()

    async def diagnostics_for(self, uri: str, version: int | None = None) -> list[lsp.Diagnostic]:
        """The diagnostics published for `uri` (at `version`, default: the latest sent)."""
        wanted = self.versions.get(uri) if version is None else version

        def latest() -> list[lsp.Diagnostic] | None:
            for params in reversed(self.published):
                if params.uri == uri and (params.version == wanted or wanted is None):
                    return list(params.diagnostics)
            return None

        await self.wait_for(lambda: latest() is not None)
        return latest() or []

    def logged(self, text: str) -> bool:
        """Whether the server wrote `text` to the client's log (window/logMessage)."""
        return any(text in message.message for message in self.log_messages)

    # -- editor actions -------------------------------------------------------------------

    def open(self, path: Path, text: str | None = None) -> str:
        uri = path.as_uri()
        self.versions[uri] = 1
        self.text_document_did_open(
            lsp.DidOpenTextDocumentParams(
                text_document=lsp.TextDocumentItem(
                    uri=uri,
                    language_id="python",
                    version=1,
                    text=path.read_text(encoding="utf-8") if text is None else text,
                )
            )
        )
        return uri

    def replace_all(self, uri: str, text: str) -> int:
        """Send a whole-document change; returns the new version."""
        version = self.versions[uri] = self.versions[uri] + 1
        self.text_document_did_change(
            lsp.DidChangeTextDocumentParams(
                text_document=lsp.VersionedTextDocumentIdentifier(uri=uri, version=version),
                content_changes=[lsp.TextDocumentContentChangeWholeDocument(text=text)],
            )
        )
        return version

    def edit(self, uri: str, start: tuple[int, int], end: tuple[int, int], text: str) -> int:
        """Send an incremental change of the 0-based range start..end; returns the new version."""
        version = self.versions[uri] = self.versions[uri] + 1
        self.text_document_did_change(
            lsp.DidChangeTextDocumentParams(
                text_document=lsp.VersionedTextDocumentIdentifier(uri=uri, version=version),
                content_changes=[
                    lsp.TextDocumentContentChangePartial(
                        range=lsp.Range(
                            start=lsp.Position(line=start[0], character=start[1]),
                            end=lsp.Position(line=end[0], character=end[1]),
                        ),
                        text=text,
                    )
                ],
            )
        )
        return version

    def close(self, uri: str) -> None:
        self.text_document_did_close(
            lsp.DidCloseTextDocumentParams(text_document=lsp.TextDocumentIdentifier(uri=uri))
        )


def _make_client() -> MentorClient:
    client = MentorClient()
    features = dict(DEFAULT_CLIENT_FEATURES)

    async def publish(client: MentorClient, params: lsp.PublishDiagnosticsParams) -> None:
        client.diagnostics[params.uri] = params.diagnostics
        client.published.append(params)
        async with client.changed:
            client.changed.notify_all()

    async def show_message(client: MentorClient, params: lsp.ShowMessageParams) -> None:
        client.messages.append(params)
        async with client.changed:
            client.changed.notify_all()

    async def status(client: MentorClient, params: Any) -> None:
        client.statuses.append(params)
        async with client.changed:
            client.changed.notify_all()

    async def show_message_request(
        client: MentorClient, params: lsp.ShowMessageRequestParams
    ) -> lsp.MessageActionItem | None:
        client.message_requests.append(params)
        async with client.changed:
            client.changed.notify_all()
        return next(
            (item for item in params.actions or [] if item.title == client.answer_with), None
        )

    async def show_document(
        client: MentorClient, params: lsp.ShowDocumentParams
    ) -> lsp.ShowDocumentResult:
        client.shown_documents.append(params)
        async with client.changed:
            client.changed.notify_all()
        return lsp.ShowDocumentResult(success=True)

    async def log_message(client: MentorClient, params: lsp.LogMessageParams) -> None:
        client.log_messages.append(params)
        async with client.changed:
            client.changed.notify_all()

    features[lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS] = publish
    features[lsp.WINDOW_LOG_MESSAGE] = log_message
    features["mentor/status"] = status
    features[lsp.WINDOW_SHOW_MESSAGE] = show_message
    features[lsp.WINDOW_SHOW_MESSAGE_REQUEST] = show_message_request
    features[lsp.WINDOW_SHOW_DOCUMENT] = show_document
    # $/progress: keep pytest-lsp's records, and wake up tests waiting for them.
    features[lsp.PROGRESS] = _notifying(DEFAULT_CLIENT_FEATURES[lsp.PROGRESS])
    features[lsp.WORKSPACE_DIAGNOSTIC_REFRESH] = _notifying(
        DEFAULT_CLIENT_FEATURES[lsp.WORKSPACE_DIAGNOSTIC_REFRESH]
    )
    register_lsp_features(client, features)
    return client


def _notifying(record: Any) -> Any:
    async def handler(client: MentorClient, params: Any) -> Any:
        result = record(client, params)
        async with client.changed:
            client.changed.notify_all()
        return result

    return handler


@contextlib.asynccontextmanager
async def mentor_session(
    workspace: Path,
    *,
    editor: str = "visual-studio-code",
    initialization_options: Any = None,
    configuration: dict[str, Any] | None = None,
    command: list[str] | None = None,
    client_info: lsp.ClientInfo | None = None,
    capabilities: lsp.ClientCapabilities | None = None,
    env: dict[str, str] | None = None,
) -> AsyncIterator[MentorClient]:
    """A real server process started in `workspace` (as an editor would), initialized."""
    client = _make_client()
    if configuration is not None:
        client.set_configuration(configuration)
    env = {
        **os.environ,
        **(env or {}),
        "XDG_CACHE_HOME": str(workspace / ".cache-home"),
        # the learner's progress files go to the user data folder: one per test
        "XDG_DATA_HOME": str(workspace / ".data-home"),
        "XDG_STATE_HOME": str(workspace / ".state-home"),  # the tutor's hourly count
    }
    await client.start_io(*(command or [MENTOR_LSP]), cwd=str(workspace), env=env)
    try:
        await client.initialize_session(
            lsp.InitializeParams(
                capabilities=capabilities or client_capabilities(editor),
                client_info=client_info,
                root_uri=workspace.as_uri(),
                workspace_folders=[
                    lsp.WorkspaceFolder(uri=workspace.as_uri(), name=workspace.name)
                ],
                initialization_options=initialization_options,
            )
        )
        yield client
        await asyncio.wait_for(client.shutdown_session(), WAIT_S)
    finally:
        # After a failure the server may still run: stop() would wait for it forever.
        process = client._server
        if process is not None and process.returncode is None:
            process.kill()
        await client.stop()


def codes(diagnostics: list[lsp.Diagnostic]) -> list[str]:
    return sorted(str(diagnostic.code) for diagnostic in diagnostics)


def apply_edits(text: str, edits: list[lsp.TextEdit]) -> str:
    """Apply LSP text edits (UTF-16 positions) to `text`, as an editor would."""
    lines = text.splitlines(keepends=True) or [""]

    def offset(position: lsp.Position) -> int:
        before = sum(len(line) for line in lines[: position.line])
        line = lines[position.line] if position.line < len(lines) else ""
        units = 0
        for index, char in enumerate(line):
            if units >= position.character:
                return before + index
            units += len(char.encode("utf-16-le")) // 2
        return before + len(line.rstrip("\r\n"))

    for edit in sorted(
        edits, key=lambda e: (e.range.start.line, e.range.start.character), reverse=True
    ):
        start, end = offset(edit.range.start), offset(edit.range.end)
        text = text[:start] + edit.new_text + text[end:]
    return text
