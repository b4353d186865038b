"""What the Neovim and Emacs tests share: the beginner file and what its explanation looks like."""

from __future__ import annotations

from mentor.models.llm.markdown_guard import plain_text

BEGINNER = (
    'names = ["Ada", "Alan"]\n'
    "for i in range(len(names)):\n"
    "    # greet\n"
    "    print(names[i])\n"
    "if names == None:\n"
    "    pass\n"
)
MODEL_FOOTER = "Written by Mentor's tutor model; it can be wrong: check it."


def assert_explains_the_loop(message: str, markdown: str, source: str) -> None:
    """`message` is what an editor without window/showDocument showed for "Explain this" on the
    loop's line; `markdown` and `source` are the command's result. The model's words are random
    (SmolLM2 is tiny): check what Mentor puts around them, and the rule's text when Mentor
    answered itself (no model installed, or the model's answer was unusable)."""
    assert markdown.strip(), "the explanation is empty"
    # the answer comes first: an editor that shows one line of a message shows the answer
    shown = plain_text(markdown)  # a message is plain text: Markdown's escapes are left out
    assert message.splitlines()[0] == shown.strip().splitlines()[0]
    assert message.startswith(shown)
    about = message.removeprefix(shown).strip()
    title, _, footer = about.partition(". ")
    assert title == "Explanation: homework.py, line 2"
    if source == "static":
        assert "for name in names" in markdown  # the range-len-loop rule's own explanation
        assert footer.startswith("Mentor's own explanation")
    else:
        assert source == "model"  # a fresh cache: the answer cannot come from it
        assert footer == MODEL_FOOTER
