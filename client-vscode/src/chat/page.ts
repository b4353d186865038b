// The chat view's HTML: the skeleton the page script (media/chat.ts) fills. Pure, unit-tested.
// Its CSP is as strict as the report's: nothing by default, one script by nonce, the view's own
// stylesheet, no images, no frames, no forms, no connections.

export interface PageResources {
  nonce: string;
  /** The webview's own origin (webview.cspSource), for the stylesheet. */
  cspSource: string;
  scriptUri: string;
  styleUri: string;
}

export function chatCsp(resources: PageResources): string {
  return [
    "default-src 'none'",
    `style-src ${resources.cspSource}`,
    `script-src 'nonce-${resources.nonce}'`,
    "img-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-src 'none'",
  ].join("; ");
}

export function chatPageHtml(resources: PageResources): string {
  const attr = (value: string) => value.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${attr(chatCsp(resources))}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="${attr(resources.styleUri)}">
<title>Ask Mentor</title>
</head>
<body>
<div class="toolbar">
  <button type="button" class="secondary" data-action="new" title="Start a new conversation">New conversation</button>
  <button type="button" class="secondary" data-action="list" title="Your earlier conversations">Conversations</button>
</div>
<div id="conversations" class="conversations" hidden></div>
<div id="messages" class="messages" role="log" aria-live="polite"></div>
<div id="notice" class="notice" role="status" hidden></div>
<div id="quick" class="quick" hidden></div>
<div id="chips" class="chips" aria-label="What Mentor is given" hidden></div>
<div class="composer">
  <textarea id="input" rows="3" placeholder="Ask Mentor about your code…" aria-label="Your question"></textarea>
  <div class="actions">
    <button type="button" id="check" class="secondary" data-action="check" hidden>Check my work</button>
    <button type="button" id="stop" class="danger" data-action="stop" hidden>Stop</button>
    <button type="button" id="send" data-action="send">Send</button>
  </div>
</div>
<script nonce="${attr(resources.nonce)}" src="${attr(resources.scriptUri)}"></script>
</body>
</html>`;
}
