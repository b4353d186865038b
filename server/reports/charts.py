"""Inline SVG charts for the HTML reports: no script, no external file, every label escaped."""

from __future__ import annotations

from collections.abc import Sequence

from markupsafe import Markup, escape

BAR_HEIGHT = 22
BAR_GAP = 6
LABEL_WIDTH = 230
BAR_AREA = 380
VALUE_WIDTH = 60
MAX_LABEL = 34


def bar_chart(
    items: Sequence[tuple[str, int]], *, title: str, color: str = "#3b6ea8", unit: str = ""
) -> Markup:
    """A horizontal bar chart of (label, value), in the order given; empty text if no items."""
    if not items:
        return Markup("")
    top = max(value for _, value in items) or 1
    width = LABEL_WIDTH + BAR_AREA + VALUE_WIDTH
    height = len(items) * (BAR_HEIGHT + BAR_GAP) + BAR_GAP
    rows = []
    for index, (label, value) in enumerate(items):
        y = BAR_GAP + index * (BAR_HEIGHT + BAR_GAP)
        bar = max(round(BAR_AREA * value / top), 1 if value else 0)
        shown = label if len(label) <= MAX_LABEL else label[: MAX_LABEL - 1] + "…"
        text_y = y + BAR_HEIGHT * 0.7
        rows.append(
            Markup(
                "<g><title>{full}: {value}{unit}</title>"
                '<text x="{lx}" y="{ty}" text-anchor="end" class="chart-label">{shown}</text>'
                '<rect x="{bx}" y="{y}" width="{bar}" height="{h}" rx="3" fill="{color}"/>'
                '<text x="{vx}" y="{ty}" class="chart-value">{value}{unit}</text></g>'
            ).format(
                full=label,
                shown=shown,
                value=value,
                unit=unit,
                lx=LABEL_WIDTH - 8,
                ty=f"{text_y:.1f}",
                bx=LABEL_WIDTH,
                y=y,
                bar=bar,
                h=BAR_HEIGHT,
                color=color,
                vx=LABEL_WIDTH + bar + 6,
            )
        )
    return Markup(
        '<svg class="chart" role="img" aria-label="{title}" viewBox="0 0 {w} {h}" '
        'width="{w}" height="{h}" xmlns="http://www.w3.org/2000/svg">'
        "<title>{title}</title>{rows}</svg>"
    ).format(title=escape(title), w=width, h=height, rows=Markup("").join(rows))
