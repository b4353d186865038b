// Python tracebacks in terminal text: which parts of a line are links, and the traceback a
// clicked line belongs to. Pure (no vscode), so it is unit-tested without an editor.

/** `File "prog.py", line 5` in a traceback frame. */
const FRAME = /File "([^"\n]+)", line (\d+)/g;
/** The last line of a traceback: `IndexError: list index out of range`, `KeyboardInterrupt`. */
const ERROR = /^\s*((?:[A-Za-z_]\w*\.)*[A-Za-z_]\w*(?:Error|Exception|Interrupt|Exit|Warning|StopIteration|Group))(?::\s.*)?$/;
// Escape sequences a terminal's output holds: colours (CSI) and shell-integration marks (OSC).
const ANSI = /\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b[@-Z\\-_]/g;
const MAX_BUFFER = 256 * 1024; // characters of a terminal's output kept: tracebacks are short
const MAX_LINES_BEFORE = 400; // lines before the clicked one sent with it (a deep recursion)

export interface TracebackLink {
  start: number;
  length: number;
  kind: "frame" | "error";
  file?: string;
  line?: number; // 1-based
}

/** The links in one line of terminal text. */
export function tracebackLinks(text: string): TracebackLink[] {
  const links: TracebackLink[] = [];
  for (const match of text.matchAll(FRAME)) {
    links.push({ start: match.index ?? 0, length: match[0].length, kind: "frame", file: match[1], line: Number(match[2]) });
  }
  if (links.length === 0 && ERROR.test(text) && !/^\s*(File|Traceback)\b/.test(text)) {
    const start = text.length - text.trimStart().length;
    links.push({ start, length: text.trim().length, kind: "error" });
  }
  return links;
}

export function stripAnsi(text: string): string {
  return text.replace(ANSI, "");
}

/**
 * The traceback the clicked line belongs to, from a terminal's output: everything up to the
 * error line that ends it (its last occurrence: the latest run), with the lines before it.
 * Undefined when the output does not hold the line.
 */
export function tracebackAround(output: string, clicked: string): string | undefined {
  const lines = stripAnsi(output).replace(/\r\n?/g, "\n").split("\n");
  const wanted = clicked.trim();
  let at = -1;
  for (let index = lines.length - 1; index >= 0; index--) {
    if (lines[index].trim() === wanted) {
      at = index;
      break;
    }
  }
  if (at < 0 || wanted === "") return undefined;
  let end = at;
  while (end < lines.length && !(ERROR.test(lines[end]) && !/^\s/.test(lines[end]))) end++;
  if (end >= lines.length) end = at;
  return lines.slice(Math.max(0, at - MAX_LINES_BEFORE), end + 1).join("\n") + "\n";
}

/** A terminal's recent output, bounded. */
export class OutputBuffer {
  private text = "";

  append(chunk: string): void {
    this.text += chunk;
    if (this.text.length > MAX_BUFFER) this.text = this.text.slice(-MAX_BUFFER);
  }

  toString(): string {
    return this.text;
  }
}

/** A command line for a POSIX shell or PowerShell: each part quoted for it. */
export function shellCommand(parts: string[], windows: boolean): string {
  if (windows) return "& " + parts.map((part) => `'${part.replace(/'/g, "''")}'`).join(" ");
  return parts.map((part) => (/^[\w@%+=:,./-]+$/.test(part) ? part : `'${part.replace(/'/g, `'\\''`)}'`)).join(" ");
}
