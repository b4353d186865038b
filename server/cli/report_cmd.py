"""`mentor report WORKSPACE`: the learner's progress in a workspace, or an export of it."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import Any, TextIO

from mentor.server.cli.common import EXIT_OK, UsageError

EXIT_NO_PROGRESS = 1


def add_to(commands: Any) -> None:
    parser = commands.add_parser(
        "report", help="show the learner's progress in a workspace, or export it for a teacher"
    )
    parser.add_argument("workspace", type=Path, metavar="WORKSPACE", help="the workspace folder")
    parser.add_argument(
        "--format", choices=["markdown", "html"], default="markdown", help="report format"
    )
    parser.add_argument(
        "--export",
        choices=["csv", "json"],
        help="write the data to hand to a teacher instead of the report (no code, no file names)",
    )
    parser.add_argument("--output", type=Path, metavar="FILE", help="write to FILE, not stdout")
    parser.add_argument(
        "--database",
        metavar="FILE",
        default="",
        help="the progress file (default: the workspace's file in the user data folder)",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace, out: TextIO) -> int:
    from mentor.models.learner import LearnerService, StoreError, database_path
    from mentor.models.learner.report import build_report, export, to_html, to_markdown

    if not args.workspace.is_dir():
        raise UsageError(f"no such folder: {args.workspace}")
    path = database_path(args.workspace, args.database)
    if not path.exists():
        print(
            f"No progress recorded yet for {args.workspace} (looked for {path}).",
            file=out,
        )
        return EXIT_NO_PROGRESS
    try:
        service, notice = LearnerService.open(path, mentors_folder=not args.database)
    except StoreError as error:
        raise UsageError(str(error)) from error
    try:
        if notice:
            print(f"mentor: {notice}", file=sys.stderr)
        report = build_report(service, args.workspace.resolve().name, time.time())
    finally:
        service.close()
    if args.export:
        report = _with_tutor_feedback(report, args.workspace)
    if args.export:
        text = export(report, args.export)
    else:
        text = to_html(report) if args.format == "html" else to_markdown(report)
    if args.output:
        try:
            args.output.write_text(text, encoding="utf-8")
        except OSError as error:
            raise UsageError(f"cannot write {args.output}: {error.strerror or error}") from error
        print(f"wrote {args.output}", file=out)
    else:
        out.write(text)
    return EXIT_OK


def _with_tutor_feedback(report: Any, workspace: Path) -> Any:
    """The counts of the student's marks on the chat's answers (no text), when there are any."""
    import dataclasses

    from mentor.models.chat import ChatService, ChatStoreError, chat_path

    path = chat_path(workspace)
    if not path.exists():
        return report
    try:
        chats, _ = ChatService.open(path)
    except ChatStoreError:
        return report
    try:
        counts = chats.feedback()
    finally:
        chats.close()
    return dataclasses.replace(report, tutor_feedback=counts.to_json())
