// Mentor for VS Code: starts the Mentor language server with the student's Python, keeps it
// in step with settings, and adds the commands, status bar and progress report.
import * as fs from "node:fs";
import * as path from "node:path";
import * as vscode from "vscode";
import {
  LanguageClient,
  type LanguageClientOptions,
  type ServerOptions,
  State,
} from "vscode-languageclient/node";
import {
  effectiveValue,
  exportArguments,
  needsRestart,
  nestSettings,
  overriddenByPolicy,
  parsePolicy,
  type Policy,
} from "./config";
import { type ChatViewProvider, registerChat } from "./chat/provider";
import { BOOTSTRAP, checkInstalled, resolveInterpreter } from "./interpreter";
import { showReport } from "./report";
import { registerRuntime } from "./runtime";
import { MentorStatus, type StatusParams } from "./status";

let client: LanguageClient | undefined;
let output: vscode.LogOutputChannel;
let status: MentorStatus;
let policy: Policy = { locked: {} };
let policyFile: string | undefined; // the baked-in policy.json, when there is one
let chat: ChatViewProvider;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  output = vscode.window.createOutputChannel("Mentor", { log: true });
  status = new MentorStatus();
  context.subscriptions.push(output, status);
  policy = loadPolicy(context);
  // A teacher's branded build has another extension id: read our own manifest, not a fixed id.
  keys = Object.keys(context.extension.packageJSON?.contributes?.configuration?.properties ?? {});

  chat = registerChat(context, () => client); // the Mentor view: Explain/Hint answer there
  const commands: Array<[string, (...args: unknown[]) => unknown]> = [
    ["mentor.restart", () => restart(context)],
    ["mentor.showLog", () => output.show()],
    ["mentor.explainSelection", () => chat.askTask("explain")],
    ["mentor.hintSelection", () => chat.askTask("hint")],
  ];
  for (const [id, run] of commands) {
    context.subscriptions.push(vscode.commands.registerCommand(id, run));
  }
  registerRuntime(context, () => client, (markdown) => chat.showRunError(markdown));
  context.subscriptions.push(
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (needsRestart((section) => event.affectsConfiguration(section))) void restart(context);
    }),
    vscode.workspace.onDidGrantWorkspaceTrust(() => void restart(context)),
  );
  await start(context);
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}

async function start(context: vscode.ExtensionContext): Promise<void> {
  const resource = vscode.workspace.workspaceFolders?.[0]?.uri;
  const interpreter = await resolveInterpreter(resource);
  output.info(`Using Python: ${interpreter.path} (from ${interpreter.source})`);
  const installed = await checkInstalled(interpreter.path);
  if (installed !== "installed") {
    status.showProblem("Mentor is not running");
    void explainMissing(context, interpreter.path, installed);
    return;
  }

  // The baked-in policy goes to the server as `--policy FILE`: the server then takes nothing a
  // client sends as policy, and no setting in any key form beats it.
  const serverOptions: ServerOptions = {
    command: interpreter.path,
    args: ["-c", BOOTSTRAP, ...(policyFile ? ["--policy", policyFile] : [])],
    options: { cwd: resource?.fsPath, env: { ...process.env, PYTHONIOENCODING: "utf-8" } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: "file", language: "python" },
      { scheme: "untitled", language: "python" },
    ],
    outputChannel: output,
    // Hovers and answers hold a language model's words: never trusted Markdown (no command:
    // links run), no HTML. These are vscode-languageclient's defaults, written out so that no
    // later change turns them on unnoticed; the server's guard is the first line of defence.
    markdown: { isTrusted: false, supportHtml: false },
    // workspaceTrusted: the server takes a relative or `~` progress file path only when true
    // (the extension restarts the server when trust is granted).
    initializationOptions: {
      mentor: currentSettings(resource),
      workspaceTrusted: vscode.workspace.isTrusted,
    },
    synchronize: { configurationSection: "mentor" },
    middleware: {
      workspace: {
        // Answer the server's workspace/configuration with trust applied.
        configuration: async (params, token, next) => {
          const answers = await next(params, token);
          if (!Array.isArray(answers)) return answers;
          return params.items.map((item, index) =>
            item.section === "mentor" ? currentSettings(resource) : answers[index],
          );
        },
      },
      executeCommand: async (command, args, next) => {
        // Explain/Hint (a quick fix's command too) answer in the Mentor view, not a .md tab.
        if (command === "mentor.explain" || command === "mentor.hint") {
          return chat.askTask(command === "mentor.explain" ? "explain" : "hint", args[0]);
        }
        if (command === "mentor.exportReport" && args.length === 0) {
          // The student chooses where the export goes; the dialog asks before replacing a file.
          const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
          const chosen = await vscode.window.showSaveDialog({
            title: "Export my progress",
            defaultUri: folder ? vscode.Uri.joinPath(folder, "mentor-progress.json") : undefined,
            filters: { JSON: ["json"], CSV: ["csv"] },
          });
          if (!chosen) return undefined;
          return next(command, [exportArguments(chosen.fsPath, fs.existsSync(chosen.fsPath))]);
        }
        if (command !== "mentor.showReport") return next(command, args);
        // The extension shows the report in a webview: the server need not open its Markdown.
        const result = await next(command, [{ open: false }]);
        showReport(context, result);
        return result;
      },
    },
  };
  client = new LanguageClient("mentor", "Mentor", serverOptions, clientOptions);
  client.onDidChangeState((change) => {
    if (change.newState === State.Stopped) status.showProblem("Mentor stopped");
  });
  try {
    await client.start();
  } catch (error) {
    status.showProblem("Mentor failed to start");
    void vscode.window.showErrorMessage(`Mentor could not start: ${String(error)}. See "Mentor: Show the server log".`);
    return;
  }
  context.subscriptions.push(
    client.onNotification("mentor/status", (params: StatusParams) => status.update(params)),
  );
  status.update({ level: null, model: null });
  warnAboutPolicy(resource);
}

async function restart(context: vscode.ExtensionContext): Promise<void> {
  const previous = client;
  client = undefined;
  await previous?.stop().catch(() => undefined);
  await start(context);
}

/** Every `mentor.*` setting this extension contributes, flat, with trust applied, nested for the server. */
function currentSettings(resource: vscode.Uri | undefined): Record<string, unknown> {
  const config = vscode.workspace.getConfiguration("mentor", resource);
  const flat: Record<string, unknown> = {};
  for (const key of settingKeys()) {
    const inspected = config.inspect(key.replace(/^mentor\./, "")) ?? {};
    flat[key] = effectiveValue(key, inspected, vscode.workspace.isTrusted);
  }
  delete flat["mentor.interpreter"]; // the extension's own setting, not the server's
  return nestSettings(flat);
}

let keys: string[] = [];
function settingKeys(): string[] {
  return keys;
}

function loadPolicy(context: vscode.ExtensionContext): Policy {
  const file = context.asAbsolutePath("policy.json");
  if (!fs.existsSync(file)) return { locked: {} };
  // The server gets the file even when it does not parse here: it reads every key form, fails
  // closed on a bad value, and refuses to start on a file it cannot read. Never fail open.
  policyFile = file;
  try {
    return parsePolicy(fs.readFileSync(file, "utf-8"));
  } catch (error) {
    void vscode.window.showErrorMessage(`Mentor: the teacher's policy file has a problem (${String(error)}); ask your teacher.`);
    return { locked: {} };
  }
}

function warnAboutPolicy(resource: vscode.Uri | undefined): void {
  const config = vscode.workspace.getConfiguration("mentor", resource);
  const flat: Record<string, unknown> = {};
  for (const key of Object.keys(policy.locked)) {
    const inspected = config.inspect(key.replace(/^mentor\./, ""));
    flat[key] = inspected?.workspaceFolderValue ?? inspected?.workspaceValue ?? inspected?.globalValue;
  }
  const overridden = overriddenByPolicy(flat, policy);
  if (overridden.length > 0) {
    void vscode.window.showInformationMessage(
      `Mentor: your teacher set ${overridden.join(", ")} for this class; your own value is not used.`,
    );
  }
}

async function explainMissing(
  context: vscode.ExtensionContext,
  python: string,
  state: "missing" | "no-python",
): Promise<void> {
  const wheel = bundledWheel(context);
  const install = `"${python}" -m pip install ${wheel ? `"${wheel}"` : "mentor-lsp"}`;
  const message =
    state === "no-python"
      ? `Mentor could not run Python at "${python}". Install Python 3.10 or newer, or set "mentor.interpreter" to a Python that works.`
      : `Mentor is not installed in ${python}. Install it with: ${install}`;
  output.info(message);
  const actions = state === "missing" ? ["Install Mentor", "Choose interpreter"] : ["Choose interpreter"];
  const choice = await vscode.window.showErrorMessage(message, ...actions);
  if (choice === "Install Mentor") {
    const terminal = vscode.window.createTerminal("Install Mentor");
    terminal.show();
    terminal.sendText(install);
    void vscode.window.showInformationMessage('When the install finishes, run "Mentor: Restart the Mentor server".');
  } else if (choice === "Choose interpreter") {
    await vscode.commands.executeCommand("workbench.action.openSettings", "mentor.interpreter");
  }
}

function bundledWheel(context: vscode.ExtensionContext): string | undefined {
  const folder = context.asAbsolutePath("wheels");
  if (!fs.existsSync(folder)) return undefined;
  const wheel = fs.readdirSync(folder).find((name) => name.endsWith(".whl"));
  return wheel ? path.join(folder, wheel) : undefined;
}
