// Pure settings logic (no `vscode` import), so it is unit-tested without an editor.

/** Settings whose change needs a new server process (the others are sent live). */
export const RESTART_SETTINGS = [
  "mentor.interpreter",
  "mentor.model.path",
  "mentor.model.endpoint",
  "mentor.model.gpuLayers",
  "mentor.model.contextSize",
  "mentor.model.threads",
];

/**
 * Settings an untrusted workspace may not choose: they name programs or files Mentor runs,
 * loads or writes, or an address student code would be sent to. Mirrors package.json's
 * `capabilities.untrustedWorkspaces.restrictedConfigurations`.
 */
export const RESTRICTED_SETTINGS = [
  "mentor.interpreter",
  "mentor.model.path",
  "mentor.model.endpoint",
  "mentor.learner.database",
];

/** What `WorkspaceConfiguration.inspect()` reports for one setting. */
export interface Inspected<T> {
  defaultValue?: T;
  globalValue?: T;
  workspaceValue?: T;
  workspaceFolderValue?: T;
}

/** The value to use: workspace values of restricted settings count only in a trusted workspace. */
export function effectiveValue<T>(key: string, inspected: Inspected<T>, trusted: boolean): T | undefined {
  const userOnly = !trusted && RESTRICTED_SETTINGS.includes(key);
  if (!userOnly) {
    for (const value of [inspected.workspaceFolderValue, inspected.workspaceValue]) {
      if (value !== undefined) return value;
    }
  }
  return inspected.globalValue !== undefined ? inspected.globalValue : inspected.defaultValue;
}

/** Build the nested `mentor` object the server reads, from flat keys like `mentor.rules.disable`. */
export function nestSettings(flat: Record<string, unknown>): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(flat)) {
    if (value === undefined) continue;
    const parts = key.replace(/^mentor\./, "").split(".");
    let node = root;
    for (const part of parts.slice(0, -1)) {
      if (typeof node[part] !== "object" || node[part] === null) node[part] = {};
      node = node[part] as Record<string, unknown>;
    }
    node[parts[parts.length - 1]] = value;
  }
  return root;
}

/** Whether a configuration change touches a setting that needs a restart. */
export function needsRestart(affects: (section: string) => boolean): boolean {
  return RESTART_SETTINGS.some((key) => affects(key));
}

/** A teacher's policy: settings locked for the whole class, plus branding. */
export interface Policy {
  name?: string;
  locked: Record<string, unknown>;
}

/** Keys the student set themselves but the teacher locked to another value. */
export function overriddenByPolicy(flat: Record<string, unknown>, policy: Policy): string[] {
  return Object.keys(policy.locked).filter(
    (key) => flat[key] !== undefined && JSON.stringify(flat[key]) !== JSON.stringify(policy.locked[key]),
  );
}

/** Parse and check a policy file's JSON; a broken policy is reported, never half-applied. */
export function parsePolicy(text: string): Policy {
  const data: unknown = JSON.parse(text);
  if (typeof data !== "object" || data === null || Array.isArray(data)) {
    throw new Error("the policy must be a JSON object");
  }
  const { name, locked } = data as { name?: unknown; locked?: unknown };
  if (name !== undefined && typeof name !== "string") throw new Error("policy.name must be text");
  if (locked === undefined) return { name, locked: {} };
  if (typeof locked !== "object" || locked === null || Array.isArray(locked)) {
    throw new Error("policy.locked must be an object of settings");
  }
  for (const key of Object.keys(locked)) {
    if (!key.startsWith("mentor.")) throw new Error(`policy.locked: ${key} is not a Mentor setting`);
    if (key === "mentor.interpreter") throw new Error("policy.locked: the interpreter is the student's choice");
  }
  return { name, locked: locked as Record<string, unknown> };
}

/** What `mentor.exportReport` answers (see server/features/progress.py). */
export interface ExportAnswer {
  exported: boolean;
  path?: string;
  uri?: string;
  reason?: string;
}

/** The arguments for `mentor.exportReport` once the student chose a file in the save dialog:
 * the chosen path may be outside the workspace, and the dialog already asked about replacing. */
export function exportArguments(chosenPath: string, existed: boolean): Record<string, unknown> {
  const format = chosenPath.toLowerCase().endsWith(".csv") ? "csv" : "json";
  return { format, path: chosenPath, userChosen: true, replace: existed };
}
