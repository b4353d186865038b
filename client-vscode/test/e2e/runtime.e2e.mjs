// End to end in the real VS Code (code-server) with the packaged extension installed, driven by
// playwright-core in Debian's Chromium: a student runs a crashing program with "Mentor: Run with
// Mentor", sees the traceback and Mentor's explanation in the integrated terminal and the
// mentor-run diagnostic on the failing line, then Ctrl+clicks the traceback's `File "...", line
// N` link in the terminal: the explanation opens rendered in the Mentor view, the editor at that line.
// Keeps screenshots run-1..run-3 as artifacts.
//   node test/e2e/runtime.e2e.mjs --code-server DIR --vsix FILE --python PATH --artifacts DIR
import { execFileSync, spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { chromium } from "playwright-core";
import { waitFor, freePort, frameWith, runCommand, mentorLogFiles, mentorLog } from "./support.mjs";

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

const CRASH = `values = [3, 8, 2]
total = 0
for i in range(len(values)):
    total += values[i]
    print(values[i + 1] - values[i])
print(total)
`;

const root = mkdtempSync(join(tmpdir(), "mentor-vscode-runtime-"));
const workspace = join(root, "homework");
const dataDir = join(root, "data");
const extensionsDir = join(root, "extensions");
for (const dir of [workspace, join(dataDir, "User"), join(dataDir, "Machine"), extensionsDir]) {
  mkdirSync(dir, { recursive: true });
}
writeFileSync(join(workspace, "crash.py"), CRASH);
writeFileSync(join(dataDir, "Machine", "settings.json"), JSON.stringify({ "mentor.interpreter": values.python }));
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
    // the DOM renderer: the terminal's text is in the page, where the test can find a link
    "terminal.integrated.gpuAcceleration": "off",
    "terminal.integrated.defaultProfile.linux": "bash",
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
    {
      detached: true, // its own process group, stopped as a whole
      stdio: ["ignore", "pipe", "pipe"],
      // the progress and run files in the test's own folder; bash for shell integration
      env: { ...process.env, XDG_DATA_HOME: join(root, "xdg-data"), SHELL: "/bin/bash" },
    },
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

  step("opening crash.py");
  await page.keyboard.press("Control+P");
  await page.waitForSelector(".quick-input-widget input");
  await page.keyboard.type("crash.py");
  await page.waitForSelector(".quick-input-list .monaco-list-row");
  await page.keyboard.press("Enter");
  await page.waitForSelector(".editor-group-container .monaco-editor .view-lines");
  await page.locator(".editor-group-container .squiggly-info, .editor-group-container .squiggly-warning").first().waitFor({ timeout: 120_000 });

  step("running it with Mentor: Run with Mentor");
  await runCommand(page, "Mentor: Run with Mentor");
  const rows = page.locator(".terminal-wrapper .xterm-rows");
  await waitFor(async () => /Mentor: index-out-of-range/.test(await terminalText(page)), 90_000, "Mentor's explanation in the terminal");
  const shown = await terminalText(page);
  for (const expected of ["Traceback (most recent call last):", "IndexError: list index out of range", "Think about it:"]) {
    if (!shown.includes(expected)) throw new Error(`the terminal lacks ${expected}:\n${shown}`);
  }
  step("waiting for the mentor-run diagnostic on the failing line");
  await page.locator(".editor-group-container .squiggly-error").first().waitFor({ timeout: 60_000 });
  await page.screenshot({ path: join(artifacts, "run-1-terminal.png") });

  step("moving the cursor away from line 5, then Ctrl+clicking the traceback's link");
  await page.locator(".editor-group-container .monaco-editor .view-line").first().click();
  const frameRow = rows.locator("> div").filter({ hasText: 'File "' }).filter({ hasText: "crash.py" }).last();
  await frameRow.waitFor();
  const point = await frameRow.evaluate((row) => {
    const walker = document.createTreeWalker(row, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const at = node.textContent.indexOf("File");
      if (at >= 0) {
        const range = document.createRange();
        range.setStart(node, at);
        range.setEnd(node, at + 4);
        const box = range.getBoundingClientRect();
        return { x: box.left + box.width / 2, y: box.top + box.height / 2 };
      }
    }
    return null;
  });
  if (!point) throw new Error("no File text in the traceback's row");
  await page.mouse.move(point.x, point.y);
  await page.locator(".monaco-hover, .terminal-hover-widget, .workbench-hover").filter({ hasText: "Explain this error (Mentor)" }).first().waitFor({ timeout: 30_000 });
  await page.screenshot({ path: join(artifacts, "run-2-link.png") });
  await page.keyboard.down("Control");
  await page.mouse.click(point.x, point.y);
  await page.keyboard.up("Control");

  step("seeing the explanation in the Mentor view, the editor at the failing line");
  const explanation = await frameWith(page, ".message.error", "IndexError at line 5", 60_000);
  const card = explanation.locator(".message.error").filter({ hasText: "IndexError at line 5" }).first();
  const body = await card.innerText();
  if (!body.includes("Why your program stopped")) throw new Error(`the card is not the run's error:\n${body}`);
  for (const expected of ["values[i + 1]", "Think about it:", "index-out-of-range"]) {
    if (!body.includes(expected)) throw new Error(`the explanation lacks ${expected}:\n${body}`);
  }
  await waitFor(
    async () => /Ln 5\b/.test(await page.locator(".statusbar").innerText()),
    30_000,
    "the cursor on line 5",
  );
  await page.screenshot({ path: join(artifacts, "run-3-explanation.png") });
  step("all steps passed");
} catch (error) {
  console.error(`[e2e] FAILED: ${error?.stack ?? error}`);
  process.exitCode = 1;
  const logs = mentorLogFiles(dataDir);
  console.error(logs.length ? `[e2e] server log (${logs.join(", ")}):\n${await mentorLog(dataDir)}` : "[e2e] no Mentor.log found");
} finally {
  try {
    const page = browser?.contexts()[0]?.pages()[0];
    if (page && process.exitCode) await page.screenshot({ path: join(artifacts, "run-failure.png") });
  } catch {}
  await browser?.close().catch(() => {});
  if (server?.pid) {
    try {
      process.kill(-server.pid, "SIGTERM");
    } catch {}
  }
  rmSync(root, { recursive: true, force: true });
}

/** The text of the integrated terminal as rendered (its DOM rows). */
async function terminalText(page) {
  const rows = page.locator(".terminal-wrapper .xterm-rows");
  if ((await rows.count()) === 0) return "";
  return (await rows.first().innerText()).replace(/\u00a0/g, " ");
}
