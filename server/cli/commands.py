"""Subcommands of `mentor`: one module each, each with `add_to(subparsers)`."""

from mentor.server.cli import (
    analyze_cmd,
    chat_cmd,
    check_cmd,
    class_report_cmd,
    explain_error_cmd,
    kt_cmd,
    lsp_cmd,
    model_cmd,
    policy_cmd,
    report_cmd,
    rules_cmd,
    run_cmd,
    settings_cmd,
)

COMMANDS = (
    analyze_cmd,
    run_cmd,
    check_cmd,
    explain_error_cmd,
    chat_cmd,
    rules_cmd,
    settings_cmd,
    policy_cmd,
    class_report_cmd,
    report_cmd,
    kt_cmd,
    model_cmd,
    lsp_cmd,
)
