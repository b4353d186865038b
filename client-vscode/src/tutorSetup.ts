// "Install Mentor's tutor (1.1 GB)": offered once per workspace when the server says no model
// is configured or installed (`mentor/status` model.install). Install runs `mentor model
// install` with the server's own interpreter as a child process, its progress bar read into a
// cancellable notification; then the server is told to look again (it uses a model installed
// mid-session from the next question on) and the student is told it is ready.
import * as vscode from "vscode";
import { barPercent, modelInstallCommand } from "./python";
import { runLogged } from "./setup";

const OFFERED = "mentor.tutorInstallOffered";

export interface InstallOffer {
  model: string;
  size: number;
}

export interface TutorSetupHooks {
  output: vscode.LogOutputChannel;
  python: () => string | undefined; // the interpreter the server runs with
  reload: () => Promise<void>; // tell the server to look for the model again
}

let offering = false;

export async function offerTutorInstall(context: vscode.ExtensionContext, offer: InstallOffer, hooks: TutorSetupHooks): Promise<void> {
  if (offering || context.workspaceState.get<boolean>(OFFERED)) return;
  offering = true;
  try {
    await context.workspaceState.update(OFFERED, true);
    const size = offer.size >= 1e8 ? `${(offer.size / 1e9).toFixed(1)} GB` : `${Math.round(offer.size / 1e6)} MB`;
    const choice = await vscode.window.showInformationMessage(
      `Install Mentor's tutor (${size})? It answers "Explain this" and "Give me a hint" in its own words, on this computer. Until then Mentor uses its own explanations.`,
      "Install",
      "Not now",
    );
    if (choice === "Install") await installTutor(offer, hooks);
  } finally {
    offering = false;
  }
}

export async function installTutor(offer: InstallOffer, hooks: TutorSetupHooks): Promise<void> {
  const python = hooks.python();
  if (!python) return;
  const result = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: "Installing Mentor's tutor", cancellable: true },
    (progress, token) => {
      let shown = 0;
      return runLogged(modelInstallCommand(python, offer.model), hooks.output, token, (line) => {
        const percent = barPercent(line);
        if (percent !== undefined && percent > shown) {
          progress.report({ increment: percent - shown, message: `${percent}%` });
          shown = percent;
        } else if (/chunks|Installing|Installed/.test(line) && percent === undefined) {
          progress.report({ message: line.trim().slice(0, 90) });
        }
      });
    },
  );
  if (!result.ok) {
    const reason = result.cancelled
      ? "it was stopped. Run \"Mentor: Install the tutor model\" to continue where it stopped"
      : result.reason;
    void vscode.window.showWarningMessage(`Mentor's tutor was not installed: ${reason}. Mentor works on with its own explanations.`);
    return;
  }
  await hooks.reload();
  void vscode.window.showInformationMessage(`Mentor's tutor is installed: select some code and choose "Mentor: Explain this".`);
}
