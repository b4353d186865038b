"""Runtime errors explained: why a running program stopped, in plain words, with its values.

`explain_traceback(text, read)` is pure: traceback text and a source reader in, an
`Explanation` out. `runner` runs a student's program (only on their request, `mentor run`) and
records the failing frame's values.
"""

from mentor.analyzers.runtime.causes import CAUSE_NAMES, CAUSES, Cause, cause
from mentor.analyzers.runtime.explain import Explanation, explain_traceback, student_frame
from mentor.analyzers.runtime.tracebacks import ParsedTraceback, parse_traceback

__all__ = [
    "CAUSES",
    "CAUSE_NAMES",
    "Cause",
    "Explanation",
    "ParsedTraceback",
    "cause",
    "explain_traceback",
    "parse_traceback",
    "student_frame",
]
