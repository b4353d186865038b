// End to end in the real VS Code (code-server) with the packaged extension installed, driven by
// playwright-core in Debian's Chromium. Opens a beginner file, waits for Mentor's squiggles,
// hovers one, applies a quick fix, and keeps screenshots as artifacts.
//   node test/e2e/vscode.e2e.mjs --code-server DIR --vsix FILE --python PATH --artifacts DIR
import { execFileSync, spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { chromium } from "playwright-core";

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
// the Machine settings, not the browser's User settings.
writeFileSync(join(dataDir, "Machine", "settings.json"), JSON.stringify({ "mentor.interpreter": values.python }));
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
  step("all steps passed");
} catch (error) {
  console.error(`[e2e] FAILED: ${error?.stack ?? error}`);
  process.exitCode = 1;
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

/** The visible text of the open editor (Monaco renders spaces as no-break spaces). */
async function editorText(page) {
  const text = await page.locator(".editor-group-container .monaco-editor .view-lines").innerText();
  return text.replace(/\u00a0/g, " ");
}

/** Run a command from the palette, as a student would (F1, type its title, Enter). */
async function runCommand(page, title) {
  await page.keyboard.press("F1");
  const input = page.locator(".quick-input-widget input");
  await input.waitFor();
  await input.fill(`>${title}`);
  await page.locator(".quick-input-list .monaco-list-row").filter({ hasText: title }).first().waitFor();
  await page.keyboard.press("Enter");
}

async function freePort() {
  return await new Promise((resolve) => {
    const probe = createServer();
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

async function waitFor(check, timeoutMs, what) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`timed out waiting for ${what}`);
}
