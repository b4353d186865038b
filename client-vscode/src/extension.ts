// Mentor for VS Code: starts the Mentor language server with the student's Python, keeps it
// in step with settings, and adds the commands, status bar and progress report.
import * as fs from "node:fs";
import * as vscode from "vscode";
import {
  DidChangeConfigurationNotification,
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
  parsePolicy,
  type Policy,
} from "./config";
import { type ChatViewProvider, registerChat } from "./chat/provider";
import { chooseInterpreter } from "./choose";
import { BOOTSTRAP, resolveInterpreter } from "./interpreter";
import { watchLocks } from "./locks";
import { probePython } from "./python";
import { offerSetup } from "./setup";
import { type InstallOffer, installTutor, offerTutorInstall } from "./tutorSetup";
import { showReport } from "./report";
import { registerRuntime } from "./runtime";
import { MentorStatus, type StatusParams } from "./status";

let client: LanguageClient | undefined;
let output: vscode.LogOutputChannel;
let status: MentorStatus;
let policy: Policy = { locked: {} };
let policyFile: string | undefined; // the baked-in policy.json, when there is one
let chat: ChatViewProvider;
let serverPython: string | undefined; // the absolute interpreter the server runs with
let installOffer: InstallOffer | undefined; // the server's last offer to install a tutor model

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
    ["mentor.chooseInterpreter", () => chooseInterpreter(serverPython)],
    ["mentor.installTutor", () => installTutor(installOffer ?? { model: "", size: 0 }, tutorHooks())],
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
    watchLocks(policy, output),
  );
  await restart(context);
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}

async function start(context: vscode.ExtensionContext): Promise<boolean> {
  const resource = vscode.workspace.workspaceFolders?.[0]?.uri;
  const interpreter = await resolveInterpreter(resource);
  // The absolute interpreter (sys.executable): what is checked is what runs and what gets
  // Mentor installed, whatever a shell's PATH would make of "python3".
  const probe = await probePython(interpreter.path);
  serverPython = probe.ok ? probe.info.executable : undefined;
  output.info(`Using Python: ${serverPython ?? interpreter.path} (${interpreter.path}, from ${interpreter.source})`);
  if (!probe.ok || !probe.info.mentor) {
    status.showProblem("Mentor is not running");
    void offerSetup(context, interpreter.path, { output, restart: () => restart(context) });
    return false;
  }

  // The baked-in policy goes to the server as `--policy FILE`: the server then takes nothing a
  // client sends as policy, and no setting in any key form beats it.
  const serverOptions: ServerOptions = {
    command: probe.info.executable,
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
        // A client being restarted must not send the change that restarts it: its start-up
        // would race its stop ("Starting server failed" in a notification).
        didChangeConfiguration: async (sections, next) => {
          if (self && retiring.has(self)) return;
          await next(sections);
        },
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
  const self = new LanguageClient("mentor", "Mentor", serverOptions, clientOptions);
  client = self;
  client.onDidChangeState((change) => {
    if (change.newState === State.Stopped) status.showProblem("Mentor stopped");
  });
  try {
    await client.start();
  } catch (error) {
    status.showProblem("Mentor failed to start");
    void vscode.window.showErrorMessage(`Mentor could not start: ${String(error)}. See "Mentor: Show the server log".`);
    return false;
  }
  context.subscriptions.push(
    client.onNotification("mentor/status", (params: StatusParams) => {
      status.update(params);
      installOffer = params.model?.install ?? undefined;
      if (installOffer) void offerTutorInstall(context, installOffer, tutorHooks());
    }),
  );
  status.update({ level: null, model: null });
  return true;
}

// One restart at a time: a settings change and an install finishing may both ask for one.
let restarting: Promise<boolean> = Promise.resolve(false);
const retiring = new WeakSet<LanguageClient>();
function restart(context: vscode.ExtensionContext): Promise<boolean> {
  if (client) retiring.add(client); // at once, before the queued restart runs
  restarting = restarting.then(async () => {
    const previous = client;
    client = undefined;
    await previous?.stop().catch(() => undefined);
    return start(context);
  });
  return restarting;
}

function tutorHooks() {
  return {
    output,
    python: () => serverPython,
    // The server reads the settings again, finds the installed model and says so in its status.
    reload: async () => {
      await client?.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
    },
  };
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
  // The server has the teacher's locks from the policy file; a student's value for one is
  // undone by locks.ts with one message, so the server need not warn about it as well.
  for (const key of Object.keys(policy.locked)) delete flat[key];
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
