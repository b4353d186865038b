"""module-shadows-stdlib looks at where the file is, so it is tested with real files."""

from __future__ import annotations

import random
from pathlib import Path

from mentor.analyzers import Level, analyze


def _codes(path: Path) -> list[str]:
    return [finding.code for finding in analyze(path.read_text(), str(path)).findings]


def test_a_script_named_like_a_standard_module_is_flagged_on_its_first_line(tmp_path: Path):
    script = tmp_path / "random.py"
    script.write_text("import random\nprint(random.randint(1, 6))\n")
    (finding,) = analyze(script.read_text(), str(script)).findings
    assert finding.code == "MNT903" and finding.span.line == 1
    assert "`random.py`" in finding.message(Level.NOVICE)


def test_a_module_inside_a_package_hides_nothing(tmp_path: Path):
    package = tmp_path / "game"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "random.py").write_text("VALUE = 4\n")
    assert _codes(package / "random.py") == []


def test_the_standard_library_itself_is_not_flagged():
    assert random.__file__ is not None
    assert "MNT903" not in _codes(Path(random.__file__))


def test_ordinary_names_and_unsaved_files_are_not_flagged(tmp_path: Path):
    script = tmp_path / "dice.py"
    script.write_text("import random\nprint(random.randint(1, 6))\n")
    assert _codes(script) == []
    assert analyze("import random\n", None).findings == ()
