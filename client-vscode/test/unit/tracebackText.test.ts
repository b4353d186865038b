import { describe, expect, it } from "vitest";
import { OutputBuffer, shellCommand, stripAnsi, tracebackAround, tracebackLinks } from "../../src/tracebackText";

const TRACEBACK = [
  "$ python prog.py",
  "Traceback (most recent call last):",
  '  File "/home/ana/hw/prog.py", line 5, in <module>',
  "    print(values[i + 1] - values[i])",
  "          ~~~~~~^^^^^^^",
  "IndexError: list index out of range",
  "$ ",
].join("\n");

describe("traceback links in terminal lines", () => {
  it("makes the frame's file and line a link", () => {
    const line = '  File "/home/ana/hw/prog.py", line 5, in <module>';
    expect(tracebackLinks(line)).toEqual([
      { start: 2, length: 35, kind: "frame", file: "/home/ana/hw/prog.py", line: 5 },
    ]);
  });

  it("makes the error line a link, dotted and bare names too", () => {
    expect(tracebackLinks("IndexError: list index out of range")).toEqual([{ start: 0, length: 35, kind: "error" }]);
    expect(tracebackLinks("json.decoder.JSONDecodeError: Expecting value")[0]?.kind).toBe("error");
    expect(tracebackLinks("KeyboardInterrupt")[0]?.kind).toBe("error");
  });

  it("leaves ordinary output alone", () => {
    for (const line of ["Hello Ada", "Error count: 3 files", "npm ERR! missing script", "Traceback (most recent call last):"]) {
      expect(tracebackLinks(line)).toEqual([]);
    }
  });
});

describe("the traceback a clicked line belongs to", () => {
  it("runs from before the line to the error that ends it", () => {
    const text = tracebackAround(TRACEBACK, '  File "/home/ana/hw/prog.py", line 5, in <module>');
    expect(text).toContain("Traceback (most recent call last):");
    expect(text?.trimEnd().endsWith("IndexError: list index out of range")).toBe(true);
    expect(text).not.toContain("$ \n");
  });

  it("takes the latest run when the same line was printed twice, and strips colours", () => {
    const coloured = TRACEBACK.replace("IndexError", "\x1b[35mIndexError\x1b[0m") + "\n" + TRACEBACK.replace("list index", "tuple index");
    const text = tracebackAround(`\x1b]633;C\x07${coloured}`, "IndexError: tuple index out of range");
    expect(text?.trimEnd().endsWith("IndexError: tuple index out of range")).toBe(true);
    expect(text).not.toContain("\x1b");
  });

  it("is undefined when the output does not hold the line", () => {
    expect(tracebackAround(TRACEBACK, "ValueError: nope")).toBeUndefined();
    expect(stripAnsi("\x1b[1mbold\x1b[0m")).toBe("bold");
  });

  it("keeps a bounded tail of the output", () => {
    const buffer = new OutputBuffer();
    for (let i = 0; i < 100; i++) buffer.append("x".repeat(10_000));
    buffer.append("end");
    expect(buffer.toString().length).toBe(256 * 1024);
    expect(buffer.toString().endsWith("end")).toBe(true);
  });
});

describe("the Run with Mentor command line", () => {
  it("quotes what a shell would split or expand", () => {
    expect(shellCommand(["/usr/bin/mentor", "run", "my prog.py"], false)).toBe("/usr/bin/mentor run 'my prog.py'");
    expect(shellCommand(["mentor", "run", "it's $HOME.py"], false)).toBe("mentor run 'it'\\''s $HOME.py'");
    expect(shellCommand(["C:\\Py\\mentor.exe", "run", "a'b.py"], true)).toBe("& 'C:\\Py\\mentor.exe' 'run' 'a''b.py'");
  });
});
