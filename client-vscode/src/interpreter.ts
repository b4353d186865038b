// Which Python runs Mentor: the `mentor.interpreter` setting, else the Python extension's active
// interpreter, else `python3`. Also: is Mentor installed there, and the command that starts it.
import { execFile } from "node:child_process";
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

const CHECK = [
  "import sys, importlib.util",
  "sys.path[:] = [p for p in sys.path if p not in ('', '.')]",
  "try:",
  "    found = importlib.util.find_spec('mentor.server') is not None",
  "except ImportError:",
  "    found = False",
  "print('mentor' if found else 'missing')",
].join("\n");

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

export type InstallState = "installed" | "missing" | "no-python";

/** Whether `import mentor.server` works in that interpreter (without running student code). */
export function checkInstalled(python: string): Promise<InstallState> {
  return new Promise((resolve) => {
    execFile(python, ["-c", CHECK], { timeout: 30_000 }, (error, stdout) => {
      if (error && (error as NodeJS.ErrnoException).code === "ENOENT") resolve("no-python");
      else if (stdout.trim() === "mentor") resolve("installed");
      else if (error) resolve("no-python");
      else resolve("missing");
    });
  });
}
