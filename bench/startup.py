"""Time from spawning a language server to its first `publishDiagnostics` for a beginner file.

    .venv/bin/python bench/startup.py            # 10 rounds, about a minute on 2 cores
    .venv/bin/python bench/startup.py --rounds 3 # a smoke run

Each round starts `mentor-lsp` and the floor, `bench/bare_pygls_server.py` (a bare pygls 2
server that publishes one diagnostic on `didOpen`), alternately in the same run, as an editor
would: spawn, `initialize`, `initialized`, `didOpen` of `examples/grades.py` (a beginner's
program), and stops the clock at the first `publishDiagnostics` for it. The client speaks
JSON-RPC itself (no client library's start-up in the numbers), announces push diagnostics only
and answers every request from the server (`workspace/configuration` with null). It prints
the medians, the ratio Mentor / floor, and whether the bar (1.3x) holds; numbers are printed,
never asserted. With `--importtime` it also prints the modules Mentor imported before the
first publish that took longest (from `python -X importtime`).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
BEGINNER_FILE = ROOT / "examples" / "grades.py"
BARE = [sys.executable, str(ROOT / "bench" / "bare_pygls_server.py")]
MENTOR = [sys.executable, "-m", "mentor.server"]
BAR = 1.3


async def _send(writer: asyncio.StreamWriter, message: dict[str, Any]) -> None:
    body = json.dumps(message).encode()
    writer.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
    await writer.drain()


async def _receive(reader: asyncio.StreamReader) -> dict[str, Any]:
    length = 0
    while (line := await reader.readline()) not in (b"\r\n", b""):
        name, _, value = line.decode().partition(":")
        if name.lower() == "content-length":
            length = int(value)
    if not length:
        raise EOFError("the server closed its output")
    return json.loads(await reader.readexactly(length))


async def first_publish(command: list[str], workspace: Path, env: dict[str, str]) -> float:
    """Seconds from spawning `command` to its first publishDiagnostics for the opened file."""
    uri = BEGINNER_FILE.as_uri()
    started = time.perf_counter()
    process = await asyncio.create_subprocess_exec(
        *command,
        stdin=asyncio.subprocess.PIPE,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.DEVNULL,
        cwd=workspace,
        env=env,
    )
    assert process.stdin is not None and process.stdout is not None
    capabilities = {
        "textDocument": {"publishDiagnostics": {"versionSupport": True}},
        "workspace": {"configuration": True},
    }
    await _send(
        process.stdin,
        {
            "jsonrpc": "2.0",
            "id": 1,
            "method": "initialize",
            "params": {
                "processId": os.getpid(),
                "rootUri": workspace.as_uri(),
                "capabilities": capabilities,
            },
        },
    )
    try:
        while True:
            message = await _receive(process.stdout)
            if message.get("id") == 1 and "method" not in message:
                await _send(
                    process.stdin, {"jsonrpc": "2.0", "method": "initialized", "params": {}}
                )
                item = {
                    "uri": uri,
                    "languageId": "python",
                    "version": 1,
                    "text": BEGINNER_FILE.read_text(encoding="utf-8"),
                }
                await _send(
                    process.stdin,
                    {
                        "jsonrpc": "2.0",
                        "method": "textDocument/didOpen",
                        "params": {"textDocument": item},
                    },
                )
            elif "id" in message and "method" in message:  # a request from the server
                result = [None] if message["method"] == "workspace/configuration" else None
                await _send(
                    process.stdin, {"jsonrpc": "2.0", "id": message["id"], "result": result}
                )
            elif (
                message.get("method") == "textDocument/publishDiagnostics"
                and message["params"]["uri"] == uri
            ):
                return time.perf_counter() - started
    finally:
        process.kill()
        await process.wait()


def importtime_report(workspace: Path, env: dict[str, str], top: int = 25) -> str:
    """The slowest imports (cumulative) of one Mentor start, up to its first publish."""
    log = workspace / "importtime.txt"
    command = [sys.executable, "-X", "importtime", "-c", _WRAPPED.format(log=str(log))]
    asyncio.run(first_publish(command, workspace, env))
    rows = []
    for line in log.read_text().splitlines():
        if not line.startswith("import time:") or "cumulative" in line:
            continue
        self_us, cumulative_us, name = (part.strip() for part in line[12:].split("|"))
        rows.append((int(cumulative_us), int(self_us), name))
    rows.sort(reverse=True)
    return "\n".join(f"{c / 1000:8.1f} ms  {s / 1000:7.1f} ms self  {n}" for c, s, n in rows[:top])


# Runs the server with stderr (where -X importtime writes) going to a file.
_WRAPPED = (
    "import os, sys; fd = os.open({log!r}, os.O_WRONLY | os.O_CREAT | os.O_TRUNC); "
    "os.dup2(fd, 2); sys.argv = ['mentor-lsp']; "
    "from mentor.server.lsp_main import main; raise SystemExit(main())"
)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=10)
    parser.add_argument("--importtime", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        workspace = Path(folder)
        env = {
            **os.environ,
            "XDG_CACHE_HOME": str(workspace / "cache"),
            "XDG_DATA_HOME": str(workspace / "data"),
        }
        # The warm-up start below writes the .pyc files an installed server has; with
        # PYTHONDONTWRITEBYTECODE set (as in some shells and CI images) every start would compile
        # Mentor's edited modules again while the bare server's come compiled from site-packages.
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        # One start of each first, not counted: the file system cache and .pyc files warm up.
        for command in (MENTOR, BARE):
            asyncio.run(first_publish(command, workspace, env))
        times: dict[str, list[float]] = {"mentor": [], "bare": []}
        for round_ in range(args.rounds):
            order = [("mentor", MENTOR), ("bare", BARE)]
            if round_ % 2:
                order.reverse()
            for name, command in order:
                times[name].append(asyncio.run(first_publish(command, workspace, env)))
        mentor, bare = (statistics.median(times[name]) for name in ("mentor", "bare"))
        print(f"first publishDiagnostics after spawn, median of {args.rounds} (alternated):")
        for name in ("mentor", "bare"):
            samples = " ".join(f"{t * 1000:.0f}" for t in times[name])
            print(f"  {name:7} {statistics.median(times[name]) * 1000:7.0f} ms   ({samples})")
        ratio = mentor / bare
        print(
            f"  ratio mentor / bare pygls: {ratio:.2f}x "
            f"(bar {BAR}x: {'met' if ratio <= BAR else 'NOT met'})"
        )
        print(f"  CPU cores: {os.cpu_count()}, load average: {os.getloadavg()[0]:.1f}")
        if args.importtime:
            print("\nslowest imports of one Mentor start, up to the first publish (cumulative):")
            print(importtime_report(workspace, env))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
