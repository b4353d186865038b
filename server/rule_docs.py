"""Rule documentation as Markdown files, so each diagnostic's code can link to its page offline."""

from __future__ import annotations

import logging
from functools import lru_cache
from pathlib import Path

import platformdirs

from mentor.analyzers import Level, Rule, all_rules
from mentor.server.version import VERSION

log = logging.getLogger(__name__)


def rule_page(rule: Rule) -> str:
    """One rule's page: its documentation, concepts and the equivalent checks of other tools."""
    lines = [f"# {rule.name} ({rule.code})", "", rule.documentation(Level.NOVICE), ""]
    if rule.docs.question:
        lines += [f"**Think about it.** {rule.docs.question}", ""]
    lines += ["**Concepts:** " + ", ".join(concept.value for concept in rule.concepts)]
    if rule.equivalents:
        lines += ["", "**Same check elsewhere:** " + ", ".join(rule.equivalents)]
    return "\n".join(lines) + "\n"


@lru_cache(maxsize=1)
def docs_folder() -> Path | None:
    """Write every rule's page once per Mentor version; None if the cache cannot be written."""
    folder = Path(platformdirs.user_cache_dir("mentor-lsp")) / "rules" / VERSION
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for rule in all_rules():
            page = folder / f"{rule.name}.md"
            text = rule_page(rule)
            if not page.exists() or page.read_text(encoding="utf-8") != text:
                page.write_text(text, encoding="utf-8")
    except OSError as error:
        log.warning("cannot write rule documentation to %s: %s", folder, error)
        return None
    return folder


def rule_uri(rule: Rule) -> str | None:
    folder = docs_folder()
    return (folder / f"{rule.name}.md").as_uri() if folder else None
