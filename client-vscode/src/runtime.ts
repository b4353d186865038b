// Runtime errors in VS Code: Python tracebacks in the integrated terminal become links
// ("Explain this error (Mentor)"): a click asks the server (`mentor.explainError`) for the
// plain-words explanation, shows it rendered beside the editor and opens the failing line.
// "Run with Mentor" (command and editor-title button) runs the current file through
// `mentor run` in a terminal, the student's own request; the server then marks the failing line.
import { randomBytes } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import * as vscode from "vscode";
import { ExecuteCommandRequest, type LanguageClient } from "vscode-languageclient/node";
import { secureHtml } from "./html";
import { resolveInterpreter } from "./interpreter";
import { OutputBuffer, shellCommand, tracebackAround, tracebackLinks } from "./tracebackText";

export const RUN_FILE = "mentor.runFile";
const TOOLTIP = "Explain this error (Mentor)";

interface ExplainResult {
  error: { type: string; cause: string; line: number } | null;
  markdown?: string;
  message?: string;
  location?: { uri: string; line: number } | null;
}

interface TracebackTerminalLink extends vscode.TerminalLink {
  terminal: vscode.Terminal;
  text: string; // the whole line
  file?: string;
  line?: number;
}

// Shell integration's output stream (VS Code 1.93+; typed here: the extension supports 1.91).
interface ShellExecutionEvent {
  terminal: vscode.Terminal;
  execution: { read(): AsyncIterable<string> };
}
type ShellExecutionStart = (listener: (event: ShellExecutionEvent) => void) => vscode.Disposable;

let panel: vscode.WebviewPanel | undefined;

export function registerRuntime(context: vscode.ExtensionContext, getClient: () => LanguageClient | undefined): void {
  const outputs = new WeakMap<vscode.Terminal, OutputBuffer>();
  const onExecution = (vscode.window as unknown as { onDidStartTerminalShellExecution?: ShellExecutionStart })
    .onDidStartTerminalShellExecution;
  if (onExecution) {
    context.subscriptions.push(
      onExecution((event) => {
        let buffer = outputs.get(event.terminal);
        if (!buffer) outputs.set(event.terminal, (buffer = new OutputBuffer()));
        void (async () => {
          for await (const chunk of event.execution.read()) buffer.append(chunk);
        })().catch(() => undefined);
      }),
    );
  }
  context.subscriptions.push(
    vscode.window.registerTerminalLinkProvider({
      provideTerminalLinks: (link) =>
        tracebackLinks(link.line).map(
          (found): TracebackTerminalLink => ({
            startIndex: found.start,
            length: found.length,
            tooltip: TOOLTIP,
            terminal: link.terminal,
            text: link.line,
            file: found.file,
            line: found.line,
          }),
        ),
      handleTerminalLink: (link: TracebackTerminalLink) =>
        explainFromTerminal(context, getClient(), link, outputs.get(link.terminal)?.toString() ?? ""),
    }),
    vscode.commands.registerCommand(RUN_FILE, (uri?: vscode.Uri) => runWithMentor(uri)),
  );
}

async function explainFromTerminal(
  context: vscode.ExtensionContext,
  client: LanguageClient | undefined,
  link: TracebackTerminalLink,
  output: string,
): Promise<void> {
  const traceback = tracebackAround(output, link.text);
  if (client && traceback) {
    const result = (await client.sendRequest(ExecuteCommandRequest.type, {
      command: "mentor.explainError",
      arguments: [{ traceback, show: false, uri: vscode.window.activeTextEditor?.document.uri.toString() }],
    })) as ExplainResult | null;
    if (result?.error && result.markdown) {
      if (result.location) await openAt(vscode.Uri.parse(result.location.uri), result.location.line);
      await showExplanation(context, result.error.type, result.markdown);
      return;
    }
  }
  // No output to read (a terminal without shell integration) or not Mentor's to explain:
  // still take the student to the line the traceback names.
  if (link.file && link.line) {
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? "";
    const file = path.isAbsolute(link.file) ? link.file : path.join(folder, link.file);
    if (fs.existsSync(file)) await openAt(vscode.Uri.file(file), link.line - 1);
  }
  void vscode.window.showInformationMessage(
    client
      ? "Mentor could not read this traceback from the terminal. Run the program with \"Mentor: Run with Mentor\" to have it explained."
      : "Mentor is not running.",
  );
}

async function openAt(uri: vscode.Uri, line: number): Promise<void> {
  const position = new vscode.Position(Math.max(line, 0), 0);
  await vscode.window.showTextDocument(uri, {
    viewColumn: vscode.ViewColumn.One,
    selection: new vscode.Range(position, position),
    preserveFocus: false,
  });
}

async function showExplanation(context: vscode.ExtensionContext, type: string, markdown: string): Promise<void> {
  // VS Code's own Markdown renderer; the server's Markdown is guarded (no HTML, no links).
  const html = await vscode.commands.executeCommand<string>("markdown.api.render", markdown);
  if (!panel) {
    panel = vscode.window.createWebviewPanel("mentor.error", "", { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, {
      enableScripts: false,
      localResourceRoots: [],
    });
    panel.onDidDispose(() => (panel = undefined), null, context.subscriptions);
  }
  panel.title = `Mentor: ${type}`;
  panel.webview.html = secureHtml(`<!DOCTYPE html><html><head></head><body>${html}</body></html>`, randomBytes(16).toString("base64"));
  panel.reveal(vscode.ViewColumn.Beside, true);
}

async function runWithMentor(uri: vscode.Uri | undefined): Promise<void> {
  const document = uri
    ? await vscode.workspace.openTextDocument(uri)
    : vscode.window.activeTextEditor?.document;
  if (!document || document.uri.scheme !== "file") {
    void vscode.window.showInformationMessage("Mentor: open a saved Python file to run it.");
    return;
  }
  if (document.isDirty) await document.save();
  const folder = vscode.workspace.getWorkspaceFolder(document.uri)?.uri.fsPath ?? path.dirname(document.uri.fsPath);
  const interpreter = await resolveInterpreter(document.uri);
  const program = path.relative(folder, document.uri.fsPath);
  const windows = process.platform === "win32";
  const script = path.join(path.dirname(interpreter.path), windows ? "mentor.exe" : "mentor");
  // The `mentor` script beside the interpreter; else the interpreter itself, without letting a
  // student's own `mentor.py` in the folder shadow Mentor (as the server is started).
  const command = fs.existsSync(script)
    ? [script, "run", program]
    : [interpreter.path, "-c", "import sys; sys.path[:] = [p for p in sys.path if p not in ('', '.')]; from mentor.server.cli import main; sys.exit(main())", "run", program];
  const terminal =
    vscode.window.terminals.find((candidate) => candidate.name === "Mentor: run" && candidate.exitStatus === undefined) ??
    vscode.window.createTerminal({ name: "Mentor: run", cwd: folder });
  terminal.show(true);
  terminal.sendText(shellCommand(command, windows));
}
