"""Hover: the rule's explanation for a diagnostic under the cursor, plus jedi's information."""

from __future__ import annotations

import asyncio
import logging

from lsprotocol import types as lsp

from mentor.models.llm.markdown_guard import clean_markdown
from mentor.server.core import MentorServer
from mentor.server.errors import guarded
from mentor.server.feature import Feature
from mentor.server.hover_content import finding_section
from mentor.server.jedi_info import JEDI_POOL, describe, warm_up
from mentor.server.positions import from_lsp_position, to_lsp_range

log = logging.getLogger(__name__)

# Hover never waits seconds: jedi gets this long, then the hover goes out without it.
JEDI_BUDGET_S = 1.5


class HoverFeature(Feature):
    """The hover: the finding under the cursor in the student's words, the notes other
    features add to it (the tutor's), and jedi's information."""

    def register(self) -> None:
        self.server.feature(lsp.TEXT_DOCUMENT_HOVER)(hover)

    async def initialized(self) -> None:
        self.server.start_after_first_diagnostics(lambda: warm_up_jedi(self.server))


async def warm_up_jedi(server: MentorServer) -> None:
    """The first jedi call takes seconds; pay it at start-up, not on the student's first hover."""
    seconds = await asyncio.get_running_loop().run_in_executor(JEDI_POOL, warm_up)
    server.log(f"jedi is ready ({seconds * 1000:.0f} ms)")


@guarded
async def hover(server: MentorServer, params: lsp.HoverParams) -> lsp.Hover | None:
    uri = params.text_document.uri
    result = await server.analysis_for(uri)
    if result is None:
        return None
    analysis = result.analysis
    line, column = from_lsp_position(analysis.source, params.position, server.encoding)
    here = [
        (finding, level)
        for finding in analysis.findings
        if finding.span.contains(line, column)
        and finding.severity(level := server.level_for(uri, finding.rule)) is not None
    ]
    restate = not server.client.shows_diagnostics_in_hover
    sections = [finding_section(finding, level, restate=restate) for finding, level in here]
    document = server.document(uri)
    if here and document is not None:  # other features' notes (the tutor's) join the first one
        for feature in server.features:
            try:
                note = await feature.hover_note(document, analysis, *here[0])
            except Exception:
                log.exception("%s.hover_note failed", type(feature).__name__)
                continue
            if note:
                sections[0] += f"\n\n{note}"
    path = document.path if document is not None else None
    try:
        info = await asyncio.wait_for(
            asyncio.get_running_loop().run_in_executor(
                JEDI_POOL,
                describe,
                analysis.source.text,
                path,
                line,
                column,
                here[0][1] if here else server.level_for(uri),
            ),
            JEDI_BUDGET_S,
        )
    except asyncio.TimeoutError:
        info = None
    if info:
        sections.append(info)
    if not sections:
        return None
    kind = lsp.MarkupKind.Markdown if server.client.markdown_hover else lsp.MarkupKind.PlainText
    if kind is lsp.MarkupKind.Markdown:
        # Docstrings come from workspace files and messages hold the student's names: the
        # hover is reduced to the tutor's allow-list too (no HTML, links or images).
        sections = [clean_markdown(section) for section in sections]
    return lsp.Hover(
        contents=lsp.MarkupContent(kind=kind, value="\n\n---\n\n".join(sections)),
        range=to_lsp_range(analysis.source, here[0][0].span, server.encoding) if here else None,
    )
