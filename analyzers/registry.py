"""The rule registry: rules by code and name, and the checkers that run per node type."""

from __future__ import annotations

import ast
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, TypeVar

from mentor.analyzers.context import LEAF_SINGLETONS
from mentor.analyzers.rule import Rule
from mentor.analyzers.rule_ids import RuleId

if TYPE_CHECKING:
    from mentor.analyzers.context import Context
    from mentor.analyzers.findings import Finding

NodeT = TypeVar("NodeT", bound=ast.AST)
Checker = Callable[[NodeT, "Context"], Iterable["Finding"]]

_RULES: dict[RuleId, Rule] = {}
_BY_KEY: dict[str, Rule] = {}
CHECKERS: dict[type[ast.AST], list[tuple[Rule, Checker]]] = {}


def register(rule: Rule) -> Rule:
    """Add a rule to the registry; its code and name must be new."""
    if rule.id in _RULES or rule.name in _BY_KEY:
        raise ValueError(f"rule registered twice: {rule.code} {rule.name}")
    _RULES[rule.id] = rule
    _BY_KEY[rule.code] = rule
    _BY_KEY[rule.name] = rule
    return rule


def checker(rule: Rule, *node_types: type[ast.AST]) -> Callable[[Checker], Checker]:
    """Decorate `fn(node, ctx) -> Iterable[Finding]` to run on every node of `node_types`."""

    leaves = [t.__name__ for t in node_types if issubclass(t, LEAF_SINGLETONS)]
    if leaves:  # never visited: they have no position (check the Compare, BinOp... instead)
        raise ValueError(f"{rule.code}: cannot check {', '.join(leaves)} nodes")

    def decorate(fn: Checker) -> Checker:
        for node_type in node_types:
            CHECKERS.setdefault(node_type, []).append((rule, fn))
        return fn

    return decorate


def _load() -> None:
    # Importing the package registers every rule family.
    import mentor.analyzers.rules  # noqa: F401


def all_rules() -> list[Rule]:
    """Every registered rule, ordered by code."""
    _load()
    return sorted(_RULES.values(), key=lambda rule: rule.code)


def get_rule(key: str | RuleId) -> Rule | None:
    """A rule by its code (`MNT101`), its name (`range-len-loop`) or its RuleId."""
    _load()
    if isinstance(key, RuleId):
        return _RULES.get(key)
    return _BY_KEY.get(key.strip()) or _BY_KEY.get(key.strip().upper())


def rule(rule_id: RuleId) -> Rule:
    """The registered rule for an id (every RuleId has one; a test keeps it so)."""
    _load()
    return _RULES[rule_id]
