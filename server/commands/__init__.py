"""Subcommands of `mentor`: one module each, each with `add_to(subparsers)`."""

from mentor.server.commands import analyze_cmd, lsp_cmd, model_cmd, rules_cmd, settings_cmd

COMMANDS = (analyze_cmd, rules_cmd, settings_cmd, lsp_cmd, model_cmd)
