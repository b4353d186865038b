"""What the student sees while an answer streams is the guard of the text so far, never raw
model output: checked through the real endpoint backend against a hostile endpoint."""

from __future__ import annotations

import threading

from mentor.analyzers import Level
from mentor.models.llm import ModelConfig, Policy, Tutor
from mentor.models.llm.cache import AnswerCache
from mentor.models.llm.guardrails import guard, settled
from mentor.models.llm.prompts import Question, Task
from tests.support.hostile_endpoint import HOSTILE, PIECE, hostile_endpoint

CODE = 'names = ["Ada"]\nfor i in range(len(names)):\n    print(names[i])'


def test_every_streamed_text_is_the_guard_of_a_prefix_of_the_answer():
    question = Question(Task.HINT, Level.NOVICE, CODE, 1, (2, 2), None, Policy())
    shown: list[str] = []
    lock = threading.Lock()

    def on_text(text: str) -> None:
        with lock:
            shown.append(text)

    with hostile_endpoint() as url:
        tutor = Tutor(ModelConfig(endpoint=url), cache=AnswerCache.in_memory())
        try:
            answer = tutor.ask(question, max_tokens=400, on_text=on_text).future.result(60)
        finally:
            tutor.close()
    prefixes = {
        settled(guard(HOSTILE[:end], CODE, Policy()).text)
        for end in range(PIECE, len(HOSTILE) + PIECE, PIECE)
    }
    assert len(shown) > 10
    assert all(text in prefixes for text in shown)
    assert shown[-1] == answer.text == guard(HOSTILE, CODE, Policy()).text
    assert all("<script" not in text and "command:" not in text for text in shown)
    # A tag still arriving (`<im<b>g src=x onerror=…` cut after "onerror") is held back, not
    # shown as text until the guard can see it whole.
    assert all("onerror" not in text and "<img" not in text for text in shown)
