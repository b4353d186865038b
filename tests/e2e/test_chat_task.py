"""Explain this / Give me a hint as the first turn of a conversation (`mentor/chat` with a
`task`, what the VS Code chat view sends), and Stop, through the real `mentor-lsp` process:
the answer is the tutor's, the conversation goes on from it, no Markdown page is written for
it (the `mentor.explain` command still writes one for the other editors), and a stopped answer
leaves the server well (the InvalidStateError a stopped chat raised is gone)."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import pytest
from lsprotocol import types as lsp

from tests.e2e.test_chat import LOOP, STATIC, as_dict, ask, send
from tests.support.lsp_support import MENTOR_LSP, MentorClient, mentor_session
from tests.support.slow_endpoint import OPENING, slow_endpoint

LINE_2 = {"start": {"line": 1, "character": 0}, "end": {"line": 1, "character": 10}}


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    (tmp_path / "greet.py").write_text(LOOP, encoding="utf-8")
    return tmp_path


def task(uri: str, name: str, **extra: Any) -> dict[str, Any]:
    return {"task": name, "textDocument": {"uri": uri}, "range": LINE_2, **extra}


def pages(workspace: Path) -> list[Path]:
    return sorted((workspace / ".cache-home" / "mentor-lsp" / "answers").glob("*.md"))


async def test_explain_opens_a_conversation_that_goes_on(workspace: Path):
    async with mentor_session(workspace, initialization_options=STATIC) as client:
        uri = client.open(workspace / "greet.py")
        await client.diagnostics_for(uri, version=1)
        explained = as_dict(await send(client, "mentor/chat", task(uri, "explain")))
        cid = explained["conversationId"]
        assert pages(workspace) == [] and client.shown_documents == []  # no raw .md tab
        why = await ask(client, "Why?", None, cid)
        history = as_dict(await send(client, "mentor/chatHistory", {"conversationId": cid}))
        listed = as_dict(await send(client, "mentor/chatList", {}))["conversations"]
        # Another editor's Explain this is as before: a Markdown page, opened.
        await client.workspace_execute_command_async(
            lsp.ExecuteCommandParams(
                command="mentor.explain", arguments=[{"uri": uri, "range": LINE_2}]
            )
        )
    assert explained["task"] == "explain" and explained["source"] == "static"
    assert "for name in names" in explained["answer"]  # the range-len-loop rule's explanation
    assert why["depth"] == 2 and why["conversationId"] == cid
    turns = history["turns"]
    assert [(t["role"], t["text"]) for t in turns[:2]] == [
        ("student", "Explain this (line 2)"),
        ("mentor", explained["answer"]),
    ]
    assert [t["role"] for t in turns] == ["student", "mentor", "student", "mentor"]
    assert [c["title"] for c in listed] == ["Explain this (line 2)"]
    (page,) = pages(workspace)
    assert "for name in names" in page.read_text(encoding="utf-8")
    assert client.shown_documents[-1].uri == page.as_uri()


async def test_a_hint_is_the_first_rung_and_a_bad_task_is_refused(workspace: Path):
    async with mentor_session(workspace, initialization_options=STATIC) as client:
        uri = client.open(workspace / "greet.py")
        hinted = as_dict(await send(client, "mentor/chat", task(uri, "hint", message="Hint?")))
        stuck = await ask(client, "I'm still stuck", None, hinted["conversationId"])
        with pytest.raises(Exception, match="needs a textDocument"):
            await send(client, "mentor/chat", {"task": "solve", "textDocument": {"uri": uri}})
        with pytest.raises(Exception, match="not open"):
            await send(client, "mentor/chat", task(uri.replace("greet", "other"), "hint"))
    assert (hinted["task"], hinted["depth"], stuck["depth"]) == ("hint", 1, 2)
    assert "```" not in hinted["answer"]  # a hint never hands over code


def start(client: MentorClient, token: str, params: dict[str, Any], msg_id: str) -> Any:
    client.progress_reports[token] = []
    future = client.protocol.send_request(
        "mentor/chat", {**params, "workDoneToken": token}, msg_id=msg_id
    )
    return asyncio.wrap_future(future)


def streamed(client: MentorClient, token: str) -> list[str]:
    return [
        r.message
        for r in client.progress_reports.get(token, [])
        if isinstance(r, lsp.WorkDoneProgressReport) and r.message
    ]


def ended(client: MentorClient, token: str) -> str | None:
    ends = [
        r for r in client.progress_reports.get(token, []) if isinstance(r, lsp.WorkDoneProgressEnd)
    ]
    return ends[-1].message if ends else None


async def test_stop_ends_a_streaming_answer_and_the_server_stays_well(workspace: Path):
    log = workspace / "server.log"
    with slow_endpoint() as url:
        options = {"model": {"endpoint": url}, "tutor": {"maxTokens": 2000}}
        command = [MENTOR_LSP, "--log-file", str(log)]
        async with mentor_session(
            workspace, initialization_options=options, command=command
        ) as client:
            uri = client.open(workspace / "greet.py")
            ask_it = {
                "message": "What is wrong here?",
                "textDocument": {"uri": uri},
                "range": LINE_2,
            }
            # Stop as the view does it: $/cancelRequest of the chat request.
            answer = start(client, "stop-1", ask_it, "chat-stop-1")
            await client.wait_for(lambda: streamed(client, "stop-1"), 60)
            client.protocol.notify(lsp.CANCEL_REQUEST, lsp.CancelParams(id="chat-stop-1"))
            with pytest.raises(Exception, match="cancel"):
                await answer
            await client.wait_for(lambda: ended(client, "stop-1"), 30)
            # An Explain this into the chat, stopped by the progress's own cancel.
            explain = start(client, "stop-2", task(uri, "explain"), "chat-stop-2")
            await client.wait_for(lambda: streamed(client, "stop-2"), 60)
            client.protocol.notify(
                lsp.WINDOW_WORK_DONE_PROGRESS_CANCEL,
                lsp.WorkDoneProgressCancelParams(token="stop-2"),
            )
            stopped = as_dict(await asyncio.wait_for(explain, 30))
            # ... and the next Explain, stopped by $/cancelRequest, then a question answered.
            again = start(client, "stop-3", task(uri, "explain"), "chat-stop-3")
            await client.wait_for(lambda: streamed(client, "stop-3"), 60)
            client.protocol.notify(lsp.CANCEL_REQUEST, lsp.CancelParams(id="chat-stop-3"))
            with pytest.raises(Exception, match="cancel"):
                await again
            history = as_dict(
                await send(
                    client, "mentor/chatHistory", {"conversationId": stopped["conversationId"]}
                )
            )
            await asyncio.sleep(0.5)  # the engine's thread settles the stopped job
    assert ended(client, "stop-1") == "Cancelled" and ended(client, "stop-3") == "Cancelled"
    assert stopped["cancelled"] is True and stopped["task"] == "explain"
    shown = stopped["answer"].strip()
    assert shown and OPENING.startswith(shown[:20])  # what had streamed, kept
    assert len(stopped["answer"]) < 600  # it stopped long before the end
    assert history["turns"][-1]["text"] == stopped["answer"]
    server_log = log.read_text(encoding="utf-8")
    assert "InvalidStateError" not in server_log
    assert "exception calling callback" not in server_log


async def test_chat_context_names_the_assignment_and_the_failing_case(tmp_path: Path):
    from tests.e2e.test_check_work_lsp import check, session

    (tmp_path / "week1").mkdir()
    student = tmp_path / "week1" / "total.py"
    student.write_text(
        "def total(numbers):\n    result = 0\n    for i in range(1, len(numbers)):\n"
        "        result += numbers[i]\n    return result\n",
        encoding="utf-8",
    )
    (tmp_path / "free.py").write_text("print(1)\n", encoding="utf-8")
    async with session(tmp_path, initialization_options=STATIC) as client:
        uri = client.open(student)
        free = client.open(tmp_path / "free.py")
        about = {"textDocument": {"uri": uri}}
        before = as_dict(await send(client, "mentor/chatContext", about))
        shown = len(client.messages)
        quiet = await client.workspace_execute_command_async(
            lsp.ExecuteCommandParams(
                command="mentor.checkWork", arguments=[{"uri": uri, "show": False}]
            )
        )
        assert quiet["ran"] and len(client.messages) == shown  # the view shows it, no toast
        await check(client, uri)
        assert len(client.messages) == shown + 1  # other editors: the message as before
        after = as_dict(await send(client, "mentor/chatContext", about))
        client.replace_all(uri, student.read_text(encoding="utf-8") + "\n# edited\n")
        await client.diagnostics_for(uri)
        edited = as_dict(await send(client, "mentor/chatContext", about))
        elsewhere = as_dict(
            await send(client, "mentor/chatContext", {"textDocument": {"uri": free}})
        )
    nothing = {"lastRun": None, "lastRunKind": None}
    assert before == {"assignment": {"title": "Sum a list", "hasTests": True}, **nothing}
    assert after["lastRun"] and "total" in after["lastRun"] and after["lastRunKind"] == "check"
    assert edited["lastRun"] is None  # the check was of another text
    assert elsewhere == {"assignment": None, **nothing}


async def test_a_traceback_explained_from_the_terminal_grounds_the_chat_on_that_file(
    tmp_path: Path,
):
    # A student ran `python crash.py` (not `mentor run`) and clicked the traceback's link: the
    # chat about crash.py is then about that error, while its text stays the same.
    program = tmp_path / "crash.py"
    program.write_text("values = [3, 8, 2]\nprint(values[3])\n", encoding="utf-8")
    traceback = (
        "Traceback (most recent call last):\n"
        f'  File "{program}", line 2, in <module>\n'
        "    print(values[3])\n"
        "IndexError: list index out of range\n"
    )
    async with mentor_session(tmp_path, initialization_options=STATIC) as client:
        uri = client.open(program)
        await client.diagnostics_for(uri)
        about = {"textDocument": {"uri": uri}}
        before = as_dict(await send(client, "mentor/chatContext", about))
        await client.workspace_execute_command_async(
            lsp.ExecuteCommandParams(
                command="mentor.explainError",
                arguments=[{"traceback": traceback, "uri": uri, "show": False}],
            )
        )
        after = as_dict(await send(client, "mentor/chatContext", about))
        client.replace_all(uri, "values = [3, 8, 2]\nprint(values[2])\n")
        await client.diagnostics_for(uri)
        edited = as_dict(await send(client, "mentor/chatContext", about))
    assert before["lastRun"] is None
    assert after["lastRunKind"] == "run"
    assert "IndexError: list index out of range" in after["lastRun"]
    assert edited["lastRun"] is None  # the error was of the text before the edit
