"""Security in the real server process: no network traffic unless an endpoint is configured
(watched with strace, at the level of system calls, so that llama.cpp and every library count),
and a student's code is never run, whatever the workspace contains."""

from __future__ import annotations

import re
import subprocess
import sys
import textwrap
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from lsprotocol import types as lsp

from tests.support.llm_fixture import NEEDS_SMOLLM2, SMOLLM2
from tests.support.lsp_support import MENTOR_LSP, MentorClient, mentor_session
from tests.support.programs import required_program

BEGINNER = textwrap.dedent(
    """\
    names = ["Ada", "Alan", "Grace"]
    for i in range(len(names)):
        print("Hello", names[i])
    """
)
SHORT = {
    "tutor": {"maxTokens": 16},
    "learner": {"snapshotDelayMs": 500},
    "model": {"path": str(SMOLLM2)},
}
# The calls that reach another machine, and the address families that can.
NETWORK_CALL = re.compile(r"\b(socket|connect|sendto|sendmsg|bind)\((.*)")
INTERNET = ("AF_INET", "AF_INET6", "PF_INET")


@pytest.fixture
def strace() -> str:
    found = required_program("strace", "apt-get install strace")
    probe = subprocess.run([found, "-f", "-o", "/dev/null", "true"], capture_output=True)
    if probe.returncode != 0:
        pytest.skip(f"strace cannot trace here: {probe.stderr.decode(errors='replace')}")
    return found


def traced(strace: str, log: Path) -> list[str]:
    """`mentor-lsp` under strace, recording every socket call of every thread and child."""
    return [strace, "-f", "-qq", "-e", "trace=network", "-o", str(log), MENTOR_LSP]


def internet_calls(log: Path) -> list[str]:
    return [
        line
        for line in log.read_text(errors="replace").splitlines()
        if NETWORK_CALL.search(line) and any(family in line for family in INTERNET)
    ]


async def use_everything(client: MentorClient, workspace: Path) -> dict[str, Any]:
    """What a student does in a session: diagnostics, hover, quick fixes, explain and hint,
    saving (the learner model), the progress report. Returns the explain command's result."""
    uri = client.open(workspace / "names.py")
    loop = next(d for d in await client.diagnostics_for(uri) if d.code == "MNT101")
    await client.text_document_hover_async(
        lsp.HoverParams(
            text_document=lsp.TextDocumentIdentifier(uri=uri), position=loop.range.start
        )
    )
    actions = await client.text_document_code_action_async(
        lsp.CodeActionParams(
            text_document=lsp.TextDocumentIdentifier(uri=uri),
            range=loop.range,
            context=lsp.CodeActionContext(diagnostics=[loop]),
        )
    )
    results = {}
    for title in ("Mentor: Explain this", "Mentor: Give me a hint"):
        action = next(a for a in actions if a.title == title)
        action = await client.code_action_resolve_async(action)
        results[title] = await client.workspace_execute_command_async(
            lsp.ExecuteCommandParams(
                command=action.command.command, arguments=action.command.arguments
            )
        )
    client.text_document_did_save(
        lsp.DidSaveTextDocumentParams(text_document=lsp.TextDocumentIdentifier(uri=uri))
    )
    await client.wait_for(lambda: client.logged("learner: snapshot of names.py stored"))
    await client.workspace_execute_command_async(
        lsp.ExecuteCommandParams(command="mentor.showReport")
    )
    return results["Mentor: Explain this"]


@pytest.mark.skipif(SMOLLM2 is None, reason=NEEDS_SMOLLM2)
async def test_no_network_traffic_without_an_endpoint(tmp_path: Path, strace: str):
    pytest.importorskip("llama_cpp")
    (tmp_path / "names.py").write_text(BEGINNER, encoding="utf-8")
    log = tmp_path / "strace.log"
    async with mentor_session(
        tmp_path, initialization_options=SHORT, command=traced(strace, log)
    ) as client:
        explained = await use_everything(client, tmp_path)
    assert explained["source"] == "model"  # the local model really ran
    assert "socketpair(AF_UNIX" in log.read_text()  # strace saw the server's own local sockets
    assert internet_calls(log) == []


class RefusingEndpoint(BaseHTTPRequestHandler):
    """An OpenAI-compatible endpoint that is down for maintenance."""

    def do_GET(self) -> None:
        self.send_error(503, "down for maintenance")

    do_POST = do_GET

    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture
def endpoint() -> Iterator[int]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), RefusingEndpoint)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server.server_address[1]
    server.shutdown()
    server.server_close()


async def test_a_configured_endpoint_is_the_only_address_contacted(
    tmp_path: Path, strace: str, endpoint: int
):
    (tmp_path / "names.py").write_text(BEGINNER, encoding="utf-8")
    log = tmp_path / "strace.log"
    options = {**SHORT, "model": {"endpoint": f"http://127.0.0.1:{endpoint}"}}
    async with mentor_session(
        tmp_path, initialization_options=options, command=traced(strace, log)
    ) as client:
        explained = await use_everything(client, tmp_path)
    assert explained["source"] == "static"  # the endpoint is down: Mentor's own explanation
    calls = internet_calls(log)
    contacts = [line for line in calls if "connect(" in line]
    assert contacts, "the configured endpoint was never contacted"
    port = f"sin_port=htons({endpoint})"
    assert all(port in line and '"127.0.0.1"' in line for line in contacts), contacts


STUDENT_FILES = {
    # what a student's folder may hold: modules that shadow Mentor's or the libraries' names,
    # Python's start-up hooks, a script that imports a helper
    "homework.py": "import helper\nhelper.greet('Ada')\n",
    "helper.py": "def greet(name):\n    print('Hello', name)\n",
    "sitecustomize.py": "",
    "usercustomize.py": "",
    "mentor.py": "",
    "server.py": "",
    "models.py": "",
    "analyzers.py": "",
    "jedi.py": "",
    "llama_cpp.py": "",
    "setup.py": "",
    "conftest.py": "",
}


def plant(workspace: Path) -> Path:
    """Each file leaves a mark if it ever runs; returns the folder of marks."""
    marks = workspace / "marks"
    marks.mkdir()
    for name, code in STUDENT_FILES.items():
        mark = f"open({str(marks / name)!r}, 'w').close()\n"
        (workspace / name).write_text(mark + code, encoding="utf-8")
    return marks


async def test_a_students_code_is_never_run(tmp_path: Path):
    marks = plant(tmp_path)
    options = {"tutor": {"enabled": False}, "learner": {"snapshotDelayMs": 500}}
    async with mentor_session(tmp_path, initialization_options=options) as client:
        for name in STUDENT_FILES:
            client.open(tmp_path / name)
        uri = (tmp_path / "homework.py").as_uri()
        await client.diagnostics_for(uri)
        for _ in range(20):  # hover gives up on jedi while it warms up: hover again, as users do
            hover = await client.text_document_hover_async(
                lsp.HoverParams(
                    text_document=lsp.TextDocumentIdentifier(uri=uri),
                    position=lsp.Position(line=2, character=8),  # helper.greet
                )
            )
            if hover is not None:
                break
        await client.wait_for(lambda: client.logged("learner: snapshot of homework.py stored"))
    assert hover is not None and "greet(name)" in hover.contents.value  # jedi read helper.py
    cli = subprocess.run(
        [str(Path(sys.executable).parent / "mentor"), "analyze", "--format", "json", "."],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert cli.returncode == 0, cli.stderr
    assert sorted(path.name for path in marks.iterdir()) == []
