"""Which model answers, in the real `mentor-lsp`: nothing configured and nothing installed is
static mode with a message naming `mentor model install`; an installed model answers without any
setting."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from lsprotocol import types as lsp

from tests.support.llm_fixture import NEEDS_SMOLLM2, SMOLLM2
from tests.support.lsp_support import MentorClient, mentor_session

MENTOR = str(Path(sys.executable).parent / "mentor")
CODE = textwrap.dedent(
    """\
    names = ["Ada", "Alan", "Grace"]
    for i in range(len(names)):
        print("Hello", names[i])
    """
)
SHORT = {"tutor": {"maxTokens": 16}}


async def open_the_loop(client: MentorClient, workspace: Path) -> tuple[str, lsp.Diagnostic]:
    uri = client.open(workspace / "names.py")
    diagnostics = await client.diagnostics_for(uri, version=1)
    return uri, next(d for d in diagnostics if d.code == "MNT101")


async def explain(client: MentorClient, uri: str, loop: lsp.Diagnostic) -> dict:
    actions = await client.text_document_code_action_async(
        lsp.CodeActionParams(
            text_document=lsp.TextDocumentIdentifier(uri=uri),
            range=loop.range,
            context=lsp.CodeActionContext(diagnostics=[loop]),
        )
    )
    action = next(a for a in actions or [] if a.title == "Mentor: Explain this")
    action = await client.code_action_resolve_async(action)
    return await client.workspace_execute_command_async(
        lsp.ExecuteCommandParams(command=action.command.command, arguments=action.command.arguments)
    )


async def test_no_model_anywhere_is_static_mode_that_says_how_to_install(tmp_path: Path):
    (tmp_path / "names.py").write_text(CODE, encoding="utf-8")
    async with mentor_session(tmp_path, initialization_options=SHORT) as client:
        result = await explain(client, *await open_the_loop(client, tmp_path))
        await client.wait_for(lambda: any("not available" in m.message for m in client.messages))
    assert result["source"] == "static"
    assert "for name in names" in result["markdown"]  # the rule's own explanation
    warning = next(m for m in client.messages if "not available" in m.message)
    assert "no tutor model is installed: run `mentor model install`" in warning.message
    assert "works on without it" in warning.message


@pytest.mark.skipif(SMOLLM2 is None, reason=NEEDS_SMOLLM2)
async def test_a_model_installed_while_the_editor_runs_answers_without_any_setting(
    tmp_path: Path,
):
    pytest.importorskip("llama_cpp")
    (tmp_path / "names.py").write_text(CODE, encoding="utf-8")
    data_home = tmp_path / ".data-home"  # the user data folder mentor_session gives the server
    async with mentor_session(tmp_path, initialization_options=SHORT) as client:
        uri, loop = await open_the_loop(client, tmp_path)
        before = await explain(client, uri, loop)
        registered = subprocess.run(
            [MENTOR, "model", "install", "--file", str(SMOLLM2), "--name", "fixture"],
            env={**os.environ, "XDG_DATA_HOME": str(data_home)},
            capture_output=True,
            text=True,
            check=False,
        )
        assert registered.returncode == 0, registered.stdout
        after = await explain(client, uri, loop)
        status = await client.workspace_execute_command_async(
            lsp.ExecuteCommandParams(command="mentor.modelStatus")
        )
    assert before["source"] == "static"
    assert after["source"] == "model"
    assert status["model"] == SMOLLM2.name


@pytest.mark.skipif(SMOLLM2 is None, reason=NEEDS_SMOLLM2)
async def test_the_status_offers_the_install_until_a_model_is_there(tmp_path: Path):
    """The editor's "Install Mentor's tutor (1.1 GB)" comes from `mentor/status`: offered while
    no model is configured or installed, gone once the install registered one."""
    data_home = tmp_path / ".data-home"  # the user data folder mentor_session gives the server
    async with mentor_session(tmp_path, initialization_options=SHORT) as client:
        await client.wait_for(lambda: bool(client.statuses))
        offer = client.statuses[-1].model.install
        registered = subprocess.run(
            [MENTOR, "model", "install", "--file", str(SMOLLM2), "--name", "own"],
            env={**os.environ, "XDG_DATA_HOME": str(data_home)},
            capture_output=True,
            text=True,
            check=False,
        )
        assert registered.returncode == 0, registered.stdout
        count = len(client.statuses)  # the extension tells the server the settings may differ
        client.workspace_did_change_configuration(lsp.DidChangeConfigurationParams(settings=None))
        await client.wait_for(lambda: len(client.statuses) > count)
    assert (offer.model, offer.size) == ("qwen2.5-coder-1.5b", 1117320768)
    assert client.statuses[-1].model.install is None
    assert client.statuses[-1].model.name == SMOLLM2.name
