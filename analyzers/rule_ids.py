"""Every rule's stable code, in one typed table (after ruff: rules are never loose strings).

Families: 0xx syntax, 1xx loops, 2xx conditions and comparisons, 3xx functions, 4xx names and
scope, 5xx exceptions, 6xx types and input, 7xx strings and collections, 8xx classes,
9xx program structure (files, modules, dead code).
"""

from __future__ import annotations

from enum import Enum


class RuleId(str, Enum):
    # syntax: code that does not parse
    SYNTAX_ERROR = "MNT001"
    UNCLOSED_BRACKET = "MNT002"
    UNMATCHED_BRACKET = "MNT003"
    MISSING_COLON = "MNT004"
    MISSING_COMMA = "MNT005"
    UNTERMINATED_STRING = "MNT006"
    BAD_INDENTATION = "MNT007"
    KEYWORD_AS_NAME = "MNT008"
    MISSING_OPERATOR = "MNT009"
    PRINT_STATEMENT = "MNT010"
    ELSE_IF = "MNT011"
    MISSING_QUOTES = "MNT012"
    WRONG_OPERATOR = "MNT013"
    ASSIGN_TO_EXPRESSION = "MNT014"
    INVALID_CHARACTER = "MNT015"
    RETURN_OUTSIDE_FUNCTION = "MNT016"
    BREAK_OUTSIDE_LOOP = "MNT017"
    ELSE_WITHOUT_IF = "MNT018"
    MISSPELLED_KEYWORD = "MNT019"
    NAME_STARTS_WITH_DIGIT = "MNT020"
    BINARY_FILE = "MNT021"

    # loops
    RANGE_LEN_LOOP = "MNT101"
    LOOP_VARIABLE_REASSIGNED = "MNT102"
    MODIFIED_WHILE_ITERATING = "MNT103"
    INFINITE_WHILE_LOOP = "MNT104"
    LOOP_RUNS_ONCE = "MNT105"

    # conditions and comparisons
    ASSIGN_IN_CONDITION = "MNT201"
    SINGLETON_COMPARISON = "MNT202"
    ALWAYS_TRUE_OR = "MNT203"
    SIMPLIFIABLE_IF_RETURN = "MNT204"
    LITERAL_IS_COMPARISON = "MNT205"
    REPEATED_EQUALITY_OR = "MNT206"
    CHAINED_COMPARISON = "MNT207"
    FUNCTION_AS_CONDITION = "MNT208"

    # functions
    MUTABLE_DEFAULT_ARGUMENT = "MNT301"
    ASSIGNMENT_FROM_NONE = "MNT302"
    PRINT_INSTEAD_OF_RETURN = "MNT303"
    RECURSION_WITHOUT_BASE_CASE = "MNT304"
    UNUSED_ARGUMENT = "MNT305"
    FUNCTION_NOT_CALLED = "MNT306"

    # names and scope
    REDEFINED_BUILTIN = "MNT401"
    UNBOUND_LOCAL = "MNT402"
    UNDEFINED_NAME = "MNT403"
    UNUSED_VARIABLE = "MNT404"

    # exceptions
    BARE_EXCEPT = "MNT501"
    SILENCED_EXCEPTION = "MNT502"

    # types and input
    INPUT_USED_AS_NUMBER = "MNT601"
    TYPE_COMPARISON = "MNT602"
    INT_OF_DIVISION = "MNT603"
    TEXT_NUMBER_OPERATION = "MNT604"

    # strings and collections
    LENGTH_METHOD = "MNT701"
    MULTIPLIED_NESTED_LIST = "MNT702"
    STRING_CONCAT_IN_LOOP = "MNT703"

    # classes
    RETURN_IN_INIT = "MNT801"
    METHOD_WITHOUT_SELF = "MNT802"

    # program structure
    UNREACHABLE_CODE = "MNT901"
    POINTLESS_STATEMENT = "MNT902"
    MODULE_SHADOWS_STDLIB = "MNT903"
    OPEN_WITHOUT_WITH = "MNT904"

    # about the file as a whole
    FILE_TOO_LARGE = "MNT990"
