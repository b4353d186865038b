// Markdown for the chat view: a language model's words, so hostile. markdown-it with raw HTML
// off (shown as text), no linkify, no typographer; images become their alt text (nothing is
// loaded from the net); a link keeps its href only for http(s), anything else (command:,
// vscode:, javascript:, file:, data:) becomes plain text. The page then runs DOMPurify over the
// result as a second line (chat.ts). No DOM here, so it is unit-tested in node.
import MarkdownIt from "markdown-it";

const SAFE_LINK = /^https?:\/\//i;

function makeRenderer(): MarkdownIt {
  const md = new MarkdownIt({ html: false, linkify: false, typographer: false, breaks: false });
  // markdown-it already refuses javascript:/vbscript:/file:/data: links; Mentor wants fewer.
  md.validateLink = (url: string) => SAFE_LINK.test(url.trim());
  md.renderer.rules.image = (tokens, index) => md.utils.escapeHtml(tokens[index].content || "");
  const open = md.renderer.rules.link_open ?? ((tokens, index, options, _env, self) => self.renderToken(tokens, index, options));
  md.renderer.rules.link_open = (tokens, index, options, env, self) => {
    tokens[index].attrSet("rel", "noopener noreferrer");
    return open(tokens, index, options, env, self);
  };
  return md;
}

const renderer = makeRenderer();

/** The answer's Markdown as HTML, before DOMPurify. */
export function markdownToHtml(text: string): string {
  return renderer.render(text);
}

/** Whether a link may be opened (outside the editor, by the extension, after VS Code asks). */
export function isSafeLink(href: string): boolean {
  return SAFE_LINK.test(href.trim());
}

/** DOMPurify's settings: only the tags Markdown makes, no style, no event handlers, no forms. */
export const PURIFY = {
  ALLOWED_TAGS: ["p", "br", "hr", "em", "strong", "code", "pre", "blockquote", "ul", "ol", "li", "a",
    "h1", "h2", "h3", "h4", "h5", "h6", "table", "thead", "tbody", "tr", "th", "td", "del", "s"],
  ALLOWED_ATTR: ["href", "title", "rel", "class", "start", "align"],
  ALLOWED_URI_REGEXP: /^https?:\/\//i,
  ALLOW_DATA_ATTR: false,
};
