"""Mentor's version, from the installed distribution."""

from importlib.metadata import PackageNotFoundError, version

try:
    VERSION = version("mentor-lsp")
except PackageNotFoundError:  # running from a source tree that was never installed
    VERSION = "0+unknown"
