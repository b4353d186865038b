// Runtime errors in VS Code: Python tracebacks in the integrated terminal become links
// ("Explain this error (Mentor)"): a click asks the server (`mentor.explainError`) for the
// plain-words explanation, shows it in the Mentor view (where the conversation can go on from
// it) and opens the failing line.
// "Run with Mentor" (command and editor-title button) runs the current file through
// `mentor run` in a terminal, the student's own request; the server then marks the failing line.
import * as fs from "node:fs";
import * as path from "node:path";
import * as vscode from "vscode";
import { ExecuteCommandRequest, type LanguageClient } from "vscode-languageclient/node";
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

/** Shows a runtime error's explanation (Markdown, guarded by the server) to the student. */
export type ShowExplanation = (markdown: string) => Promise<void>;

export function registerRuntime(
  context: vscode.ExtensionContext,
  getClient: () => LanguageClient | undefined,
  showExplanation: ShowExplanation,
): void {
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
        explainFromTerminal(getClient(), link, outputs.get(link.terminal)?.toString() ?? "", showExplanation),
    }),
    vscode.commands.registerCommand(RUN_FILE, (uri?: vscode.Uri) => runWithMentor(uri)),
  );
}

async function explainFromTerminal(
  client: LanguageClient | undefined,
  link: TracebackTerminalLink,
  output: string,
  showExplanation: ShowExplanation,
): Promise<void> {
  const traceback = tracebackAround(output, link.text);
  if (client && traceback) {
    const result = (await client.sendRequest(ExecuteCommandRequest.type, {
      command: "mentor.explainError",
      arguments: [{ traceback, show: false, uri: vscode.window.activeTextEditor?.document.uri.toString() }],
    })) as ExplainResult | null;
    if (result?.error && result.markdown) {
      if (result.location) await openAt(vscode.Uri.parse(result.location.uri), result.location.line);
      await showExplanation(result.markdown);
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
