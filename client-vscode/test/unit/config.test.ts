import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  RESTRICTED_SETTINGS,
  effectiveValue,
  exportArguments,
  needsRestart,
  nestSettings,
  overriddenByPolicy,
  parsePolicy,
} from "../../src/config";

describe("effectiveValue", () => {
  const inspected = { defaultValue: "python3", globalValue: "/usr/bin/python3.12", workspaceValue: "./evil/python" };

  it("takes the workspace value in a trusted workspace", () => {
    expect(effectiveValue("mentor.interpreter", inspected, true)).toBe("./evil/python");
  });

  it("ignores a restricted workspace value in an untrusted workspace", () => {
    expect(effectiveValue("mentor.interpreter", inspected, false)).toBe("/usr/bin/python3.12");
    expect(effectiveValue("mentor.model.endpoint", { workspaceValue: "http://attacker" }, false)).toBeUndefined();
  });

  it("keeps workspace values of harmless settings even when untrusted", () => {
    expect(effectiveValue("mentor.hintLevel", { defaultValue: "auto", workspaceValue: "novice" }, false)).toBe("novice");
  });

  it("prefers the folder over the workspace, and falls back to the default", () => {
    expect(effectiveValue("mentor.hintLevel", { workspaceValue: "a", workspaceFolderValue: "b" }, true)).toBe("b");
    expect(effectiveValue("mentor.hintLevel", { defaultValue: "auto" }, true)).toBe("auto");
  });
});

describe("nestSettings", () => {
  it("turns flat keys into the object the server reads", () => {
    expect(nestSettings({ "mentor.hintLevel": "novice", "mentor.rules.disable": ["bare-except"], "mentor.x": undefined })).toEqual({
      hintLevel: "novice",
      rules: { disable: ["bare-except"] },
    });
  });
});

describe("needsRestart", () => {
  it("restarts for the interpreter and the model, not for the hint level", () => {
    expect(needsRestart((section) => section === "mentor.interpreter")).toBe(true);
    expect(needsRestart((section) => section === "mentor.model.path")).toBe(true);
    expect(needsRestart((section) => section === "mentor.hintLevel")).toBe(false);
  });
});

describe("policy", () => {
  it("reads a teacher's policy", () => {
    const policy = parsePolicy('{"name": "CS101", "locked": {"mentor.hintLevel": "novice", "mentor.allowSolutions": false}}');
    expect(policy.name).toBe("CS101");
    expect(policy.locked["mentor.hintLevel"]).toBe("novice");
  });

  it("refuses policies that are not Mentor settings or that pick the student's interpreter", () => {
    expect(() => parsePolicy("[]")).toThrow(/JSON object/);
    expect(() => parsePolicy('{"locked": {"editor.fontSize": 30}}')).toThrow(/not a Mentor setting/);
    expect(() => parsePolicy('{"locked": {"mentor.interpreter": "/x"}}')).toThrow(/student's choice/);
  });

  it("lists the student's own values that the policy overrides", () => {
    const policy = parsePolicy('{"locked": {"mentor.hintLevel": "novice", "mentor.rules.disable": []}}');
    expect(overriddenByPolicy({ "mentor.hintLevel": "proficient", "mentor.rules.disable": [] }, policy)).toEqual([
      "mentor.hintLevel",
    ]);
  });
});

describe("the progress file setting in an untrusted workspace", () => {
  it("ignores the workspace's progress file path unless the workspace is trusted", () => {
    const inspected = { defaultValue: "", globalValue: "/home/me/progress.sqlite3", workspaceValue: "~/Documents/thesis.txt" };
    expect(effectiveValue("mentor.learner.database", inspected, false)).toBe("/home/me/progress.sqlite3");
    expect(effectiveValue("mentor.learner.database", { defaultValue: "", workspaceFolderValue: "../x" }, false)).toBe("");
    expect(effectiveValue("mentor.learner.database", inspected, true)).toBe("~/Documents/thesis.txt");
  });

  it("is restricted in package.json as in the extension's own filter", () => {
    const manifest = JSON.parse(readFileSync(join(__dirname, "..", "..", "package.json"), "utf-8"));
    const restricted: string[] = manifest.capabilities.untrustedWorkspaces.restrictedConfigurations;
    expect(restricted).toContain("mentor.learner.database");
    expect([...restricted].sort()).toEqual([...RESTRICTED_SETTINGS].sort());
  });
});

describe("exportArguments", () => {
  it("says the student chose the path, and replaces only a file the dialog asked about", () => {
    expect(exportArguments("/home/me/hand-in.csv", false)).toEqual({
      format: "csv",
      path: "/home/me/hand-in.csv",
      userChosen: true,
      replace: false,
    });
    expect(exportArguments("/home/me/p.json", true)).toMatchObject({ format: "json", replace: true });
  });
});
