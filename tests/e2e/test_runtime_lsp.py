"""Runtime errors in the real server: `mentor.explainError` on a pasted traceback, the
`mentor-run` diagnostic a crashing `mentor run` leaves on the failing line, and runs as learner
evidence."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from lsprotocol import types as lsp

from mentor.analyzers import Level, analyze
from mentor.analyzers.runtime import explain_traceback
from mentor.models.learner import Cause, LearnerService, database_path
from mentor.server.cli.explain_error_cmd import reader_for
from mentor.server.cli.run_results import run_result_path
from tests.support.llm_fixture import NEEDS_SMOLLM2, SMOLLM2
from tests.support.lsp_support import MentorClient, mentor_session

MENTOR = str(Path(sys.executable).parent / "mentor")
CRASH = textwrap.dedent(
    """\
    values = [3, 8, 2]
    total = 0
    for i in range(len(values)):
        total += values[i]
        print(values[i + 1] - values[i])
    print(total)
    """
)
CLEAN = CRASH.replace("values[i + 1] - values[i]", "values[i]")


@pytest.fixture
def workspace(tmp_path: Path, monkeypatch) -> Path:
    (tmp_path / "prog.py").write_text(CRASH, encoding="utf-8")
    # the server's user data folder (mentor_session sets it): progress and run files
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / ".data-home"))
    return tmp_path


def traceback_of(workspace: Path, name: str = "prog.py") -> str:
    done = subprocess.run(
        [sys.executable, name], cwd=workspace, capture_output=True, text=True, timeout=60
    )
    return done.stderr


def mentor_run(workspace: Path, name: str = "prog.py") -> int:
    """The student runs their program through Mentor in a terminal."""
    return subprocess.run(
        [MENTOR, "run", name], cwd=workspace, env=os.environ, capture_output=True, timeout=60
    ).returncode


async def explain_error(client: MentorClient, argument: object) -> dict:
    return await client.workspace_execute_command_async(
        lsp.ExecuteCommandParams(command="mentor.explainError", arguments=[argument])
    )


def run_marks(client: MentorClient, uri: str) -> list[lsp.Diagnostic]:
    shown = client.diagnostics.get(uri) or []
    return [d for d in shown if d.source == "mentor-run"]


async def test_explain_error_answers_the_explanation_and_shows_it(workspace: Path):
    pasted = traceback_of(workspace)
    async with mentor_session(workspace) as client:
        uri = client.open(workspace / "prog.py")
        result = await explain_error(client, {"traceback": pasted, "uri": uri})
        await client.wait_for(lambda: client.shown_documents)
        nothing = await explain_error(client, {"traceback": "npm ERR! missing script: start"})
    error = result["error"]
    assert (error["type"], error["cause"], error["line"]) == ("IndexError", "index-out-of-range", 5)
    assert "values[i + 1]" in error["explanation"] and error["question"]
    assert result["level"] == "novice"
    assert result["location"] == {"uri": (workspace / "prog.py").resolve().as_uri(), "line": 4}
    assert "**Think about it:**" in result["markdown"]
    # an editor that can open documents gets the page, like Explain
    page = Path(client.shown_documents[-1].uri.removeprefix("file://"))
    assert page.read_text(encoding="utf-8") == result["markdown"]
    assert nothing["error"] is None and "no Python traceback" in nothing["message"]


async def test_explain_error_is_worded_for_the_learners_level_in_its_concepts(workspace: Path):
    service = LearnerService.open(database_path(workspace))[0]
    code = "xs = [1, 2]\nys = []\n"
    service.snapshot("earlier.py", analyze(code))
    for n in range(15):  # many idiomatic loops over lists in an earlier session
        code += f"for i{n}, x{n} in enumerate(xs):\n    ys.append(x{n} * i{n})\n"
        service.snapshot("earlier.py", analyze(code))
    service.close()
    pasted = traceback_of(workspace)
    async with mentor_session(workspace) as client:
        client.open(workspace / "prog.py")
        await client.wait_for(lambda: any(getattr(s, "level", None) for s in client.statuses))
        result = await explain_error(client, {"traceback": pasted, "show": False})
    terse = explain_traceback(pasted, reader_for(workspace), Level.PROFICIENT)
    assert result["level"] == "proficient"
    assert result["error"]["explanation"] == terse.explanation
    assert not client.shown_documents  # "show": false: the client shows it itself


async def test_a_crashing_run_marks_the_failing_line_until_that_line_is_edited(workspace: Path):
    async with mentor_session(workspace) as client:
        uri = client.open(workspace / "prog.py")
        await client.diagnostics_for(uri)
        assert mentor_run(workspace) == 1
        await client.wait_for(lambda: run_marks(client, uri))
        (mark,) = run_marks(client, uri)
        assert mark.range.start == lsp.Position(line=4, character=4)
        assert mark.severity == lsp.DiagnosticSeverity.Error and mark.code == "index-out-of-range"
        assert mark.message.startswith(
            "This line stopped your program with IndexError when you ran it"
        )
        client.edit(uri, (0, 0), (0, 0), "# my first program\n")  # a line added above it
        await client.wait_for(lambda: [d.range.start.line for d in run_marks(client, uri)] == [5])
        client.edit(uri, (5, 20), (5, 24), "i - 1")  # the student edits the failing line
        await client.wait_for(lambda: client.versions[uri] == 3 and not run_marks(client, uri))
        latest = await client.diagnostics_for(uri)
    assert not [d for d in latest if d.source == "mentor-run"]


async def test_a_clean_run_clears_the_mark_and_counts_as_learning(workspace: Path):
    async with mentor_session(workspace) as client:
        uri = client.open(workspace / "prog.py")
        mentor_run(workspace)
        await client.wait_for(lambda: run_marks(client, uri))
        await client.wait_for(lambda: client.logged("learner: run of prog.py stored"))
        (workspace / "prog.py").write_text(CLEAN, encoding="utf-8")  # fixed in another editor
        assert mentor_run(workspace) == 0
        await client.wait_for(lambda: client.published and not run_marks(client, uri))
        await client.wait_for(lambda: client.logged("fixed-run (run:index-out-of-range)"))
    events = LearnerService.open(database_path(workspace))[0].events()
    runs = [(e.skill, e.cause) for e in events if e.item == "run:index-out-of-range"]
    assert sorted(runs) == [
        ("lists", Cause.FIXED_RUN),
        ("lists", Cause.RUNTIME_ERROR),
        ("loops", Cause.FIXED_RUN),
        ("loops", Cause.RUNTIME_ERROR),
    ]


async def test_a_document_edited_since_the_run_gets_no_mark(workspace: Path):
    mentor_run(workspace)  # the run happened before the editor opened
    async with mentor_session(workspace) as client:
        unchanged = client.open(workspace / "prog.py")
        await client.wait_for(lambda: run_marks(client, unchanged))
        client.close(unchanged)
        sent = len(client.published)
        edited = client.open(workspace / "prog.py", "# not saved\n" + CRASH)
        await client.wait_for(
            lambda: any(p.uri == edited and p.diagnostics for p in client.published[sent:])
        )
        await explain_error(client, {"traceback": "", "show": False})  # a round trip more
        assert client.diagnostics[edited] and run_marks(client, edited) == []


async def test_a_garbled_run_file_changes_nothing_and_the_server_goes_on(workspace: Path):
    run_file = run_result_path(workspace)
    run_file.parent.mkdir(parents=True)
    async with mentor_session(workspace) as client:
        uri = client.open(workspace / "prog.py")
        await client.diagnostics_for(uri)
        for garbage in (
            "{not json",
            json.dumps({"program": "prog.py", "finished_at": 1}),  # not an absolute path
            json.dumps(
                {
                    "program": str(workspace / "prog.py"),
                    "finished_at": "tomorrow",
                    "error": {"file": str(workspace / "prog.py"), "line": 5},
                }
            ),
            json.dumps(
                {
                    "program": str(workspace / "prog.py"),
                    "finished_at": 2e9,
                    "error": {"file": str(workspace / "prog.py"), "line": -3, "cause": 7},
                }
            ),
        ):
            run_file.write_text(garbage, encoding="utf-8")
            os.utime(run_file)
            result = await explain_error(client, {"traceback": "", "show": False})
            assert result["error"] is None  # the server still answers
        mentor_run(workspace)  # and a real run after all that is still seen
        await client.wait_for(lambda: run_marks(client, uri))


async def test_explain_more_without_a_model_stays_mentors_own_explanation(workspace: Path):
    pasted = traceback_of(workspace)
    options = {"tutor": {"enabled": False}}
    async with mentor_session(workspace, initialization_options=options) as client:
        result = await explain_error(client, {"traceback": pasted, "more": True, "show": False})
    assert result["error"]["cause"] == "index-out-of-range"
    more = result["more"]
    assert more["source"] == "static" and "switched off" in more["note"]
    assert more["markdown"].strip()


@pytest.mark.skipif(SMOLLM2 is None, reason=NEEDS_SMOLLM2)
async def test_explain_more_asks_the_tutor_about_the_failing_line(workspace: Path):
    pytest.importorskip("llama_cpp")
    pasted = traceback_of(workspace)
    options = {"tutor": {"maxTokens": 32}, "model": {"path": str(SMOLLM2)}}
    async with mentor_session(workspace, initialization_options=options) as client:
        result = await explain_error(client, {"traceback": pasted, "more": True})
        await client.wait_for(lambda: client.shown_documents)
    reports = next(
        r
        for r in client.progress_reports.values()
        if r and getattr(r[0], "title", "") == "Mentor is explaining the error on line 5"
    )
    streamed = [r.message for r in reports if isinstance(r, lsp.WorkDoneProgressReport)]
    assert streamed, "the model was not asked"  # it wrote while generating
    assert isinstance(reports[-1], lsp.WorkDoneProgressEnd) and reports[-1].message == "Done"
    more = result["more"]
    assert more["markdown"].strip() and more["source"] in ("model", "static")
    page = Path(client.shown_documents[-1].uri.removeprefix("file://"))
    assert more["markdown"] in page.read_text(encoding="utf-8")


async def test_the_last_runs_error_grounds_the_chat_on_that_file(workspace: Path):
    from tests.e2e.test_chat import ask

    static = {"tutor": {"enabled": False}}
    async with mentor_session(workspace, initialization_options=static) as client:
        uri = client.open(workspace / "prog.py")
        await client.diagnostics_for(uri)
        before = await ask(client, "what is wrong?", uri)
        replies = [before]
        replies += [await ask(client, "still stuck", uri, before["conversationId"]) for _ in "ab"]
        assert mentor_run(workspace) == 1
        await client.wait_for(lambda: run_marks(client, uri))
        first = await ask(client, "New question: why does it stop?", uri)
        after = [first]
        after += [await ask(client, "still stuck", uri, first["conversationId"]) for _ in "ab"]
        without = {"lastRun": False}
        off = await ask(client, "New question: and now?", uri, context=without)
        for _ in "ab":
            off = await ask(client, "still stuck", uri, off["conversationId"], context=without)
    assert [r["depth"] for r in after] == [1, 2, 3]
    said = "When you ran it: My program stopped with IndexError: list index out of range"
    assert said in after[2]["answer"]  # Mentor's own answer at "what goes wrong" cites it
    assert "It stopped on line 5: print(values" in after[2]["answer"]
    assert "When you ran it" not in replies[2]["answer"]  # before the run: nothing to cite
    assert (
        off["depth"] == 3 and "When you ran it" not in off["answer"]
    )  # the student took it out of the context
