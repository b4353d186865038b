// The context chips of the chat view: what a question is asked with (the file, the selection,
// the diagnostic at the cursor, the assignment, the last check's failing case), each one the
// student can remove. Pure: the provider gathers the editor's facts, this decides the chips and
// the mentor/chat parameters they make.

export type ChipId = "file" | "selection" | "diagnostic" | "assignment" | "lastRun";

export interface Chip {
  id: ChipId;
  label: string;
  /** A longer text for the chip's tooltip. */
  detail?: string;
}

export interface LspRange {
  start: { line: number; character: number };
  end: { line: number; character: number };
}

/** What the editor and the server say about the student's current place (all optional). */
export interface EditorFacts {
  uri?: string;
  fileName?: string;
  /** The selection, when it is not empty. */
  selection?: LspRange;
  /** The cursor's line (0-based): the diagnostic at the cursor is on it. */
  cursor?: LspRange;
  diagnostic?: { message: string; code?: string; line: number };
  assignment?: string;
  lastRun?: string;
  lastRunKind?: "check" | "run";
}

const MAX_LABEL = 40;

/** The chips for these facts, less those the student removed. */
export function chipsFor(facts: EditorFacts, removed: ReadonlySet<ChipId>): Chip[] {
  if (!facts.uri) return [];
  const chips: Chip[] = [{ id: "file", label: facts.fileName || "this file", detail: "The file's current text" }];
  if (facts.selection) {
    const first = facts.selection.start.line + 1;
    let last = facts.selection.end.line + 1;
    if (last > first && facts.selection.end.character === 0) last -= 1; // whole lines end at the next
    chips.push({ id: "selection", label: first === last ? `Line ${first}` : `Lines ${first}–${last}`, detail: "The selected code" });
  }
  if (facts.diagnostic) {
    // The problem in its own words (a code like MNT101 means nothing to a student).
    const sentence = facts.diagnostic.message.split(/(?<=[.!?:])\s/)[0].replace(/`/g, "");
    chips.push({
      id: "diagnostic",
      label: shorten(`Line ${facts.diagnostic.line + 1}: ${sentence}`),
      detail: facts.diagnostic.message,
    });
  }
  if (facts.assignment) chips.push({ id: "assignment", label: shorten(facts.assignment), detail: "Your teacher's assignment" });
  if (facts.lastRun) {
    chips.push({ id: "lastRun", label: facts.lastRunKind === "run" ? "Last run" : "Last check", detail: facts.lastRun });
  }
  return chips.filter((chip) => !removed.has(chip.id) && (chip.id === "file" || !removed.has("file")));
}

export interface ChatParams {
  textDocument?: { uri: string };
  range?: LspRange;
  context?: { selection: boolean; diagnostic: boolean; assignment: boolean; lastRun: boolean };
}

/** The mentor/chat parameters the shown chips make: a removed chip is sent as `false` (the
 * server leaves it out); without the file chip, no document at all. */
export function chatParams(facts: EditorFacts, chips: readonly Chip[]): ChatParams {
  const has = (id: ChipId) => chips.some((chip) => chip.id === id);
  if (!facts.uri || !has("file")) return {};
  // The selection while its chip is shown; else the cursor's line (its diagnostic).
  const range = (has("selection") ? facts.selection : undefined) ?? facts.cursor;
  return {
    textDocument: { uri: facts.uri },
    ...(range ? { range } : {}),
    context: {
      selection: has("selection") || has("diagnostic"),
      diagnostic: has("diagnostic"),
      assignment: has("assignment"),
      lastRun: has("lastRun"),
    },
  };
}

function shorten(text: string): string {
  return text.length <= MAX_LABEL ? text : `${text.slice(0, MAX_LABEL - 1)}…`;
}
