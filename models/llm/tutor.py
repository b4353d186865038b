"""The tutor: questions in, guarded Markdown answers out, from the cache or the model, with the
rule's own documentation as the answer whenever the model cannot give one."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import asdict, dataclass, field
from enum import Enum
from typing import Any

from mentor.analyzers import Level
from mentor.models.llm.backend import Backend, ChatMessage, GenerationOptions, ModelUnavailable
from mentor.models.llm.cache import AnswerCache, cache_key
from mentor.models.llm.config import ModelConfig
from mentor.models.llm.engine import Engine, EngineStatus, Generated, Job, Priority
from mentor.models.llm.guardrails import Policy, guard, has_content, settled
from mentor.models.llm.markdown_guard import clean_markdown, plain_text
from mentor.models.llm.prompts import (
    Question,
    Task,
    build_messages,
    code_line,
    hint_as_question,
    mentions_only_known_names,
    question_about_line,
    trim_echo,
)
from mentor.models.llm.review import (
    REVIEW_SCHEMA,
    ReviewFinding,
    parse_review,
    review_messages,
    validate,
)

log = logging.getLogger(__name__)

CHECK_PROMPT = "In one sentence, greet a student who is learning Python."


class AnswerSource(str, Enum):
    MODEL = "model"
    CACHE = "cache"
    STATIC = "static"  # the rule's own documentation: no model, or its answer was unusable


@dataclass(frozen=True)
class Answer:
    text: str  # guarded Markdown
    source: AnswerSource
    cancelled: bool = False
    note: str = ""  # why the answer is static, for the user
    raw: str = ""  # the model's own text before trimming and guarding (for the bench's transcripts)
    echoed: tuple[str, ...] = ()  # sentences cut for echoing the prompt
    guarded: tuple[str, ...] = ()  # what the guardrails removed
    rephrased: bool = False  # a hint the model wrote as a statement, asked as a question


class Asked:
    """A question in flight: `future` gives the Answer; `cancel()` from any thread."""

    def __init__(self, future: Future[Answer], job: Job | None) -> None:
        self.future = future
        self.job = job

    def cancel(self) -> None:
        if self.job is not None:
            self.job.cancel()


def make_backend(config: ModelConfig) -> Backend:
    if config.uses_endpoint:
        from mentor.models.llm.http_backend import EndpointBackend

        return EndpointBackend(config)
    from mentor.models.llm.llama_backend import LlamaCppBackend

    return LlamaCppBackend(config)


class Tutor:
    """One model (behind one Engine), one answer cache."""

    def __init__(
        self,
        config: ModelConfig,
        *,
        cache: AnswerCache | None = None,
        on_status: Callable[[EngineStatus], None] | None = None,
        backend: Backend | None = None,
    ) -> None:
        self.config = config
        self.backend = backend or make_backend(config)
        self.engine = Engine(self.backend, on_status)
        self._owns_cache = cache is None
        self.cache = cache if cache is not None else AnswerCache()

    @property
    def model_id(self) -> str:
        return self.backend.info.model_id

    @property
    def status(self) -> EngineStatus:
        return self.engine.status

    def cached(self, question: Question) -> str | None:
        """A cached answer, guarded again: the cache file may hold an answer from an older
        Mentor (guarding guarded text changes nothing)."""
        hit = self.cache.get(cache_key(self.model_id, question))
        return None if hit is None else guard(hit, question.code, question.policy).text

    def ask(
        self,
        question: Question,
        *,
        max_tokens: int = 256,
        priority: Priority = Priority.INTERACTIVE,
        on_text: Callable[[str], None] | None = None,
        is_stale: Callable[[], bool] | None = None,
    ) -> Asked:
        """Answer from the cache at once, or queue the question for the model. `on_text`
        receives the guarded answer so far (on the engine's thread) as it streams."""
        future: Future[Answer] = Future()
        key = cache_key(self.model_id, question)
        hit = self.cached(question)
        if hit is not None:
            future.set_result(Answer(hit, AnswerSource.CACHE))
            return Asked(future, None)
        streamed: list[str] = []
        messages = build_messages(question)

        def stream(piece: str) -> None:
            streamed.append(piece)
            if on_text is not None:
                trimmed = trim_echo("".join(streamed), messages).text
                on_text(settled(guard(trimmed, question.code, question.policy).text))

        job = self.engine.submit(
            messages,
            GenerationOptions(max_tokens=max_tokens),
            priority,
            on_text=stream,
            is_stale=is_stale,
        )
        job.future.add_done_callback(
            lambda done: self._finish(done, question, messages, key, future)
        )
        return Asked(future, job)

    def _finish(
        self,
        done: Future[Generated],
        question: Question,
        messages: list[ChatMessage],
        key: str,
        future: Future[Answer],
    ) -> None:
        # A request the student stopped has cancelled `future` already (asyncio's wrap_future
        # cancels it with the request): it takes no result (InvalidStateError), none is owed.
        if not future.set_running_or_notify_cancel():
            return
        try:
            generated = done.result()
        except ModelUnavailable as error:
            future.set_result(static_answer(question, note=str(error)))
            return
        except Exception as error:
            log.exception("the tutor failed")
            future.set_result(static_answer(question, note=f"the model failed: {error}"))
            return
        trimmed = trim_echo(generated.text, messages)
        if trimmed.cut:
            log.info("cut %d sentence(s) that echoed the prompt", len(trimmed.cut))
        asked = None if generated.cancelled else hint_as_question(trimmed.text, question)
        guarded = guard(asked or trimmed.text, question.code, question.policy)
        if guarded.removed:
            log.info("guardrails removed %s", ", ".join(guarded.removed))
        found = {
            "raw": generated.text,
            "echoed": trimmed.cut,
            "guarded": guarded.removed,
            "rephrased": asked is not None,
        }
        if generated.cancelled:
            future.set_result(Answer(guarded.text, AnswerSource.MODEL, cancelled=True, **found))
        elif not has_content(guarded.text):
            if guarded.text:
                note = "the model's answer gave too much away"
            elif trimmed.cut:
                note = "the model only repeated its instructions"
            else:
                note = "no answer"
            static = static_answer(question, note=note)
            future.set_result(Answer(static.text, static.source, note=note, **found))
        else:
            self.cache.put(key, self.model_id, guarded.text)
            future.set_result(Answer(guarded.text, AnswerSource.MODEL, **found))

    def review(
        self,
        code: str,
        level: Level,
        policy: Policy,
        *,
        max_tokens: int = 384,
        is_stale: Callable[[], bool] | None = None,
    ) -> Future[list[ReviewFinding]]:
        """Background review of a whole file: validated findings (empty when cancelled)."""
        result: Future[list[ReviewFinding]] = Future()
        job = self.engine.submit(
            review_messages(code, level, policy),
            GenerationOptions(max_tokens=max_tokens, temperature=0.0, json_schema=REVIEW_SCHEMA),
            Priority.BACKGROUND,
            is_stale=is_stale,
        )

        def finish(done: Future[Generated]) -> None:
            error = done.exception()
            if error is not None:
                result.set_exception(error)
                return
            generated = done.result()
            if generated.cancelled:
                result.set_result([])
                return
            findings = validate(parse_review(generated.text), code.split("\n"))
            guarded = [_guard_finding(finding, code, policy) for finding in findings]
            result.set_result([finding for finding in guarded if finding is not None])

        job.future.add_done_callback(finish)
        return result

    def check(self, timeout: float = 300.0) -> ModelCheck:
        """Load the model (if needed) and time a short generation. Blocking."""
        started = time.perf_counter()
        loading = self.engine.submit(None, priority=Priority.INTERACTIVE)
        try:
            loading.future.result(timeout)
        except ModelUnavailable as error:
            return ModelCheck.from_status(self.status, ok=False, message=str(error))
        load_s = time.perf_counter() - started
        job = self.engine.submit(
            [{"role": "user", "content": CHECK_PROMPT}],
            GenerationOptions(max_tokens=32, temperature=0.0),
        )
        try:
            generated = job.future.result(timeout)
        except Exception as error:
            return ModelCheck.from_status(self.status, ok=False, message=str(error))
        check = ModelCheck.from_status(self.status, ok=True, message="the model works")
        check.load_s = round(load_s, 3)
        check.first_token_s = _round(generated.first_piece_s)
        decode_s = generated.seconds - (generated.first_piece_s or 0.0)
        if generated.pieces > 1 and decode_s > 0:
            check.tokens_per_s = round((generated.pieces - 1) / decode_s, 1)
        check.sample = generated.text.strip()
        return check

    def close(self) -> None:
        self.engine.close()
        if self._owns_cache:
            self.cache.close()


@dataclass
class ModelCheck:
    """What `mentor model check` and `mentor.modelStatus` report."""

    ok: bool
    message: str
    state: str
    backend: str
    model: str
    gpu_layers: int | None
    gpu_offload_supported: bool | None
    chat_template: str
    context_size: int | None
    load_s: float | None = None
    first_token_s: float | None = None
    tokens_per_s: float | None = None
    sample: str = ""
    notes: list[str] = field(default_factory=list)

    @classmethod
    def from_status(cls, status: EngineStatus, *, ok: bool, message: str) -> ModelCheck:
        info = status.info
        return cls(
            ok=ok,
            message=message,
            state=status.state.value,
            backend=info.backend,
            model=info.model,
            gpu_layers=info.gpu_layers,
            gpu_offload_supported=info.gpu_offload_supported,
            chat_template=info.chat_template,
            context_size=info.context_size,
            notes=list(info.notes),
        )

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


def static_answer(question: Question, note: str = "") -> Answer:
    """The answer Mentor gives without a model: the rule's own teaching text, where it names
    only things the student's code has, else a question about the student's own line."""
    found = question.grounding
    start, end = question.focus
    lines = f"line {start}" if start == end else f"lines {start}–{end}"

    def fits(text: str) -> bool:
        return bool(text) and mentions_only_known_names(text, question.code)

    if question.task is Task.HINT:
        if found is not None and fits(found.question):
            text = f"**Hint.** {found.question}"
        elif found is not None:
            text = f"**Hint.** {question_about_line(question, found.line or start)}"
        else:
            text = (
                f"**Hint.** Read {lines} aloud, one step at a time: what value does each name "
                "hold after each step?"
            )
    elif found is not None:
        line = found.line or start
        quoted = code_line(question, line)
        head = f"**Line {line}" + (f" (`{quoted}`)" if quoted and "`" not in quoted else "")
        text = f"{head}: {found.message}**"
        if fits(found.what):
            text += f"\n\n{found.what}"
        text += f"\n\n**Why it matters.** {found.why}"
        if fits(found.question):
            text += f"\n\n**Think about it.** {found.question}"
    else:
        text = (
            f"Mentor found no problem in {lines}. Try explaining each line to yourself: what "
            "does it do, and what would change if it were missing?"
        )
    # The finding's message holds the student's names: kept as text, never as links.
    return Answer(clean_markdown(text), AnswerSource.STATIC, note=note)


def _guard_finding(finding: ReviewFinding, code: str, policy: Policy) -> ReviewFinding | None:
    # Shown as a diagnostic's plain-text message: guarded, then without Markdown's escapes.
    problem = plain_text(guard(finding.problem, code, policy).text)
    question = plain_text(guard(finding.question, code, policy).text)
    if not has_content(problem):
        return None
    return ReviewFinding(finding.line, finding.code, problem, question)


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 3)
