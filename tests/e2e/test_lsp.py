"""The real `mentor-lsp` process, driven over stdio with the capabilities of real editors."""

from __future__ import annotations

import textwrap
from pathlib import Path
from typing import Any

import pytest
from lsprotocol import types as lsp

from tests.support.lsp_support import apply_edits, codes, mentor_session

EDITORS = ["visual-studio-code", "neovim@v0.7.0"]

BEGINNER = textwrap.dedent(
    """\
    names = ["Ada", "Alan", "Grace"]
    for i in range(len(names)):
        # greet everyone by name
        print("Hello", names[i])

    result = None
    if result == None:
        print("nothing yet")
    """
)


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    (tmp_path / "beginner.py").write_text(BEGINNER, encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize("editor", EDITORS)
async def test_open_publishes_diagnostics_with_version_and_explanation(
    workspace: Path, editor: str
):
    async with mentor_session(workspace, editor=editor) as client:
        uri = client.open(workspace / "beginner.py")
        diagnostics = await client.diagnostics_for(uri, version=1)

    assert codes(diagnostics) == ["MNT101", "MNT202"]
    loop = next(d for d in diagnostics if d.code == "MNT101")
    assert loop.source == "mentor"
    assert loop.range.start == lsp.Position(line=1, character=0)
    assert "for name in names" in loop.message
    assert loop.data["version"] == 1
    published = [p for p in client.published if p.uri == uri]
    assert published[-1].version == 1


async def test_code_description_links_to_the_rule_page(workspace: Path):
    async with mentor_session(workspace) as client:
        uri = client.open(workspace / "beginner.py")
        diagnostics = await client.diagnostics_for(uri)
    href = next(d for d in diagnostics if d.code == "MNT101").code_description.href
    page = Path(href.removeprefix("file://"))
    assert page.name == "range-len-loop.md"
    assert "enumerate" in page.read_text(encoding="utf-8")


@pytest.mark.parametrize("editor", EDITORS)
async def test_change_republishes_for_the_new_version(workspace: Path, editor: str):
    async with mentor_session(workspace, editor=editor) as client:
        uri = client.open(workspace / "beginner.py")
        await client.diagnostics_for(uri, version=1)
        # Fix the comparison by hand: replace `== None` on line 7 (0-based 6) with `is None`.
        version = client.edit(uri, (6, 10), (6, 17), "is None")
        diagnostics = await client.diagnostics_for(uri, version=version)

    assert version == 2
    assert codes(diagnostics) == ["MNT101"]


async def test_rapid_edits_publish_only_the_latest_version(workspace: Path):
    async with mentor_session(workspace) as client:
        uri = client.open(workspace / "beginner.py")
        await client.diagnostics_for(uri, version=1)
        for step in range(10):
            last = client.replace_all(uri, BEGINNER + f"x{step} = 1\n")
        diagnostics = await client.diagnostics_for(uri, version=last)

    versions = [p.version for p in client.published if p.uri == uri]
    assert versions[-1] == last
    assert versions == sorted(versions), "an older version was published after a newer one"
    assert len(versions) < 10, "every keystroke was analysed: the debounce did not work"
    assert codes(diagnostics) == ["MNT101", "MNT202"]


async def test_close_clears_diagnostics(workspace: Path):
    async with mentor_session(workspace) as client:
        uri = client.open(workspace / "beginner.py")
        assert await client.diagnostics_for(uri)
        client.close(uri)
        await client.wait_for(
            lambda: client.published[-1].uri == uri and not client.published[-1].diagnostics
        )


@pytest.mark.parametrize("editor", EDITORS)
async def test_hover_explains_the_rule_and_the_name(workspace: Path, editor: str):
    async with mentor_session(workspace, editor=editor) as client:
        uri = client.open(workspace / "beginner.py")
        await client.diagnostics_for(uri)
        await client.wait_for(lambda: client.logged("jedi is ready"))
        on_loop = await client.text_document_hover_async(
            lsp.HoverParams(
                text_document=lsp.TextDocumentIdentifier(uri=uri),
                position=lsp.Position(line=1, character=10),  # `range` inside the flagged loop
            )
        )
        on_print = await client.text_document_hover_async(
            lsp.HoverParams(
                text_document=lsp.TextDocumentIdentifier(uri=uri),
                position=lsp.Position(line=3, character=6),  # `print`, no diagnostic there
            )
        )

    assert on_loop is not None
    text = on_loop.contents.value
    assert "range-len-loop" in text and "**Why?**" in text  # the rule's explanation
    assert "range(" in text.split("---")[-1]  # jedi's information about `range`
    assert on_print is not None
    assert "print(" in on_print.contents.value
    assert "range-len-loop" not in on_print.contents.value


async def test_a_fix_that_may_change_behaviour_says_so_in_plain_words(tmp_path: Path):
    (tmp_path / "age.py").write_text('age = 15\nif age > 12:\nprint("teen")\n', encoding="utf-8")
    async with mentor_session(tmp_path) as client:
        uri = client.open(tmp_path / "age.py")
        [diagnostic] = await client.diagnostics_for(uri)
        actions = await client.text_document_code_action_async(
            lsp.CodeActionParams(
                text_document=lsp.TextDocumentIdentifier(uri=uri),
                range=diagnostic.range,
                context=lsp.CodeActionContext(diagnostics=[diagnostic]),
            )
        )
    [fix] = [a for a in actions or [] if a.kind == lsp.CodeActionKind.QuickFix]
    plain = "Try this: indent it under the 'if' (check that it still does what you want)"
    assert fix.title == plain
    assert not fix.is_preferred


SCORES = "scores = [3, 5]\nfor k in range(len(scores)):\n    print(scores[k])\n"
NOVICE_SENTENCE = "This loop counts positions only to look up `scores[k]`."


async def _hover_on_the_loop(tmp_path: Path, level: str, **session: Any) -> str:
    (tmp_path / "scores.py").write_text(SCORES, encoding="utf-8")
    options = {"hintLevel": level}
    async with mentor_session(tmp_path, initialization_options=options, **session) as client:
        uri = client.open(tmp_path / "scores.py")
        await client.diagnostics_for(uri)
        await client.wait_for(lambda: client.logged("jedi is ready"))
        hover = await client.text_document_hover_async(
            lsp.HoverParams(
                text_document=lsp.TextDocumentIdentifier(uri=uri),
                position=lsp.Position(line=1, character=1),  # the `for` keyword
            )
        )
    assert hover is not None
    return hover.contents.value


async def test_hover_says_the_problem_once_in_the_students_names(tmp_path: Path):
    text = await _hover_on_the_loop(tmp_path, "novice", editor="neovim@v0.7.0")
    assert text.count(NOVICE_SENTENCE) == 1
    assert "for score in scores:" in text  # the rule's better form, with the student's names
    for template in ("xs", "in names", "names[", "for i in"):  # the rule's own example names
        assert template not in text
    assert "What it finds" not in text  # a second wording of the same problem
    assert '**The "for" statement**' in text  # jedi's page for the keyword, without the grammar
    assert "::=" not in text


async def test_vscode_shows_the_diagnostic_itself_so_hover_does_not_repeat_it(tmp_path: Path):
    vscode = lsp.ClientInfo(name="Visual Studio Code", version="1.95.0")
    text = await _hover_on_the_loop(tmp_path, "novice", client_info=vscode)
    assert "scores[k]" not in text and "**Why?**" in text


async def test_only_a_proficient_learner_gets_pythons_grammar_line(tmp_path: Path):
    text = await _hover_on_the_loop(tmp_path, "proficient", editor="neovim@v0.7.0")
    assert 'for_stmt ::= "for" target_list' in text
    assert text.count("Use `for score in scores:` instead of range(len(...)).") == 1
    assert "pylint:C0200" in text and "xs" not in text


@pytest.mark.parametrize("editor", EDITORS)
async def test_quick_fix_removes_the_diagnostic_and_keeps_comments(workspace: Path, editor: str):
    async with mentor_session(workspace, editor=editor) as client:
        uri = client.open(workspace / "beginner.py")
        diagnostics = await client.diagnostics_for(uri)
        loop = next(d for d in diagnostics if d.code == "MNT101")
        actions = await client.text_document_code_action_async(
            lsp.CodeActionParams(
                text_document=lsp.TextDocumentIdentifier(uri=uri),
                range=loop.range,
                context=lsp.CodeActionContext(diagnostics=[loop]),
            )
        )
        fixes = [a for a in actions or [] if a.kind == lsp.CodeActionKind.QuickFix]
        assert len(fixes) == 1  # the tutor's Explain/Hint actions have kinds of their own
        action = fixes[0]
        assert action.kind == lsp.CodeActionKind.QuickFix
        assert action.is_preferred  # a literal list: the fix is safe
        edit = action.edit
        if edit.document_changes:
            assert edit.document_changes[0].text_document.version == 1
            edits = edit.document_changes[0].edits
        else:
            edits = edit.changes[uri]
        fixed = apply_edits(BEGINNER, edits)
        version = client.replace_all(uri, fixed)
        after = await client.diagnostics_for(uri, version=version)

    assert "for name in names:" in fixed
    assert 'print("Hello", name)' in fixed
    assert "# greet everyone by name" in fixed
    assert codes(after) == ["MNT202"]


async def test_no_quick_fix_for_a_stale_diagnostic(workspace: Path):
    async with mentor_session(workspace) as client:
        uri = client.open(workspace / "beginner.py")
        diagnostics = await client.diagnostics_for(uri, version=1)
        version = client.replace_all(uri, "# rewritten\n" + BEGINNER)
        await client.diagnostics_for(uri, version=version)
        actions = await client.text_document_code_action_async(
            lsp.CodeActionParams(
                text_document=lsp.TextDocumentIdentifier(uri=uri),
                range=diagnostics[0].range,
                context=lsp.CodeActionContext(diagnostics=diagnostics),
            )
        )
    assert not actions


async def test_settings_from_configuration_change_wording_and_rules(workspace: Path):
    configuration = {
        "mentor": {"hintLevel": "proficient", "rules": {"disable": ["singleton-comparison"]}}
    }
    async with mentor_session(workspace, configuration=configuration) as client:
        uri = client.open(workspace / "beginner.py")
        diagnostics = await client.diagnostics_for(uri)
    assert codes(diagnostics) == ["MNT101"]
    assert diagnostics[0].message == "Use `for name in names:` instead of range(len(...))."


async def test_settings_from_initialization_options_in_neovim(workspace: Path):
    options = {"hintLevel": "proficient", "rules": {"disable": ["MNT101"]}}
    async with mentor_session(
        workspace, editor="neovim@v0.7.0", initialization_options=options
    ) as client:
        uri = client.open(workspace / "beginner.py")
        diagnostics = await client.diagnostics_for(uri)
    assert codes(diagnostics) == ["MNT202"]
    assert diagnostics[0].message == "Use `result is None`."


async def test_a_bad_setting_falls_back_to_the_default_with_a_message(workspace: Path):
    configuration = {"mentor": {"hintLevel": "expert", "rules": {"disable": "everything"}}}
    async with mentor_session(workspace, configuration=configuration) as client:
        uri = client.open(workspace / "beginner.py")
        diagnostics = await client.diagnostics_for(uri)
        await client.wait_for(lambda: len(client.messages) >= 2)

    shown = " ".join(message.message for message in client.messages)
    assert "mentor.hintLevel" in shown and "expert" in shown
    assert "mentor.rules.disable" in shown
    assert all(message.type == lsp.MessageType.Warning for message in client.messages)
    assert codes(diagnostics) == ["MNT101", "MNT202"]  # defaults: nothing disabled
    assert "A for loop can give you each item directly" in diagnostics[0].message  # novice words


async def test_student_files_named_like_mentor_modules_do_not_shadow_it(tmp_path: Path):
    # A student's workspace with modules named like Mentor's own packages, each of which would
    # break the server if it were imported instead of Mentor's.
    for name in ("server", "models", "analyzers", "mentor", "pygls", "lsprotocol"):
        (tmp_path / f"{name}.py").write_text("raise SystemExit('student module imported')\n")
    (tmp_path / "homework.py").write_text(BEGINNER)
    async with mentor_session(tmp_path) as client:
        uri = client.open(tmp_path / "homework.py")
        diagnostics = await client.diagnostics_for(uri)
    assert codes(diagnostics) == ["MNT101", "MNT202"]


async def test_python_dash_m_entry_point_is_not_shadowed_either(tmp_path: Path):
    import sys

    for name in ("server", "models", "analyzers", "mentor"):
        (tmp_path / f"{name}.py").write_text("raise SystemExit('student module imported')\n")
    (tmp_path / "homework.py").write_text(BEGINNER)
    command = [sys.executable, "-P", "-m", "mentor.server"] if sys.version_info >= (3, 11) else None
    async with mentor_session(tmp_path, command=command) as client:
        uri = client.open(tmp_path / "homework.py")
        assert codes(await client.diagnostics_for(uri)) == ["MNT101", "MNT202"]


async def test_syntax_error_is_one_plain_language_diagnostic_at_its_line(tmp_path: Path):
    source = "age = 12\nif age = 12:\n    print('twelve')\n"
    (tmp_path / "broken.py").write_text(source)
    async with mentor_session(tmp_path) as client:
        uri = client.open(tmp_path / "broken.py")
        diagnostics = await client.diagnostics_for(uri)
        fix = await client.text_document_code_action_async(
            lsp.CodeActionParams(
                text_document=lsp.TextDocumentIdentifier(uri=uri),
                range=diagnostics[0].range,
                context=lsp.CodeActionContext(diagnostics=diagnostics),
            )
        )
    assert len(diagnostics) == 1
    (diagnostic,) = diagnostics
    assert diagnostic.code == "MNT201"
    assert diagnostic.severity == lsp.DiagnosticSeverity.Error
    assert diagnostic.range.start.line == 1
    assert "'=='" in diagnostic.message and "stores a value" in diagnostic.message
    edits = fix[0].edit.document_changes[0].edits
    assert apply_edits(source, edits) == "age = 12\nif age == 12:\n    print('twelve')\n"


async def test_unexplained_syntax_error_still_gets_plain_words(tmp_path: Path):
    (tmp_path / "broken.py").write_text("total = = 5\n")
    async with mentor_session(tmp_path) as client:
        uri = client.open(tmp_path / "broken.py")
        (diagnostic,) = await client.diagnostics_for(uri)
    assert diagnostic.code == "MNT001"
    assert diagnostic.range.start.line == 0
    assert "none of your file can run" in diagnostic.message


async def test_utf16_positions_after_emoji(tmp_path: Path):
    source = (
        'greeting = "👋🏽 hi"; names = []\n'
        "for i in range(len(names)):\n"
        "    print(names[i])\n"
        "if greeting == None: pass\n"
    )
    (tmp_path / "emoji.py").write_text(source, encoding="utf-8")
    async with mentor_session(tmp_path) as client:
        uri = client.open(tmp_path / "emoji.py")
        diagnostics = await client.diagnostics_for(uri)
    comparison = next(d for d in diagnostics if d.code == "MNT202")
    assert comparison.range.start == lsp.Position(line=3, character=3)
    assert comparison.range.end == lsp.Position(line=3, character=19)
