"""Typed settings under the `mentor` section, read leniently: a bad value falls back to its
default and the problem is reported to the user, never raised.

The dataclass below is the single source of truth: each field carries its key, description and
choices, from which the VS Code extension's contributed settings are checked (`mentor settings
--format json` prints them).
"""

from __future__ import annotations

import dataclasses
import json
import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import Enum
from typing import Any

from mentor.analyzers import Level, get_rule


class HintLevel(str, Enum):
    AUTO = "auto"
    NOVICE = "novice"
    DEVELOPING = "developing"
    PROFICIENT = "proficient"

    def as_level(self) -> Level | None:
        """The fixed learner level, or None for `auto` (the learner model decides)."""
        return None if self is HintLevel.AUTO else Level(self.value)


class ReviewOnSave(str, Enum):
    AUTO = "auto"
    ON = "on"
    OFF = "off"


def setting(
    key: str,
    default: Any,
    description: str,
    *,
    choices: Mapping[str, str] | None = None,
    scope: str = "resource",
    minimum: int | None = None,
    maximum: int | None = None,
) -> Any:
    """A dataclass field that knows its settings key, documentation and valid values."""
    metadata = {
        "key": key,
        "description": description,
        "choices": dict(choices or {}),
        "scope": scope,
        "minimum": minimum,
        "maximum": maximum,
    }
    if isinstance(default, (list, tuple)):
        return field(default_factory=lambda: tuple(default), metadata=metadata)
    return field(default=default, metadata=metadata)


@dataclass(frozen=True)
class Settings:
    """What the user (or the teacher's policy) chose. Every field has a safe default."""

    hint_level: HintLevel = setting(
        "hintLevel",
        HintLevel.AUTO,
        "How much help Mentor gives: the wording of diagnostics, which style rules show, and "
        "how deep hints go.",
        choices={
            "auto": "Follow the learner's progress: each diagnostic is worded for the level the "
            "learner model estimates in the skills it is about (novice until there is evidence).",
            "novice": "Plain words, the why behind every message, gentle on style.",
            "developing": "Shorter messages; style rules shown.",
            "proficient": "One-line messages, like a regular linter.",
        },
    )
    rules_disable: tuple[str, ...] = setting(
        "rules.disable",
        (),
        "Rules to switch off, by name (`bare-except`) or code (`MNT501`). `mentor rules` "
        "lists them.",
    )
    diagnostics_delay_ms: int = setting(
        "diagnostics.delayMs",
        200,
        "How long to wait after the last keystroke before checking the file again, in "
        "milliseconds.",
        minimum=0,
        maximum=5000,
    )
    tutor_enabled: bool = setting(
        "tutor.enabled",
        True,
        "Use the local code LLM for explanations, hints and reviews. Off: Mentor's own "
        "explanations only (static-only mode).",
    )
    model_path: str = setting(
        "model.path",
        "",
        "The GGUF model file for the tutor. Empty: the best model `mentor model install` put "
        "in place (Qwen2.5-Coder 1.5B, then 0.5B, then registered files), else static-only mode.",
        scope="machine-overridable",
    )
    model_gpu_layers: str = setting(
        "model.gpuLayers",
        "auto",
        "How many model layers run on the GPU: `auto` (all of them when llama.cpp was built "
        "with GPU support, none otherwise) or a number (0 = CPU only). If the GPU runs out of "
        "memory Mentor retries with fewer layers.",
        scope="machine-overridable",
    )
    model_context_size: int = setting(
        "model.contextSize",
        2048,
        "The model's context window in tokens (prompt plus answer).",
        scope="machine-overridable",
        minimum=512,
        maximum=131072,
    )
    model_threads: int = setting(
        "model.threads",
        0,
        "CPU threads for the model; 0 lets llama.cpp choose.",
        scope="machine-overridable",
        minimum=0,
        maximum=256,
    )
    model_endpoint: str = setting(
        "model.endpoint",
        "",
        "An OpenAI-compatible server to use instead of a local file (llama.cpp's server, vLLM, "
        "Ollama), e.g. `http://classroom-gpu:8080`. Student code is sent to it.",
        scope="machine-overridable",
    )
    model_name: str = setting(
        "model.name",
        "",
        "The model to ask the endpoint for (empty: the first it serves); a label for a file.",
        scope="machine-overridable",
    )
    model_capable: bool = setting(
        "model.capable",
        False,
        "The configured model is strong enough to review whole files (e.g. CodeLlama-13B): "
        "turns on the LLM review on save when `mentor.review.onSave` is `auto`.",
    )
    review_on_save: ReviewOnSave = setting(
        "review.onSave",
        ReviewOnSave.AUTO,
        "LLM review of the file on save, shown as `mentor-tutor` diagnostics.",
        choices={
            "auto": "On when `mentor.model.capable` is true.",
            "on": "Always (slow and unreliable with a small model).",
            "off": "Never.",
        },
    )
    tutor_max_tokens: int = setting(
        "tutor.maxTokens",
        256,
        "The longest answer the tutor may generate, in tokens.",
        minimum=16,
        maximum=4096,
    )
    tutor_max_requests_per_hour: int = setting(
        "tutor.maxRequestsPerHour",
        0,
        "The most questions a student may put to the tutor model in an hour (a teacher's "
        "limit; 0: no limit). Past it, Explain and Hint answer with Mentor's own explanations "
        "and say when the next tutor question is possible. Cached answers do not count.",
        minimum=0,
        maximum=10000,
    )
    tutor_max_hint_depth: int = setting(
        "tutor.maxHintDepth",
        3,
        "How deep the chat's hint ladder may go on one problem: 1 a question about the idea, "
        "2 where to look (the line), 3 what goes wrong there, 4 the fix in words, 5 code (only "
        "with `mentor.allowSolutions`). Each follow-up goes one step deeper, up to this.",
        minimum=1,
        maximum=5,
    )
    allow_solutions: bool = setting(
        "allowSolutions",
        False,
        "Let the tutor show corrected code. Off (the default), it explains and asks, and any "
        "solution code in its answers is cut.",
    )
    avoid_concepts: tuple[str, ...] = setting(
        "avoidConcepts",
        (),
        "Concepts the class has not covered, which the tutor must not use or mention (e.g. "
        "`comprehensions`, `lambda`, `recursion`).",
    )

    learner_enabled: bool = setting(
        "learner.enabled",
        True,
        "Track the learner's progress in this workspace (on this computer only) so that "
        "`hintLevel: auto` can adapt, and progress reports can be shown.",
    )
    learner_database: str = setting(
        "learner.database",
        "",
        "Where the progress file lives. Empty: one file per workspace in the user's data "
        "folder, outside the source tree. A relative path is relative to the workspace.",
        scope="machine-overridable",
    )
    learner_snapshot_delay_ms: int = setting(
        "learner.snapshotDelayMs",
        4000,
        "How long the code must stay unchanged before Mentor takes a snapshot of it for the "
        "learner model, in milliseconds (saving takes one at once).",
        minimum=500,
        maximum=600000,
    )

    @property
    def fixed_level(self) -> Level | None:
        return self.hint_level.as_level()


_KEY_OF = {spec.name: spec.metadata["key"] for spec in dataclasses.fields(Settings)}
_KEYS = frozenset(_KEY_OF.values())
# "rules." for "rules.disable": the objects that lead to a setting when keys are nested
_KEY_PREFIXES = frozenset(
    ".".join(key.split(".")[:end]) + "." for key in _KEYS for end in range(1, key.count(".") + 1)
)


@dataclass(frozen=True)
class SettingsResult:
    settings: Settings
    problems: tuple[str, ...]


def parse_settings(
    raw: Any, policy: Mapping[str, Any] | None = None, *, overlay: Any = None
) -> SettingsResult:
    """Read settings from a client's JSON (the `mentor` section, or an object that holds it).

    Every key form is read the same way: `mentor.rules.disable`, `rules.disable` and
    `{"mentor": {"rules": {"disable": ...}}}`. `overlay` is a second source that wins over `raw`
    (the editor's current configuration over `initializationOptions`). `policy` holds a
    teacher's locked settings in any of those forms; they win over everything the client sent,
    the student is told so, and a locked value that is invalid fails closed (`FAIL_CLOSED`).
    Never raises: any unusable value falls back with a message naming its setting.
    """
    if raw is not None and not isinstance(raw, Mapping):
        return SettingsResult(
            Settings(), (f"mentor: expected an object of settings, got {_show(raw)}.",)
        )
    own, _ = flatten_settings(raw)
    if isinstance(overlay, Mapping):
        own.update(flatten_settings(overlay)[0])
    locked, policy_problems = _flatten_policy(policy or {})
    problems: list[str] = []
    values: dict[str, Any] = {}
    for spec in dataclasses.fields(Settings):
        key = spec.metadata["key"]
        if key not in own or key in locked:  # a locked setting: the student's value is not read
            continue
        converted, problem = _convert_safely(spec, own[key])
        if problem:
            problems.append(problem)
        if converted is not _REJECTED:
            values[spec.name] = converted
    problems += policy_problems + _apply_policy(own, locked, values)
    try:
        settings = Settings(**values)
    except Exception:  # cannot happen with converted values; never lose the session over it
        settings = Settings()
    return SettingsResult(settings, tuple(problems))


TELL_THE_TEACHER = " Yours is not used either; tell your teacher."  # after a lock that failed
POLICY = "the teacher's policy: "  # what every problem of the policy starts with

# Settings of an editor's extension, not of the server, and why a policy cannot hold them.
CANNOT_LOCK: dict[str, str] = {
    "interpreter": "it chooses the Python that starts Mentor, so it is read before the server "
    "and its policy exist, and each student's Python lives in a different place on their "
    "computer",
}

# What a locked setting becomes when the teacher's value is invalid: the most restrictive value,
# never the student's own. Settings not listed here fail closed to their default.
FAIL_CLOSED: dict[str, dict[str, Any]] = {
    "hintLevel": {"hint_level": HintLevel.NOVICE},  # every explanation in full
    "rules.disable": {"rules_disable": ()},  # every rule on
    "tutor.enabled": {"tutor_enabled": False},
    "allowSolutions": {"allow_solutions": False},
    # the tutor cannot be held to a list it cannot read: it stays off
    "avoidConcepts": {"avoid_concepts": (), "tutor_enabled": False},
    # a limit it cannot read cannot be kept either
    "tutor.maxRequestsPerHour": {"tutor_max_requests_per_hour": 0, "tutor_enabled": False},
    "tutor.maxHintDepth": {"tutor_max_hint_depth": 1},  # the first rung only
    "review.onSave": {"review_on_save": ReviewOnSave.OFF},
    "model.capable": {"model_capable": False},
    "model.endpoint": {"model_endpoint": ""},  # no code leaves the machine
    "model.path": {"model_path": ""},
    "learner.enabled": {"learner_enabled": False},  # nothing is recorded
    "learner.database": {"learner_database": ""},  # the default place, in the user's data folder
}


def flatten_settings(raw: Any) -> tuple[dict[str, Any], list[str]]:
    """({setting key without `mentor.`: value}, [keys given twice with different values]).

    Reads prefixed (`mentor.hintLevel`), bare (`hintLevel`), nested (`{"mentor": {...}}`,
    `{"rules": {"disable": ...}}`) and dotted (`"rules.disable"`) keys alike; names that are no
    setting are left out. Only objects on the way to a setting are entered, so deep nesting
    costs nothing. Where two forms give one setting, the later wins.
    """
    found: dict[str, Any] = {}
    conflicts: list[str] = []

    def walk(node: Mapping[Any, Any], path: tuple[str, ...]) -> None:
        for name, value in node.items():
            if not isinstance(name, str):
                continue
            parts = (*path, *name.split("."))
            if parts[0] == "mentor":
                parts = parts[1:]
            key = ".".join(parts)
            if key in _KEYS:
                if key in found and not _same(found[key], value) and key not in conflicts:
                    conflicts.append(key)
                found[key] = value
            elif isinstance(value, Mapping) and (not key or key + "." in _KEY_PREFIXES):
                walk(value, parts)

    if isinstance(raw, Mapping):
        walk(raw, ())
    return found, conflicts


def _flatten_policy(policy: Mapping[str, Any]) -> tuple[dict[str, Any], list[str]]:
    """The teacher's locked settings by key, and what is wrong with the policy's keys."""
    locked, conflicts = flatten_settings(policy)
    for key in conflicts:
        locked[key] = _REJECTED  # fails closed in _apply_policy
    problems = []
    for key in _unknown_keys(policy):
        reason = CANNOT_LOCK.get(key.removeprefix("mentor."))
        if reason:
            problems.append(f"{POLICY}{_show(key)} cannot be locked: {reason}; ignored.")
        else:
            listed = "(`mentor settings` lists them)"
            problems.append(f"{POLICY}{_show(key)} is not a Mentor setting {listed}; ignored.")
    return locked, problems


def _unknown_keys(policy: Mapping[str, Any], path: tuple[str, ...] = ()) -> list[str]:
    unknown = []
    for name, value in policy.items():
        parts = (*path, *str(name).split("."))
        key = ".".join(parts[1:] if parts[0] == "mentor" else parts)
        if key in _KEYS:
            continue
        if isinstance(value, Mapping) and (not key or key + "." in _KEY_PREFIXES) and value:
            unknown += _unknown_keys(value, parts)
        else:
            unknown.append(".".join(parts))
    return unknown


def _apply_policy(
    own: Mapping[str, Any], locked: Mapping[str, Any], values: dict[str, Any]
) -> list[str]:
    problems = []
    specs = {spec.metadata["key"]: spec for spec in dataclasses.fields(Settings)}
    closed: dict[str, Any] = {}
    for key, value in locked.items():
        spec = specs[key]
        safest = FAIL_CLOSED.get(key, {spec.name: _default(spec)})
        fails_closed = "the lock fails closed to the most restrictive value, " + ", ".join(
            f"mentor.{_KEY_OF[name]} = {_show(_plain(v))}" for name, v in safest.items()
        )
        if value is _REJECTED:  # given twice with different values
            converted, problem = (
                _REJECTED,
                f"mentor.{key} is given twice, differently; {fails_closed}.",
            )
        else:
            converted, problem = _convert_safely(spec, value, fails_closed)
        if problem:
            told = TELL_THE_TEACHER if converted is _REJECTED else ""
            problems.append(f"{POLICY}{problem}{told}")
        if converted is _REJECTED:
            closed.update(safest)
            continue
        if _student_set(spec, own, key) and not _same(own[key], value):
            teacher = _show(value)
            problems.append(f"mentor.{key} is set by your teacher to {teacher}; yours is not used.")
        values[spec.name] = converted
    values.update(closed)  # after every lock: a closed value beats a valid lock it touches
    return problems


def settings_schema() -> list[dict[str, Any]]:
    """Every setting as plain data: key, type, default, description, choices, bounds, scope."""
    schema = []
    for spec in dataclasses.fields(Settings):
        default = (
            spec.default if spec.default is not dataclasses.MISSING else spec.default_factory()
        )  # type: ignore[misc]
        schema.append(
            {
                "key": f"mentor.{spec.metadata['key']}",
                "type": _json_type(spec),
                "default": _plain(default),
                "description": spec.metadata["description"],
                "choices": spec.metadata["choices"],
                "minimum": spec.metadata["minimum"],
                "maximum": spec.metadata["maximum"],
                "scope": spec.metadata["scope"],
            }
        )
    return schema


_REJECTED = object()  # the value was unusable: keep the default


def _student_set(spec: dataclasses.Field, own: Mapping[str, Any], key: str) -> bool:
    """Whether the student chose a value: editors send every setting, defaults included
    (VS Code's workspace/configuration does), so a value equal to the default was not set."""
    if key not in own:
        return False
    converted, _ = _convert_safely(spec, own[key])
    return converted is _REJECTED or not _same(converted, _default(spec))


def _default(spec: dataclasses.Field) -> Any:
    return spec.default if spec.default is not dataclasses.MISSING else spec.default_factory()  # type: ignore[misc]


def _same(a: Any, b: Any) -> bool:
    try:
        return bool(a == b)
    except Exception:  # RecursionError on absurdly deep values
        return False


def _convert_safely(
    spec: dataclasses.Field, value: Any, fallback: str | None = None
) -> tuple[Any, str | None]:
    """`_convert`, but a value it cannot handle (hostile JSON) is rejected, never raised."""
    try:
        return _convert(spec, value, fallback)
    except Exception:
        key = f"mentor.{spec.metadata['key']}"
        fallback = fallback or f"using the default {_show(_plain(_default(spec)))}"
        return _REJECTED, f"{key}: {_show(value)} cannot be used; {fallback}."


def _convert(
    spec: dataclasses.Field, value: Any, fallback: str | None = None
) -> tuple[Any, str | None]:
    """(the value to use or _REJECTED, a problem to show the user or None)."""
    key = f"mentor.{spec.metadata['key']}"
    default = _default(spec)
    fallback = fallback or f"using the default {_show(_plain(default))}"
    if spec.name == "model_gpu_layers":
        return _gpu_layers(value, key, fallback)
    endpoint = spec.name == "model_endpoint" and isinstance(value, str) and value
    if endpoint and not value.startswith(("http://", "https://")):
        return _REJECTED, f"{key}: {_show(value)} is not an http(s) URL; {fallback}."
    if isinstance(default, Enum):
        try:
            return type(default)(value), None
        except ValueError:
            allowed = ", ".join(member.value for member in type(default))
            return _REJECTED, f"{key}: {_show(value)} is not one of {allowed}; {fallback}."
    if isinstance(default, bool):
        if isinstance(value, bool):
            return value, None
        return _REJECTED, f"{key}: expected true or false, got {_show(value)}; {fallback}."
    if isinstance(default, int):
        finite = isinstance(value, int) or (isinstance(value, float) and math.isfinite(value))
        if isinstance(value, bool) or not finite or value != int(value):
            return _REJECTED, f"{key}: expected a whole number, got {_show(value)}; {fallback}."
        low, high = spec.metadata["minimum"], spec.metadata["maximum"]
        if (low is not None and value < low) or (high is not None and value > high):
            return _REJECTED, f"{key}: {_show(value)} is outside {low}..{high}; {fallback}."
        return int(value), None
    if isinstance(default, tuple):
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            return _REJECTED, f"{key}: expected a list of names, got {_show(value)}; {fallback}."
        if spec.name == "rules_disable":
            unknown = [name for name in value if get_rule(name) is None]
            known = tuple(name for name in value if name not in unknown)
            if unknown:
                names = ", ".join(map(_show, unknown))
                return (
                    known,
                    f"{key}: no rule is called {names} (`mentor rules` lists them); ignoring it.",
                )
        return tuple(value), None
    if isinstance(default, str) or default is None:
        if value is None or isinstance(value, str):
            return value, None
        return _REJECTED, f"{key}: expected text, got {_show(value)}; {fallback}."
    return value, None


def _gpu_layers(value: Any, key: str, fallback: str) -> tuple[Any, str | None]:
    """`auto` or a whole number of layers (given as a number or as text)."""
    if value == "auto":
        return "auto", None
    text = str(value).strip() if isinstance(value, (int, str)) and value is not True else ""
    if text.isdigit():
        return int(text), None
    return _REJECTED, f"{key}: expected auto or a number of layers, got {_show(value)}; {fallback}."


def _json_type(spec: dataclasses.Field) -> str:
    default = spec.default if spec.default is not dataclasses.MISSING else spec.default_factory()  # type: ignore[misc]
    if isinstance(default, (Enum, str)) or default is None:
        return "string"
    if isinstance(default, bool):
        return "boolean"
    if isinstance(default, int):
        return "integer"
    if isinstance(default, tuple):
        return "array"
    return "object"


def _plain(value: Any) -> Any:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, tuple):
        return list(value)
    return value


def _show(value: Any) -> str:
    """The value as the user wrote it (JSON), shortened; never raises, whatever the value."""
    try:
        text = json.dumps(value)
    except RecursionError:
        return "a value nested too deeply"
    except (TypeError, ValueError):
        try:
            text = repr(value)
        except Exception:  # e.g. an int too long to print
            return "an unusable value"
    return text if len(text) <= 60 else text[:57] + "..."
