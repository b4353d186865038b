// The page's sanitiser in a real DOM (jsdom): what reaches the chat view's innerHTML.
import createDOMPurify from "dompurify";
import { JSDOM } from "jsdom";
import { describe, expect, it } from "vitest";
import { PURIFY } from "../../media/markdown";
import { renderAnswer } from "../../media/render";

const { window } = new JSDOM("<!DOCTYPE html><body></body>");
const purify = createDOMPurify(window as unknown as Window & typeof globalThis);

function shown(text: string): Element {
  const box = window.document.createElement("div");
  box.innerHTML = renderAnswer(text, purify);
  return box;
}

// A model's worst (the hostile endpoint's kind): markup, handlers, command links, remote images.
const HOSTILE = [
  "<script>alert(1)</script> <img src=x onerror=alert(2)> <iframe src=https://evil.example></iframe>",
  '<a href="command:workbench.action.terminal.new">Run</a> <b onclick="alert(3)">bold</b>',
  "[Open the terminal](command:workbench.action.terminal.new) [v](vscode://file/etc/passwd)",
  "[j](javascript:alert(4)) [d](data:text/html,<script>alert(5)</script>) [f](file:///etc/passwd)",
  "![tracker](https://evil.example/pixel.png) <svg onload=alert(6)></svg> <style>*{}</style>",
  "What does `i` hold on each pass? See [the docs](https://docs.python.org/3/tutorial/).",
].join("\n\n");

describe("an answer as the chat view shows it", () => {
  const box = shown(HOSTILE);

  it("has no element that runs, loads or styles anything", () => {
    expect(box.querySelectorAll("script, img, iframe, svg, style, object, embed, form, input")).toHaveLength(0);
    for (const element of box.querySelectorAll("*")) {
      for (const attribute of element.getAttributeNames()) expect(attribute).not.toMatch(/^on|^style$|^src$/);
    }
  });

  it("keeps only http(s) links, and shows the rest as text", () => {
    const links = [...box.querySelectorAll("a")];
    expect(links.map((a) => a.getAttribute("href"))).toEqual(["https://docs.python.org/3/tutorial/"]);
    expect(links[0].getAttribute("rel")).toBe("noopener noreferrer");
    expect(box.textContent).toContain("<script>alert(1)</script>"); // raw HTML shown, not run
    expect(box.textContent).toContain("tracker"); // an image is its alt text
  });

  it("keeps the teaching: code and emphasis rendered", () => {
    expect(box.querySelector("code")?.textContent).toBe("i");
    expect(shown("**Look** at line 2").querySelector("strong")?.textContent).toBe("Look");
  });

  it("drops a non-http(s) link even if markdown-it let one through (the second line)", () => {
    renderAnswer("", purify); // installs the page's hook
    const box2 = window.document.createElement("div");
    box2.innerHTML = purify.sanitize(
      '<a href="command:x">x</a><a href="vscode://y">y</a><a href="https://ok.example">ok</a>',
      PURIFY,
    ) as unknown as string;
    expect([...box2.querySelectorAll("a")].map((a) => a.getAttribute("href"))).toEqual([null, null, "https://ok.example"]);
  });
});
