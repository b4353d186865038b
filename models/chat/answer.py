"""One answer of the conversation from the tutor's model (the same engine and model as
Explain/Hint: never a second one), streamed and guarded on every piece; Mentor's own answer
when the model cannot give a usable one."""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import CancelledError, Future
from dataclasses import dataclass, replace

from mentor.models.chat.context import ChatContext, Prompt
from mentor.models.chat.ladder import Rung
from mentor.models.chat.static import static_reply
from mentor.models.llm.backend import GenerationOptions, ModelUnavailable
from mentor.models.llm.engine import Generated, Job, Priority
from mentor.models.llm.guardrails import Policy, guard, has_content, settled
from mentor.models.llm.prompts import trim_echo
from mentor.models.llm.tutor import Tutor

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Reply:
    text: str  # guarded Markdown
    source: str  # "model", "endpoint" or "static"
    cancelled: bool = False
    note: str = ""  # why the answer is Mentor's own
    guarded: tuple[str, ...] = ()  # what the guard removed
    raw: str = ""  # the model's own text (for the bench's transcripts)


class ChatAsked:
    """An answer in flight: `future` gives the Reply; `cancel()` from any thread."""

    def __init__(self, future: Future[Reply], job: Job | None = None) -> None:
        self.future = future
        self.job = job

    def cancel(self) -> None:
        if self.job is not None:
            self.job.cancel()


def answer_policy(policy: Policy, rung: Rung) -> Policy:
    """Code is allowed only on the code rung, and only when the teacher allows solutions."""
    return replace(policy, allow_solutions=policy.allow_solutions and rung is Rung.CODE)


def guarded_text(text: str, prompt: Prompt, context: ChatContext, rung: Rung) -> tuple[str, ...]:
    # An echo is of Mentor's own prompt (the instructions, the last message), not of the
    # earlier answers: repeating its own question of a turn before is no echo.
    trimmed = trim_echo(text, [prompt.messages[0], prompt.messages[-1]]).text
    result = guard(trimmed, context.code, answer_policy(context.policy, rung))
    return (result.text, *result.removed)


def static(context: ChatContext, rung: Rung, note: str) -> Reply:
    return Reply(static_reply(context, rung), "static", note=note)


def ask_model(
    tutor: Tutor,
    prompt: Prompt,
    context: ChatContext,
    rung: Rung,
    *,
    max_tokens: int = 256,
    on_text: Callable[[str], None] | None = None,
    is_stale: Callable[[], bool] | None = None,
) -> ChatAsked:
    """Queue the prompt for the model; `on_text` gets the guarded answer so far (on the
    engine's thread)."""
    future: Future[Reply] = Future()
    streamed: list[str] = []
    source = "endpoint" if tutor.config.uses_endpoint else "model"

    def stream(piece: str) -> None:
        streamed.append(piece)
        if on_text is not None:
            on_text(settled(guarded_text("".join(streamed), prompt, context, rung)[0]))

    job = tutor.engine.submit(
        prompt.messages,
        GenerationOptions(max_tokens=max_tokens),
        Priority.INTERACTIVE,
        on_text=stream,
        is_stale=is_stale,
    )

    def finish(done: Future[Generated]) -> None:
        try:
            _settle(future, _reply(done))
        except Exception:  # never lose the answer's future to a bug here: Mentor's own answer
            log.exception("the tutor's answer could not be read")
            _settle(future, static(context, rung, "the answer could not be read"))

    def _reply(done: Future[Generated]) -> Reply:
        try:
            generated = done.result()
        except CancelledError:  # the engine's job was cancelled before it produced anything
            return Reply("", source, cancelled=True)
        except ModelUnavailable as error:
            return static(context, rung, str(error))
        except Exception as error:
            log.exception("the tutor failed in a conversation")
            return static(context, rung, f"the model failed: {error}")
        text, *removed = guarded_text(generated.text, prompt, context, rung)
        if generated.cancelled:
            return Reply(text, source, True, "", tuple(removed), generated.text)
        if not has_content(text) or repeats(text, prompt):
            if repeats(text, prompt):
                note = "the model repeated its last answer"
            else:
                note = "the model's answer gave too much away" if text else "no usable answer"
            reply = static(context, rung, note)
            return replace(reply, guarded=tuple(removed), raw=generated.text)
        return Reply(text, source, False, "", tuple(removed), generated.text)

    job.future.add_done_callback(finish)
    return ChatAsked(future, job)


def _settle(future: Future[Reply], reply: Reply) -> None:
    """Give the answer to whoever waits for it. A stopped chat has cancelled the future already
    (asyncio's wrap_future cancels it with the request), and a cancelled future takes no
    result: setting one raised InvalidStateError on the engine's thread."""
    if future.set_running_or_notify_cancel():
        future.set_result(reply)


REPEAT_RATIO = 0.8  # this similar to the answer before it, an answer is no step deeper


def repeats(text: str, prompt: Prompt) -> bool:
    """Whether the answer says again what the last answer in the prompt said: a small model
    answers every rung alike, and a follow-up must go one step deeper (Mentor's own answer for
    the rung then does)."""
    import difflib

    earlier = [m["content"] for m in prompt.messages if m["role"] == "assistant"]
    if not earlier or not text.strip():
        return False
    return difflib.SequenceMatcher(None, text, earlier[-1]).ratio() >= REPEAT_RATIO


def answered(reply: Reply) -> ChatAsked:
    future: Future[Reply] = Future()
    future.set_result(reply)
    return ChatAsked(future)
