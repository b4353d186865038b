// The messages between the chat view's page (media/chat.ts) and the extension (provider.ts),
// and the server's answers to the mentor/chat* requests (server/features/chat.py). Types only:
// imported by both sides, bundled into neither at run time.
import type { Chip, ChipId } from "./chips";

export type QuickReply = "why" | "stuck" | "error" | "new";

/** What a quick reply button sends, as the student's own words (the server reads its intent). */
export const QUICK_REPLIES: Record<QuickReply, string> = {
  why: "Why?",
  stuck: "I'm still stuck",
  error: "Explain the error",
  new: "New question",
};

export interface ChatMessage {
  id: string;
  role: "student" | "mentor" | "check" | "error";
  /** Markdown (Mentor's guarded answer, or a check's summary); the student's text is plain. */
  text: string;
  /** The answer is still coming (empty text: Mentor is thinking). */
  streaming?: boolean;
  turnId?: string;
  helpful?: boolean | null;
  source?: string;
  depth?: number;
  cancelled?: boolean;
  note?: string;
  failed?: boolean;
}

export interface ConversationSummary {
  id: string;
  title: string;
  updated: string;
  turns: number;
}

/** Everything the page shows: the extension owns it and sends it whole on each change. */
export interface ChatState {
  conversationId?: string;
  messages: ChatMessage[];
  busy: boolean;
  chips: Chip[];
  /** The conversations list, when the student opened it. */
  conversations?: ConversationSummary[];
  /** Whether the file has an assignment with tests (the Check my work button shows then). */
  canCheck: boolean;
  notice?: string;
}

export type FromView =
  | { type: "ready" }
  | { type: "send"; text: string }
  | { type: "quick"; reply: QuickReply }
  | { type: "stop" }
  | { type: "removeChip"; id: ChipId }
  | { type: "checkWork" }
  | { type: "feedback"; turnId: string; helpful: boolean }
  | { type: "list" }
  | { type: "closeList" }
  | { type: "resume"; id: string }
  | { type: "forget"; id: string }
  | { type: "forgetAll" }
  | { type: "newConversation" }
  | { type: "openLink"; href: string };

export type ToView = { type: "state"; state: ChatState };

// -- the server's answers ------------------------------------------------------------------

export interface ChatResult {
  conversationId: string;
  turnId: string;
  answer: string;
  depth: number;
  source: string;
  cancelled: boolean;
  note: string;
  task?: string;
}

export interface HistoryTurn {
  id: string;
  role: "student" | "mentor";
  text: string;
  depth: number;
  helpful: boolean | null;
}

export interface ChatContextReply {
  assignment: { title: string; hasTests: boolean } | null;
  lastRun: string | null;
  /** What `lastRun` is: a failing case of Check my work, or the error a run stopped with. */
  lastRunKind?: "check" | "run" | null;
}

/** Whether a page's message is one of ours (the page is hostile ground: model text lives there). */
export function isFromView(value: unknown): value is FromView {
  if (!value || typeof value !== "object") return false;
  const message = value as Record<string, unknown>;
  switch (message.type) {
    case "ready":
    case "stop":
    case "checkWork":
    case "list":
    case "closeList":
    case "forgetAll":
    case "newConversation":
      return true;
    case "send":
      return typeof message.text === "string";
    case "quick":
      return typeof message.reply === "string" && Object.hasOwn(QUICK_REPLIES, message.reply);
    case "removeChip":
      return typeof message.id === "string";
    case "feedback":
      return typeof message.turnId === "string" && typeof message.helpful === "boolean";
    case "resume":
    case "forget":
      return typeof message.id === "string";
    case "openLink":
      return typeof message.href === "string";
    default:
      return false;
  }
}
