// Finding and probing interpreters, with real Pythons: this machine's python3, a fresh venv
// without Mentor, and the worktree's venv with Mentor installed.
import { execFileSync } from "node:child_process";
import { mkdtempSync, realpathSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import {
  barPercent,
  candidatePaths,
  distinct,
  installPlan,
  modelInstallCommand,
  parseProbe,
  pipProgress,
  probePython,
  venvPython,
} from "../../src/python";

const ROOT = join(__dirname, "..", "..", "..");
const WITH_MENTOR = join(ROOT, ".venv", "bin", "python");

describe("probing an interpreter", () => {
  let workspace: string;
  beforeAll(() => {
    workspace = realpathSync(mkdtempSync(join(tmpdir(), "mentor-probe-")));
    execFileSync("python3", ["-m", "venv", "--without-pip", join(workspace, ".venv")]);
  }, 60_000);

  it("gives the absolute interpreter, its version, and that Mentor is missing in a fresh venv", async () => {
    const probe = await probePython(venvPython(join(workspace, ".venv")));
    expect(probe.ok).toBe(true);
    if (!probe.ok) return;
    expect(probe.info.executable).toBe(join(workspace, ".venv", "bin", "python"));
    expect(probe.info.version).toMatch(/^3\.\d+\.\d+$/);
    expect(probe.info).toMatchObject({ prefix: join(workspace, ".venv"), venv: true, writable: true, mentor: false });
    expect(installPlan(probe.info)).toEqual({ kind: "here" });
  });

  it("finds Mentor in the worktree's venv", async () => {
    const probe = await probePython(WITH_MENTOR);
    expect(probe.ok && probe.info.mentor).toBe(true);
  });

  it("resolves a bare python3 to the file it runs, and a system Python gets a new venv", async () => {
    const probe = await probePython("python3");
    expect(probe.ok).toBe(true);
    if (!probe.ok) return;
    expect(probe.info.executable.startsWith("/")).toBe(true);
    const system = { ...probe.info, venv: false };
    expect(installPlan(system)).toMatchObject({ kind: "venv", why: expect.stringContaining("not a virtual environment") });
    expect(installPlan({ ...probe.info, venv: true, writable: false }).kind).toBe("venv");
  });

  it("says why when there is no such Python", async () => {
    expect(await probePython(join(workspace, "nope", "python"))).toEqual({ ok: false, reason: "not found" });
  });
});

describe("where interpreters are looked for", () => {
  it("the given ones, then .venv and venv in each workspace folder, then python3/python on PATH, each once", () => {
    const files = new Set(["/w1/.venv/bin/python", "/w2/venv/bin/python", "/usr/bin/python3", "/opt/py/bin/python", "/me/py"]);
    const found = candidatePaths(
      { pathEnv: "/usr/bin::/opt/py/bin:/usr/bin", platform: "linux", workspaceFolders: ["/w1", "/w2"], extra: ["/me/py", "/gone/python"] },
      (file) => files.has(file),
    );
    expect(found).toEqual(["/me/py", "/w1/.venv/bin/python", "/w2/venv/bin/python", "/usr/bin/python3", "/opt/py/bin/python"]);
  });

  it("uses Scripts\\python.exe and ; on Windows", () => {
    const found = candidatePaths(
      { pathEnv: "C:\\Py;", platform: "win32", workspaceFolders: ["C:\\hw"], extra: [] },
      (file) => file.endsWith("python.exe"),
    );
    expect(found.length).toBe(3);
    expect(found[0]).toContain("Scripts");
  });

  it("counts two names of one interpreter once", () => {
    const info = { executable: "/v/bin/python", prefix: "/v", version: "3.12.1", venv: true, writable: true, mentor: false };
    const python3 = { ...info, executable: "/v/bin/python3" };
    const base = { ...info, executable: "/usr/bin/python3", prefix: "/usr", venv: false };
    const found = distinct([{ path: "/v/bin/python3", info: python3 }, { path: "/v/bin/python", info }, { path: "/usr/bin/python3", info: base }]);
    expect(found.map(({ path }) => path)).toEqual(["/v/bin/python3", "/usr/bin/python3"]);
  });

  it("takes no garbage for a probe answer", () => {
    expect(parseProbe("Traceback...\nboom")).toBeUndefined();
    expect(parseProbe('{"executable": 3}')).toBeUndefined();
  });
});

describe("progress read from the installers", () => {
  it("keeps pip's lines a student can follow", () => {
    expect(pipProgress("Processing /x/mentor_lsp-0.1.0-py3-none-any.whl")).toContain("Processing");
    expect(pipProgress("  Collecting pygls<3,>=2.0")).toBe("Collecting pygls<3,>=2.0");
    expect(pipProgress("Requirement already satisfied: jedi")).toBeUndefined();
  });

  it("reads the last percentage of a tqdm bar", () => {
    expect(barPercent("qwen:   3%|▎   | 30M/1.1G\rqwen:  42%|████   | 470M/1.1G")).toBe(42);
    expect(barPercent("2 of 6 chunks verified")).toBeUndefined();
  });

  it("runs `mentor model install` through the interpreter, with a teacher's folder when given", () => {
    const command = modelInstallCommand("/v/bin/python", "qwen2.5-coder-1.5b", { MENTOR_MODEL_SOURCE: "/share/models" });
    expect(command.slice(0, 2)).toEqual(["/v/bin/python", "-c"]);
    expect(command.slice(3)).toEqual(["model", "install", "qwen2.5-coder-1.5b", "--from", "/share/models"]);
  });
});
