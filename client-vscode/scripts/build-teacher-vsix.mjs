// Build a branded .vsix for a class, with the teacher's policy baked in. The server enforces the
// policy's locked settings over each student's own (and tells the student when it does).
//   npm run teacher -- --policy class-policy.json --name "CS101 Mentor" [--id cs101] [--out cs101.vsix]
import { execFileSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

const here = dirname(fileURLToPath(import.meta.url));
const source = join(here, "..");
const { values } = parseArgs({
  options: {
    policy: { type: "string" },
    name: { type: "string" },
    id: { type: "string" },
    out: { type: "string" },
  },
});
if (!values.policy || !values.name) {
  console.error('usage: npm run teacher -- --policy FILE --name "Class name" [--id short-id] [--out FILE]');
  process.exit(2);
}
const id = (values.id ?? values.name).toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");
const policyFile = resolve(values.policy);
const out = resolve(values.out ?? `mentor-${id}.vsix`);

// Validate the policy with the server's own rules, so a typo fails here, not in class.
const mentor = process.env.MENTOR ?? join(source, "..", ".venv", "bin", "mentor");
try {
  execFileSync(mentor, ["policy", "check", policyFile], { stdio: "inherit" });
} catch {
  console.error("The policy is not valid; nothing was built.");
  process.exit(2);
}

const work = mkdtempSync(join(tmpdir(), "mentor-teacher-"));
try {
  for (const entry of ["package.json", "LICENSE", ".vscodeignore", "README.md"]) {
    cpSync(join(source, entry), join(work, entry));
  }
  const policy = JSON.parse(readFileSync(policyFile, "utf-8"));
  inlineTestFiles(policy, dirname(policyFile));
  // one key form (`mentor.rules.disable`) for the extension, which reads the locks too
  if (policy.locked && typeof policy.locked === "object") policy.locked = flatten(policy.locked);
  writeFileSync(join(work, "policy.json"), JSON.stringify({ ...policy, name: values.name }, null, 2));
  const manifest = JSON.parse(readFileSync(join(work, "package.json"), "utf-8"));
  manifest.name = `mentor-vscode-${id}`;
  manifest.displayName = values.name;
  manifest.description = `${values.name}: ${manifest.description}`;
  markLocked(manifest.contributes?.configuration?.properties ?? {}, policy.locked ?? {});
  writeFileSync(join(work, "package.json"), JSON.stringify(manifest, null, 2) + "\n");
  execFileSync("node", [join(here, "package.mjs"), "--folder", work, "--out", out], { stdio: "inherit" });
} finally {
  rmSync(work, { recursive: true, force: true });
}
console.log(`built ${out} for "${values.name}" with ${policyFile} baked in`);

// Only policy.json is baked in: an assignment's tests file (`"tests": {"file": ...}`, next to
// the policy, checked by `mentor policy check` above) goes into it as `"code"`.
function inlineTestFiles(policy, folder) {
  for (const assignment of Array.isArray(policy.assignments) ? policy.assignments : []) {
    const tests = assignment?.tests;
    if (tests && typeof tests === "object" && typeof tests.file === "string") {
      const { file, ...rest } = tests;
      assignment.tests = { ...rest, code: readFileSync(join(folder, file), "utf-8") };
    }
  }
}

// The Settings UI shows each locked setting as locked, with the teacher's value, before the
// student tries to change it (the extension also undoes a change, with one message).
function markLocked(properties, locked) {
  for (const [key, value] of Object.entries(flatten(locked))) {
    const property = properties[key];
    if (!property) continue; // the policy check above reported names that are no setting
    const shown = "`" + JSON.stringify(value).replace(/`/g, "'") + "`";
    property.markdownDescription = `**Locked by your teacher: ${shown}.** A change here is undone. ${property.markdownDescription ?? ""}`;
    property.default = value; // Settings shows the value in force, not Mentor's default
  }
}

// "mentor.rules.disable", {"mentor": {"rules": {"disable": ...}}} and {"rules.disable": ...}
// all name the same setting (as the server reads them).
function flatten(node, path = []) {
  const flat = {};
  const known = knownKeys();
  for (const [name, value] of Object.entries(node)) {
    let parts = [...path, ...name.split(".")];
    if (parts[0] === "mentor") parts = parts.slice(1);
    const key = ["mentor", ...parts].join(".");
    if (value && typeof value === "object" && !Array.isArray(value) && !(key in known)) {
      Object.assign(flat, flatten(value, parts));
    } else {
      flat[key] = value;
    }
  }
  return flat;
}

function knownKeys() {
  return JSON.parse(readFileSync(join(source, "package.json"), "utf-8")).contributes.configuration.properties;
}
