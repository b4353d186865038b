// The chat view's state and how each event changes it: a pure reducer (unit-tested), so the
// provider only turns editor and server events into these and sends the result to the page.
import type { Chip } from "./chips";
import type { ChatMessage, ChatResult, ChatState, ConversationSummary, HistoryTurn } from "./protocol";

export type ChatEvent =
  | { type: "asked"; id: string; text: string }
  | { type: "progress"; text: string }
  | { type: "answered"; result: ChatResult }
  | { type: "failed"; error: string }
  | { type: "stopped" }
  | { type: "loaded"; conversationId: string; turns: HistoryTurn[] }
  | { type: "newConversation" }
  | { type: "chips"; chips: Chip[]; canCheck: boolean }
  | { type: "feedback"; turnId: string; helpful: boolean }
  | { type: "conversations"; list: ConversationSummary[] | undefined }
  | { type: "forgotten"; id?: string }
  | { type: "checking" }
  | { type: "checked"; markdown: string }
  | { type: "runError"; markdown: string }
  | { type: "notice"; text: string | undefined };

export const EMPTY: ChatState = { messages: [], busy: false, chips: [], canCheck: false };

export function reduce(state: ChatState, event: ChatEvent): ChatState {
  switch (event.type) {
    case "asked":
      // The student's message, and Mentor's answer to come (empty: "Mentor is thinking…").
      return {
        ...state,
        busy: true,
        notice: undefined,
        conversations: undefined,
        messages: [
          ...state.messages,
          { id: `${event.id}-q`, role: "student", text: event.text },
          { id: `${event.id}-a`, role: "mentor", text: "", streaming: true },
        ],
      };
    case "progress":
      // The server reports the whole guarded answer so far, not a piece of it.
      return updateStreaming(state, (message) => ({ ...message, text: event.text }));
    case "answered": {
      const { result } = event;
      const answered = updateStreaming(state, (message) => ({
        ...message,
        text: result.answer,
        streaming: false,
        turnId: result.turnId,
        helpful: null,
        source: result.source,
        depth: result.depth,
        cancelled: result.cancelled,
        note: result.note,
      }));
      return { ...answered, busy: false, conversationId: result.conversationId };
    }
    case "failed": {
      const failed = updateStreaming(state, (message) => ({ ...message, text: event.error, streaming: false, failed: true }));
      return { ...failed, busy: false };
    }
    case "stopped": {
      // Stopped before the server answered: what had streamed stays, marked as stopped.
      const stopped = updateStreaming(state, (message) => ({ ...message, streaming: false, cancelled: true }));
      return { ...stopped, busy: false };
    }
    case "loaded":
      return {
        ...state,
        busy: false,
        conversations: undefined,
        notice: undefined,
        conversationId: event.conversationId,
        messages: event.turns.map((turn) => ({
          id: turn.id,
          role: turn.role,
          text: turn.text,
          ...(turn.role === "mentor" ? { turnId: turn.id, helpful: turn.helpful, depth: turn.depth } : {}),
        })),
      };
    case "newConversation":
      return { ...state, conversationId: undefined, messages: [], conversations: undefined, notice: undefined };
    case "chips":
      return { ...state, chips: event.chips, canCheck: event.canCheck };
    case "feedback":
      return {
        ...state,
        messages: state.messages.map((message) =>
          message.turnId === event.turnId ? { ...message, helpful: event.helpful } : message,
        ),
      };
    case "conversations":
      return { ...state, conversations: event.list };
    case "forgotten": {
      const current = event.id === undefined || event.id === state.conversationId;
      const list = state.conversations?.filter((c) => event.id !== undefined && c.id !== event.id);
      const base = current ? { ...state, conversationId: undefined, messages: [] } : state;
      return { ...base, conversations: event.id === undefined ? [] : list };
    }
    case "checking":
      return {
        ...state,
        busy: true,
        messages: [...state.messages, { id: `check-${state.messages.length}`, role: "check", text: "", streaming: true }],
      };
    case "checked": {
      const checked = state.messages.map((message): ChatMessage =>
        message.role === "check" && message.streaming ? { ...message, text: event.markdown, streaming: false } : message,
      );
      return { ...state, busy: false, messages: checked };
    }
    case "runError":
      // Why the student's program stopped (Mentor's own explanation of a terminal traceback):
      // a conversation starts from it; the server grounds follow-ups on that run.
      return {
        ...state,
        messages: [...state.messages, { id: `error-${state.messages.length}`, role: "error", text: event.markdown }],
      };
    case "notice":
      return { ...state, notice: event.text };
  }
}

function updateStreaming(state: ChatState, change: (message: ChatMessage) => ChatMessage): ChatState {
  const at = findLastIndex(state.messages, (message) => message.role === "mentor" && message.streaming === true);
  if (at < 0) return state; // a late report of an answer already finished or stopped
  const messages = state.messages.slice();
  messages[at] = change(messages[at]);
  return { ...state, messages };
}

function findLastIndex<T>(items: readonly T[], test: (item: T) => boolean): number {
  for (let i = items.length - 1; i >= 0; i -= 1) if (test(items[i])) return i;
  return -1;
}
