// The Mentor chat view: a webview view of Mentor's own (works in VS Code, VSCodium and
// code-server alike). It holds the conversation's state (state.ts), gathers the context chips
// from the editor and the server, sends mentor/chat with a progress token so the answer
// streams, and stops it on Stop. Explain this / Give me a hint open their answers here.
import { randomBytes } from "node:crypto";
import * as vscode from "vscode";
import {
  ExecuteCommandRequest,
  type LanguageClient,
  WorkDoneProgress,
  WorkDoneProgressCancelNotification,
} from "vscode-languageclient/node";
import { type ChipId, chatParams, chipsFor, type EditorFacts, type LspRange } from "./chips";
import { linesLabel } from "./lines";
import { chatPageHtml } from "./page";
import {
  type ChatContextReply,
  type ChatResult,
  type ChatState,
  type ConversationSummary,
  type FromView,
  type HistoryTurn,
  isFromView,
  QUICK_REPLIES,
} from "./protocol";
import { type ChatEvent, EMPTY, reduce } from "./state";

export const CHAT_VIEW = "mentor.chat";
const HARD_STOP_MS = 3000; // after the progress's cancel, how long before cancelling the request

type Task = "explain" | "hint";
const TASK_LABELS: Record<Task, string> = { explain: "Explain this", hint: "Give me a hint" };

interface Running {
  token: string;
  source: vscode.CancellationTokenSource;
  hardStop?: ReturnType<typeof setTimeout>;
  /** Settles when the request has ended, however it ended. */
  done: Promise<void>;
}

export class ChatViewProvider implements vscode.WebviewViewProvider, vscode.Disposable {
  private view: vscode.WebviewView | undefined;
  private ready = false;
  private state: ChatState = EMPTY;
  private facts: EditorFacts = {};
  private removed = new Set<ChipId>();
  private editor: vscode.TextEditor | undefined;
  private running: Running | undefined;
  private serial = 0;
  private refresh: ReturnType<typeof setTimeout> | undefined;
  private askServer = false;
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly client: () => LanguageClient | undefined,
  ) {
    this.editor = pythonEditor(vscode.window.activeTextEditor);
    this.subscriptions.push(
      vscode.window.onDidChangeActiveTextEditor((editor) => {
        const python = pythonEditor(editor);
        if (!python) return; // the view itself or another panel took focus: keep the file
        if (python.document.uri.toString() !== this.editor?.document.uri.toString()) this.removed.clear();
        this.editor = python;
        this.soon(true);
      }),
      vscode.window.onDidChangeTextEditorSelection((event) => {
        if (event.textEditor === this.editor) this.soon(false);
      }),
      vscode.languages.onDidChangeDiagnostics(() => this.soon(false)),
      vscode.workspace.onDidChangeTextDocument((event) => {
        if (event.document === this.editor?.document) this.soon(true);
      }),
    );
  }

  resolveWebviewView(view: vscode.WebviewView): void {
    this.view = view;
    this.ready = false;
    const media = vscode.Uri.joinPath(this.extensionUri, "dist", "media");
    view.webview.options = { enableScripts: true, enableForms: false, localResourceRoots: [media] };
    view.webview.html = chatPageHtml({
      nonce: randomBytes(16).toString("base64"),
      cspSource: view.webview.cspSource,
      scriptUri: view.webview.asWebviewUri(vscode.Uri.joinPath(media, "chat.js")).toString(),
      styleUri: view.webview.asWebviewUri(vscode.Uri.joinPath(media, "chat.css")).toString(),
    });
    view.webview.onDidReceiveMessage((message: unknown) => {
      if (isFromView(message)) void this.onMessage(message);
    }, null, this.subscriptions);
    view.onDidDispose(() => {
      this.view = undefined;
      this.ready = false;
    }, null, this.subscriptions);
    this.soon(true);
  }

  dispose(): void {
    this.running?.source.cancel();
    for (const subscription of this.subscriptions) subscription.dispose();
  }

  /** Explain this / Give me a hint into the view: on `target` (a quick fix's {uri, range,
   * code}), else on the selection or the cursor's line. */
  async askTask(task: Task, target?: unknown): Promise<void> {
    const client = this.client();
    const asked = client ? this.taskTarget(client, target) : undefined;
    if (!client || !asked) {
      void vscode.window.showInformationMessage("Mentor: open a Python file first.");
      return;
    }
    await vscode.commands.executeCommand(`${CHAT_VIEW}.focus`);
    await this.stopAndWait();
    this.removed.clear();
    this.dispatch({ type: "newConversation" });
    const { range } = asked;
    const label = `${TASK_LABELS[task]} (${linesLabel(range.start.line, range.end.line, range.end.character)})`;
    this.gather();
    const { context } = chatParams(this.facts, this.state.chips);
    await this.ask(label, { task, message: label, ...asked, ...(context ? { context } : {}) });
  }

  /** A runtime error's explanation (from a traceback link in the terminal) into the view, as
   * the start of a new conversation: "Explain the error" and "Why?" continue from it. */
  async showRunError(markdown: string): Promise<void> {
    await vscode.commands.executeCommand(`${CHAT_VIEW}.focus`);
    await this.stopAndWait();
    this.removed.clear();
    this.dispatch({ type: "newConversation" });
    this.dispatch({ type: "runError", markdown });
    this.soon(true);
  }

  private taskTarget(client: LanguageClient, target: unknown): { textDocument: { uri: string }; range: LspRange; code?: string } | undefined {
    const given = target as { uri?: unknown; range?: LspRange; code?: unknown } | undefined;
    if (given && typeof given.uri === "string" && given.range?.start && given.range?.end) {
      return { textDocument: { uri: given.uri }, range: given.range, ...(typeof given.code === "string" ? { code: given.code } : {}) };
    }
    const editor = pythonEditor(vscode.window.activeTextEditor) ?? this.editor;
    if (!editor) return undefined;
    this.editor = editor;
    const selection = editor.selection;
    const range = selection.isEmpty ? editor.document.lineAt(selection.active.line).range : selection;
    return { textDocument: { uri: editor.document.uri.toString() }, range: client.code2ProtocolConverter.asRange(range) };
  }

  private async onMessage(message: FromView): Promise<void> {
    switch (message.type) {
      case "ready":
        this.ready = true;
        this.post();
        return;
      case "send":
        return this.askQuestion(message.text);
      case "quick":
        if (message.reply === "new") {
          this.removed.clear();
          this.dispatch({ type: "newConversation" });
          this.gather();
          return;
        }
        return this.askQuestion(QUICK_REPLIES[message.reply]);
      case "stop":
        return this.stop();
      case "removeChip":
        this.removed.add(message.id);
        this.gather();
        return;
      case "checkWork":
        return this.checkWork();
      case "feedback":
        return this.feedback(message.turnId, message.helpful);
      case "list":
        return this.listConversations();
      case "closeList":
        this.dispatch({ type: "conversations", list: undefined });
        return;
      case "resume":
        return this.resume(message.id);
      case "forget":
        return this.forget(message.id);
      case "forgetAll":
        return this.forgetAll();
      case "newConversation":
        this.removed.clear();
        this.dispatch({ type: "newConversation" });
        this.gather();
        return;
      case "openLink":
        // Only http(s), and VS Code asks the student before it opens a site.
        if (/^https?:\/\//i.test(message.href)) void vscode.env.openExternal(vscode.Uri.parse(message.href, true));
        return;
    }
  }

  private async askQuestion(text: string): Promise<void> {
    const message = text.trim();
    if (!message) return;
    this.gather();
    const params = chatParams(this.facts, this.state.chips);
    await this.ask(message, {
      message,
      ...(this.state.conversationId ? { conversationId: this.state.conversationId } : {}),
      ...params,
    });
  }

  /** Send mentor/chat with a progress token of our own: its reports are the answer so far. */
  private async ask(shown: string, params: Record<string, unknown>): Promise<void> {
    const client = this.client();
    if (!client) {
      this.dispatch({ type: "notice", text: "Mentor is not running: see “Mentor: Show the server log”." });
      return;
    }
    if (this.running) return; // one answer at a time; the page hides Send meanwhile
    const id = `m${++this.serial}`;
    const token = `mentor-chat-${id}-${Date.now()}`;
    const source = new vscode.CancellationTokenSource();
    let ended = () => {};
    this.running = { token, source, done: new Promise<void>((resolve) => (ended = resolve)) };
    this.dispatch({ type: "asked", id, text: shown });
    const progress = client.onProgress(WorkDoneProgress.type, token, (value) => {
      if (value.kind === "report" && typeof value.message === "string") this.dispatch({ type: "progress", text: value.message });
    });
    try {
      const result = await client.sendRequest<ChatResult | null>("mentor/chat", { ...params, workDoneToken: token }, source.token);
      if (result && typeof result.answer === "string") this.dispatch({ type: "answered", result });
      else this.dispatch(source.token.isCancellationRequested ? { type: "stopped" } : { type: "failed", error: "Mentor gave no answer." });
    } catch (error) {
      if (source.token.isCancellationRequested) this.dispatch({ type: "stopped" });
      else this.dispatch({ type: "failed", error: `Mentor could not answer: ${errorText(error)}` });
    } finally {
      progress.dispose();
      if (this.running?.hardStop) clearTimeout(this.running.hardStop);
      this.running = undefined;
      source.dispose();
      ended();
      this.soon(true);
    }
  }

  /** Stop: the progress's cancel first (the server stops the model and keeps what streamed);
   * if the server does not answer soon, cancel the request itself. */
  private async stop(): Promise<void> {
    const running = this.running;
    const client = this.client();
    if (!running) return;
    if (!client) {
      running.source.cancel();
      return;
    }
    await client.sendNotification(WorkDoneProgressCancelNotification.type, { token: running.token }).catch(() => undefined);
    running.hardStop ??= setTimeout(() => running.source.cancel(), HARD_STOP_MS);
  }

  /** Stop the answer being written, if any, and wait until its request has ended. */
  private async stopAndWait(): Promise<void> {
    const running = this.running;
    if (!running) return;
    await this.stop();
    await running.done;
  }

  private async checkWork(): Promise<void> {
    const client = this.client();
    const uri = this.facts.uri;
    if (!client || !uri || this.state.busy) return;
    this.dispatch({ type: "checking" });
    try {
      const result = await client.sendRequest(ExecuteCommandRequest.type, { command: "mentor.checkWork", arguments: [{ uri, show: false }] });
      const checked = (result ?? {}) as { ran?: boolean; markdown?: string; reason?: string };
      this.dispatch({ type: "checked", markdown: checked.ran ? String(checked.markdown ?? "") : String(checked.reason ?? "Nothing was checked.") });
    } catch (error) {
      this.dispatch({ type: "checked", markdown: `The check failed: ${errorText(error)}` });
    }
    this.soon(true);
  }

  private async feedback(turnId: string, helpful: boolean): Promise<void> {
    const client = this.client();
    if (!client) return;
    try {
      const { marked } = await client.sendRequest<{ marked: boolean }>("mentor/chatFeedback", { turnId, helpful });
      if (marked) this.dispatch({ type: "feedback", turnId, helpful });
    } catch (error) {
      this.dispatch({ type: "notice", text: `Your mark was not kept: ${errorText(error)}` });
    }
  }

  private async listConversations(): Promise<void> {
    const client = this.client();
    if (!client) return;
    try {
      const { conversations } = await client.sendRequest<{ conversations: ConversationSummary[] }>("mentor/chatList", {});
      this.dispatch({ type: "conversations", list: conversations });
    } catch (error) {
      this.dispatch({ type: "notice", text: `Mentor could not list the conversations: ${errorText(error)}` });
    }
  }

  private async resume(id: string): Promise<void> {
    const client = this.client();
    if (!client || this.running) return;
    try {
      const { turns } = await client.sendRequest<{ turns: HistoryTurn[] }>("mentor/chatHistory", { conversationId: id });
      this.dispatch({ type: "loaded", conversationId: id, turns });
    } catch (error) {
      this.dispatch({ type: "notice", text: `Mentor could not open that conversation: ${errorText(error)}` });
    }
  }

  private async forget(id: string): Promise<void> {
    const client = this.client();
    if (!client) return;
    await client.sendRequest("mentor/chatForget", { conversationId: id });
    this.dispatch({ type: "forgotten", id });
  }

  private async forgetAll(): Promise<void> {
    const client = this.client();
    if (!client) return;
    const sure = await vscode.window.showWarningMessage(
      "Forget all your conversations with Mentor in this workspace? This cannot be undone.",
      { modal: true },
      "Forget all",
    );
    if (sure !== "Forget all") return;
    await this.stopAndWait();
    await client.sendRequest("mentor/chatForget", { all: true });
    this.dispatch({ type: "forgotten" });
  }

  // -- the context chips -------------------------------------------------------------------

  /** Re-read the editor's facts shortly (and ask the server about the file when `server`). */
  private soon(server: boolean): void {
    if (this.refresh) clearTimeout(this.refresh);
    // A later event (the selection moving as a file opens) must not drop an earlier one's ask.
    this.askServer ||= server;
    this.refresh = setTimeout(() => {
      this.refresh = undefined;
      this.gather();
      if (this.askServer) void this.askServerContext();
      this.askServer = false;
    }, 150);
  }

  private gather(): void {
    const editor = this.editor;
    const facts: EditorFacts = {};
    if (editor && !editor.document.isClosed) {
      const document = editor.document;
      const cursor = editor.selection.active.line;
      facts.uri = document.uri.toString();
      facts.fileName = document.uri.path.split("/").pop();
      if (!editor.selection.isEmpty) facts.selection = toLsp(editor.selection);
      facts.cursor = toLsp(document.lineAt(cursor).range);
      const here = vscode.languages
        .getDiagnostics(document.uri)
        .filter((d) => d.range.start.line <= cursor && d.range.end.line >= cursor)
        .sort((a, b) => Number(b.source === "mentor") - Number(a.source === "mentor"));
      if (here[0]) {
        const code = typeof here[0].code === "object" ? here[0].code.value : here[0].code;
        facts.diagnostic = { message: here[0].message, code: code === undefined ? undefined : String(code), line: here[0].range.start.line };
      }
      if (this.serverContext?.uri === facts.uri) {
        facts.assignment = this.serverContext.reply.assignment?.title;
        facts.lastRun = this.serverContext.reply.lastRun ?? undefined;
        facts.lastRunKind = this.serverContext.reply.lastRunKind ?? undefined;
      }
    }
    this.facts = facts;
    const canCheck = Boolean(facts.uri && this.serverContext?.uri === facts.uri && this.serverContext.reply.assignment?.hasTests);
    this.dispatch({ type: "chips", chips: chipsFor(facts, this.removed), canCheck });
  }

  private serverContext: { uri: string; reply: ChatContextReply } | undefined;

  private async askServerContext(): Promise<void> {
    const client = this.client();
    const uri = this.editor?.document.uri.toString();
    if (!client || !uri || !client.isRunning()) return;
    try {
      const reply = await client.sendRequest<ChatContextReply>("mentor/chatContext", { textDocument: { uri } });
      this.serverContext = { uri, reply };
      this.gather();
    } catch {
      // not open on the server yet, or an older server: no assignment chip
    }
  }

  private dispatch(event: ChatEvent): void {
    this.state = reduce(this.state, event);
    this.post();
  }

  private post(): void {
    if (this.view && this.ready) void this.view.webview.postMessage({ type: "state", state: this.state });
  }
}

/** Register the view; its provider answers Explain this / Give me a hint. */
export function registerChat(context: vscode.ExtensionContext, client: () => LanguageClient | undefined): ChatViewProvider {
  const provider = new ChatViewProvider(context.extensionUri, client);
  context.subscriptions.push(provider, vscode.window.registerWebviewViewProvider(CHAT_VIEW, provider));
  return provider;
}

function pythonEditor(editor: vscode.TextEditor | undefined): vscode.TextEditor | undefined {
  return editor && editor.document.languageId === "python" ? editor : undefined;
}

function toLsp(range: vscode.Range): { start: { line: number; character: number }; end: { line: number; character: number } } {
  return {
    start: { line: range.start.line, character: range.start.character },
    end: { line: range.end.line, character: range.end.character },
  };
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
