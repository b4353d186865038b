"""Progress commands: show the report, export it for a teacher, reset it (after asking).

`mentor.showReport` writes the report as Markdown and HTML beside the progress file, opens the
Markdown with `window/showDocument` where the client can, and otherwise says where it is; the
command's result carries both texts (an extension renders the HTML in a webview).
`mentor.exportReport` writes CSV or JSON where the student can hand it in. Nothing is sent
anywhere: the files stay on the student's machine.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from lsprotocol import types as lsp

from mentor.models.learner import LearnerService
from mentor.models.learner.report import ProgressReport, build_report, export, to_html, to_markdown
from mentor.server.core import MentorServer
from mentor.server.errors import guarded
from mentor.server.features.diagnostics import schedule
from mentor.server.features.learner import LearnerSession, session_of

SHOW_REPORT = "mentor.showReport"
EXPORT_REPORT = "mentor.exportReport"
RESET_PROGRESS = "mentor.resetProgress"

DELETE = "Delete my progress"
KEEP = "Keep it"


def register(server: MentorServer) -> None:
    server.command(SHOW_REPORT)(show_report)
    server.command(EXPORT_REPORT)(export_report)
    server.command(RESET_PROGRESS)(reset_progress)


@guarded
async def show_report(ls: MentorServer, *arguments: Any) -> dict[str, Any] | None:
    """Arguments: optionally {"open": false} from a client that renders the result itself
    (VS Code's webview), so that the Markdown page is not opened beside it."""
    options = arguments[0] if arguments and isinstance(arguments[0], dict) else {}
    session = session_of(ls)
    service = await _service(ls, session)
    if service is None:
        return None
    report = await session.run(_build, service, session)
    markdown, page = to_markdown(report), to_html(report)
    assert session.path is not None
    stem = session.path.with_suffix("")
    markdown_path = stem.with_name(f"{stem.name}-report.md")
    html_path = stem.with_name(f"{stem.name}-report.html")
    await session.run(_write, markdown_path, markdown)
    await session.run(_write, html_path, page)
    shown = options.get("open", True) is False
    if not shown and ls.client.show_document:
        answer = await ls.window_show_document_async(
            lsp.ShowDocumentParams(uri=markdown_path.as_uri(), take_focus=True)
        )
        shown = bool(answer and answer.success)
    if not shown:
        ls.show(
            f"your progress report (overall level: {report.overall_level.value}) is in "
            f"{markdown_path}, with a chart in {html_path}."
        )
    return {
        "markdown": markdown,
        "html": page,
        "markdownPath": str(markdown_path),
        "htmlPath": str(html_path),
        "overallLevel": report.overall_level.value,
    }


@guarded
async def export_report(ls: MentorServer, *arguments: Any) -> dict[str, Any] | None:
    """Arguments: optionally {"format": "csv" | "json", "path": where to write it}."""
    options = arguments[0] if arguments and isinstance(arguments[0], dict) else {}
    kind = str(options.get("format") or "json")
    if kind not in ("csv", "json"):
        ls.show(f"cannot export as {kind!r}: choose csv or json.", lsp.MessageType.Error)
        return None
    session = session_of(ls)
    service = await _service(ls, session)
    if service is None:
        return None
    folder = session.workspace or Path.home()
    target = Path(str(options.get("path") or folder / f"mentor-progress.{kind}")).expanduser()
    report = await session.run(_build, service, session)
    try:
        await session.run(_write, target, export(report, kind))
    except OSError as error:
        ls.show(f"cannot write {target}: {error.strerror or error}", lsp.MessageType.Error)
        return None
    ls.show(
        f"your progress was exported to {target}. It holds your levels and the misconceptions "
        "you met, no code and no file names; share it with your teacher if you choose to."
    )
    if ls.client.show_document:
        await ls.window_show_document_async(lsp.ShowDocumentParams(uri=target.as_uri()))
    return {"path": str(target), "format": kind}


@guarded
async def reset_progress(ls: MentorServer, *arguments: Any) -> dict[str, bool] | None:
    session = session_of(ls)
    service = await _service(ls, session)
    if service is None:
        return None
    answer = await ls.window_show_message_request_async(
        lsp.ShowMessageRequestParams(
            type=lsp.MessageType.Warning,
            message="Mentor: delete every record of your progress in this workspace? Your "
            "levels start again from novice. This cannot be undone.",
            actions=[lsp.MessageActionItem(title=DELETE), lsp.MessageActionItem(title=KEEP)],
        )
    )
    if answer is None or answer.title != DELETE:
        ls.show("your progress was kept.")
        return {"deleted": False}
    await session.run(service.reset)
    for uri in list(ls.workspace.text_documents):  # the wording goes back to novice
        schedule(ls, uri, delay=0)
    ls.show("your progress in this workspace was deleted.")
    return {"deleted": True}


async def _service(ls: MentorServer, session: LearnerSession) -> LearnerService | None:
    service = await session.ready()
    if service is None:
        reason = (
            "progress tracking is switched off (mentor.learner.enabled)"
            if not ls.settings.learner_enabled
            else "the progress file cannot be used; see the earlier message"
        )
        ls.show(f"no progress report: {reason}.", lsp.MessageType.Warning)
    return service


def _build(service: LearnerService, session: LearnerSession) -> ProgressReport:
    workspace = session.workspace
    return build_report(service, workspace.name if workspace else "Python", time.time())


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
