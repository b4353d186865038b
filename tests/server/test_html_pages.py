"""The HTML helpers: student text is always escaped, charts are plain inline SVG."""

from __future__ import annotations

from mentor.server.reports.charts import bar_chart
from mentor.server.reports.html_pages import inline_code


def test_backticked_code_becomes_code_after_escaping():
    html = str(inline_code("Use `x < 3` instead of <b>`if`</b> & co"))
    assert html == (
        "Use <code>x &lt; 3</code> instead of &lt;b&gt;<code>if</code>&lt;/b&gt; &amp; co"
    )


def test_a_bar_per_item_scaled_to_the_largest_with_escaped_labels():
    svg = str(bar_chart([("range-len-loop", 4), ("<script>", 2)], title="Students & rules"))
    assert svg.startswith("<svg") and svg.endswith("</svg>")
    assert svg.count("<rect") == 2
    assert 'width="380"' in svg and 'width="190"' in svg  # 4 is the full width, 2 half of it
    assert "&lt;script&gt;" in svg and "<script" not in svg
    assert "Students &amp; rules" in svg


def test_long_labels_are_shortened_but_kept_whole_in_the_tooltip():
    label = "a-very-long-rule-name-that-goes-on-and-on-and-on"
    svg = str(bar_chart([(label, 1)], title="t"))
    assert f"<title>{label}: 1</title>" in svg and "…</text>" in svg


def test_no_items_no_chart():
    assert str(bar_chart([], title="t")) == ""
