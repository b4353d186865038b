"""Mentor's version, written here only: pyproject.toml reads it from this file (setuptools'
`attr:`), so starting the server does not import importlib.metadata (about 90 ms)."""

VERSION = "0.1.0"
