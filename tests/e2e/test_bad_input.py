"""Bad input through the real server: a clear message, no crash, nothing lost.

Each test ends by checking that the server still answers (a hover on a healthy document)."""

from __future__ import annotations

import asyncio
import json
import subprocess
import time
from pathlib import Path

import pytest
from lsprotocol import types as lsp

from tests.support.lsp_support import MENTOR_LSP, MentorClient, codes, mentor_session

HEALTHY = "names = ['a']\nif names == None:\n    pass\n"


async def still_answers(client: MentorClient, workspace: Path) -> None:
    uri = client.open(workspace / "healthy.py", HEALTHY)
    assert codes(await client.diagnostics_for(uri)) == ["MNT202"]
    hover = await client.text_document_hover_async(
        lsp.HoverParams(
            text_document=lsp.TextDocumentIdentifier(uri=uri),
            position=lsp.Position(line=1, character=12),
        )
    )
    assert hover is not None and "singleton-comparison" in hover.contents.value


async def test_syntax_errors_everywhere(tmp_path: Path):
    garbage = "\n".join(["def (:", "  ]]] {{ )", "if = = =", "'''", "class", "\t\t  x y z"] * 50)
    async with mentor_session(tmp_path) as client:
        uri = client.open(tmp_path / "garbage.py", garbage)
        diagnostics = await client.diagnostics_for(uri)
        assert len(diagnostics) == 1 and diagnostics[0].severity == lsp.DiagnosticSeverity.Error
        await still_answers(client, tmp_path)


async def test_empty_file_gets_empty_diagnostics(tmp_path: Path):
    async with mentor_session(tmp_path) as client:
        uri = client.open(tmp_path / "empty.py", "")
        assert await client.diagnostics_for(uri) == []
        await still_answers(client, tmp_path)


async def test_a_5_mb_file_gets_one_notice_and_the_server_stays_responsive(tmp_path: Path):
    data = "numbers = [\n" + "    12345678901234567890,\n" * 200_000 + "]\n"  # about 5 MB
    async with mentor_session(tmp_path) as client:
        uri = client.open(tmp_path / "data.py", data)
        (notice,) = await client.diagnostics_for(uri)
        assert notice.code == "MNT990" and "too large" in notice.message
        assert notice.severity == lsp.DiagnosticSeverity.Information
        await still_answers(client, tmp_path)


async def test_binary_content_is_explained(tmp_path: Path):
    async with mentor_session(tmp_path) as client:
        uri = client.open(tmp_path / "image.py", "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
        (diagnostic,) = await client.diagnostics_for(uri)
        assert diagnostic.code == "MNT021" and "not plain text" in diagnostic.message
        await still_answers(client, tmp_path)


async def test_deep_nesting_and_very_long_lines(tmp_path: Path):
    nested = "x = " + "[" * 1000 + "]" * 1000 + "\n"
    chained = "total = " + " + ".join(["1"] * 100_000) + "\n"
    long_line = "text = '" + "a" * 500_000 + "' == None\n"
    async with mentor_session(tmp_path) as client:
        nested_uri = client.open(tmp_path / "nested.py", nested)
        chained_uri = client.open(tmp_path / "chained.py", chained)
        long_uri = client.open(tmp_path / "long.py", long_line)
        (too_deep,) = await client.diagnostics_for(nested_uri)
        assert "nested" in too_deep.message
        (too_long,) = await client.diagnostics_for(chained_uri)
        assert "nested more deeply" in too_long.message
        (comparison,) = await client.diagnostics_for(long_uri)
        assert comparison.code == "MNT202"
        assert comparison.range.end.character == len(long_line) - 1
        await still_answers(client, tmp_path)


async def test_non_python_documents_are_left_alone(tmp_path: Path):
    async with mentor_session(tmp_path) as client:
        client.text_document_did_open(
            lsp.DidOpenTextDocumentParams(
                text_document=lsp.TextDocumentItem(
                    uri=(tmp_path / "notes.md").as_uri(),
                    language_id="markdown",
                    version=1,
                    text="if x = 1: this is prose, not Python\n",
                )
            )
        )
        await still_answers(client, tmp_path)
    assert all(p.uri != (tmp_path / "notes.md").as_uri() for p in client.published)


async def test_document_closed_while_being_analysed(tmp_path: Path):
    big = "".join(f"value_{n} = {n} == None\n" for n in range(20_000))
    async with mentor_session(tmp_path) as client:
        uri = client.open(tmp_path / "big.py", big)
        client.close(uri)
        await still_answers(client, tmp_path)
    mine = [p for p in client.published if p.uri == uri]
    assert mine and not mine[-1].diagnostics, "diagnostics were published after the close"


async def test_out_of_order_and_duplicate_versions(tmp_path: Path):
    async with mentor_session(tmp_path) as client:
        uri = client.open(tmp_path / "a.py", "x = 1\n")
        await client.diagnostics_for(uri, version=1)
        for version, text in ((5, "x = 2\n"), (3, "if x == None:\n    pass\n"), (3, "y = 1\n")):
            client.text_document_did_change(
                lsp.DidChangeTextDocumentParams(
                    text_document=lsp.VersionedTextDocumentIdentifier(uri=uri, version=version),
                    content_changes=[lsp.TextDocumentContentChangeWholeDocument(text=text)],
                )
            )
        # The last text the editor sent wins, whatever its version number says.
        await client.wait_for(
            lambda: any(
                p.uri == uri and p.version == 3 and not p.diagnostics for p in client.published
            )
        )
        await still_answers(client, tmp_path)


async def test_a_client_that_cancels_everything(tmp_path: Path):
    async with mentor_session(tmp_path) as client:
        uri = client.open(tmp_path / "a.py", HEALTHY)
        await client.diagnostics_for(uri)
        requests = []
        for line in range(3):
            hover = client.protocol.send_request_async(
                lsp.TEXT_DOCUMENT_HOVER,
                lsp.HoverParams(
                    text_document=lsp.TextDocumentIdentifier(uri=uri),
                    position=lsp.Position(line=line, character=1),
                ),
            )
            requests.append(hover)
        for msg_id in list(client.protocol._request_futures):
            client.protocol.notify(lsp.CANCEL_REQUEST, lsp.CancelParams(id=msg_id))
        results = await asyncio.gather(*requests, return_exceptions=True)
        assert len(results) == 3  # each answered: a result, or "cancelled"; none left hanging
        await still_answers(client, tmp_path)


async def test_lines_split_only_the_lsp_way_under_incremental_edits(tmp_path: Path):
    text = "a = 1\n\x0c\nb = 2\nc = 3\n"  # a form feed: str.splitlines() would see an extra line
    async with mentor_session(tmp_path) as client:
        uri = client.open(tmp_path / "ff.py", text)
        await client.diagnostics_for(uri, version=1)
        version = client.edit(uri, (3, 0), (3, 5), "if a == None: pass")  # replaces `c = 3`
        (diagnostic,) = await client.diagnostics_for(uri, version=version)
    assert diagnostic.code == "MNT202"
    assert diagnostic.range.start == lsp.Position(line=3, character=3)


def _raw_server(tmp_path: Path, stderr: int = subprocess.PIPE) -> subprocess.Popen:
    """`mentor-lsp` on pipes, for a test that writes the protocol's bytes itself."""
    return subprocess.Popen(
        [MENTOR_LSP],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=stderr,
        cwd=tmp_path,
        env={"XDG_CACHE_HOME": str(tmp_path / "cache"), "PATH": "/usr/bin:/bin"},
    )


def _frame(body: bytes) -> bytes:
    return b"Content-Length: %d\r\n\r\n" % len(body) + body


def _read_messages(process: subprocess.Popen, until: str, timeout: float = 60) -> list[dict]:
    """Read framed messages until one contains `until` (or the timeout passes)."""
    messages: list[dict] = []
    deadline = time.monotonic() + timeout
    stream = process.stdout
    while time.monotonic() < deadline:
        header = stream.readline()
        if not header:
            break
        if not header.lower().startswith(b"content-length"):
            continue
        length = int(header.split(b":")[1])
        while stream.readline().strip():
            pass
        message = json.loads(stream.read(length))
        messages.append(message)
        if until in json.dumps(message):
            break
    return messages


def test_invalid_utf8_from_the_client_loses_nothing(tmp_path: Path):
    process = _raw_server(tmp_path, stderr=subprocess.DEVNULL)
    try:
        initialize = {
            "jsonrpc": "2.0",
            "id": 1,
            "method": "initialize",
            "params": {"processId": None, "rootUri": None, "capabilities": {}},
        }
        process.stdin.write(_frame(json.dumps(initialize).encode()))
        process.stdin.write(_frame(b'{"jsonrpc": "2.0", "method": "initialized", "params": {}}'))
        uri = (tmp_path / "latin.py").as_uri()
        did_open = (
            b'{"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": '
            b'{"uri": "' + uri.encode() + b'", "languageId": "python", "version": 1, '
            b'"text": "name = \'Jos\xe9\'\\nif name == None:\\n    pass\\n"}}}'
        )
        process.stdin.write(_frame(did_open))
        process.stdin.flush()
        messages = _read_messages(process, until="MNT202")
    finally:
        process.kill()
    shown = [m["params"]["message"] for m in messages if m.get("method") == "window/showMessage"]
    assert any("not UTF-8" in text for text in shown), shown
    published = [
        m["params"] for m in messages if m.get("method") == "textDocument/publishDiagnostics"
    ]
    assert published and published[-1]["uri"] == uri
    assert [d["code"] for d in published[-1]["diagnostics"]] == ["MNT202"]  # the file was kept


def test_a_client_that_disconnects_ends_the_server(tmp_path: Path):
    process = _raw_server(tmp_path)
    initialize = {
        "jsonrpc": "2.0",
        "id": 1,
        "method": "initialize",
        "params": {"processId": None, "rootUri": None, "capabilities": {}},
    }
    process.stdin.write(_frame(json.dumps(initialize).encode()))
    process.stdin.flush()
    assert _read_messages(process, until='"id": 1')
    process.stdin.close()  # the editor went away without shutdown/exit
    try:
        returncode = process.wait(timeout=30)
    finally:
        process.kill()
    stderr = process.stderr.read().decode()
    assert returncode == 0, stderr
    assert "Traceback" not in stderr


@pytest.mark.parametrize("shut_down_first", [True, False])
def test_the_server_ends_cleanly_on_exit(tmp_path: Path, shut_down_first: bool):
    # As an editor closes (shutdown, then exit), or one that only sends exit, right after
    # starting: the process ends, with code 0 after a shutdown, and without a traceback.
    process = _raw_server(tmp_path)
    capabilities = {"processId": None, "rootUri": None, "capabilities": {}}
    messages = [
        {"id": 1, "method": "initialize", "params": capabilities},
        {"method": "initialized", "params": {}},
    ]
    if shut_down_first:
        messages.append({"id": 2, "method": "shutdown"})
    try:
        for message in messages:
            process.stdin.write(_frame(json.dumps({"jsonrpc": "2.0", **message}).encode()))
            process.stdin.flush()
        assert _read_messages(process, until='"id": 2' if shut_down_first else '"id": 1')
        process.stdin.write(_frame(json.dumps({"jsonrpc": "2.0", "method": "exit"}).encode()))
        process.stdin.flush()
        returncode = process.wait(timeout=30)
    finally:
        process.kill()
    stderr = process.stderr.read().decode()
    assert "Traceback" not in stderr and "Task was destroyed" not in stderr, stderr
    if shut_down_first:
        assert returncode == 0, stderr


def _initialize(process: subprocess.Popen) -> None:
    initialize = {
        "jsonrpc": "2.0",
        "id": 1,
        "method": "initialize",
        "params": {"processId": None, "rootUri": None, "capabilities": {}},
    }
    process.stdin.write(_frame(json.dumps(initialize).encode()))
    process.stdin.flush()
    assert _read_messages(process, until='"id": 1')


HOVER = json.dumps(
    {
        "jsonrpc": "2.0",
        "id": 2,
        "method": "textDocument/hover",
        "params": {
            "textDocument": {"uri": "file:///a.py"},
            "position": {"line": 0, "character": 0},
        },
    }
).encode()
BAD_FRAMES = {
    "not a number": b"Content-Length: abc\r\n\r\n" + HOVER,
    "negative": b"Content-Length: -5\r\n\r\n" + HOVER,
    "too small": b"Content-Length: %d\r\n\r\n" % (len(HOVER) - 10) + HOVER + _frame(HOVER),
    "missing": b"Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n" + HOVER,
    "zero": b"Content-Length: 0\r\n\r\n" + HOVER,
}


@pytest.mark.parametrize("frame", BAD_FRAMES)
def test_a_broken_content_length_ends_the_server_with_a_reason(tmp_path: Path, frame: str):
    # pygls lost the framing and read every later message as a header: alive but deaf. An
    # editor restarts a server that exits; it cannot tell that one stopped listening.
    process = _raw_server(tmp_path)
    try:
        _initialize(process)
        process.stdin.write(BAD_FRAMES[frame] + _frame(HOVER))
        process.stdin.flush()
        returncode = process.wait(timeout=10)
    finally:
        process.kill()
    stderr = process.stderr.read().decode()
    assert returncode != 0
    assert "LSP framing" in stderr and "Content-Length" in stderr, stderr
    assert "Traceback" not in stderr, stderr


async def test_a_lone_surrogate_in_a_document_is_analysed_like_any_text(tmp_path: Path):
    # JSON can carry "\ud800" (VS Code's strings can hold one); it is no valid UTF-8 or UTF-16.
    text = "label = 'a \ud800'\nif '\ud800' and label == None:\n    pass\n"
    async with mentor_session(tmp_path) as client:
        uri = client.open(tmp_path / "surrogate.py", text)
        (diagnostic,) = await client.diagnostics_for(uri)
        hover = await client.text_document_hover_async(
            lsp.HoverParams(
                text_document=lsp.TextDocumentIdentifier(uri=uri),
                position=lsp.Position(line=1, character=20),
            )
        )
        await still_answers(client, tmp_path)
    assert diagnostic.code == "MNT202"
    # the editor counts the lone surrogate as one UTF-16 unit
    assert diagnostic.range.start == lsp.Position(line=1, character=11)
    assert hover is not None and "singleton-comparison" in hover.contents.value


HOSTILE_NUMBERS = {
    "1e400 in initializationOptions": {
        "initialization_options": {
            "mentor": {"hintLevel": "developing", "diagnostics": {"delayMs": float("inf")}}
        },
        "warned": "mentor.diagnostics.delayMs",
    },
    "NaN in initializationOptions": {
        "initialization_options": {
            "mentor": {"hintLevel": "developing", "learner.snapshotDelayMs": float("nan")}
        },
        "warned": "mentor.learner.snapshotDelayMs",
    },
    "NaN in workspace/configuration": {
        "configuration": {
            "mentor": {"hintLevel": "developing", "model": {"threads": float("nan")}}
        },
        "warned": "mentor.model.threads",
    },
    "-Infinity in workspace/configuration": {
        "configuration": {
            "mentor": {"hintLevel": "developing", "tutor": {"maxTokens": float("-inf")}}
        },
        "warned": "mentor.tutor.maxTokens",
    },
}


@pytest.mark.parametrize("case", HOSTILE_NUMBERS)
async def test_a_number_json_allows_but_python_cannot_use_falls_back(tmp_path: Path, case: str):
    # `1e400` parses to the same float as `Infinity`; int() of it raised in parse_settings, and
    # then no setting was applied, no mentor/status sent and the learner stayed off.
    settings = dict(HOSTILE_NUMBERS[case])
    warned = settings.pop("warned")
    async with mentor_session(tmp_path, **settings) as client:
        await client.wait_for(lambda: bool(client.statuses))
        report = await client.workspace_execute_command_async(
            lsp.ExecuteCommandParams(command="mentor.showReport", arguments=[{"open": False}])
        )
        await still_answers(client, tmp_path)
    assert client.statuses[-1].level == "developing"  # the other settings were applied
    warnings = [m.message for m in client.messages if m.type == lsp.MessageType.Warning]
    assert any(warned in message and "using the default" in message for message in warnings)
    assert report is not None and "Your Python progress" in report["markdown"]  # learner on
