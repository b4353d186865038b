// The chat view's page: draws the state the extension sends (it owns the conversation) and
// sends the student's clicks back. Model text arrives here: it is rendered by markdown.ts,
// sanitised by DOMPurify, and never given a handler; the page's CSP allows only this script.
import DOMPurify from "dompurify";
import type { Chip } from "../src/chat/chips";
import type { ChatMessage, ChatState, ConversationSummary, FromView, QuickReply, ToView } from "../src/chat/protocol";
import { isSafeLink } from "./markdown";
import { renderAnswer } from "./render";

declare function acquireVsCodeApi(): { postMessage(message: FromView): void };
const vscode = acquireVsCodeApi();
const post = (message: FromView) => vscode.postMessage(message);

const QUICK: Array<[QuickReply, string]> = [
  ["why", "Why?"],
  ["stuck", "I'm still stuck"],
  ["error", "Explain the error"],
  ["new", "New question"],
];

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const messages = $<HTMLDivElement>("messages");
const list = $<HTMLDivElement>("conversations");
const chips = $<HTMLDivElement>("chips");
const quick = $<HTMLDivElement>("quick");
const input = $<HTMLTextAreaElement>("input");
const send = $<HTMLButtonElement>("send");
const stop = $<HTMLButtonElement>("stop");
const check = $<HTMLButtonElement>("check");
const notice = $<HTMLDivElement>("notice");

// A sanitised rendering per message text: a stream re-renders only the answer that grows.
const rendered = new Map<string, { text: string; html: string }>();

function safeHtml(message: ChatMessage): string {
  const cached = rendered.get(message.id);
  if (cached && cached.text === message.text) return cached.html;
  const html = renderAnswer(message.text, DOMPurify);
  rendered.set(message.id, { text: message.text, html });
  return html;
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, className?: string, text?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function button(label: string, action: string, extra: Record<string, string> = {}, className = "secondary"): HTMLButtonElement {
  const node = el("button", className, label);
  node.type = "button";
  node.dataset.action = action;
  for (const [key, value] of Object.entries(extra)) node.dataset[key] = value;
  return node;
}

const WHO: Record<ChatMessage["role"], string> = {
  student: "You",
  mentor: "Mentor",
  check: "Check my work",
  error: "Why your program stopped",
};

function drawMessage(message: ChatMessage): HTMLElement {
  const box = el("div", `message ${message.role}`);
  box.dataset.id = message.id;
  if (message.role === "student") {
    box.append(el("div", "who", "You"), el("div", "text", message.text));
    return box;
  }
  box.append(el("div", "who", WHO[message.role]));
  if (message.streaming && !message.text) {
    box.append(el("div", "thinking", message.role === "check" ? "Mentor is checking your work…" : "Mentor is thinking…"));
    box.setAttribute("aria-busy", "true");
    return box;
  }
  const body = el("div", message.failed ? "text failed" : "markdown");
  if (message.failed) body.textContent = message.text;
  else body.innerHTML = safeHtml(message);
  box.append(body);
  if (message.streaming) {
    box.setAttribute("aria-busy", "true");
    box.append(el("div", "thinking small", "Mentor is still writing…"));
  }
  const notes: string[] = [];
  if (message.cancelled) notes.push("Stopped.");
  if (message.source === "static") notes.push(`Mentor's own explanation${message.note ? ` (${message.note})` : ""}.`);
  else if (message.role === "mentor" && message.source) notes.push("Written by Mentor's tutor model; it can be wrong: check it.");
  if (notes.length) box.append(el("div", "note", notes.join(" ")));
  if (message.turnId && !message.streaming) {
    const row = el("div", "feedback");
    const yes = button("Helpful", "feedback", { turn: message.turnId, helpful: "true" }, "icon");
    const no = button("Not helpful", "feedback", { turn: message.turnId, helpful: "false" }, "icon");
    yes.setAttribute("aria-pressed", String(message.helpful === true));
    no.setAttribute("aria-pressed", String(message.helpful === false));
    row.append(yes, no);
    box.append(row);
  }
  return box;
}

// The drawn node of each message, by id, with what it was drawn from: while an answer streams
// only its node is redrawn, so a click on an earlier answer's button is never lost.
const drawn = new Map<string, { key: string; node: HTMLElement }>();

function drawMessages(list: ChatMessage[]): void {
  const nodes = list.map((message) => {
    const key = JSON.stringify(message);
    const before = drawn.get(message.id);
    if (before && before.key === key) return before.node;
    const node = drawMessage(message);
    if (before) before.node.replaceWith(node);
    drawn.set(message.id, { key, node });
    return node;
  });
  for (const id of [...drawn.keys()]) if (!list.some((message) => message.id === id)) drawn.delete(id);
  const current = [...messages.children];
  if (current.length !== nodes.length || current.some((node, index) => node !== nodes[index])) {
    messages.replaceChildren(...nodes);
  }
}

function drawChip(chip: Chip): HTMLElement {
  const node = el("span", "chip");
  node.title = chip.detail ?? chip.label;
  node.append(el("span", "label", chip.label));
  const remove = button("×", "removeChip", { chip: chip.id }, "remove");
  remove.setAttribute("aria-label", `Leave out ${chip.label}`);
  remove.title = `Leave out ${chip.label}`;
  node.append(remove);
  return node;
}

function drawConversations(conversations: ConversationSummary[]): void {
  list.replaceChildren();
  const head = el("div", "list-head");
  head.append(el("strong", "", "Conversations"), button("Close", "closeList"));
  list.append(head);
  if (conversations.length === 0) list.append(el("p", "empty", "No conversations kept."));
  for (const conversation of conversations) {
    const row = el("div", "conversation");
    const when = new Date(conversation.updated).toLocaleString();
    row.append(el("span", "title", conversation.title), el("span", "when", `${when} · ${conversation.turns} messages`));
    row.append(button("Resume", "resume", { id: conversation.id }), button("Forget this conversation", "forget", { id: conversation.id }));
    list.append(row);
  }
  if (conversations.length > 0) list.append(button("Forget all", "forgetAll", {}, "danger"));
}

function draw(state: ChatState): void {
  list.hidden = state.conversations === undefined;
  if (state.conversations) drawConversations(state.conversations);
  const atBottom = messages.scrollHeight - messages.scrollTop - messages.clientHeight < 40;
  drawMessages(state.messages);
  if (state.messages.length === 0) {
    const welcome = el("div", "welcome");
    welcome.append(
      el("p", "", "Ask Mentor about your code. Mentor gives hints one step at a time: ask again to go deeper."),
      el("p", "", "Select some code and choose Mentor: Explain this or Mentor: Give me a hint, or type a question below."),
    );
    messages.append(welcome);
  }
  for (const id of [...rendered.keys()]) if (!state.messages.some((m) => m.id === id)) rendered.delete(id);
  if (atBottom) messages.scrollTop = messages.scrollHeight;
  chips.replaceChildren(...state.chips.map(drawChip));
  chips.hidden = state.chips.length === 0;
  const answered = state.messages.some((message) => message.role === "mentor" && !message.streaming);
  quick.replaceChildren(...QUICK.map(([reply, label]) => button(label, "quick", { reply })));
  quick.hidden = !answered || state.busy;
  send.hidden = state.busy;
  stop.hidden = !state.busy;
  input.disabled = state.busy;
  check.hidden = !state.canCheck;
  check.disabled = state.busy;
  notice.textContent = state.notice ?? "";
  notice.hidden = !state.notice;
  document.body.classList.toggle("busy", state.busy);
}

function submit(): void {
  const text = input.value.trim();
  if (!text) return;
  input.value = "";
  post({ type: "send", text });
}

document.addEventListener("click", (event) => {
  const target = event.target as HTMLElement;
  const link = target.closest("a");
  if (link) {
    event.preventDefault(); // links never navigate the view; the extension opens http(s) outside
    const href = link.getAttribute("href");
    if (href && isSafeLink(href)) post({ type: "openLink", href });
    return;
  }
  const action = target.closest<HTMLElement>("[data-action]");
  if (!action) return;
  const data = action.dataset;
  switch (data.action) {
    case "send":
      return submit();
    case "stop":
      return post({ type: "stop" });
    case "check":
      return post({ type: "checkWork" });
    case "list":
      return post({ type: "list" });
    case "closeList":
      return post({ type: "closeList" });
    case "new":
      post({ type: "newConversation" });
      input.focus();
      return;
    case "quick":
      if (data.reply === "new") input.focus();
      return post({ type: "quick", reply: data.reply as QuickReply });
    case "removeChip":
      return post({ type: "removeChip", id: data.chip as Chip["id"] });
    case "feedback":
      return post({ type: "feedback", turnId: data.turn ?? "", helpful: data.helpful === "true" });
    case "resume":
      return post({ type: "resume", id: data.id ?? "" });
    case "forget":
      return post({ type: "forget", id: data.id ?? "" });
    case "forgetAll":
      return post({ type: "forgetAll" });
  }
});

input.addEventListener("keydown", (event) => {
  if (event.key === "Enter" && !event.shiftKey) {
    event.preventDefault();
    submit();
  }
});

window.addEventListener("message", (event: MessageEvent<ToView>) => {
  if (event.data?.type === "state") draw(event.data.state);
});
post({ type: "ready" });
