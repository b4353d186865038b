"""System programs the end-to-end tests drive (editors, strace): .ci/run installs them, so in
CI a missing one is a failure; on a developer's machine the test is skipped with the fix."""

from __future__ import annotations

import os
import shutil

import pytest


def required_program(name: str, install: str) -> str:
    """The path of `name`; fails under CI, skips elsewhere, saying how to `install` it."""
    found = shutil.which(name)
    if found is None:
        if os.environ.get("CI"):
            pytest.fail(f"{name} is missing: .ci/run installs it ({install})")
        pytest.skip(f"{name} is not installed ({install})")
    return found
