// An answer's Markdown to the HTML the page shows: markdown.ts renders it (raw HTML off, only
// http(s) links, images as their alt text), then DOMPurify keeps only Markdown's own tags and
// drops any link that is not http(s). Given DOMPurify bound to a window, so it is unit-tested
// in jsdom as well as run in the webview.
import type { DOMPurify } from "dompurify";
import { isSafeLink, markdownToHtml, PURIFY } from "./markdown";

const hooked = new WeakSet<object>();

export function renderAnswer(text: string, purify: DOMPurify): string {
  if (!hooked.has(purify)) {
    hooked.add(purify);
    purify.addHook("afterSanitizeAttributes", (node) => {
      if (node.tagName === "A") {
        const href = node.getAttribute("href") ?? "";
        if (!isSafeLink(href)) node.removeAttribute("href");
        node.setAttribute("rel", "noopener noreferrer");
      }
    });
  }
  return purify.sanitize(markdownToHtml(text), PURIFY) as unknown as string;
}
