"""Rule families. Importing this package registers every rule with the registry."""

from mentor.analyzers.rules import (  # noqa: F401
    conditions,
    exceptions,
    functions,
    inputs,
    loops,
    names,
    structure,
    syntax,
)
