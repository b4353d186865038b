"""HTML pages for people: `mentor analyze --format html` and `mentor class-report`.

Each page is one self-contained file: styles inline, charts as inline SVG, no script and nothing
fetched, so it opens from a USB stick or an e-mail attachment. Jinja2 escapes every value
(student code, file names and messages are text, never markup).
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FunctionLoader, StrictUndefined
from markupsafe import Markup, escape

from mentor.server.reports.charts import bar_chart
from mentor.server.version import VERSION

_BACKTICKS = re.compile(r"`([^`\n]+)`")


def inline_code(text: str | None) -> Markup:
    """Escape `text`, then show its `backticked` parts as code."""
    escaped = str(escape(text or ""))
    return Markup(_BACKTICKS.sub(r"<code>\1</code>", escaped))


def percent(value: float | None) -> str:
    return "–" if value is None else f"{round(value * 100)}%"


# Beside this module (package data): importlib.resources trips over editable installs of a
# package inside a namespace package on Python 3.11.
_TEMPLATES = Path(__file__).with_name("templates")


def _load(name: str) -> str:
    return _TEMPLATES.joinpath(name).read_text(encoding="utf-8")


_ENV = Environment(
    loader=FunctionLoader(_load),
    autoescape=True,  # every value is text unless it is Markup built here
    undefined=StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)
_ENV.filters["code"] = inline_code
_ENV.filters["percent"] = percent
_ENV.globals["bar_chart"] = bar_chart
_ENV.globals["version"] = VERSION


@cache
def _style() -> Markup:
    return Markup(_TEMPLATES.joinpath("report.css").read_text(encoding="utf-8"))


def file_report_page(files: list[dict[str, Any]], level: str) -> str:
    """The HTML page of `mentor analyze --format html`, from the same data as its JSON."""
    return _ENV.get_template("file_report.html").render(files=files, level=level, style=_style())


def class_report_page(**data: Any) -> str:
    """The HTML page of `mentor class-report` (see `server.cli.class_report_cmd`)."""
    return _ENV.get_template("class_report.html").render(style=_style(), **data)
