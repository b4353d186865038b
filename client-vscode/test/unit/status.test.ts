import { describe as suite, expect, it } from "vitest";
import { secureHtml } from "../../src/html";
import { describe } from "../../src/statusText";

suite("status bar text", () => {
  it("shows model loading progress first", () => {
    const shown = describe({ level: "novice", model: { state: "loading", name: "SmolLM2", progress: 42.4 } });
    expect(shown.text).toBe("$(loading~spin) Mentor: loading model 42%");
  });

  it("then the learner's level, and what the tutor can do", () => {
    expect(describe({ level: "developing", model: { state: "ready", name: "CodeLlama-7B" } })).toEqual({
      text: "$(mortar-board) Mentor: Developing",
      tooltip: "Your level: Developing. Tutor: CodeLlama-7B. Click to see your progress.",
    });
    expect(describe({ level: null, model: null })).toEqual({
      text: "$(mortar-board) Mentor: ready",
      tooltip: "Your level: ready. Tutor switched off. Click to see your progress.",
    });
  });

  it("says when the model loads, and why it is unavailable", () => {
    expect(describe({ level: "novice", model: { state: "idle", name: "SmolLM2" } }).tooltip).toContain(
      "Tutor: SmolLM2 (loads when first asked)",
    );
    const failed = describe({ level: "novice", model: { state: "failed", name: "x", message: "no such file" } });
    expect(failed.text).toBe("$(mortar-board) Mentor: Novice");
    expect(failed.tooltip).toContain("Tutor unavailable: no such file");
  });
});

suite("secureHtml", () => {
  it("adds a strict CSP, nonces the styles and drops every script", () => {
    const html = secureHtml(
      '<html><head><style>p{}</style></head><body><script>alert(1)</script><p>hi</p><script src="x.js"></script></body></html>',
      "abc",
    );
    expect(html).toContain("default-src 'none'");
    expect(html).toContain("script-src 'none'");
    expect(html).toContain('<style nonce="abc">');
    expect(html).not.toMatch(/<script/i);
    expect(html).toContain("<p>hi</p>");
  });

  it("wraps a fragment in a page with the policy", () => {
    expect(secureHtml("<p>x</p>", "n")).toMatch(/^<!DOCTYPE html><html><head><meta http-equiv="Content-Security-Policy"/);
  });
});

suite("status bar in a first session", () => {
  it("gives no verdict while Mentor is getting to know the student", () => {
    const install = { model: "qwen2.5-coder-1.5b", size: 1 };
    const shown = describe({ level: "novice", model: { state: "idle", name: "no model", install }, gettingToKnow: true });
    expect(shown.text).toBe("$(mortar-board) Mentor: getting to know you");
    expect(shown.tooltip).not.toMatch(/novice/i);
    expect(shown.tooltip).toContain("No tutor model yet");
  });
});
