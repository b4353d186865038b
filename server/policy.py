"""A teacher's policy file: settings locked for a whole class, enforced over the student's own.

Format (the same file the branded VS Code extension bakes in):
    {"name": "CS101", "locked": {"mentor.hintLevel": "novice", "mentor.rules.disable": []},
     "assignments": [...]}
The assignments are read by `mentor.models.assignments`.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any


class PolicyError(Exception):
    """The policy file cannot be used; the message says why, in one line."""


def load_policy(path: Path) -> dict[str, Any]:
    """The locked settings of a policy file, as written."""
    return locked_settings(read_policy(path), path)


def read_policy(path: Path) -> dict[str, Any]:
    """The whole policy object of a file (locked settings, assignments, name)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise PolicyError(
            f"cannot read the policy file {path}: {error.strerror or error}"
        ) from error
    except json.JSONDecodeError as error:
        raise PolicyError(f"the policy file {path} is not valid JSON: {error}") from error
    except UnicodeDecodeError as error:
        raise PolicyError(f"the policy file {path} is not UTF-8 text") from error
    except RecursionError as error:
        raise PolicyError(f"the policy file {path} is nested too deeply") from error
    if not isinstance(data, dict):
        raise PolicyError(f"the policy file {path} must hold a JSON object")
    return data


def locked_settings(data: dict[str, Any], path: Path) -> dict[str, Any]:
    """The `locked` part of a policy object."""
    locked = data.get("locked", {})
    if not isinstance(locked, dict):
        raise PolicyError(
            f'the policy file {path}: "locked" must map "mentor.*" settings to values'
        )
    # Any key form (`mentor.rules.disable`, `rules.disable`, nested objects) is read the same way
    # by `parse_settings`, which also reports names that are no setting.
    return locked
