"""Harness code that tests and bench/ share: LSP sessions, corpora, fuzzing, load, crash."""
