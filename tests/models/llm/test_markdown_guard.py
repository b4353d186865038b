"""The guard against hostile Markdown: generated attacks, rendered as an editor would (markdown-it
with HTML and linkify on, as VS Code's Markdown preview has them), must yield only allow-listed
HTML with no link, no image and no URI."""

from __future__ import annotations

import re
import textwrap
from html.parser import HTMLParser

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from mentor.models.llm.guardrails import CODE_REMOVED, CONCEPT_REMOVED, Policy, guard

EDITOR = MarkdownIt("commonmark", {"html": True, "linkify": True}).enable(["linkify"])
GFM = MarkdownIt("gfm-like", {"html": True, "linkify": True})
ALLOWED = {"p", "em", "strong", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li"}
ALLOWED |= {"blockquote", "code", "pre", "br"}
SCHEME = re.compile(r"(?i)\b(javascript|vbscript|command|https?|file|data|vscode[\w-]*):(?=\S)")

STUDENT = textwrap.dedent(
    """\
    names = ["Ada", "Alan"]
    result = []
    for i in range(len(names)):
        print(names[i])
    """
)


class _Html(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in ALLOWED:
            self.problems.append(f"element <{tag}>")
        for name, value in attrs:
            allowed = (tag == "code" and name == "class") or (tag == "ol" and name == "start")
            if not allowed:
                self.problems.append(f"attribute {name}={value!r} on <{tag}>")
            if value and SCHEME.search(value):
                self.problems.append(f"URI in attribute {value!r}")

    def handle_data(self, data: str) -> None:
        if SCHEME.search(data):
            self.problems.append(f"URI in text {data!r}")

    def handle_comment(self, data: str) -> None:
        self.problems.append(f"comment {data!r}")


def problems(markdown: str) -> list[str]:
    found = []
    for renderer in (EDITOR, GFM):
        parser = _Html()
        parser.feed(renderer.render(markdown))
        parser.close()
        found += parser.problems
    return found


def assert_safe(answer: str, policy: Policy | None = None) -> str:
    text = guard(answer, STUDENT, policy or Policy()).text
    assert problems(text) == [], (answer, text)
    return text


# -- generated attacks ----------------------------------------------------------------------

SCHEMES = ["javascript:", "command:", "https://", "http://", "file:///", "data:", "vscode://"]
TARGETS = ["alert(1)", "workbench.action.terminal.new", "evil.com/x", "etc/passwd", "text/html,x"]
TAGS = ["script", "img", "a", "iframe", "svg", "b", "i", "span", "x-y", "details", "style"]


@st.composite
def uris(draw: st.DrawFn) -> str:
    scheme = draw(st.sampled_from(SCHEMES))
    scheme = draw(
        st.sampled_from(
            [
                scheme,
                scheme.replace(":", "&#58;"),
                scheme.replace(":", "&colon;"),
                scheme.replace(":", "&#x3A;"),
                scheme[:3] + "<b></b>" + scheme[3:],
                scheme.upper(),
            ]
        )
    )
    return scheme + draw(st.sampled_from(TARGETS))


@st.composite
def tags(draw: st.DrawFn, inner: st.SearchStrategy[str]) -> str:
    name = draw(st.sampled_from(TAGS))
    split = draw(st.integers(0, len(name)))
    name = draw(st.sampled_from([name, name[:split] + "<b>" + name[split:] + "</b>"]))
    attribute = draw(
        st.sampled_from(
            [
                "",
                " src=x onerror=alert(2)",
                ' href="' + draw(uris()) + '"',
                " onclick=`x`",
                ' title="`"',
                " style=x",
            ]
        )
    )
    close = draw(st.sampled_from([f"</{name}>", "", f"</{name}"]))
    return f"<{name}{attribute}>{draw(inner)}{close}"


@st.composite
def links(draw: st.DrawFn, inner: st.SearchStrategy[str]) -> str:
    text = draw(inner)
    target = draw(uris())
    form = draw(st.integers(0, 6))
    return [
        f"[{text}]({target})",
        f"[a [{text}] b]({target})",
        f"![{text}]({target})",
        f"<{target}>",
        f"[{text}][ref]\n\n[ref]: {target}",
        f"[{text}]<i></i>({target})",
        target,
    ][form]


WORDS = st.sampled_from(
    ["Look at", "student.py", "www.example.com", "self.name", "`x`", "`` ` ``", "**why**", "*it*"]
)


def fragments() -> st.SearchStrategy[str]:
    base = st.one_of(WORDS, uris(), st.text(alphabet="<>[]()`!:&#;*_\\/ ", max_size=6))
    return st.recursive(base, lambda inner: st.one_of(tags(inner), links(inner)), max_leaves=6)


BLOCK_PREFIXES = ["", "> ", "- ", "1. ", "    ", "   ", "> - ", "# ", "```\n", "~~~ x\n"]


@st.composite
def answers(draw: st.DrawFn) -> str:
    lines = []
    for _ in range(draw(st.integers(1, 5))):
        prefix = draw(st.sampled_from(BLOCK_PREFIXES))
        line = prefix + " ".join(draw(st.lists(fragments(), min_size=1, max_size=4)))
        lines.append(line)
        lines.append(draw(st.sampled_from(["", "\n", "```", "  ```x", "[r]: command:x"])))
    return "\n".join(lines)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(answers())
def test_generated_hostile_markdown_renders_as_allow_listed_html_only(answer: str) -> None:
    assert_safe(answer)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(answers())
def test_solutions_allowed_change_nothing_about_markup(answer: str) -> None:
    assert_safe(answer, Policy(allow_solutions=True, avoid_concepts=("lambda",)))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(answers())
def test_a_guarded_answer_is_guarded_again_to_itself(answer: str) -> None:
    """The cache stores guarded text and the stream shows guarded prefixes: guarding twice must
    change nothing (else what the student saw and what is kept would differ)."""
    once = guard(answer, STUDENT, Policy()).text
    assert guard(once, STUDENT, Policy()).text == once


@settings(max_examples=100, deadline=None)
@given(answers(), st.data())
def test_every_streamed_prefix_is_safe(answer: str, data: st.DataObject) -> None:
    cut = data.draw(st.integers(0, len(answer)))
    assert_safe(answer[:cut])


PIECES = st.sampled_from(
    [
        *"<>[]()`!:&#;*_\\/ \n\t-+=.|~$@%\"'abcxyz0189",
        *("http", "www.", "command:", "javascript:", "<a href=", "<img ", "```", "    "),
        *("&#58;", "&colon;", ".com", "@x.co", "onerror=", "-->", "<!--", "]:", "\u00a0"),
        *("\u3002", "\\\n"),
    ]
)


@settings(max_examples=1000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(PIECES, max_size=40).map("".join))
def test_any_mix_of_markdown_active_characters_is_safe(answer: str) -> None:
    assert_safe(answer)


# -- the bypasses found by hand (issue 12), each a regression case ----------------------------


def test_the_issues_example_rebuilds_nothing():
    text = assert_safe(
        "<scr<b>ipt>alert(1)</scr</b>ipt> <im<b>g src=x onerror=alert(2)> "
        "[Run]<i></i>(comm<b></b>and:workbench.action.terminal.new)"
    )
    for forbidden in ("<script", "<img", "onerror", "command:", "](command"):
        assert forbidden not in text


def test_links_with_nested_brackets_keep_only_their_text():
    text = assert_safe("Open [the [terminal] now](command:workbench.action.terminal.new) please")
    assert "terminal" in text and "command" not in text and "](" not in text


def test_an_entity_encoded_scheme_does_not_come_back():
    for answer in (
        "[x](command&#58;workbench.action.terminal.new)",
        "Run command&#58;workbench.action.terminal.new now",
        "<a href='javascript&colon;alert(1)'>x</a> javascript&#x3A;alert(1)",
    ):
        text = assert_safe(answer)
        assert "command:" not in text and "javascript:" not in text


def test_reference_definitions_in_quotes_and_list_items_are_dropped():
    text = assert_safe(
        "> [run]: command:workbench.action.terminal.new\n\n- [go]: https://evil.example\n\n"
        "Try [run] or [go][] or [it][run]."
    )
    assert "workbench" not in text and "evil" not in text and "Try" in text


def test_bare_urls_and_domain_like_names_are_not_linkified():
    text = assert_safe(
        "See https://evil.example/x, www.evil.example, student.py, self.name and a@b.co."
    )
    assert "evil.example/x" not in text
    assert "student" in text and "self" in text


def test_tags_off_the_allow_list_lose_their_handlers():
    text = assert_safe(
        'Look: <details open ontoggle=alert(1)><summary>x</summary></details> <x-y onclick="a">'
        "b</x-y> ok\n\n<details ontoggle=alert(1)>\nhidden\n</details>"
    )
    assert "ontoggle" not in text and "onclick" not in text and "ok" in text


def test_a_tag_with_a_code_span_inside_stays_inert():
    assert_safe('<a href="command:x" title="`">click `</a>` here')
    assert_safe('<img src=x title="`" onerror=alert(1)>`')


def test_fence_like_lines_that_commonmark_does_not_take_as_fences():
    """The old guard took an indented ``` or a ``` inside a paragraph for a fence and let what
    followed through unguarded (or guarded prose as code)."""
    for answer in (
        "Look:\n    ```\n<script>alert(1)</script>\n    ```",
        "text ``` not a fence\n<img src=x onerror=alert(1)>",
        "    ```python\n    for name in names:\n        print(name)\n    ```",
        "``` `x`\n<b>x</b>\n```",
    ):
        text = assert_safe(answer)
        assert "for name in names" not in text


def test_code_inside_inline_code_and_subscripts_is_kept_intact():
    """Issue 14: link stripping ran inside inline code, so `matrix[0][0]` became `matrix0`."""
    text = guard("What is `matrix[0][0]` after the loop? And `d[k](x)`?", "", Policy()).text
    assert "`matrix[0][0]`" in text and "`d[k](x)`" in text


def test_indented_lines_without_assignments_or_keywords_are_code():
    for answer in (
        "Then add each one:\n\n    result.append(n)\n\nDoes that help?",
        "Swap them:\n\n    a[i], a[j] = a[j], a[i]\n\nWhy?",
        "Then add each one:\n    result.append(n)\nDoes that help?",
        "Swap them:\n    a[i], a[j] = a[j], a[i]\nWhy?",
    ):
        guarded = guard(answer, STUDENT, Policy())
        assert "append(n)" not in guarded.text and "a[j], a[i]" not in guarded.text
        assert CODE_REMOVED in guarded.text and "?" in guarded.text


def test_several_short_inline_spans_that_spell_a_solution_are_cut():
    answer = "Write `total = 0`, then `for x in xs:` and `total += x`, then `return total`."
    guarded = guard(answer, STUDENT, Policy())
    assert "total +=" not in guarded.text and "return total" not in guarded.text
    assert "inline-code" in guarded.removed
    two = guard("Use `for name in names:` and then `print(name)`.", STUDENT, Policy())
    assert "print(name)" not in two.text


def test_inline_quotes_of_the_students_code_and_names_stay():
    answer = "What does `names[i]` hold when `i` is `len(names)`? Look at `print(names[i])`."
    assert guard(answer, STUDENT, Policy()).text == answer


def test_avoided_concepts_apply_when_solutions_are_allowed():
    policy = Policy(allow_solutions=True, avoid_concepts=("recursion", "while"))
    recursive = guard(
        "Call it again:\n\n```python\ndef count(n):\n    return count(n - 1)\n```", "", policy
    )
    assert "count(n - 1)" not in recursive.text and CONCEPT_REMOVED in recursive.text
    indented = guard("Try:\n\n    while x:\n        x -= 1", "", policy)
    assert "x -= 1" not in indented.text and CONCEPT_REMOVED in indented.text
    bare = guard("Try:\nwhile x:\n    x -= 1\nok", "", policy)
    assert "x -= 1" not in bare.text


def test_code_wrapped_in_markup_or_inside_a_sentence_is_cut():
    for answer in (
        "*for name in names: print(name)*",
        "<code>for name in names:</code>\n<code>    print(name)</code>",
        "**Fix:** for name in names: print(name)",
        "Like this: ```for name in names: print(name)```",
        "Write for name in names: print(name) instead.",
        "_for name in names:_\n_    print(name)_",
    ):
        assert "print(name)" not in guard(answer, STUDENT, Policy()).text, answer


def test_a_line_that_only_quotes_the_students_code_stays():
    answer = "Look at this line:\n`print(names[i])`\nWhat does it print when `i` is 0?"
    assert guard(answer, STUDENT, Policy()).text == answer
