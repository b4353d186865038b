"""LSP 3.17 pull diagnostics: a client that announces them pulls; one that never pulls is pushed."""

from __future__ import annotations

from pathlib import Path

import pytest
from lsprotocol import types as lsp
from pytest_lsp import client_capabilities

from tests.e2e.test_lsp import BEGINNER
from tests.support.lsp_support import MentorClient, codes, mentor_session


def pull_capabilities() -> lsp.ClientCapabilities:
    """VS Code's capabilities plus pull diagnostics (as VS Code 1.7x+ announces them)."""
    capabilities = client_capabilities("visual-studio-code")
    assert capabilities.text_document is not None and capabilities.workspace is not None
    capabilities.text_document.diagnostic = lsp.DiagnosticClientCapabilities(
        dynamic_registration=False, related_document_support=False
    )
    capabilities.workspace.diagnostics = lsp.DiagnosticWorkspaceClientCapabilities(
        refresh_support=True
    )
    return capabilities


async def pull(
    client: MentorClient, uri: str, previous: str | None = None
) -> lsp.DocumentDiagnosticReport:
    return await client.text_document_diagnostic_async(
        lsp.DocumentDiagnosticParams(
            text_document=lsp.TextDocumentIdentifier(uri=uri), previous_result_id=previous
        )
    )


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    (tmp_path / "beginner.py").write_text(BEGINNER, encoding="utf-8")
    return tmp_path


async def test_a_pulling_client_gets_diagnostics_from_its_pulls_only(workspace: Path):
    async with mentor_session(workspace, capabilities=pull_capabilities()) as client:
        uri = client.open(workspace / "beginner.py")
        first = await pull(client, uri)
        assert first.kind == "full"
        assert codes(first.items) == ["MNT101", "MNT202"]

        again = await pull(client, uri, previous=first.result_id)
        assert again.kind == "unchanged" and again.result_id == first.result_id

        client.replace_all(uri, BEGINNER.replace("result == None", "result is None"))
        after_edit = await pull(client, uri, previous=first.result_id)
        assert after_edit.kind == "full" and after_edit.result_id != first.result_id
        assert codes(after_edit.items) == ["MNT101"]
        assert after_edit.items[0].data["version"] == 2
        pushed = [p for p in client.published if p.uri == uri and p.diagnostics]

    assert pushed == []  # pulled documents are never pushed as well (no duplicates)


async def test_a_client_that_announces_pull_but_never_pulls_is_pushed(workspace: Path):
    async with mentor_session(workspace, capabilities=pull_capabilities()) as client:
        uri = client.open(workspace / "beginner.py")
        diagnostics = await client.diagnostics_for(uri, version=1)
        assert codes(diagnostics) == ["MNT101", "MNT202"]

        # A late first pull takes over: the pushed copy is cleared, the pull has the findings.
        report = await pull(client, uri)
        assert codes(report.items) == ["MNT101", "MNT202"]
        await client.wait_for(lambda: not client.published[-1].diagnostics)
        assert [len(p.diagnostics) for p in client.published if p.uri == uri] == [2, 0]


async def test_a_setting_change_asks_a_pulling_client_to_pull_again(workspace: Path):
    async with mentor_session(workspace, capabilities=pull_capabilities()) as client:
        uri = client.open(workspace / "beginner.py")
        first = await pull(client, uri)
        client.set_configuration({"mentor": {"rules": {"disable": ["singleton-comparison"]}}})
        client.workspace_did_change_configuration(lsp.DidChangeConfigurationParams(settings={}))
        await client.wait_for(lambda: client.diagnostic_refresh_count > 0)
        second = await pull(client, uri, previous=first.result_id)

    assert codes(second.items) == ["MNT101"]
