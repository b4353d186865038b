"""`mentor run` and `mentor explain-error` as a student uses them: real processes, a real
terminal (a pty, where Ctrl+C is the terminal's, not a signal the test sends to one process)."""

from __future__ import annotations

import json
import os
import pty
import select
import signal
import subprocess
import sys
import time
from pathlib import Path

MENTOR = str(Path(sys.executable).parent / "mentor")
WAIT_S = 60.0

CRASH = """import sys
print("started with", sys.argv[1:])
values = [3, 8, 2]
for i in range(len(values)):
    print(values[i + 1] - values[i])
"""


def _environment(tmp_path: Path) -> dict[str, str]:
    return {**os.environ, "XDG_DATA_HOME": str(tmp_path / "data"), "TERM": "xterm"}


def _in_terminal(
    args: list[str], cwd: Path, env: dict[str, str], send: tuple[str, bytes] | None = None
) -> tuple[str, int]:
    """Run `mentor ARGS` with a pty as its terminal; once `send[0]` appears, type `send[1]`.
    The screen's text and the raw wait status."""
    pid, master = pty.fork()
    if pid == 0:  # the child: the pty is its controlling terminal
        os.chdir(cwd)
        os.execve(MENTOR, [MENTOR, *args], env)
    screen = b""
    sent = send is None
    deadline = time.monotonic() + WAIT_S
    while time.monotonic() < deadline:
        ready, _, _ = select.select([master], [], [], 0.5)
        if ready:
            try:
                chunk = os.read(master, 65536)
            except OSError:  # EIO: the terminal closed
                break
            if not chunk:
                break
            screen += chunk
        if not sent and send[0].encode() in screen:  # type: ignore[index]
            time.sleep(0.3)
            os.write(master, send[1])  # type: ignore[index]
            sent = True
    for _ in range(100):  # never hang the suite on a process that did not end
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            break
        time.sleep(0.1)
    else:
        os.kill(pid, signal.SIGKILL)
        _, status = os.waitpid(pid, 0)
    os.close(master)
    return screen.decode("utf-8", "replace").replace("\r\n", "\n"), status


def test_a_crash_in_a_terminal_shows_traceback_explanation_and_keeps_the_status(tmp_path: Path):
    (tmp_path / "diffs.py").write_text(CRASH)
    before = sorted(tmp_path.iterdir())
    screen, status = _in_terminal(
        ["run", "--json", str(tmp_path / "out.json"), "diffs.py", "--level", "x"],
        tmp_path,
        _environment(tmp_path),
    )
    assert "started with ['--level', 'x']" in screen  # the program's own arguments
    assert "Traceback (most recent call last):" in screen
    assert f'File "{tmp_path / "diffs.py"}", line 5, in <module>' in screen
    assert "runner.py" not in screen
    assert "Mentor: index-out-of-range" in screen
    assert "values[i + 1]" in screen and "i + 1 = 3" in screen and "len(values) = 3" in screen
    assert screen.index("IndexError: list index out of range") < screen.index("Mentor:")
    assert os.WIFEXITED(status) and os.WEXITSTATUS(status) == 1
    outcome = json.loads((tmp_path / "out.json").read_text())
    assert outcome["exit_code"] == 1
    assert set(outcome["error"]) == {
        "type", "message", "cause", "file", "line", "explanation", "question", "values",
    }  # fmt: skip
    assert (outcome["error"]["cause"], outcome["error"]["line"]) == ("index-out-of-range", 5)
    # The run file is in the user's data folder, not next to the program.
    runs = list((tmp_path / "data" / "mentor" / "runs").glob("*.json"))
    assert len(runs) == 1 and json.loads(runs[0].read_text())["exit_code"] == 1
    assert sorted(tmp_path.iterdir()) == sorted([*before, tmp_path / "out.json", tmp_path / "data"])


def test_ctrl_c_on_an_endless_loop_is_explained_and_ends_like_python(tmp_path: Path):
    (tmp_path / "loop.py").write_text(
        "count = 0\nprint('counting', flush=True)\nwhile count < 10:\n    total = count * 2\n"
    )
    screen, status = _in_terminal(
        ["run", "--json", "out.json", "loop.py"],
        tmp_path,
        _environment(tmp_path),
        send=("counting", b"\x03"),
    )
    assert "KeyboardInterrupt" in screen and "Mentor: keyboard-interrupt" in screen
    assert "never changes 'count'" in screen
    assert os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGINT  # as python does
    assert json.loads((tmp_path / "out.json").read_text())["exit_code"] == 130


def _mentor(args: list[str], cwd: Path, **kwargs) -> subprocess.CompletedProcess[str]:
    kwargs.setdefault("env", _environment(cwd))
    return subprocess.run(
        [MENTOR, *args], cwd=cwd, capture_output=True, text=True, timeout=WAIT_S, **kwargs
    )


def test_a_program_reading_stdin_works_and_success_is_silent(tmp_path: Path):
    (tmp_path / "hello.py").write_text("name = input('Name? ')\nprint('Hello', name)\n")
    done = _mentor(["run", "--json", "out.json", "hello.py"], tmp_path, input="Ana\n")
    assert done.returncode == 0 and done.stdout == "Name? Hello Ana\n"
    assert "Mentor" not in done.stderr
    assert json.loads((tmp_path / "out.json").read_text()) == {"exit_code": 0, "error": None}


def test_huge_output_passes_through_whole(tmp_path: Path):
    (tmp_path / "big.py").write_text("for i in range(300_000):\n    print(i, 'x' * 40)\n")
    done = _mentor(["run", "big.py"], tmp_path)
    lines = done.stdout.splitlines()
    assert done.returncode == 0 and len(lines) == 300_000 and lines[-1].startswith("299999 ")


def test_a_printed_fake_traceback_and_sys_exit_are_not_crashes(tmp_path: Path):
    fake = "Traceback (most recent call last):\n  File \"x.py\", line 1\nKeyError: 'no'\n"
    (tmp_path / "fake.py").write_text(
        f"import sys\nprint({fake!r})\nprint({fake!r}, file=sys.stderr)\nsys.exit(3)\n"
    )
    done = _mentor(["run", "--json", "out.json", "fake.py"], tmp_path)
    assert done.returncode == 3 and "KeyError: 'no'" in done.stdout
    assert "Mentor" not in done.stderr
    assert json.loads((tmp_path / "out.json").read_text()) == {"exit_code": 3, "error": None}


def test_explain_error_reads_a_pipe_and_the_source(tmp_path: Path):
    (tmp_path / "diffs.py").write_text(CRASH)
    crashed = subprocess.run(
        [sys.executable, "diffs.py"], cwd=tmp_path, capture_output=True, text=True, timeout=60
    )
    done = _mentor(["explain-error", "--format", "json"], tmp_path, input=crashed.stderr)
    assert done.returncode == 0, done.stderr
    error = json.loads(done.stdout)
    assert set(error) == {"type", "message", "cause", "file", "line", "explanation", "question"}
    assert (error["cause"], error["line"]) == ("index-out-of-range", 5)
    assert "one past the end" in error["explanation"]  # read the loop from the file
    (tmp_path / "diffs.py").unlink()  # gone since: said, and still explained
    done = _mentor(["explain-error", "-", "--level", "proficient"], tmp_path, input=crashed.stderr)
    assert done.returncode == 0 and "could not open diffs.py" in done.stdout


def test_explain_error_bad_input_gets_a_clear_message(tmp_path: Path):
    java = 'Exception in thread "main" java.lang.NullPointerException\n\tat Main.main(Main.java:5)'
    for text, said in (
        ("", "the input is empty"),
        ("\x00\x01 Traceback (most rec ^^^ \xff", "no Python traceback found"),
        (java, "no Python traceback found"),
    ):
        done = _mentor(["explain-error"], tmp_path, input=text)
        assert done.returncode == 1 and said in done.stderr
        assert 'File "' + MENTOR not in done.stderr and len(done.stderr.splitlines()) == 1
    (tmp_path / "binary.txt").write_bytes(bytes(range(256)) * 100)
    assert _mentor(["explain-error", "binary.txt"], tmp_path).returncode == 1
    assert _mentor(["explain-error", "missing.txt"], tmp_path).returncode == 2
    assert _mentor(["explain-error", "--root", "nowhere"], tmp_path, input="").returncode == 2
    assert _mentor(["run", "missing.py"], tmp_path).returncode == 2


def test_a_program_that_does_not_parse_gets_the_syntax_explanation(tmp_path: Path):
    (tmp_path / "area.py").write_text("def area(w, h)\n    return w * h\n")
    done = _mentor(["run", "--json", "out.json", "area.py"], tmp_path)
    assert done.returncode == 1 and "SyntaxError: expected ':'" in done.stderr
    error = json.loads((tmp_path / "out.json").read_text())["error"]
    assert (error["cause"], error["line"]) == ("missing-colon", 1)


def test_values_never_hang_on_the_programs_own_repr_and_its_excepthook_is_used(tmp_path: Path):
    (tmp_path / "slow.py").write_text(
        "import sys\n"
        "sys.excepthook = lambda *exc: print('my hook:', exc[1], file=sys.stderr)\n"
        "class Slow:\n    def __repr__(self):\n        while True:\n            pass\n"
        "a = Slow()\nb = Slow()\nprint(a.x, b.y)\n"
    )
    done = _mentor(["run", "slow.py"], tmp_path)
    assert done.returncode == 1 and "my hook: 'Slow' object has no attribute 'x'" in done.stderr
    assert "Mentor: no-such-attribute" in done.stderr and "Traceback" not in done.stderr


def test_a_program_asking_in_the_terminal_gets_what_is_typed(tmp_path: Path):
    (tmp_path / "age.py").write_text("age = int(input('Age? '))\nprint('Next year', age + 1)\n")
    screen, status = _in_terminal(
        ["run", "age.py"], tmp_path, _environment(tmp_path), send=("Age? ", b"1.5\n")
    )
    assert "Age? 1.5" in screen  # the terminal echoes what was typed to the program
    assert "Mentor: bad-conversion" in screen and "float()" in screen
    assert os.WIFEXITED(status) and os.WEXITSTATUS(status) == 1


def test_the_program_sees_what_plain_python_gives_it(tmp_path: Path):
    (tmp_path / "hw").mkdir()
    (tmp_path / "hw" / "helper.py").write_text("VALUE = 42\n")
    (tmp_path / "hw" / "probe.py").write_text(
        '"""Doc."""\nimport os, pickle, sys\nimport helper\n'
        "class Point:\n    pass\n"
        "print(sys.argv, sys.path[0], __name__, __file__, __doc__, os.getcwd(), helper.VALUE)\n"
        "print(sys.modules['__main__'].Point is Point, len(pickle.dumps(Point())) > 0)\n"
        "print(sorted(k for k in os.environ if k.startswith('MENTOR')))\n"
        "sys.exit(4)\n"
    )
    args = ["hw/probe.py", "a b", "--json"]
    plain = subprocess.run(
        [sys.executable, *args], cwd=tmp_path, capture_output=True, text=True, timeout=60
    )
    mentor = _mentor(["run", *args], tmp_path)
    assert plain.returncode == mentor.returncode == 4
    assert mentor.stdout == plain.stdout and "True True" in plain.stdout


def test_without_level_the_wording_follows_the_workspaces_progress_file(
    tmp_path: Path, monkeypatch
):
    from mentor.analyzers import Level, analyze
    from mentor.analyzers.runtime import explain_traceback
    from mentor.models.learner import LearnerService, database_path
    from mentor.server.cli.explain_error_cmd import reader_for

    monkeypatch.setenv("XDG_DATA_HOME", _environment(tmp_path)["XDG_DATA_HOME"])
    (tmp_path / "diffs.py").write_text(CRASH)
    crashed = subprocess.run(
        [sys.executable, "diffs.py"], cwd=tmp_path, capture_output=True, text=True, timeout=60
    )

    def explained(level: Level) -> str:
        return explain_traceback(crashed.stderr, reader_for(tmp_path), level).explanation

    done = _mentor(["explain-error", "--format", "json"], tmp_path, input=crashed.stderr)
    assert json.loads(done.stdout)["explanation"] == explained(Level.NOVICE)
    assert not database_path(tmp_path).exists()  # explaining never creates a progress file
    service = LearnerService.open(database_path(tmp_path))[0]
    code = "xs = [1, 2]\nys = []\n"  # an earlier session: many idiomatic loops over lists
    service.snapshot("earlier.py", analyze(code))
    for n in range(15):
        code += f"for i{n}, x{n} in enumerate(xs):\n    ys.append(x{n} * i{n})\n"
        service.snapshot("earlier.py", analyze(code))
    service.close()
    done = _mentor(["explain-error", "--format", "json"], tmp_path, input=crashed.stderr)
    assert json.loads(done.stdout)["explanation"] == explained(Level.PROFICIENT)
    ran = _mentor(["run", "--json", "out.json", "diffs.py"], tmp_path)
    error = json.loads((tmp_path / "out.json").read_text())["error"]
    assert ran.returncode == 1
    assert error["explanation"].startswith("IndexError: list index out of range at line 5")
    given = _mentor(["explain-error", "--level", "novice"], tmp_path, input=crashed.stderr)
    assert "Your program stopped at line 5" in given.stdout  # --level still wins
