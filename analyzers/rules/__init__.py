"""Rule families. Importing this package registers every rule with the registry.

The syntax rules live beside their classifiers, in `mentor.analyzers.syntax`.
"""

import mentor.analyzers.syntax  # noqa: F401
from mentor.analyzers.rules import (  # noqa: F401
    classes,
    comparisons,
    conditions,
    exceptions,
    files,
    function_bodies,
    function_values,
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
    types,
)
