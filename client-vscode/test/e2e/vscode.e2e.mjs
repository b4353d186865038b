// End to end in the real VS Code (code-server) with the packaged extension installed, driven by
// playwright-core in Debian's Chromium. Opens a beginner file, waits for Mentor's squiggles,
// hovers one, checks Mentor's labelled entries in the editor's context menu, applies a quick
// fix, saves, opens the progress report (the webview with its chart, crediting the fix, no
// verdict in a first session) and checks the status bar item; keeps screenshots 1-5 (and
// 2b-context-menu) as artifacts.
//   node test/e2e/vscode.e2e.mjs --code-server DIR --vsix FILE --python PATH --artifacts DIR
import { execFileSync, spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { chromium } from "playwright-core";
import { waitFor, freePort, frameWith, runCommand, editorText, mentorLogFiles, mentorLog } from "./support.mjs";

const { values } = parseArgs({
  options: {
    "code-server": { type: "string" },
    vsix: { type: "string" },
    python: { type: "string" },
    artifacts: { type: "string" },
    chromium: { type: "string", default: "/usr/bin/chromium" },
  },
});
for (const required of ["code-server", "vsix", "python", "artifacts"]) {
  if (!values[required]) throw new Error(`--${required} is required`);
}
const artifacts = values.artifacts;
mkdirSync(artifacts, { recursive: true });
const home = values["code-server"];
const node = join(home, "node24/node_modules/node/bin/node");
const entry = join(home, "cs/node_modules/code-server/out/node/entry.js");

export const BEGINNER = `names = ["Ada", "Alan", "Grace"]
for i in range(len(names)):
    # greet everyone by name
    print("Hello", names[i])
`;

const root = mkdtempSync(join(tmpdir(), "mentor-vscode-e2e-"));
const workspace = join(root, "homework");
const dataDir = join(root, "data");
const extensionsDir = join(root, "extensions");
for (const dir of [workspace, join(dataDir, "User"), join(dataDir, "Machine"), extensionsDir]) {
  mkdirSync(dir, { recursive: true });
}
writeFileSync(join(workspace, "beginner.py"), BEGINNER);
// code-server is a remote window: machine-scoped settings such as the interpreter are read from
// the Machine settings, not the browser's User settings. The progress file lives in the test's
// own folder, so each run starts as a new student and leaves nothing in the real data folder.
writeFileSync(
  join(dataDir, "Machine", "settings.json"),
  JSON.stringify({ "mentor.interpreter": values.python, "mentor.learner.database": join(root, "progress.sqlite3") }),
);
writeFileSync(
  join(dataDir, "User", "settings.json"),
  JSON.stringify({
    "workbench.startupEditor": "none",
    "workbench.tips.enabled": false,
    "security.workspace.trust.enabled": false,
    "editor.hover.delay": 100,
    "extensions.autoUpdate": false,
    "telemetry.telemetryLevel": "off",
    "chat.disableAIFeatures": true,
    "workbench.secondarySideBar.defaultVisibility": "hidden",
  }),
);

const codeServerArgs = ["--user-data-dir", dataDir, "--extensions-dir", extensionsDir, "--config", join(root, "config.yaml")];
writeFileSync(join(root, "config.yaml"), "auth: none\ncert: false\n");

const step = (text) => console.log(`[e2e] ${text}`);
let server;
let browser;
try {
  step("installing the packaged extension");
  execFileSync(node, [entry, ...codeServerArgs, "--install-extension", values.vsix], { stdio: "inherit" });

  const port = await freePort();
  step(`starting code-server on port ${port}`);
  server = spawn(
    node,
    [entry, ...codeServerArgs, "--auth", "none", "--bind-addr", `127.0.0.1:${port}`, "--disable-telemetry",
      "--disable-update-check", "--disable-workspace-trust", "--disable-getting-started-override", workspace],
    { detached: true, stdio: ["ignore", "pipe", "pipe"] }, // its own process group, stopped as a whole
  );
  let serverLog = "";
  server.stdout.on("data", (chunk) => (serverLog += chunk));
  server.stderr.on("data", (chunk) => (serverLog += chunk));
  await waitFor(async () => (await fetch(`http://127.0.0.1:${port}/healthz`).catch(() => null))?.ok, 60_000, "code-server to listen");

  browser = await chromium.launch({
    executablePath: values.chromium,
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
      "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"],
  });
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  page.setDefaultTimeout(90_000);
  step("opening the workspace");
  await page.goto(`http://127.0.0.1:${port}/?folder=${encodeURIComponent(workspace)}`);
  await page.waitForSelector(".monaco-workbench", { timeout: 120_000 });

  step("opening beginner.py");
  await page.keyboard.press("Control+P");
  await page.waitForSelector(".quick-input-widget input");
  await page.keyboard.type("beginner.py");
  await page.waitForSelector(".quick-input-list .monaco-list-row");
  await page.keyboard.press("Enter");
  await page.waitForSelector(".editor-group-container .monaco-editor .view-lines");

  step("waiting for Mentor's diagnostic");
  const squiggle = page.locator(".editor-group-container .squiggly-info, .editor-group-container .squiggly-warning").first();
  await squiggle.waitFor({ timeout: 120_000 });
  await page.screenshot({ path: join(artifacts, "1-squiggles.png") });

  step("hovering the diagnostic");
  await squiggle.hover({ force: true });
  const hover = page.locator(".monaco-hover:visible").filter({ hasText: "range-len-loop" });
  await hover.waitFor();
  const hoverText = await hover.innerText();
  if (!hoverText.includes("for name in names")) throw new Error(`hover lacks the advice: ${hoverText}`);
  await page.screenshot({ path: join(artifacts, "2-hover.png") });
  await page.keyboard.press("Escape");

  step("opening the editor's context menu: Mentor's entries, labelled, above Cut and Copy");
  await squiggle.click({ button: "right", force: true });
  const menuItems = page.locator(".monaco-menu .action-label");
  await menuItems.filter({ hasText: "Mentor: Explain this" }).first().waitFor();
  const labels = (await menuItems.allInnerTexts()).map((text) => text.trim()).filter(Boolean);
  const explainAt = labels.indexOf("Mentor: Explain this");
  const cutAt = labels.findIndex((text) => /^Cut$/.test(text));
  if (labels[explainAt + 1] !== "Mentor: Give me a hint") throw new Error(`Mentor's entries are not together: ${labels.join(" | ")}`);
  if (cutAt >= 0 && explainAt > cutAt) throw new Error(`Mentor's entries sit below Cut: ${labels.join(" | ")}`);
  console.log(`[e2e] context menu: ${labels.join(" | ")}`);
  await page.screenshot({ path: join(artifacts, "2b-context-menu.png") });
  await page.keyboard.press("Escape");

  // The learner model measures a fix against the last snapshot of settled code: the one taken
  // once the opened file has stayed unchanged for mentor.learner.snapshotDelayMs.
  step("waiting for Mentor's first snapshot of the code");
  await waitFor(async () => /snapshot of beginner\.py stored/.test(await mentorLog(dataDir)), 60_000, "the first snapshot in the server log");

  step("applying the quick fix");
  await squiggle.click({ force: true });
  await runCommand(page, "Quick Fix...");
  const fix = page.locator(".action-widget .monaco-list-row, .context-view .monaco-list-row, .action-widget li").filter({ hasText: "Loop over the items" });
  await fix.first().waitFor();
  await page.screenshot({ path: join(artifacts, "3-quick-fix.png") });
  await fix.first().click();
  await waitFor(async () => (await editorText(page)).includes("for name in names:"), 30_000, "the fix to be applied");
  const fixed = await editorText(page);
  if (!fixed.includes("# greet everyone by name")) throw new Error(`the fix lost the comment:\n${fixed}`);
  if (!fixed.includes('print("Hello", name)')) throw new Error(`the fix did not rewrite the body:\n${fixed}`);
  await waitFor(async () => (await page.locator(".editor-group-container .squiggly-info").count()) === 0, 30_000, "the squiggle to go");
  await page.screenshot({ path: join(artifacts, "4-fixed.png") });

  step("saving: Mentor credits the quick fix");
  await page.keyboard.press("Control+S");
  await waitFor(
    async () => /snapshot of beginner\.py stored: [1-9]\d* observations.*range-len-loop/.test(await mentorLog(dataDir)),
    30_000,
    "the snapshot crediting the fix in the server log",
  );

  step("opening the progress report");
  await runCommand(page, "Show my progress");
  await page.locator(".tabs-container .tab").filter({ hasText: "My progress" }).waitFor();
  const report = await frameWith(page, "h1", "Your Python progress", 60_000);
  const heading = await report.locator("h1").innerText();
  if (!heading.includes("homework")) throw new Error(`the report is not about this workspace: ${heading}`);
  // a first session charts what the student practised; later reports chart mastery over time
  const chart = report.locator('svg[role="img"]').first();
  if (!(await chart.isVisible())) throw new Error("the report has no visible chart");
  if ((await chart.locator("polyline, path, circle, rect").count()) === 0) throw new Error("the chart plots nothing");
  const summary = await report.locator("body").innerText();
  if (!/You fixed [1-9]\d* mistakes?/.test(summary)) throw new Error(`the report does not count the fix:\n${summary}`);
  if (/novice|falling|\d\s*%/.test(summary)) throw new Error(`a first session's report gives a verdict:\n${summary}`);
  const overflow = await chart.evaluate((svg) => svg.getBoundingClientRect().right - document.documentElement.clientWidth);
  if (overflow > 0) throw new Error(`the chart's legend is cut off: ${overflow}px past the panel's edge`);
  const skills = await report.locator("table").first().innerText();
  for (const skill of ["loops", "lists"]) {
    if (!skills.includes(skill)) throw new Error(`the report does not list the ${skill} skill:\n${skills}`);
  }
  const misconception = await report.locator("tr").filter({ hasText: "range-len-loop" }).innerText();
  if (!misconception.includes("overcome")) throw new Error(`the fixed misconception is not overcome: ${misconception}`);
  await page.screenshot({ path: join(artifacts, "5-report.png") });

  step("checking the status bar item");
  const statusItem = page.locator(".statusbar-item").filter({ hasText: "Mentor:" });
  const statusText = await statusItem.first().innerText();
  if (/not running|stopped|failed/i.test(statusText)) throw new Error(`the status bar reports a problem: ${statusText}`);
  // one session is too little for a verdict: no "Novice" there either
  if (!/getting to know you/.test(statusText)) throw new Error(`a first session's status bar gives a verdict: ${statusText}`);
  step("all steps passed");
} catch (error) {
  console.error(`[e2e] FAILED: ${error?.stack ?? error}`);
  process.exitCode = 1;
  const logs = mentorLogFiles(dataDir);
  console.error(logs.length ? `[e2e] server log (${logs.join(", ")}):\n${await mentorLog(dataDir)}` : "[e2e] no Mentor.log found");
} finally {
  try {
    const page = browser?.contexts()[0]?.pages()[0];
    if (page && process.exitCode) await page.screenshot({ path: join(artifacts, "failure.png") });
  } catch {}
  await browser?.close().catch(() => {});
  if (server?.pid) {
    try {
      process.kill(-server.pid, "SIGTERM"); // the whole process group: code-server and its children
    } catch {}
  }
  rmSync(root, { recursive: true, force: true });
}
