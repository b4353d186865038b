"""A workspace's conversations with the tutor: a message in, the rung decided, the prompt built
from the stored turns, the answer stored. The server and `mentor chat` both use it; the blocking
parts (the file) are `prepare` and `finish`, the model runs between them."""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from pathlib import Path

from mentor.models.chat.context import (
    CHAT_PROMPT_VERSION,
    ChatContext,
    PastTurn,
    Prompt,
    as_data,
    build_prompt,
)
from mentor.models.chat.ladder import DEFAULT_MAX_DEPTH, Intent, Rung, cap, intent_of, next_rung
from mentor.models.chat.store import ChatStore, Conversation, FeedbackCounts, Turn

# "My task is: ..." sets the conversation's task (the student's words: data, never instructions).
_TASK = re.compile(r"^\s*(?:my (?:task|assignment|exercise) is|the task is)\s*[:\-]?\s*", re.I)


class UnknownConversation(Exception):
    """No conversation has this id (forgotten, or from another workspace)."""


@dataclass(frozen=True)
class Prepared:
    """A message stored and its answer's rung decided, waiting for the answer."""

    conversation: Conversation
    student_turn: Turn
    context: ChatContext
    intent: Intent
    rung: Rung
    climbed: bool  # this answer reaches a rung not reached before on this problem
    prompt: Prompt


@dataclass(frozen=True)
class ChatResult:
    conversation_id: str
    turn_id: str
    answer: str
    depth: int
    source: str
    cancelled: bool = False
    note: str = ""

    def to_json(self) -> dict[str, object]:
        return {
            "conversationId": self.conversation_id,
            "turnId": self.turn_id,
            "answer": self.answer,
            "depth": self.depth,
            "source": self.source,
            "cancelled": self.cancelled,
            "note": self.note,
        }


class ChatService:
    def __init__(self, store: ChatStore) -> None:
        self.store = store
        # The last code context of each conversation in this session: a follow-up that names
        # no document ("Why?") is about the same code.
        self._contexts: dict[str, ChatContext] = {}
        self._lock = threading.Lock()

    @classmethod
    def open(cls, path: Path) -> tuple[ChatService, str | None]:
        store, notice = ChatStore.open(path)
        return cls(store), notice

    @classmethod
    def in_memory(cls) -> ChatService:
        return cls(ChatStore.in_memory())

    def close(self) -> None:
        self.store.close()

    def prepare(
        self,
        conversation_id: str | None,
        message: str,
        context: ChatContext | None,
        *,
        max_hint_depth: int = DEFAULT_MAX_DEPTH,
        context_size: int = 2048,
        max_tokens: int = 256,
    ) -> Prepared:
        """Store the student's message and decide the answer's rung. Blocking (the file)."""
        with self._lock:
            if conversation_id:
                conversation = self.store.conversation(conversation_id)
                if conversation is None:
                    raise UnknownConversation(conversation_id)
            else:
                conversation = self.store.new_conversation(message)
            history = self.store.turns(conversation.id)
            if context is None or (not context.code and conversation.id in self._contexts):
                context = self._contexts.get(conversation.id, context or ChatContext())
            task = _TASK.match(message)
            if task:
                said = as_data(message[task.end() :], 1200)
                self.store.set_task(conversation.id, said)
                conversation = self.store.conversation(conversation.id) or conversation
            if conversation.task and not context.task:
                from dataclasses import replace

                context = replace(context, task=conversation.task)
            self._contexts[conversation.id] = context
            intent = intent_of(message)
            answers = [turn for turn in history if turn.role == "mentor"]
            previous = answers[-1] if answers else None
            problem = context.problem or (previous.problem if previous else "")
            same = previous is not None and previous.problem == problem
            top = cap(max_hint_depth, context.policy.allow_solutions)
            rung = next_rung(previous.depth if previous else None, same, intent, top)
            reached = max((t.depth for t in answers if t.problem == problem and same), default=0)
            student = self.store.add_turn(conversation.id, "student", message, problem=problem)
            past = [PastTurn(turn.role, turn.text) for turn in history]
            prompt = build_prompt(
                context, past, message, rung, intent,
                context_size=context_size, max_tokens=max_tokens,
            )  # fmt: skip
            return Prepared(
                conversation, student, context, intent, rung, int(rung) > reached, prompt
            )

    def finish(
        self, prepared: Prepared, answer: str, source: str, note: str = "", model: str = ""
    ) -> ChatResult:
        """Store the answer (`model`: who answered, for the feedback reports). A cancelled
        answer is stored too (what the student saw)."""
        turn = self.store.add_turn(
            prepared.conversation.id,
            "mentor",
            answer,
            depth=int(prepared.rung),
            problem=prepared.student_turn.problem,
            source=source,
            model=f"{model or source} · chat prompt {CHAT_PROMPT_VERSION}",
        )
        return ChatResult(
            prepared.conversation.id, turn.id, answer, int(prepared.rung), source, note=note
        )

    # -- memory -------------------------------------------------------------------------

    def conversations(self) -> list[Conversation]:
        return self.store.conversations()

    def history(self, conversation_id: str) -> list[Turn]:
        if self.store.conversation(conversation_id) is None:
            raise UnknownConversation(conversation_id)
        return self.store.turns(conversation_id)

    def forget(self, conversation_id: str | None = None, *, everything: bool = False) -> int:
        """Forget one conversation, or all of them; the number forgotten."""
        with self._lock:
            if everything:
                self._contexts.clear()
                return self.store.forget_all()
            if conversation_id is None:
                return 0
            self._contexts.pop(conversation_id, None)
            return int(self.store.forget(conversation_id))

    def mark(self, turn_id: str, helpful: bool) -> bool:
        return self.store.mark(turn_id, helpful)

    def feedback(self) -> FeedbackCounts:
        return self.store.feedback()
