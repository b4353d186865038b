// What the code-server end-to-end scripts share: waiting, ports, frames, the command palette,
// the editor's text and the Mentor server's log in code-server's user data folder.
import { readdirSync, readFileSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";

export async function waitFor(check, timeoutMs, what) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`timed out waiting for ${what}`);
}

export async function freePort() {
  return await new Promise((resolve) => {
    const probe = createServer();
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

/** The frame (webviews are iframes nested in iframes) showing `selector`, with `text` in it
 * when `text` is given. */
export async function frameWith(page, selector, text, timeoutMs) {
  let found;
  await waitFor(
    async () => {
      for (const frame of page.frames()) {
        const matches = frame.locator(selector);
        const count = await (text === undefined ? matches : matches.filter({ hasText: text })).count().catch(() => 0);
        if (count > 0) {
          found = frame;
          return true;
        }
      }
      return false;
    },
    timeoutMs,
    text === undefined ? `a frame with ${selector}` : `a frame showing ${selector} "${text}"`,
  );
  return found;
}

/** Run a command from the palette, as a student would (F1, type its title, Enter). */
export async function runCommand(page, title) {
  await page.keyboard.press("F1");
  const input = page.locator(".quick-input-widget input");
  await input.waitFor();
  await input.fill(`>${title}`);
  await page.locator(".quick-input-list .monaco-list-row").filter({ hasText: title }).first().waitFor();
  await page.keyboard.press("Enter");
}

export async function editorText(page) {
  const text = await page.locator(".editor-group-container .monaco-editor .view-lines").innerText();
  return text.replace(/\u00a0/g, " ");
}

/** The extension's "Mentor" output channel files (logs of the extension host, under
 * code-server's user data folder `dataDir`). */
export function mentorLogFiles(dataDir) {
  try {
    return readdirSync(join(dataDir, "logs"), { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile() && entry.name === "Mentor.log")
      .map((entry) => join(entry.parentPath ?? entry.path, entry.name));
  } catch {
    return []; // code-server has not written its logs folder yet
  }
}

/** The server's log as the extension wrote it ("" before there is one). */
export function mentorLog(dataDir) {
  return mentorLogFiles(dataDir)
    .map((file) => readFileSync(file, "utf8"))
    .join("\n");
}
