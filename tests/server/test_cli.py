"""`mentor analyze` and `mentor rules` as users and tools run them: a real process."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

MENTOR = str(Path(sys.executable).parent / "mentor")
EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([MENTOR, *args], capture_output=True, text=True, cwd=cwd, timeout=120)


def test_analyze_json_has_the_documented_shape(tmp_path: Path):
    student = tmp_path / "loop.py"
    student.write_text("names = ['a']\nfor i in range(len(names)):\n    print(names[i])\n")
    result = run("analyze", str(student), "--format", "json")
    assert result.returncode == 0, result.stderr
    (report,) = json.loads(result.stdout)["files"]
    assert report["path"] == str(student)
    assert report["syntax_error"] is None
    (finding,) = report["findings"]
    assert finding["code"] == "MNT101" and finding["name"] == "range-len-loop"
    assert (finding["line"], finding["column"], finding["end_line"]) == (2, 1, 2)
    assert finding["severity"] == "info"
    assert finding["concepts"] == ["loops", "lists"]
    assert "pylint:C0200" in finding["equivalents"]
    assert finding["fix"]["applicability"] == "safe"
    assert finding["fix"]["edits"][0]["new_text"]


def test_analyze_json_reports_syntax_errors_with_a_cause(tmp_path: Path):
    student = tmp_path / "broken.py"
    student.write_text("x = 1\nif x = 1:\n    pass\n")
    (report,) = json.loads(run("analyze", str(student), "--format", "json").stdout)["files"]
    error = report["syntax_error"]
    assert (error["line"], error["column"], error["cause"]) == (2, 6, "assign-in-condition")
    assert "invalid syntax" in error["message"]
    assert "'=='" in error["explanation"]


def test_level_changes_the_wording(tmp_path: Path):
    student = tmp_path / "s.py"
    student.write_text("try:\n    pass\nexcept:\n    pass\n")
    novice = json.loads(run("analyze", str(student), "--format", "json").stdout)
    pro = json.loads(
        run("analyze", str(student), "--format", "json", "--level", "proficient").stdout
    )
    assert len(novice["files"][0]["findings"][0]["message"]) > len(
        pro["files"][0]["findings"][0]["message"]
    )


def test_text_output_names_file_line_and_rule():
    result = run("analyze", str(EXAMPLES))
    assert result.returncode == 0
    assert "grades.py:5:5: MNT101 [range-len-loop]" in result.stdout
    assert "Checked 3 files" in result.stdout


def test_missing_file_is_a_clear_message_and_exit_2(tmp_path: Path):
    result = run("analyze", str(tmp_path / "nope.py"))
    assert result.returncode == 2
    assert "no such file or folder" in result.stderr and "Traceback" not in result.stderr


def test_unknown_rule_to_disable_is_bad_usage(tmp_path: Path):
    result = run("analyze", str(EXAMPLES), "--disable", "no-such-rule")
    assert result.returncode == 2 and "no-such-rule" in result.stderr


def test_binary_and_non_utf8_files_are_reported_not_crashed_on(tmp_path: Path):
    (tmp_path / "image.py").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    (tmp_path / "latin.py").write_bytes("name = 'José'\n".encode("latin-1"))
    result = run("analyze", str(tmp_path), "--format", "json")
    assert result.returncode == 0
    errors = {Path(f["path"]).name: f["error"] for f in json.loads(result.stdout)["files"]}
    assert "binary" in errors["image.py"]
    assert "line 1" in errors["latin.py"] and "UTF-8" in errors["latin.py"]


def test_rules_json_lists_the_registry():
    rules = json.loads(run("rules", "--format", "json").stdout)["rules"]
    by_name = {rule["name"]: rule for rule in rules}
    assert len(rules) >= 10
    assert by_name["range-len-loop"]["code"] == "MNT101"
    assert by_name["range-len-loop"]["documentation"]["better"]
    assert by_name["bare-except"]["equivalents"] == ["pylint:W0702", "ruff:E722"]


def test_analyze_json_adds_concepts_metrics_competence_and_prompts(tmp_path: Path):
    student = tmp_path / "loop.py"
    student.write_text(
        "def show(names):\n"
        "    for i in range(len(names)):\n"
        "        if names[i]:\n"
        "            print(names[i])\n"
        "\n"
        "\n"
        "show(['Ada', 'Alan'])\n"
    )
    (report,) = json.loads(run("analyze", str(student), "--format", "json").stdout)["files"]
    assert report["findings"][0]["name"] == "range-len-loop"  # the existing keys stay
    concepts = {use["concept"]: use for use in report["concepts"]}
    assert concepts["loops"] == {"concept": "loops", "count": 1, "lines": [2]}
    assert concepts["functions"]["lines"] == [1]
    metrics = report["metrics"]
    assert metrics["lines"] == {"total": 7, "code": 5, "comments": 0, "docstrings": 0, "blank": 2}
    assert metrics["functions"] == [{"name": "show", "line": 1, "complexity": 3, "rank": "A"}]
    assert metrics["complexity"] == 3
    assert 0 < metrics["best_practice"] < 1
    competence = report["competence"]
    assert competence["level"] in ("novice", "developing", "proficient")
    assert competence["reason"]
    (misconception,) = competence["evidence"]["misconceptions"]
    assert (misconception["name"], misconception["line"]) == ("range-len-loop", 2)
    assert "loops" in competence["evidence"]["grades"]
    (prompt,) = report["socratic_prompts"]
    assert (prompt["code"], prompt["line"]) == ("MNT101", 2)
    assert prompt["question"].startswith("Line 2 (`for i in range(len(names)):`): ")


def test_unreadable_files_keep_the_same_keys(tmp_path: Path):
    (tmp_path / "good.py").write_text("print('hi')\n")
    (tmp_path / "image.py").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    good, bad = json.loads(run("analyze", str(tmp_path), "--format", "json").stdout)["files"]
    assert set(good) - {"error"} == set(bad) - {"error"}
    assert bad["metrics"] is None and bad["concepts"] == [] and bad["socratic_prompts"] == []


def test_analyze_html_is_one_self_contained_page_with_escaped_student_text(tmp_path: Path):
    student = tmp_path / "a<b>.py"
    student.write_text(
        'if "</td><script>alert(1)</script>" == None:\n    print("x")\n', encoding="utf-8"
    )
    (tmp_path / "image.py").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    result = run("analyze", str(tmp_path), "--format", "html")
    assert result.returncode == 0, result.stderr
    page = result.stdout
    assert page.startswith("<!DOCTYPE html>") and page.rstrip().endswith("</html>")
    lowered = page.lower()
    for external in ("<script", "<link", " src=", "@import", "url(", "http://", "https://"):
        assert external not in lowered
    assert "a&lt;b&gt;.py" in page
    assert "&lt;/td&gt;&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "singleton-comparison" in page and "Questions to think about" in page
    assert "this is a binary file" in page


def test_class_report_is_registered():
    result = run("class-report", "--help")
    assert result.returncode == 0 and "--out" in result.stdout


def test_analyze_in_parallel_says_the_same_as_one_job_and_keeps_a_bad_file(tmp_path: Path):
    examples = sorted((Path(__file__).resolve().parents[2] / "examples").glob("*.py"))
    broken = tmp_path / "broken.py"
    broken.write_bytes(b"x = '\xff'\n")  # not UTF-8: reported, not lost
    paths = [str(examples[0]), str(broken), *map(str, examples[1:])]
    one = run("analyze", "--format", "json", "--jobs", "1", *paths)
    two = run("analyze", "--format", "json", "--jobs", "2", *paths)
    assert one.returncode == two.returncode == 0, two.stderr
    assert json.loads(two.stdout) == json.loads(one.stdout)
    files = json.loads(two.stdout)["files"]
    assert [entry["path"] for entry in files] == paths  # in the order given
    assert files[1]["error"] and files[1]["findings"] == []
    assert all(entry["metrics"] for entry in files if entry["path"] != str(broken))


def test_jobs_below_one_is_bad_usage(tmp_path: Path):
    (tmp_path / "a.py").write_text("x = 1\n", encoding="utf-8")
    done = run("analyze", "--jobs", "0", str(tmp_path / "a.py"))
    assert done.returncode == 2 and "--jobs" in done.stderr
