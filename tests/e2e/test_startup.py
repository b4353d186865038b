"""Start-up: the first diagnostics go out before the heavy modules are imported."""

from __future__ import annotations

from pathlib import Path

import pytest
from lsprotocol import types as lsp

from tests.e2e.test_lsp import BEGINNER
from tests.support.lsp_support import mentor_session


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    (tmp_path / "beginner.py").write_text(BEGINNER, encoding="utf-8")
    return tmp_path


# libcst: the beginner's two fixes (range-len-loop, `== None`) are edits at `ast` positions, so it
# loads only for a fix that needs it; markdown_it: only for the tutor's answers and docstrings.
HEAVY = {"jedi", "radon", "jinja2", "httpx", "llama_cpp", "libcst", "markdown_it"}


async def test_first_diagnostics_come_before_the_heavy_imports_and_hover_still_works(
    workspace: Path,
):
    env = {"MENTOR_DEBUG_MODULES": "1"}
    async with mentor_session(workspace, env=env) as client:
        uri = client.open(workspace / "beginner.py")
        await client.diagnostics_for(uri, version=1)
        loaded = await client.protocol.send_request_async("mentor/debugModules", None)
        # jedi loads and warms up in the background after them (within a hover's budget after)
        await client.wait_for(lambda: client.logged("jedi is ready"))
        hover = await client.text_document_hover_async(
            lsp.HoverParams(
                text_document=lsp.TextDocumentIdentifier(uri=uri),
                position=lsp.Position(line=3, character=6),  # `print`: jedi's answer
            )
        )
        after_hover = await client.protocol.send_request_async("mentor/debugModules", None)

    first = loaded.atFirstDiagnostics  # pygls hands back an object
    assert "lsprotocol" in first  # the answer is this process's modules
    assert HEAVY & set(first) == set()
    assert hover is not None and "print(" in hover.contents.value
    assert "jedi" in after_hover.now
