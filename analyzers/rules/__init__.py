"""Rule families. Importing this package registers every rule with the registry."""

from mentor.analyzers.rules import (  # noqa: F401
    classes,
    comparisons,
    conditions,
    exceptions,
    files,
    function_bodies,
    functions,
    if_statements,
    inputs,
    loop_changes,
    loop_exits,
    loops,
    names,
    operations,
    parameters,
    scope,
    sequences,
    structure,
    syntax,
    types,
)
