"""Subcommands of `mentor`: one module each, each with `add_to(subparsers)`."""

from mentor.server.commands import (
    analyze_cmd,
    kt_cmd,
    lsp_cmd,
    report_cmd,
    rules_cmd,
    settings_cmd,
)

COMMANDS = (analyze_cmd, rules_cmd, settings_cmd, lsp_cmd, kt_cmd, report_cmd)
