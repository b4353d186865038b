// Open VSX packaging checks, without an upload (CI runs them; publishing is docs/teachers.md):
// the manifest and licence checks `ovsx publish` makes, the same packaging with ovsx's own vsce,
// and the packaged .vsix's manifest. Run it after scripts/package.mjs (it needs dist/ and wheels/).
//   OVSX_HOME=DIR node scripts/check-openvsx.mjs --vsix FILE
// OVSX_HOME: a folder where `npm install --prefix DIR ovsx@1.4.0` ran (.ci/run does it).
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { homedir, tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

const here = dirname(fileURLToPath(import.meta.url));
const client = join(here, "..");
const { values } = parseArgs({ options: { vsix: { type: "string" } } });
if (!values.vsix) {
  console.error("usage: node scripts/check-openvsx.mjs --vsix FILE");
  process.exit(2);
}
const home = process.env.OVSX_HOME ?? join(homedir(), ".cache", "mentor-ci", "ovsx-1.4.0");
const require = createRequire(join(home, "package.json"));
const ovsx = require("ovsx");
const { readVSIXPackage } = require("ovsx/lib/zip");
const { createVSIX } = require("@vscode/vsce");

const problems = [];
const manifest = await ovsx.readManifest(client);
try {
  ovsx.validateManifest(manifest); // publisher, name, version
} catch (error) {
  problems.push(error.message);
}
// Open VSX takes only licensed extensions (`ovsx publish` asks for one interactively).
if (!(await ovsx.isLicenseOk(client, manifest))) problems.push("no license in package.json and no LICENSE file");
for (const field of ["displayName", "description", "categories", "engines"]) {
  if (!manifest[field]) problems.push(`package.json has no "${field}" (the registry page shows it)`);
}

// The packaging `ovsx publish` does before it uploads, with the vsce ovsx ships.
const work = mkdtempSync(join(tmpdir(), "mentor-ovsx-"));
try {
  const packaged = join(work, "check.vsix");
  await createVSIX({
    cwd: client,
    packagePath: packaged,
    dependencies: false,
    allowMissingRepository: !manifest.repository,
  });
  const inside = await readVSIXPackage(packaged);
  if (!inside.main || !inside.contributes?.configuration) problems.push("the packaged manifest lost main/contributes");
} catch (error) {
  problems.push(`ovsx's packaging failed: ${error.message}`);
} finally {
  rmSync(work, { recursive: true, force: true });
}

// The .vsix CI built and would publish (`ovsx publish --packagePath FILE`).
const vsix = resolve(values.vsix);
const published = await readVSIXPackage(vsix);
for (const field of ["publisher", "name", "version", "license"]) {
  if (published[field] !== manifest[field]) problems.push(`${vsix}: ${field} is ${published[field]}, not ${manifest[field]}`);
}
const size = statSync(vsix).size;
if (size > 512 * 1024 * 1024) problems.push(`${vsix} is ${size} bytes, above Open VSX's default limit`);

if (!manifest.repository) {
  console.warn('warning: package.json has no "repository"; set it to the public repository before publishing (ovsx refuses without it unless --allow-missing-repository)');
}
if (problems.length) {
  console.error(`Open VSX checks failed:\n${problems.map((problem) => `  - ${problem}`).join("\n")}`);
  process.exit(1);
}
console.log(`Open VSX checks passed: ${manifest.publisher}.${manifest.name} ${manifest.version} (${(size / 1e6).toFixed(1)} MB), no upload`);
