"""Re-analysing one document after an edit, at the cost of what the edit changed.

The result is always the same as a fresh analysis of the same text
(`tests/analyzers/test_incremental.py` and `test_differential.py` check that on thousands of
edits); only the cost differs. The parts, in the order an analysis meets them:

- `document`: `DocumentAnalyzer`, one per open document, and `analyze` for a one-off text. It
  keeps the last version that parsed, cut into units.
- `units`: a unit is one top-level statement (or several sharing a line). After an edit only the
  changed lines, widened by one unit on each side, are parsed again; `UnitCache` holds what was
  derived from each unit (its index, its part of the scope table, its checker records, its
  misplaced `return`), kept while its text and place stay the same.
- `records`: the findings of each checker call on a unit's nodes, reused while what the call
  read still holds, moved when the unit moved.
- `tracking`: what a checker call read beyond its unit, noted by one recorder that every
  whole-file door of the `Context` reports to; that alone decides whether a record is reused.
- `relex`: when a version does not parse, the tokens of the units it shares with the last
  version that parsed are reused to explain the error.

Nothing here is imported by this package's `__init__`, so that `context` and `scopes` can use
`units` and `tracking` without a cycle.
"""
