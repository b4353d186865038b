"""mentor.models.chat: conversations with the tutor, per workspace.

`ladder` decides how deep each answer goes, `context` builds what the model reads within its
window (student text as data), `answer` asks the tutor's model and guards every piece, `static`
is Mentor's own answer per rung, `store` keeps the conversations in a SQLite file of Mentor's,
`service` ties them together for the server and `mentor chat`. No pygls here.
"""

from mentor.models.chat.answer import ChatAsked, Reply, answered, ask_model, static
from mentor.models.chat.context import ChatContext, PastTurn, Prompt, build_prompt
from mentor.models.chat.ladder import DEFAULT_MAX_DEPTH, MAX_DEPTH, Intent, Rung, intent_of
from mentor.models.chat.location import chat_path
from mentor.models.chat.service import ChatResult, ChatService, Prepared, UnknownConversation
from mentor.models.chat.store import ChatStore, ChatStoreError, FeedbackCounts, Turn

__all__ = [
    "DEFAULT_MAX_DEPTH",
    "MAX_DEPTH",
    "ChatAsked",
    "ChatContext",
    "ChatResult",
    "ChatService",
    "ChatStore",
    "ChatStoreError",
    "FeedbackCounts",
    "Intent",
    "PastTurn",
    "Prepared",
    "Prompt",
    "Reply",
    "Rung",
    "Turn",
    "UnknownConversation",
    "answered",
    "ask_model",
    "build_prompt",
    "chat_path",
    "intent_of",
    "static",
]
