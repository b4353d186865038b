// The student's and the teacher's first hour in the real VS Code (code-server with the packaged
// .vsix, driven by playwright-core in Debian's Chromium). Two scenarios:
//   --scenario install: `python3` on the editor's PATH is a fresh venv without Mentor, and the
//     shell profile would make `python3` another Python. The student clicks "Install Mentor" in
//     the notification; Mentor installs into that venv (offline: pip reads PIP_FIND_LINKS), the
//     server starts without a manual restart. Then "Choose the Python interpreter" lists both
//     Pythons with versions and Mentor's state; picking one writes mentor.interpreter into the
//     workspace settings. With that Python (llama-cpp-python in it) and no model, Mentor offers
//     "Install Mentor's tutor"; Install runs `mentor model install` from a folder of chunk
//     wheels (MENTOR_MODEL_SOURCE/CATALOG) and confirms.
//   --scenario lock: a teacher's .vsix locking mentor.hintLevel: the Settings UI says it is
//     locked, and a student's change is undone with one message naming the teacher's value.
// Screenshots first-*.png / lock-*.png go to --artifacts.
//   node test/e2e/firsthour.e2e.mjs --scenario install|lock --code-server DIR --vsix FILE
//     --python PATH (with Mentor) [--student-python PATH] --artifacts DIR [--env-file JSON]
import { execFileSync, spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { parseArgs } from "node:util";
import { chromium } from "playwright-core";
import { waitFor, freePort, runCommand, mentorLog } from "./support.mjs";

const { values } = parseArgs({
  options: {
    scenario: { type: "string" },
    "code-server": { type: "string" },
    vsix: { type: "string" },
    python: { type: "string" },
    "student-python": { type: "string" },
    artifacts: { type: "string" },
    "env-file": { type: "string" },
    chromium: { type: "string", default: "/usr/bin/chromium" },
  },
});
for (const required of ["scenario", "code-server", "vsix", "python", "artifacts"]) {
  if (!values[required]) throw new Error(`--${required} is required`);
}
const artifacts = values.artifacts;
mkdirSync(artifacts, { recursive: true });
const home = values["code-server"];
const node = join(home, "node24/node_modules/node/bin/node");
const entry = join(home, "cs/node_modules/code-server/out/node/entry.js");

const BEGINNER = `names = ["Ada", "Alan", "Grace"]
for i in range(len(names)):
    print("Hello", names[i])
`;

const root = mkdtempSync(join(tmpdir(), "mentor-first-hour-"));
const workspace = join(root, "homework");
const dataDir = join(root, "data");
const extensionsDir = join(root, "extensions");
const studentHome = join(root, "home");
for (const dir of [workspace, join(dataDir, "User"), join(dataDir, "Machine"), extensionsDir, studentHome]) {
  mkdirSync(dir, { recursive: true });
}
writeFileSync(join(workspace, "beginner.py"), BEGINNER);
const machine = { "mentor.learner.database": join(root, "progress.sqlite3") };
if (values.scenario === "lock") machine["mentor.interpreter"] = values.python;
writeFileSync(join(dataDir, "Machine", "settings.json"), JSON.stringify(machine));
writeFileSync(
  join(dataDir, "User", "settings.json"),
  JSON.stringify({
    "workbench.startupEditor": "none",
    "workbench.tips.enabled": false,
    "security.workspace.trust.enabled": false,
    "extensions.autoUpdate": false,
    "telemetry.telemetryLevel": "off",
    "chat.disableAIFeatures": true,
    "workbench.secondarySideBar.defaultVisibility": "hidden",
  }),
);
writeFileSync(join(root, "config.yaml"), "auth: none\ncert: false\n");

// The shell profile of the issue: pyenv-like, `python3` in a login shell is another Python. A
// terminal would run it; the extension must not (the decoy leaves a mark when it runs).
const decoy = join(root, "decoy-bin");
mkdirSync(decoy);
writeFileSync(join(decoy, "python3"), `#!/bin/sh\ntouch "${join(root, "decoy-ran")}"\nexit 1\n`, { mode: 0o755 });
writeFileSync(join(studentHome, ".bashrc"), `export PATH="${decoy}:$PATH"\n`);
writeFileSync(join(studentHome, ".profile"), `. "$HOME/.bashrc"\n`);

const extraEnv = values["env-file"] ? JSON.parse(readFileSync(values["env-file"], "utf-8")) : {};
const pathParts = [values["student-python"], values.python].filter(Boolean).map((python) => dirname(python));
const env = {
  ...process.env,
  ...extraEnv,
  HOME: studentHome,
  XDG_DATA_HOME: join(root, "data-home"), // Mentor's models folder: empty, this test's own
  XDG_STATE_HOME: join(root, "state-home"),
  PATH: [...pathParts, process.env.PATH].join(":"),
  // The editor started from a terminal (`code .`): its environment is that shell's, not one
  // read from the login shell's profile, so its python3 is the fresh venv.
  VSCODE_CLI: "1",
};
const codeServerArgs = ["--user-data-dir", dataDir, "--extensions-dir", extensionsDir, "--config", join(root, "config.yaml")];

const step = (text) => console.log(`[e2e] ${text}`);
const shot = (page, name) => page.screenshot({ path: join(artifacts, `${name}.png`) });
let server;
let browser;
try {
  step(`installing ${values.vsix}`);
  execFileSync(node, [entry, ...codeServerArgs, "--install-extension", values.vsix], { stdio: "inherit", env });
  const port = await freePort();
  server = spawn(
    node,
    [entry, ...codeServerArgs, "--auth", "none", "--bind-addr", `127.0.0.1:${port}`, "--disable-telemetry",
      "--disable-update-check", "--disable-workspace-trust", "--disable-getting-started-override", workspace],
    { detached: true, stdio: ["ignore", "pipe", "pipe"], env },
  );
  server.stdout.on("data", () => {});
  server.stderr.on("data", () => {});
  await waitFor(async () => (await fetch(`http://127.0.0.1:${port}/healthz`).catch(() => null))?.ok, 60_000, "code-server to listen");
  browser = await chromium.launch({
    executablePath: values.chromium,
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-dev-shm-usage"],
  });
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  page.setDefaultTimeout(90_000);
  await page.goto(`http://127.0.0.1:${port}/?folder=${encodeURIComponent(workspace)}`);
  await page.waitForSelector(".monaco-workbench", { timeout: 120_000 });
  await openFile(page, "beginner.py");

  if (values.scenario === "install") await installScenario(page);
  else if (values.scenario === "venv") await venvScenario(page);
  else if (values.scenario === "lock") await lockScenario(page);
  else throw new Error(`unknown scenario ${values.scenario}`);
  step("all steps passed");
} catch (error) {
  console.error(`[e2e] FAILED: ${error?.stack ?? error}`);
  process.exitCode = 1;
  console.error(`[e2e] Mentor log:\n${mentorLog(dataDir)}`);
} finally {
  try {
    const page = browser?.contexts()[0]?.pages()[0];
    if (page && process.exitCode) await shot(page, `${values.scenario}-failure`);
  } catch {}
  await browser?.close().catch(() => {});
  if (server?.pid) {
    try {
      process.kill(-server.pid, "SIGTERM");
    } catch {}
  }
  rmSync(root, { recursive: true, force: true });
}

async function installScenario(page) {
  const student = values["student-python"];
  step("Mentor says it is missing from the editor's python3, by its absolute path");
  const missing = notification(page, "Mentor is not installed in the Python at");
  await missing.waitFor({ timeout: 120_000 });
  const text = await missing.innerText();
  if (!text.includes(dirname(dirname(student)))) throw new Error(`the message names another Python: ${text}`);
  await settle();
  await shot(page, "first-1-not-installed");

  step('clicking "Install Mentor"');
  await button(page, "Mentor is not installed", /^Install Mentor$/).click();
  await notification(page, /installing into|Processing|Collecting|Installing collected/).waitFor({ timeout: 60_000 });
  await settle();
  await shot(page, "first-2-installing");

  step("waiting for the server to start by itself");
  await notification(page, "Mentor is ready").waitFor({ timeout: 400_000 });
  const squiggle = page.locator(".editor-group-container .squiggly-info, .editor-group-container .squiggly-warning").first();
  await squiggle.waitFor({ timeout: 120_000 });
  await shot(page, "first-3-ready");
  if (existsSync(join(root, "decoy-ran"))) throw new Error("the shell profile's python3 was run");
  execFileSync(student, ["-c", "import mentor.server"]); // installed into the venv it checked
  await clearNotifications(page);

  step("Mentor: Choose the Python interpreter");
  await runCommand(page, "Mentor: Choose the Python interpreter");
  const rows = page.locator(".quick-input-list .monaco-list-row");
  await rows.filter({ hasText: "Mentor installed" }).nth(1).waitFor({ timeout: 60_000 });
  const listed = (await rows.allInnerTexts()).join("\n");
  console.log(`[e2e] interpreters:\n${listed}`);
  for (const python of [student, values.python]) {
    if (!listed.includes(dirname(dirname(python)))) throw new Error(`${python} is not offered:\n${listed}`);
  }
  if (!/Python 3\.\d+\.\d+/.test(listed)) throw new Error(`no versions shown:\n${listed}`);
  await shot(page, "first-4-choose-interpreter");
  await rows.filter({ hasText: dirname(dirname(values.python)) }).first().click();
  const settingsFile = join(workspace, ".vscode", "settings.json");
  await waitFor(() => existsSync(settingsFile) && readFileSync(settingsFile, "utf-8").includes(dirname(dirname(values.python))), 30_000, "mentor.interpreter in the workspace settings");

  step("no model installed: Mentor offers its tutor");
  const offer = notification(page, "Install Mentor's tutor");
  await offer.waitFor({ timeout: 120_000 });
  const offerText = await offer.innerText();
  if (!/\(1\.1 GB\)/.test(offerText)) throw new Error(`the offer does not say the size: ${offerText}`);
  await settle();
  await shot(page, "first-5-tutor-offer");
  await button(page, "Install Mentor's tutor", /^Install$/).click();
  const done = notification(page, /Mentor's tutor is installed|Mentor's tutor was not installed/);
  await done.waitFor({ timeout: 300_000 });
  await shot(page, "first-6-tutor-installed");
  const doneText = await done.innerText();
  if (!doneText.includes("is installed")) throw new Error(`the tutor install failed: ${doneText}`);
  const errors = (await page.locator(".notification-list-item-message").allInnerTexts()).filter((text) => /failed|error/i.test(text));
  if (errors.length) throw new Error(`error notifications:\n${errors.join("\n")}`);
  const models = join(root, "data-home", "mentor", "models");
  if (!readdirSync(models).some((name) => name.endsWith(".gguf"))) throw new Error(`no model in ${models}`);
}

async function venvScenario(page) {
  step("the editor's python3 is the system's: Mentor offers a venv instead of changing it");
  const offer = notification(page, "it is not a virtual environment");
  await offer.waitFor({ timeout: 120_000 });
  await settle();
  await shot(page, "venv-1-offer");
  await button(page, "it is not a virtual environment", /^Create it and install$/).click();
  await notification(page, "Mentor is ready").waitFor({ timeout: 400_000 });
  const squiggle = page.locator(".editor-group-container .squiggly-info, .editor-group-container .squiggly-warning").first();
  await squiggle.waitFor({ timeout: 120_000 });
  await settle();
  await shot(page, "venv-2-ready");
  const venv = join(workspace, ".venv", "bin", "python");
  execFileSync(venv, ["-c", "import mentor.server"]);
  const settings = JSON.parse(readFileSync(join(workspace, ".vscode", "settings.json"), "utf-8"));
  if (settings["mentor.interpreter"] !== venv) throw new Error(`mentor.interpreter is ${settings["mentor.interpreter"]}`);
  let changed = true; // the system's Python was not touched
  try {
    execFileSync(values["student-python"], ["-c", "import mentor.server"], { stdio: "ignore" });
  } catch {
    changed = false;
  }
  if (changed) throw new Error(`Mentor was installed into ${values["student-python"]}`);
}

async function lockScenario(page) {
  const squiggle = page.locator(".editor-group-container .squiggly-info, .editor-group-container .squiggly-warning").first();
  await squiggle.waitFor({ timeout: 120_000 });
  step("Settings shows the lock");
  await runCommand(page, "Preferences: Open Settings (UI)");
  await page.locator(".settings-editor .suggest-input-container").first().waitFor();
  await page.locator(".settings-editor .suggest-input-container .view-lines").first().click();
  await page.keyboard.type("mentor.hintLevel"); // the search box is a small editor, not an input
  const setting = page.locator(".settings-editor .setting-item-contents").filter({ hasText: "Hint Level" }).first();
  await setting.waitFor();
  const description = await setting.innerText();
  if (!description.includes('Locked by your teacher: "novice"')) throw new Error(`the setting does not say it is locked:\n${description}`);
  await shot(page, "lock-1-settings");

  step("the student changes it in the workspace settings: undone, with one message");
  mkdirSync(join(workspace, ".vscode"), { recursive: true });
  writeFileSync(join(workspace, ".vscode", "settings.json"), JSON.stringify({ "mentor.hintLevel": "proficient" }));
  const told = notification(page, "your teacher set mentor.hintLevel");
  await told.waitFor({ timeout: 60_000 });
  await new Promise((resolve) => setTimeout(resolve, 5000)); // a second message would be here by now
  const messages = await page.locator(".notification-list-item-message").allInnerTexts();
  console.log(`[e2e] notifications:\n${messages.join("\n")}`);
  const aboutIt = messages.filter((message) => /hintLevel/.test(message));
  if (aboutIt.length !== 1) throw new Error(`expected one message about the lock, got ${aboutIt.length}`);
  if (!aboutIt[0].includes('"novice"')) throw new Error(`the message does not name the teacher's value: ${aboutIt[0]}`);
  if (messages.some((message) => /avoidConcepts/.test(message))) throw new Error("a message about a setting the student never set");
  await waitFor(() => !readFileSync(join(workspace, ".vscode", "settings.json"), "utf-8").includes("proficient"), 30_000, "the change to be undone");
  await shot(page, "lock-2-reverted");
  await clearNotifications(page);

  step("the student picks another level in the Settings UI's dropdown: undone too");
  const dropdown = setting.locator(".monaco-select-box");
  const shown = await dropdown.inputValue();
  if (shown !== "novice") throw new Error(`the dropdown shows ${shown}, not the teacher's value`);
  await dropdown.click();
  await page.locator(".select-box-dropdown-list-container .monaco-list-row").filter({ hasText: /^proficient$/ }).first().click();
  await notification(page, "your teacher set mentor.hintLevel").waitFor({ timeout: 60_000 });
  const userSettings = join(dataDir, "User", "settings.json");
  await waitFor(() => !readFileSync(userSettings, "utf-8").includes("proficient"), 30_000, "the change to be undone");
  // the open Settings page keeps the widget's last value: opened again, it shows the lock's
  await page.keyboard.press("Escape");
  await runCommand(page, "View: Close Editor");
  await runCommand(page, "Preferences: Open Settings (UI)");
  await page.locator(".settings-editor .suggest-input-container .view-lines").first().click();
  await page.keyboard.type("mentor.hintLevel");
  const again = page.locator(".settings-editor .setting-item-contents").filter({ hasText: "Hint Level" }).first();
  await again.waitFor();
  const value = await again.locator(".monaco-select-box").inputValue();
  if (value !== "novice") throw new Error(`Settings shows ${value} after the change was undone`);
  await shot(page, "lock-3-dropdown-reverted");
}

/** A button of the notification toast showing `text`. */
function button(page, text, label) {
  return page.locator(".notification-toast").filter({ hasText: text }).locator(".monaco-button", { hasText: label }).first();
}

function settle() {
  return new Promise((resolve) => setTimeout(resolve, 800)); // a toast's fade-in
}

function notification(page, text) {
  return page.locator(".notification-list-item-message").filter({ hasText: text }).first();
}

async function clearNotifications(page) {
  await runCommand(page, "Notifications: Clear All Notifications").catch(() => {});
}

async function openFile(page, name) {
  await page.keyboard.press("Control+P");
  await page.waitForSelector(".quick-input-widget input");
  await page.keyboard.type(name);
  await page.waitForSelector(".quick-input-list .monaco-list-row");
  await page.keyboard.press("Enter");
  await page.waitForSelector(".editor-group-container .monaco-editor .view-lines");
}
