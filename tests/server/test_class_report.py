"""`mentor class-report` on a small class folder, as a teacher runs it (a real process)."""

from __future__ import annotations

import csv
import subprocess
import sys
from pathlib import Path

MENTOR = str(Path(sys.executable).parent / "mentor")


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([MENTOR, *args], capture_output=True, text=True, timeout=180)


def make_class(root: Path) -> Path:
    """Three students with a folder each, one with a single file, and unreadable work."""
    folder = root / "class"
    (folder / "alice" / "week2").mkdir(parents=True)
    (folder / "alice" / "loops.py").write_text(
        "names = ['a', 'b']\nfor i in range(len(names)):\n    print(names[i])\n"
    )
    (folder / "alice" / "week2" / "sums.py").write_text(
        "def total(xs):\n    result = 0\n    for x in xs:\n        result += x\n    return result\n"
    )
    (folder / "bob").mkdir()
    (folder / "bob" / "guess.py").write_text("x = 1\nif x = 1:\n    print(x)\n")
    (folder / "bob" / "names.py").write_text(
        "names = ['a']\nfor i in range(len(names)):\n    print(names[i])\n"
    )
    (folder / "carol.py").write_text("try:\n    pass\nexcept:\n    pass\n")
    (folder / "dave").mkdir()
    (folder / "dave" / "image.py").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    (folder / "dave" / "latin.py").write_bytes("name = 'José'\n".encode("latin-1"))
    (folder / "=<eve>").mkdir()  # a name a spreadsheet or a browser could take for code
    (folder / "=<eve>" / "x.py").write_text("print('hello')\n")
    return folder


def read_rows(path: Path) -> dict[str, dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as file:
        return {row["student"]: row for row in csv.DictReader(file)}


def test_class_report_writes_csv_and_html_for_every_student(tmp_path: Path):
    folder = make_class(tmp_path)
    out = tmp_path / "report"
    result = run("class-report", str(folder), "--out", str(out), "--jobs", "2")
    assert result.returncode == 0, result.stderr
    assert "Checked 8 files of 5 students (2 could not be read)" in result.stdout
    assert "Checking" in result.stderr and "8/8" in result.stderr  # the progress bar
    assert "Traceback" not in result.stderr

    rows = read_rows(out / "class-report.csv")
    assert set(rows) == {"alice", "bob", "carol.py", "dave", "'=<eve>"}
    alice, bob, carol, dave = rows["alice"], rows["bob"], rows["carol.py"], rows["dave"]
    assert (alice["files"], alice["finding:range-len-loop"], alice["uses:loops"]) == ("2", "1", "2")
    assert alice["uses:functions"] == "1" and alice["syntax_errors"] == "0"
    assert bob["syntax_error_causes"] == "assign-in-condition"
    assert (bob["finding:assign-in-condition"], bob["finding:range-len-loop"]) == ("1", "1")
    assert carol["finding:bare-except"] == "1" and carol["uses:exceptions"] == "1"
    assert (dave["files"], dave["unreadable_files"], dave["competence"]) == ("2", "2", "")
    assert alice["competence"] in ("novice", "developing", "proficient")
    assert 0 <= float(alice["best_practice"]) <= 1

    page = (out / "class-report.html").read_text(encoding="utf-8")
    assert "<svg" in page and "<script" not in page.lower()
    assert "range-len-loop" in page and "assign-in-condition" in page
    misconceptions = page.split("Most common misconceptions", 1)[1].split("</svg>", 1)[0]
    assert "range-len-loop: 2" in misconceptions  # two students have it
    assert "dave/image.py" in page and "binary" in page and "dave/latin.py" in page
    assert "=&lt;eve&gt;" in page and "<eve>" not in page


def test_one_file_per_student_and_no_progress_bar(tmp_path: Path):
    folder = tmp_path / "class"
    folder.mkdir()
    for name in ("ann", "ben"):
        (folder / f"{name}.py").write_text("for x in [1, 2]:\n    print(x)\n")
    out = tmp_path / "out"
    result = run("class-report", str(folder), "--out", str(out), "--no-progress", "--jobs", "1")
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert set(read_rows(out / "class-report.csv")) == {"ann.py", "ben.py"}
    assert "one file per student" in (out / "class-report.html").read_text(encoding="utf-8")


def test_bad_usage_is_one_line_and_exit_2(tmp_path: Path):
    missing = run("class-report", str(tmp_path / "nope"))
    assert missing.returncode == 2 and "not a folder" in missing.stderr
    empty = run("class-report", str(tmp_path), "--out", str(tmp_path / "out"))
    assert empty.returncode == 2 and "no Python files" in empty.stderr
    assert "Traceback" not in missing.stderr + empty.stderr
