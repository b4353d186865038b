import { describe, expect, it } from "vitest";
import { isSafeLink, markdownToHtml } from "../../media/markdown";
import { chatParams, chipsFor, type EditorFacts } from "../../src/chat/chips";
import { chatCsp, chatPageHtml } from "../../src/chat/page";
import { type ChatResult, isFromView } from "../../src/chat/protocol";
import { EMPTY, reduce } from "../../src/chat/state";
import { linesLabel } from "../../src/chat/lines";

const result = (over: Partial<ChatResult> = {}): ChatResult => ({
  conversationId: "c1",
  turnId: "t1",
  answer: "What does `i` hold?",
  depth: 1,
  source: "model",
  cancelled: false,
  note: "",
  ...over,
});

describe("the chat's state", () => {
  it("shows the question and Mentor thinking, then the answer as it streams, then the answer", () => {
    const asked = reduce(EMPTY, { type: "asked", id: "m1", text: "What is wrong?" });
    expect(asked.busy).toBe(true);
    expect(asked.messages.map((m) => [m.role, m.text, m.streaming ?? false])).toEqual([
      ["student", "What is wrong?", false],
      ["mentor", "", true],
    ]);
    const partial = reduce(reduce(asked, { type: "progress", text: "What" }), { type: "progress", text: "What does" });
    expect(partial.messages[1].text).toBe("What does"); // the report is the whole answer so far
    const done = reduce(partial, { type: "answered", result: result() });
    expect(done.busy).toBe(false);
    expect(done.conversationId).toBe("c1");
    expect(done.messages[1]).toMatchObject({ text: "What does `i` hold?", streaming: false, turnId: "t1", helpful: null });
    // a report arriving after the answer changes nothing
    expect(reduce(done, { type: "progress", text: "late" }).messages[1].text).toBe("What does `i` hold?");
  });

  it("keeps what streamed when stopped, and says the server's stopped answer was stopped", () => {
    const streaming = reduce(reduce(EMPTY, { type: "asked", id: "m1", text: "q" }), { type: "progress", text: "Half an" });
    const stopped = reduce(streaming, { type: "stopped" });
    expect(stopped.busy).toBe(false);
    expect(stopped.messages[1]).toMatchObject({ text: "Half an", streaming: false, cancelled: true });
    const cancelled = reduce(streaming, { type: "answered", result: result({ answer: "Half an", cancelled: true }) });
    expect(cancelled.messages[1]).toMatchObject({ text: "Half an", cancelled: true, turnId: "t1" });
  });

  it("shows a failure as such, and marks feedback on its turn only", () => {
    const failed = reduce(reduce(EMPTY, { type: "asked", id: "m1", text: "q" }), { type: "failed", error: "no server" });
    expect(failed.messages[1]).toMatchObject({ failed: true, text: "no server", streaming: false });
    let state = reduce(reduce(EMPTY, { type: "asked", id: "m1", text: "q" }), { type: "answered", result: result() });
    state = reduce(reduce(state, { type: "asked", id: "m2", text: "Why?" }), { type: "answered", result: result({ turnId: "t2" }) });
    state = reduce(state, { type: "feedback", turnId: "t2", helpful: false });
    expect(state.messages.filter((m) => m.role === "mentor").map((m) => m.helpful)).toEqual([null, false]);
  });

  it("resumes a conversation from its history and forgets it", () => {
    const loaded = reduce(EMPTY, {
      type: "loaded",
      conversationId: "c9",
      turns: [
        { id: "a", role: "student", text: "help", depth: 0, helpful: null },
        { id: "b", role: "mentor", text: "Look at line 2", depth: 2, helpful: true },
      ],
    });
    expect(loaded.messages.map((m) => [m.role, m.turnId])).toEqual([
      ["student", undefined],
      ["mentor", "b"],
    ]);
    const listed = reduce(loaded, {
      type: "conversations",
      list: [
        { id: "c9", title: "help", updated: "", turns: 2 },
        { id: "c8", title: "other", updated: "", turns: 2 },
      ],
    });
    const forgotten = reduce(listed, { type: "forgotten", id: "c9" });
    expect(forgotten.messages).toEqual([]);
    expect(forgotten.conversationId).toBeUndefined();
    expect(forgotten.conversations?.map((c) => c.id)).toEqual(["c8"]);
    const other = reduce(listed, { type: "forgotten", id: "c8" });
    expect(other.messages.length).toBe(2); // forgetting another conversation keeps this one
    expect(reduce(listed, { type: "forgotten" }).conversations).toEqual([]);
  });

  it("shows a check of the work, then its summary", () => {
    const checking = reduce(EMPTY, { type: "checking" });
    expect(checking.busy).toBe(true);
    const checked = reduce(checking, { type: "checked", markdown: "**2 of 3** passed" });
    expect(checked.messages).toMatchObject([{ role: "check", text: "**2 of 3** passed", streaming: false }]);
    expect(checked.busy).toBe(false);
  });
});

const FACTS: EditorFacts = {
  uri: "file:///w/greet.py",
  fileName: "greet.py",
  selection: { start: { line: 1, character: 0 }, end: { line: 3, character: 0 } },
  cursor: { start: { line: 1, character: 0 }, end: { line: 1, character: 30 } },
  diagnostic: { message: "Loop over the items of `names` directly. It reads better.", code: "MNT101", line: 1 },
  assignment: "Sum a list",
  lastRun: "total([1, 2, 3]): expected 6, got 5",
};

describe("the context chips", () => {
  it("show the file, selection, diagnostic, assignment and last check", () => {
    expect(chipsFor(FACTS, new Set()).map((c) => [c.id, c.label])).toEqual([
      ["file", "greet.py"],
      ["selection", "Lines 2–3"],
      ["diagnostic", "Line 2: Loop over the items of names di…"],
      ["assignment", "Sum a list"],
      ["lastRun", "Last check"],
    ]);
    expect(chipsFor({}, new Set())).toEqual([]);
    const run = chipsFor({ ...FACTS, lastRun: "My program stopped with IndexError", lastRunKind: "run" }, new Set());
    expect(run.at(-1)).toMatchObject({ id: "lastRun", label: "Last run" });
  });

  it("send what is shown, and leave out what the student removed", () => {
    const all = chatParams(FACTS, chipsFor(FACTS, new Set()));
    expect(all).toEqual({
      textDocument: { uri: FACTS.uri },
      range: FACTS.selection,
      context: { selection: true, diagnostic: true, assignment: true, lastRun: true },
    });
    const some = chatParams(FACTS, chipsFor(FACTS, new Set(["selection", "lastRun"])));
    expect(some.range).toEqual(FACTS.cursor); // the diagnostic's line, not the removed selection
    expect(some.context).toEqual({ selection: true, diagnostic: true, assignment: true, lastRun: false });
    const noFile = chipsFor(FACTS, new Set(["file"]));
    expect(noFile).toEqual([]); // without the file nothing of it goes
    expect(chatParams(FACTS, noFile)).toEqual({});
  });
});

describe("the answers' Markdown", () => {
  it("renders Markdown and shows raw HTML as text", () => {
    const html = markdownToHtml("Look at **line 2**:\n\n```python\nfor i in x:\n```\n\n<script>alert(1)</script> <img src=x onerror=alert(2)>");
    expect(html).toContain("<strong>line 2</strong>");
    expect(html).toContain('<code class="language-python">');
    expect(html).not.toMatch(/<script|<img/);
    expect(html).toContain("&lt;script&gt;");
  });

  it("keeps no link that runs a command or loads anything, and no image", () => {
    const html = markdownToHtml(
      "[Run](command:workbench.action.terminal.new) [x](vscode://a) [j](javascript:alert(1)) " +
        "![cat](https://evil.example/cat.png) [docs](https://docs.python.org/3/)",
    );
    expect(html).not.toMatch(/<img|evil\.example/);
    expect(html.match(/<a /g)).toHaveLength(1); // the others stay as text, not links
    expect(html).toContain("[Run](command:workbench.action.terminal.new)");
    expect(html).toContain("cat"); // the image's alt text only
    expect(html).toContain('<a href="https://docs.python.org/3/" rel="noopener noreferrer">docs</a>');
    expect(isSafeLink("command:x")).toBe(false);
    expect(isSafeLink(" https://python.org")).toBe(true);
  });
});

describe("the chat view's page", () => {
  const page = chatPageHtml({ nonce: "abc123", cspSource: "https://webview.test", scriptUri: "https://webview.test/chat.js", styleUri: "https://webview.test/chat.css" });

  it("has a strict CSP: nothing by default, its one script by nonce", () => {
    const csp = chatCsp({ nonce: "abc123", cspSource: "https://webview.test", scriptUri: "", styleUri: "" });
    expect(csp).toMatch(/^default-src 'none'; /);
    expect(csp).toContain("script-src 'nonce-abc123'");
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|\*/);
    expect(page).toContain(`content="${csp.replace(/'/g, "'")}"`);
    expect(page.match(/<script\b/g)).toHaveLength(1);
    expect(page).toContain('<script nonce="abc123" src="https://webview.test/chat.js">');
  });

  it("has no inline handlers or styles", () => {
    expect(page).not.toMatch(/\son[a-z]+=/i);
    expect(page).not.toMatch(/<style|style=/i);
  });
});

describe("the page's messages", () => {
  it("accepts only well-formed messages", () => {
    expect(isFromView({ type: "send", text: "hi" })).toBe(true);
    expect(isFromView({ type: "quick", reply: "why" })).toBe(true);
    expect(isFromView({ type: "quick", reply: "constructor" })).toBe(false);
    expect(isFromView({ type: "send", text: 1 })).toBe(false);
    expect(isFromView({ type: "runCommand", command: "x" })).toBe(false);
    expect(isFromView(null)).toBe(false);
  });

  it("label lines as the server does", () => {
    expect(linesLabel(1, 1, 10)).toBe("line 2");
    expect(linesLabel(1, 3, 0)).toBe("lines 2–3");
    expect(linesLabel(1, 3, 4)).toBe("lines 2–4");
  });
});
