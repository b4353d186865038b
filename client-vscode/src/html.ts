// HTML hardening for webviews, pure so it is unit-tested without an editor.

/** Put a CSP in the page's head and a nonce on every <style>; scripts are stripped (pure, unit-tested). */
export function secureHtml(html: string, nonce: string): string {
  const csp =
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; ` +
    `img-src data:; style-src 'nonce-${nonce}'; script-src 'none'; base-uri 'none'; form-action 'none'">`;
  const withoutScripts = html.replace(/<script\b[\s\S]*?<\/script\s*>/gi, "").replace(/<script\b[^>]*>/gi, "");
  const styled = withoutScripts.replace(/<style\b([^>]*)>/gi, `<style nonce="${nonce}"$1>`);
  if (/<head\b[^>]*>/i.test(styled)) return styled.replace(/<head\b[^>]*>/i, (head) => `${head}${csp}`);
  return `<!DOCTYPE html><html><head>${csp}</head><body>${styled}</body></html>`;
}
