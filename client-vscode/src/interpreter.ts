// Which Python runs Mentor: the `mentor.interpreter` setting, else the Python extension's active
// interpreter, else `python3` (python.ts probes it); and the command that starts the server.
import * as vscode from "vscode";
import { effectiveValue } from "./config";

/**
 * Starts the server with the student's workspace as the working folder, without letting a
 * student's own `mentor.py`, `server.py` or `pygls.py` there shadow Mentor's modules: `-c` puts
 * the working folder first on sys.path, so it is removed before anything is imported.
 */
export const BOOTSTRAP =
  "import sys; sys.path[:] = [p for p in sys.path if p not in ('', '.')]; " +
  "from mentor.server.lsp_main import main; sys.exit(main())";

export interface Interpreter {
  path: string;
  source: "setting" | "python-extension" | "default";
}

export async function resolveInterpreter(resource: vscode.Uri | undefined): Promise<Interpreter> {
  const config = vscode.workspace.getConfiguration("mentor", resource);
  const configured = effectiveValue<string>(
    "mentor.interpreter",
    config.inspect<string>("interpreter") ?? {},
    vscode.workspace.isTrusted,
  );
  if (configured) return { path: configured, source: "setting" };
  const fromExtension = await pythonExtensionInterpreter(resource);
  if (fromExtension) return { path: fromExtension, source: "python-extension" };
  return { path: process.platform === "win32" ? "python" : "python3", source: "default" };
}

async function pythonExtensionInterpreter(resource: vscode.Uri | undefined): Promise<string | undefined> {
  const extension = vscode.extensions.getExtension("ms-python.python");
  if (!extension) return undefined;
  try {
    const api = await extension.activate();
    const active = api?.environments?.getActiveEnvironmentPath?.(resource);
    if (!active?.path) return undefined;
    const resolved = await api.environments.resolveEnvironment?.(active);
    return resolved?.executable?.uri?.fsPath ?? active.path;
  } catch {
    return undefined; // an old or broken Python extension: fall back to python3
  }
}
