"""Progress commands: show the report, export it for a teacher, reset it (after asking).

`mentor.showReport` writes the report as Markdown and HTML beside the progress file (in
Mentor's own folder when the progress is kept in memory or the file is read-only), opens the
Markdown with `window/showDocument` where the client can, and otherwise says where it is; the
command's result carries both texts (an extension renders the HTML in a webview).
`mentor.exportReport` writes CSV or JSON where the student can hand it in: inside the workspace,
or where the student chose in a save dialog; an existing file is replaced only when it is an
earlier Mentor export and the student agreed. Nothing is sent anywhere.
"""

from __future__ import annotations

import logging
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from lsprotocol import types as lsp

from mentor.server.core import MentorServer
from mentor.server.errors import guarded
from mentor.server.feature import Feature
from mentor.server.features.learner import LearnerSession, session_of
from mentor.server.own_files import NotOurs, is_ours, write_own_file

log = logging.getLogger(__name__)

if TYPE_CHECKING:
    from types import ModuleType

    from mentor.models.learner import LearnerService
    from mentor.models.learner.report import ProgressReport

SHOW_REPORT = "mentor.showReport"
EXPORT_REPORT = "mentor.exportReport"
RESET_PROGRESS = "mentor.resetProgress"

DELETE = "Delete my progress"
KEEP = "Keep it"
REPLACE = "Replace it"
FORMATS = ("csv", "json")


def reports() -> ModuleType:
    """The report module, imported when a report is first asked for (not at start-up)."""
    from mentor.models.learner import report

    return report


class ProgressFeature(Feature):
    """The student's progress report: show, export, reset."""

    def register(self) -> None:
        self.server.command(SHOW_REPORT)(show_report)
        self.server.command(EXPORT_REPORT)(export_report)
        self.server.command(RESET_PROGRESS)(reset_progress)


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
    markdown, page = reports().to_markdown(report), reports().to_html(report)
    stem = session.report_stem()
    markdown_path = stem.with_name(f"{stem.name}-report.md")
    html_path = stem.with_name(f"{stem.name}-report.html")
    try:
        await session.run(write_own_file, markdown_path, markdown, reports().is_mentor_page)
        await session.run(write_own_file, html_path, page, reports().is_mentor_page)
    except (NotOurs, OSError) as error:
        reason = error.strerror if isinstance(error, OSError) and error.strerror else error
        ls.show(f"the progress report was not saved as a file: {reason}.", lsp.MessageType.Warning)
        return {"markdown": markdown, "html": page, "overallLevel": report.overall_level.value}
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
    """Arguments: optionally {"format": "csv" | "json", "path": where to write it,
    "userChosen": true when the student picked the path in a save dialog (any folder may then
    be used), "replace": true when the student already agreed to replace an earlier export}.

    Answers {"exported": true, "path", "uri", "format"} once the file is written, else
    {"exported": false, "reason"} (also shown to the student)."""
    options = arguments[0] if arguments and isinstance(arguments[0], dict) else {}
    session = session_of(ls)
    target = _export_target(options, session.workspace)
    if isinstance(target, str):
        return _not_exported(ls, target)
    kind = target.suffix.lstrip(".").lower()
    service = await _service(ls, session)
    if service is None:
        return None
    replace = await session.run(is_ours, target, reports().is_mentor_export)
    if replace and options.get("replace") is not True and not await _may_replace(ls, target):
        return _not_exported(ls, f"{target} was kept as it was", kind=lsp.MessageType.Info)
    report = await session.run(_build, service, session)
    report = await _with_tutor_feedback(ls, report)
    try:
        await session.run(
            write_own_file, target, reports().export(report, kind), reports().is_mentor_export
        )
    except NotOurs as error:
        return _not_exported(ls, str(error))
    except OSError as error:
        return _not_exported(ls, f"cannot write {target}: {error.strerror or error}")
    ls.show(
        f"your progress was exported to {target}. It holds your levels and the misconceptions "
        "you met, no code and no file names; share it with your teacher if you choose to."
    )
    if ls.client.show_document:
        await ls.window_show_document_async(lsp.ShowDocumentParams(uri=target.as_uri()))
    return {"exported": True, "path": str(target), "uri": target.as_uri(), "format": kind}


def _export_target(options: dict[str, Any], workspace: Path | None) -> Path | str:
    """The absolute path to export to, or why there is none. Relative paths are relative to
    the workspace; a path outside it is used only when the student chose it in a dialog; the
    name must end in .csv or .json (so no export ever lands on a script or a shell profile)."""
    kind = options.get("format")
    if kind is not None and kind not in FORMATS:
        return f"cannot export as {_show(kind)}: choose csv or json"
    raw = options.get("path")
    if raw is not None and not isinstance(raw, str):
        return f"the export path must be text, not {_show(raw)}"
    chosen = options.get("userChosen") is True
    if not raw:
        if workspace is None:
            return "there is no workspace folder to export into; choose where to save it"
        raw = f"mentor-progress.{kind or 'json'}"
    path = Path(raw).expanduser()
    if not path.is_absolute():
        if workspace is None:
            return f"{raw!r} is relative and there is no workspace folder; give a full path"
        path = workspace / path
    try:
        path = path.resolve()  # `..` and links: judged where the file would really be
        inside = workspace is not None and path.is_relative_to(workspace.resolve())
    except (OSError, RuntimeError, ValueError) as error:
        return f"cannot use {raw!r} as the export path: {error}"
    if not (inside or chosen):
        return (
            f"{path} is outside the workspace; Mentor exports into the workspace, or where "
            "you choose in a save dialog"
        )
    suffix = path.suffix.lstrip(".").lower()
    if suffix not in FORMATS or (kind is not None and suffix != kind):
        wanted = f".{kind}" if kind else ".csv or .json"
        return f"{path.name} is not a name for an export; the file name must end in {wanted}"
    if path.exists() and not is_ours(path, reports().is_mentor_export):
        return f"{path} is not an earlier Mentor export; Mentor does not replace it"
    return path


async def _may_replace(ls: MentorServer, target: Path) -> bool:
    """Ask before replacing an earlier export (a modal question in editors that have one)."""
    try:
        answer = await ls.window_show_message_request_async(
            lsp.ShowMessageRequestParams(
                type=lsp.MessageType.Warning,
                message=f"Mentor: {target} already holds an earlier export of your progress. "
                "Replace it?",
                actions=[lsp.MessageActionItem(title=REPLACE), lsp.MessageActionItem(title=KEEP)],
            )
        )
    except Exception:  # an editor that cannot ask: nothing is replaced
        return False
    return answer is not None and answer.title == REPLACE


def _not_exported(
    ls: MentorServer, reason: str, kind: lsp.MessageType = lsp.MessageType.Error
) -> dict[str, Any]:
    ls.show(f"not exported: {reason}.", kind)
    return {"exported": False, "reason": reason}


def _show(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


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
        ls.republish(uri)
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
    return reports().build_report(service, workspace.name if workspace else "Python", time.time())


async def _with_tutor_feedback(ls: MentorServer, report: ProgressReport) -> ProgressReport:
    """The counts of the student's helpful / not helpful marks on chat answers (no text)."""
    import dataclasses

    from mentor.server.features.chat import session_of as chat_of

    try:
        chat = chat_of(ls)
        service = await chat.ready()
        counts = await chat.run(service.feedback)
    except Exception:  # the export goes on without them
        log.exception("the tutor feedback could not be read")
        return report
    return dataclasses.replace(report, tutor_feedback=counts.to_json())
