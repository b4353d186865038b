/** "line 2" or "lines 2–4" of a 0-based LSP range, as the server labels them (a selection of
 * whole lines ends at the start of the next one). */
export function linesLabel(startLine: number, endLine: number, endCharacter: number): string {
  const first = startLine + 1;
  let last = endLine + 1;
  if (last > first && endCharacter === 0) last -= 1;
  return first === last ? `line ${first}` : `lines ${first}–${last}`;
}
