// The progress report in a webview with a strict Content-Security-Policy: no scripts at all,
// styles only from the report's own <style> blocks (by nonce), images only as data: URIs.
import { randomBytes } from "node:crypto";
import * as vscode from "vscode";
import { secureHtml } from "./html";

let panel: vscode.WebviewPanel | undefined;

export function showReport(context: vscode.ExtensionContext, result: unknown): void {
  const html = reportHtml(result);
  if (html === undefined) return; // a client without webviews gets the server's Markdown instead
  if (!panel) {
    panel = vscode.window.createWebviewPanel("mentor.report", "My progress", vscode.ViewColumn.Beside, {
      enableScripts: false,
      localResourceRoots: [],
    });
    panel.onDidDispose(() => (panel = undefined), null, context.subscriptions);
  }
  panel.webview.html = secureHtml(html, randomBytes(16).toString("base64"));
  panel.reveal();
}

function reportHtml(result: unknown): string | undefined {
  if (result && typeof result === "object" && typeof (result as { html?: unknown }).html === "string") {
    return (result as { html: string }).html;
  }
  return undefined;
}
