// Build the extension and package it as a .vsix, with Mentor's Python wheel inside so a student
// whose Python lacks Mentor can install it from the extension ("Install Mentor").
//   node scripts/package.mjs [--out FILE] [--folder DIR]
// --folder packages another copy of the extension (the teacher script uses it).
import { execFileSync } from "node:child_process";
import { mkdirSync, readdirSync, rmSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

const here = dirname(fileURLToPath(import.meta.url));
const source = join(here, "..");
const { values } = parseArgs({ options: { out: { type: "string" }, folder: { type: "string" } } });
const folder = resolve(values.folder ?? source);
const out = resolve(values.out ?? join(source, "mentor-vscode.vsix"));
const python = process.env.PYTHON ?? join(source, "..", ".venv", "bin", "python");

mkdirSync(dirname(out), { recursive: true });
const run = (command, args, cwd = folder) => execFileSync(command, args, { cwd, stdio: "inherit" });

// 1. Mentor's own wheel (no dependencies: pip fetches those when the student installs it).
const wheels = join(folder, "wheels");
rmSync(wheels, { recursive: true, force: true });
mkdirSync(wheels, { recursive: true });
run(python, ["-m", "pip", "wheel", "--quiet", "--no-deps", "--wheel-dir", wheels, join(source, "..")]);
if (!readdirSync(wheels).some((name) => name.endsWith(".whl"))) throw new Error("no wheel was built");

// 2. The bundled extension, then the .vsix.
run("npm", ["run", "--silent", "build"], source);
if (folder !== source) run("cp", ["-r", join(source, "dist"), folder]);
const vsce = join(source, "node_modules", ".bin", "vsce");
run(vsce, ["package", "--no-dependencies", "--allow-missing-repository", "--skip-license", "--out", out]);
console.log(`packaged ${out}`);
