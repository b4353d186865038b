"""The learner model in the real server: evidence from edits, adaptive wording, the progress
commands, and a progress file that is locked or damaged."""

from __future__ import annotations

import sqlite3
import textwrap
from pathlib import Path

import pytest
from lsprotocol import types as lsp

from mentor.analyzers import Level, analyze
from mentor.models.learner import Cause, LearnerService, database_path
from tests.support.lsp_support import MentorClient, apply_edits, mentor_session

BEGINNER = textwrap.dedent(
    """\
    names = ["Ada", "Alan", "Grace"]
    for i in range(len(names)):
        print("Hello", names[i])

    result = None
    if result == None:
        print("nothing yet")
    """
)
FAST = {"learner": {"snapshotDelayMs": 500}}


@pytest.fixture
def workspace(tmp_path: Path, monkeypatch) -> Path:
    (tmp_path / "beginner.py").write_text(BEGINNER, encoding="utf-8")
    # the same user data folder as the server's (mentor_session sets it), so that the test can
    # seed and read the workspace's progress file
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / ".data-home"))
    return tmp_path


def progress(workspace: Path) -> LearnerService:
    return LearnerService.open(database_path(workspace))[0]


def seed_proficient_loops(workspace: Path) -> None:
    """A student who wrote many idiomatic loops over lists in an earlier session."""
    service = progress(workspace)
    code = "xs = [1, 2]\nys = []\n"
    service.snapshot("earlier.py", analyze(code))
    for n in range(15):
        code += f"for i{n}, x{n} in enumerate(xs):\n    ys.append(x{n} * i{n})\n"
        service.snapshot("earlier.py", analyze(code))
    service.close()


def expected_message(code: str, level: Level) -> str:
    finding = next(f for f in analyze(BEGINNER).findings if f.code == code)
    return finding.message(level)


async def snapshots(client: MentorClient, name: str, count: int) -> list[str]:
    """Wait until the server has stored `count` snapshots of `name`; their log lines."""

    def stored() -> list[str]:
        return [
            m.message
            for m in client.log_messages
            if m.message.startswith(f"learner: snapshot of {name} stored")
        ]

    await client.wait_for(lambda: len(stored()) >= count)
    return stored()


def save(client: MentorClient, uri: str) -> None:
    client.text_document_did_save(
        lsp.DidSaveTextDocumentParams(text_document=lsp.TextDocumentIdentifier(uri=uri))
    )


async def command(client: MentorClient, name: str, *arguments) -> object:
    return await client.workspace_execute_command_async(
        lsp.ExecuteCommandParams(command=name, arguments=list(arguments) or None)
    )


async def test_auto_level_words_each_finding_for_the_skills_it_is_about(workspace: Path):
    seed_proficient_loops(workspace)
    terse = expected_message("MNT101", Level.PROFICIENT)
    async with mentor_session(workspace) as client:
        uri = client.open(workspace / "beginner.py")
        # The first diagnostics may go out before the progress file is read; once it is, they
        # are published again in the learner's words.
        await client.wait_for(
            lambda: any(
                d.code == "MNT101" and d.message == terse
                for p in client.published
                for d in p.diagnostics
            )
        )
        diagnostics = {d.code: d for d in await client.diagnostics_for(uri)}
    # loops and lists are mastered: the loop finding is one line, like a linter's
    assert diagnostics["MNT101"].message == terse
    # comparisons were never seen: that finding still explains, in plain words
    assert diagnostics["MNT202"].message == expected_message("MNT202", Level.NOVICE)


async def test_a_fixed_hint_level_still_wins_over_the_learner_model(workspace: Path):
    seed_proficient_loops(workspace)
    async with mentor_session(workspace, initialization_options={"hintLevel": "novice"}) as client:
        uri = client.open(workspace / "beginner.py")
        diagnostics = {d.code: d for d in await client.diagnostics_for(uri)}
    assert diagnostics["MNT101"].message == expected_message("MNT101", Level.NOVICE)


async def test_a_mistake_fixed_by_hand_shows_in_the_report(workspace: Path):
    async with mentor_session(workspace, initialization_options=FAST) as client:
        uri = client.open(workspace / "beginner.py")
        await snapshots(client, "beginner.py", 1)  # the baseline, once the code settled
        client.edit(uri, (5, 10), (5, 17), "is None")  # the student fixes `== None` by hand
        save(client, uri)
        (_, fixed) = await snapshots(client, "beginner.py", 2)
        result = await command(client, "mentor.showReport")
        await client.wait_for(lambda: client.shown_documents)

    assert "fixed-by-hand (singleton-comparison)" in fixed
    shown = Path(client.shown_documents[0].uri.removeprefix("file://"))
    assert shown.suffix == ".md" and not shown.is_relative_to(workspace / "beginner.py")
    markdown = shown.read_text(encoding="utf-8")
    assert "`singleton-comparison` (MNT202)" in markdown and "overcome" in markdown
    assert result["markdown"] == markdown
    assert "<svg" in result["html"] and "Content-Security-Policy" in result["html"]


async def test_the_last_edits_before_the_editor_closes_still_count(workspace: Path):
    # The code settles for a minute before a snapshot, but the student closes the editor first.
    settle = {"learner": {"snapshotDelayMs": 60_000}}
    async with mentor_session(workspace, initialization_options=settle) as client:
        uri = client.open(workspace / "beginner.py")
        save(client, uri)  # a save does not wait: the baseline
        await snapshots(client, "beginner.py", 1)
        client.edit(uri, (5, 10), (5, 17), "is None")  # fixed by hand, just before closing
        await client.diagnostics_for(uri)
    # Leaving the block sent `shutdown` and `exit`, as an editor does when it closes.
    causes = {(e.item, e.cause) for e in progress(workspace).events()}
    assert ("singleton-comparison", Cause.FIXED_BY_HAND) in causes


async def test_an_accepted_quick_fix_is_credited_as_one(workspace: Path):
    async with mentor_session(workspace, initialization_options=FAST) as client:
        uri = client.open(workspace / "beginner.py")
        await snapshots(client, "beginner.py", 1)
        loop = next(d for d in await client.diagnostics_for(uri) if d.code == "MNT101")
        actions = await client.text_document_code_action_async(
            lsp.CodeActionParams(
                text_document=lsp.TextDocumentIdentifier(uri=uri),
                range=loop.range,
                context=lsp.CodeActionContext(diagnostics=[loop]),
            )
        )
        (action,) = [a for a in actions if a.is_preferred]  # the safe fix, not "Explain this"
        assert action.command.command == "mentor.fixApplied"
        # as an editor does: apply the edit, then run the action's command
        client.replace_all(uri, apply_edits(BEGINNER, action.edit.document_changes[0].edits))
        await command(client, action.command.command, *action.command.arguments)
        save(client, uri)
        (_, fixed) = await snapshots(client, "beginner.py", 2)

    assert "fixed-by-quick-fix (range-len-loop)" in fixed
    service = progress(workspace)
    causes = {(e.item, e.cause) for e in service.events()}
    assert ("range-len-loop", Cause.FIXED_BY_QUICK_FIX) in causes
    assert ("range-len-loop", Cause.FIXED_BY_HAND) not in causes


async def test_reset_asks_first_and_keeps_progress_unless_told(workspace: Path):
    seed_proficient_loops(workspace)
    async with mentor_session(workspace) as client:
        client.answer_with = "Keep it"
        kept = await command(client, "mentor.resetProgress")
        client.answer_with = "Delete my progress"
        deleted = await command(client, "mentor.resetProgress")

    assert kept == {"deleted": False} and deleted == {"deleted": True}
    (question, _) = client.message_requests
    assert "delete every record of your progress" in question.message
    assert {a.title for a in question.actions} == {"Delete my progress", "Keep it"}
    assert progress(workspace).events() == []


async def test_export_writes_a_file_the_student_can_hand_in(workspace: Path):
    seed_proficient_loops(workspace)
    async with mentor_session(workspace) as client:
        result = await command(client, "mentor.exportReport", {"format": "csv"})
    export = Path(result["path"])
    assert export == workspace / "mentor-progress.csv"
    assert export.read_text(encoding="utf-8").startswith("kind,name,level,mastery")
    assert any("exported" in m.message for m in client.messages)


async def test_an_editor_without_show_document_is_told_where_the_report_is(workspace: Path):
    seed_proficient_loops(workspace)
    async with mentor_session(workspace, editor="emacs@v29.1") as client:
        result = await command(client, "mentor.showReport")
        await client.wait_for(lambda: any("progress report" in m.message for m in client.messages))
    message = next(m.message for m in client.messages if "progress report" in m.message)
    assert result["markdownPath"] in message and not client.shown_documents


async def test_an_editor_that_renders_the_report_itself_gets_it_without_a_page(workspace: Path):
    seed_proficient_loops(workspace)
    async with mentor_session(workspace) as client:
        result = await command(client, "mentor.showReport", {"open": False})  # as VS Code asks
    assert "<svg" in result["html"]
    assert not client.shown_documents and not client.messages


async def test_the_status_bar_follows_the_learners_level(workspace: Path):
    seed_proficient_loops(workspace)
    async with mentor_session(workspace) as client:
        client.open(workspace / "beginner.py")
        await client.wait_for(lambda: any(s.level is not None for s in client.statuses))
    level = next(s.level for s in client.statuses if s.level is not None)
    assert level == progress(workspace).overall_level().value != "novice"


async def test_a_locked_progress_file_never_stops_diagnostics(workspace: Path):
    seed_proficient_loops(workspace)
    other = sqlite3.connect(database_path(workspace), isolation_level=None)
    async with mentor_session(workspace, initialization_options=FAST) as client:
        uri = client.open(workspace / "beginner.py")
        await snapshots(client, "beginner.py", 1)
        other.execute("BEGIN EXCLUSIVE")  # another program holds the file
        version = client.edit(uri, (5, 10), (5, 17), "is None")
        save(client, uri)
        await client.wait_for(lambda: any("waits" in m.message for m in client.log_messages))
        # the server still answers while the learner's worker waits
        assert [d.code for d in await client.diagnostics_for(uri, version=version)] == ["MNT101"]
        other.execute("ROLLBACK")
        client.edit(uri, (0, 0), (0, 0), "# done\n")
        save(client, uri)
        await snapshots(client, "beginner.py", 2)
    other.close()
    causes = {(e.item, e.cause) for e in progress(workspace).events()}
    assert ("singleton-comparison", Cause.FIXED_BY_HAND) in causes  # the waiting one, stored


async def test_a_damaged_progress_file_is_replaced_with_a_message(workspace: Path):
    path = database_path(workspace)
    path.parent.mkdir(parents=True)
    path.write_bytes(b"not a database at all\n" * 50)
    async with mentor_session(workspace, initialization_options=FAST) as client:
        client.open(workspace / "beginner.py")
        await snapshots(client, "beginner.py", 1)
    warning = next(m for m in client.messages if "damaged" in m.message)
    assert warning.type == lsp.MessageType.Warning
    assert list(path.parent.glob(f"{path.name}.corrupt-*"))


async def test_tracking_can_be_switched_off(workspace: Path):
    options = {"learner": {"enabled": False, "snapshotDelayMs": 500}}
    async with mentor_session(workspace, initialization_options=options) as client:
        uri = client.open(workspace / "beginner.py")
        await client.diagnostics_for(uri)
        save(client, uri)
        assert await command(client, "mentor.showReport") is None
        await client.wait_for(lambda: any("switched off" in m.message for m in client.messages))
    assert not database_path(workspace).exists()


async def test_the_status_says_getting_to_know_you_until_there_is_evidence_for_a_verdict(
    workspace: Path,
):
    seed_proficient_loops(workspace)  # plenty of evidence, all of it from one sitting
    async with mentor_session(workspace) as client:
        client.open(workspace / "beginner.py")
        await client.wait_for(lambda: any(s.level is not None for s in client.statuses))
        known = next(s for s in client.statuses if s.level is not None)
        client.set_configuration({"mentor": {"hintLevel": "developing"}})
        client.workspace_did_change_configuration(lsp.DidChangeConfigurationParams(settings=None))
        await client.wait_for(lambda: client.statuses[-1].level == "developing")
    assert known.gettingToKnow is True  # the report's first-session test: no verdict yet
    assert client.statuses[-1].gettingToKnow is False  # a fixed level is a choice, not a verdict
