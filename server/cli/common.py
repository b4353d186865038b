"""What every subcommand shares: exit statuses and the usage error."""

from __future__ import annotations

EXIT_OK = 0
EXIT_USAGE = 2


class UsageError(Exception):
    """Bad usage: reported in one line on stderr, exit status 2."""
