"""Syntax errors as an editor sees them: one diagnostic, at the line to fix, with its quick fix."""

from __future__ import annotations

from pathlib import Path

from lsprotocol import types as lsp

from tests.support.lsp_support import apply_edits, mentor_session

TYPING = "scores = [90, 85, 77]\ntotal = 0\nfor score in scores\n    total = total + score\n"
FIXED = "scores = [90, 85, 77]\ntotal = 0\nfor score in scores:\n    total = total + score\n"


async def _quick_fixes(client, uri: str, diagnostic: lsp.Diagnostic):
    return await client.text_document_code_action_async(
        lsp.CodeActionParams(
            text_document=lsp.TextDocumentIdentifier(uri=uri),
            range=diagnostic.range,
            context=lsp.CodeActionContext(diagnostics=[diagnostic]),
        )
    )


async def test_a_missing_colon_is_named_on_its_line_and_fixed_in_one_action(tmp_path: Path):
    (tmp_path / "loop.py").write_text(TYPING, encoding="utf-8")
    async with mentor_session(tmp_path) as client:
        uri = client.open(tmp_path / "loop.py")
        (diagnostic,) = await client.diagnostics_for(uri)
        actions = await _quick_fixes(client, uri, diagnostic)
        # The learner adds the colon by hand: the error goes away.
        fixed_version = client.replace_all(uri, FIXED)
        after = await client.diagnostics_for(uri, version=fixed_version)

    assert diagnostic.code == "MNT004"  # missing-colon
    assert diagnostic.severity == lsp.DiagnosticSeverity.Error
    assert diagnostic.range.start.line == 2  # the `for` line, not the indented one below
    assert "':'" in diagnostic.message and "block" in diagnostic.message
    (action,) = [a for a in actions if a.edit is not None]
    assert action.is_preferred  # an obvious rewrite is safe
    assert apply_edits(TYPING, action.edit.document_changes[0].edits) == FIXED
    assert after == []


async def test_an_unclosed_bracket_is_shown_at_the_bracket_that_was_opened(tmp_path: Path):
    source = "total = 0\nfor i in range(1, 11:\n    total += i\nprint(total)\n"
    (tmp_path / "sum.py").write_text(source, encoding="utf-8")
    async with mentor_session(tmp_path) as client:
        uri = client.open(tmp_path / "sum.py")
        (diagnostic,) = await client.diagnostics_for(uri)
        actions = await _quick_fixes(client, uri, diagnostic)

    assert diagnostic.code == "MNT002"  # unclosed-bracket
    assert diagnostic.range.start == lsp.Position(line=1, character=14)  # the '(' of range(
    assert "never closed" in diagnostic.message
    (action,) = [a for a in actions if a.edit is not None]
    fixed = apply_edits(source, action.edit.document_changes[0].edits)
    assert fixed.splitlines()[1] == "for i in range(1, 11):"


async def test_an_unsaved_half_typed_line_is_explained_from_the_editors_text(tmp_path: Path):
    # The saved file has a short line where the student is now typing a longer one: the error
    # must be read from the editor's text, not from the file on disk (Python reads the line of
    # an error from the file it is named after).
    saved = "names = ['a', 'b']\ncount = 0\nx = 1\n"
    (tmp_path / "count.py").write_text(saved, encoding="utf-8")
    async with mentor_session(tmp_path) as client:
        uri = client.open(tmp_path / "count.py")
        await client.diagnostics_for(uri)
        typing = client.replace_all(uri, saved.replace("x = 1", "count = count + len(names"))
        (diagnostic,) = await client.diagnostics_for(uri, version=typing)

    assert diagnostic.code == "MNT002"  # unclosed-bracket, not `=` in a condition
    assert diagnostic.range.start == lsp.Position(line=2, character=19)  # the '(' of len(
