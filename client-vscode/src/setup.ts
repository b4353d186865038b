// The first run: Mentor is missing from the student's Python. The extension installs it itself
// (a child process with a progress notification, no terminal whose shell could mean another
// `python3`) into the absolute interpreter it checked, or into a new virtual environment when
// that interpreter is not the student's to change, then restarts the server and confirms.
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import * as vscode from "vscode";
import { installPlan, type PythonInfo, pipProgress, probePython, supported, venvPython } from "./python";

export interface SetupHooks {
  output: vscode.LogOutputChannel;
  restart: () => Promise<boolean>; // true: the server runs
}

const CHOOSE = "Choose interpreter";

/** Explain what is wrong with `python` and offer the way out (install, venv, choose). */
export async function offerSetup(context: vscode.ExtensionContext, python: string, hooks: SetupHooks): Promise<void> {
  const probe = await probePython(python);
  if (!probe.ok || !supported(probe.info)) {
    const message = probe.ok
      ? `Mentor needs Python 3.10 or newer; ${probe.info.executable} is Python ${probe.info.version}.`
      : `Mentor could not run Python "${python}" (${probe.reason}). Install Python 3.10 or newer, or choose another interpreter.`;
    hooks.output.info(message);
    if ((await vscode.window.showErrorMessage(message, CHOOSE)) === CHOOSE) {
      await vscode.commands.executeCommand("mentor.chooseInterpreter");
    }
    return;
  }
  const info = probe.info;
  const plan = installPlan(info);
  const install = plan.kind === "here" ? "Install Mentor" : "Create it and install";
  const message =
    plan.kind === "here"
      ? `Mentor is not installed in the Python at ${info.executable} (Python ${info.version}). Install it there now?`
      : `Mentor is not installed in ${info.executable} (Python ${info.version}), and Mentor will not install into it: ${plan.why}. ` +
        `Mentor can create a virtual environment (${describeVenv(context)}) and install itself there.`;
  hooks.output.info(message);
  const choice = await vscode.window.showErrorMessage(message, install, CHOOSE);
  if (choice === CHOOSE) {
    await vscode.commands.executeCommand("mentor.chooseInterpreter");
  } else if (choice === install) {
    await installMentor(context, info, plan.kind === "venv", hooks);
  }
}

function venvFolder(context: vscode.ExtensionContext): string {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  return folder ? path.join(folder, ".venv") : path.join(context.globalStorageUri.fsPath, "venv");
}

function describeVenv(context: vscode.ExtensionContext): string {
  return vscode.workspace.workspaceFolders?.length ? ".venv in this folder" : `in ${venvFolder(context)}`;
}

/** The wheel packaged inside the .vsix (offline), else the package from PyPI. */
export function installSource(context: vscode.ExtensionContext): string {
  const folder = context.asAbsolutePath("wheels");
  const wheel = fs.existsSync(folder) ? fs.readdirSync(folder).find((name) => name.endsWith(".whl")) : undefined;
  return wheel ? path.join(folder, wheel) : "mentor-lsp";
}

async function installMentor(
  context: vscode.ExtensionContext,
  base: PythonInfo,
  makeVenv: boolean,
  hooks: SetupHooks,
): Promise<void> {
  const source = installSource(context);
  const result = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: "Mentor", cancellable: true },
    async (progress, token) => {
      let python = base.executable;
      if (makeVenv) {
        const folder = venvFolder(context);
        progress.report({ message: `creating a virtual environment in ${folder}` });
        const made = await runLogged([base.executable, "-m", "venv", folder], hooks.output, token, () => undefined);
        if (!made.ok) return made;
        python = venvPython(folder);
      }
      progress.report({ message: `installing into ${python}` });
      const args = [python, "-m", "pip", "install", "--disable-pip-version-check", "--progress-bar", "off", source];
      const installed = await runLogged(args, hooks.output, token, (line) => {
        const shown = pipProgress(line);
        if (shown) progress.report({ message: shown });
      });
      return installed.ok ? { ...installed, python } : installed;
    },
  );
  if (!result.ok) {
    const reason = result.cancelled ? "the install was stopped" : result.reason;
    const again = await vscode.window.showErrorMessage(`Mentor was not installed: ${reason}. See "Mentor: Show the server log".`, "Show log", CHOOSE);
    if (again === "Show log") hooks.output.show();
    if (again === CHOOSE) await vscode.commands.executeCommand("mentor.chooseInterpreter");
    return;
  }
  if (makeVenv && result.python) {
    // The student's choice from now on (a config change restarts the server).
    await writeInterpreter(result.python);
  }
  if (await hooks.restart()) {
    void vscode.window.showInformationMessage("Mentor is ready: it checks your Python files as you type.");
  }
}

/** Where the interpreter setting goes: the workspace when one is open, else the user's. */
export async function writeInterpreter(python: string): Promise<void> {
  const target = vscode.workspace.workspaceFolders?.length
    ? vscode.ConfigurationTarget.Workspace
    : vscode.ConfigurationTarget.Global;
  await vscode.workspace.getConfiguration("mentor").update("interpreter", python, target);
}

type Run = { ok: true; python?: string } | { ok: false; cancelled: boolean; reason: string };

/** Run a command (no shell), its output to the log line by line; cancellable. */
export function runLogged(
  command: string[],
  output: vscode.LogOutputChannel,
  token: vscode.CancellationToken,
  onLine: (line: string) => void,
): Promise<Run> {
  output.info(`running: ${command.map((part) => JSON.stringify(part)).join(" ")}`);
  return new Promise((resolve) => {
    const child = spawn(command[0], command.slice(1), { windowsHide: true, env: { ...process.env, PYTHONIOENCODING: "utf-8" } });
    let tail = "";
    const read = (chunk: Buffer) => {
      const text = chunk.toString("utf-8");
      tail = (tail + text).slice(-2000);
      for (const line of text.split(/[\r\n]+/)) {
        if (!line.trim()) continue;
        output.info(line);
        onLine(line);
      }
    };
    child.stdout.on("data", read);
    child.stderr.on("data", read);
    const cancel = token.onCancellationRequested(() => child.kill());
    child.on("error", (error) => {
      cancel.dispose();
      resolve({ ok: false, cancelled: false, reason: error.message });
    });
    child.on("close", (code) => {
      cancel.dispose();
      if (code === 0) resolve({ ok: true });
      else {
        const lines = tail.trim().split(/[\r\n]+/).filter((line) => line.trim());
        const last = lines.filter((line) => /error|not installed|failed/i.test(line)).pop() ?? lines.pop() ?? `exit status ${code}`;
        resolve({ ok: false, cancelled: token.isCancellationRequested, reason: last.trim() });
      }
    });
  });
}
