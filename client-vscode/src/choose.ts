// "Mentor: Choose interpreter": a quick pick of the Pythons on this machine (the Python
// extension's, `.venv`/`venv` in the workspace, python3/python on PATH), each with its version
// and whether Mentor is installed; the choice is written to `mentor.interpreter` for the student.
import * as vscode from "vscode";
import { candidatePaths, distinct, type PythonInfo, probePython } from "./python";
import { writeInterpreter } from "./setup";

interface Choice extends vscode.QuickPickItem {
  python?: string;
  browse?: boolean;
}

export async function chooseInterpreter(current: string | undefined): Promise<void> {
  const pick = vscode.window.createQuickPick<Choice>();
  pick.title = "The Python that runs Mentor";
  pick.placeholder = "Looking for Pythons on this computer...";
  pick.busy = true;
  pick.show();
  const found = await findInterpreters(current);
  const items: Choice[] = found.map(({ path, info }) => ({
    label: `${info.executable === current || path === current ? "$(check) " : ""}Python ${info.version}`,
    description: info.executable,
    detail: info.mentor ? "Mentor installed" : "Mentor not installed (Mentor offers to install it)",
    python: info.executable,
  }));
  items.push({ label: "$(folder-opened) Find a Python on this computer...", browse: true });
  pick.items = items;
  pick.placeholder = found.length ? "Choose the Python for Mentor" : "No Python found: find one on this computer";
  pick.busy = false;
  const chosen = await new Promise<Choice | undefined>((resolve) => {
    pick.onDidAccept(() => resolve(pick.selectedItems[0]));
    pick.onDidHide(() => resolve(undefined));
  });
  pick.dispose();
  if (!chosen) return;
  let python = chosen.python;
  if (chosen.browse) {
    const file = await vscode.window.showOpenDialog({ title: "The Python interpreter for Mentor", canSelectMany: false });
    python = file?.[0]?.fsPath;
  }
  if (python) await writeInterpreter(python); // the change restarts the server with it
}

/** Probe every candidate (in parallel), keeping the ones that run. */
export async function findInterpreters(current: string | undefined): Promise<Array<{ path: string; info: PythonInfo }>> {
  const places = {
    pathEnv: process.env.PATH ?? "",
    platform: process.platform,
    workspaceFolders: (vscode.workspace.workspaceFolders ?? []).map((folder) => folder.uri.fsPath),
    extra: [...(current ? [current] : []), ...(await pythonExtensionInterpreters())],
  };
  const probes = await Promise.all(
    candidatePaths(places).map(async (path) => ({ path, probe: await probePython(path, 10_000) })),
  );
  return distinct(probes.flatMap(({ path, probe }) => (probe.ok ? [{ path, info: probe.info }] : [])));
}

async function pythonExtensionInterpreters(): Promise<string[]> {
  const extension = vscode.extensions.getExtension("ms-python.python");
  if (!extension) return [];
  try {
    const api = await extension.activate();
    const known: Array<{ path?: string }> = api?.environments?.known ?? [];
    return known.map((environment) => environment.path ?? "").filter(Boolean);
  } catch {
    return []; // an old or broken Python extension
  }
}
