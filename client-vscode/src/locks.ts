// A teacher's locked settings (the branded .vsix's policy.json), visible to the student: the
// Settings UI says "Locked by your teacher" (build-teacher-vsix.mjs writes it into the setting's
// description), and a change the student makes to a locked setting is undone at once, with one
// message naming the teacher's value. The server enforces the lock either way.
import * as vscode from "vscode";
import { overriddenByPolicy, type Policy } from "./config";

let log: (message: string) => void = () => undefined;

export function watchLocks(policy: Policy, output?: vscode.LogOutputChannel): vscode.Disposable {
  if (output) log = (message) => output.info(message);
  void undoLocked(policy, Object.keys(policy.locked)); // values set before this build came
  return vscode.workspace.onDidChangeConfiguration((event) => {
    void undoLocked(policy, Object.keys(policy.locked).filter((key) => event.affectsConfiguration(key)));
  });
}

async function undoLocked(policy: Policy, keys: string[]): Promise<void> {
  if (keys.length === 0) return;
  const reverted: string[] = [];
  for (const key of keys) {
    for (const { target, uri } of scopes()) {
      const config = vscode.workspace.getConfiguration("mentor", uri);
      const name = key.replace(/^mentor\./, "");
      const inspected = config.inspect(name);
      const value =
        target === vscode.ConfigurationTarget.Global
          ? inspected?.globalValue
          : target === vscode.ConfigurationTarget.Workspace
            ? inspected?.workspaceValue
            : inspected?.workspaceFolderValue;
      if (overriddenByPolicy({ [key]: value }, policy).length === 0) continue;
      await config.update(name, undefined, target); // its own change event finds nothing
      log(`undid ${key} = ${JSON.stringify(value)} (settings target ${target})`);
      if (!reverted.includes(key)) reverted.push(key);
    }
  }
  if (reverted.length > 0) {
    const what = reverted.map((key) => `${key} to ${JSON.stringify(policy.locked[key])}`).join(", ");
    void vscode.window.showWarningMessage(`Mentor: your teacher set ${what} for this class; your change was undone.`);
  }
}

function scopes(): Array<{ target: vscode.ConfigurationTarget; uri?: vscode.Uri }> {
  const found: Array<{ target: vscode.ConfigurationTarget; uri?: vscode.Uri }> = [
    { target: vscode.ConfigurationTarget.Global },
  ];
  if (vscode.workspace.workspaceFolders?.length) found.push({ target: vscode.ConfigurationTarget.Workspace });
  if ((vscode.workspace.workspaceFolders?.length ?? 0) > 1 || vscode.workspace.workspaceFile) {
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      found.push({ target: vscode.ConfigurationTarget.WorkspaceFolder, uri: folder.uri });
    }
  }
  return found;
}
