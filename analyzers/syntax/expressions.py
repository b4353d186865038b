"""Expression-level causes: `=` for `==`, operators from other languages, a keyword used as a
name, something that is not a name on the left of `=`, and two values side by side (a missing
comma, a missing operator, a dictionary key without its colon)."""

from __future__ import annotations

from mentor.analyzers.findings import Applicability
from mentor.analyzers.rule_ids import RuleId
from mentor.analyzers.source import Edit, Span
from mentor.analyzers.syntax.brackets import ASSIGNMENT_OPERATORS
from mentor.analyzers.syntax.lexer import CLOSING, KEYWORDS, OPENING, Kind, Token
from mentor.analyzers.syntax.reading import (
    Diagnosis,
    LogicalLine,
    Reading,
    first_that_parses,
    insert_at,
    span_between,
    token_span,
)

CONDITION_KEYWORDS = ("if", "elif", "while", "assert")
# Keywords that can never be a value on their own: seeing one where a value belongs means the
# learner used it as a name.
_NEVER_VALUES = frozenset(
    {"class", "def", "import", "from", "pass", "global", "nonlocal", "return", "try", "except"}
    | {"finally", "while", "with", "del", "assert", "raise", "break", "continue", "elif"}
    | {"as", "async", "in", "is"}
)
_VALUE_BEFORE = frozenset({"=", "(", "[", "{", ",", "+", "-", "*", "/", "//", "%", "**", "=="})
_VALUE_AFTER = frozenset({")", "]", "}", ",", "+", "-", "*", "/", "//", "%", "**", ".", "["})
_NAME_SUGGESTIONS = {
    "class": "group",
    "lambda": "wavelength",
    "pass": "password",
    "from": "origin",
    "import": "amount",
    "in": "inside",
    "is": "status",
    "global": "item",
    "def": "definition",
    "with": "partner",
    "return": "result",
    "yield": "crop",
}


# -- `=` where `==` compares ------------------------------------------------------------


def assign_in_condition(reading: Reading) -> Diagnosis | None:
    """`if x = 5:`, `while (answer = ''):`, `'adult' if age = 18 else ...`."""
    logical = reading.error_line
    if not logical:
        return None
    found = None
    if logical[0].text in CONDITION_KEYWORDS and logical[0].kind is Kind.NAME:
        found = _equals_in_condition(logical, 1, stop_at_colon=True)
        keyword = logical[0].text
    if found is None:
        for index, token in enumerate(logical[1:], start=1):
            if token.text == "if" and token.kind is Kind.NAME:
                found = _equals_in_condition(logical, index + 1, stop_at_colon=False)
                keyword = "if"
                if found is not None:
                    break
    if found is None:
        return None
    span = token_span(found)
    return Diagnosis(
        RuleId.ASSIGN_IN_CONDITION,
        span,
        {"keyword": keyword},
        edits=first_that_parses(reading, [[Edit(span, "==")]]),
        fix_title="Compare with '==' instead of assigning with '='",
    )


def _equals_in_condition(logical: LogicalLine, start: int, *, stop_at_colon: bool) -> Token | None:
    """The first `=` of the condition starting at `start`, outside any call's brackets."""
    stack: list[bool] = []  # per open bracket: is it a call's (or a subscript's)?
    base_depth = logical[start].depth if start < len(logical) else 0
    for index in range(start, len(logical)):
        token = logical[index]
        if token.kind is Kind.OP and token.text in OPENING:
            before = logical[index - 1] if index else None
            stack.append(before is not None and _ends_value(before))
        elif token.kind is Kind.OP and token.text in CLOSING:
            if not stack:
                return None  # the condition was inside these brackets and has ended
            stack.pop()
        elif (
            (token.text in ("else", "for") and not stack and not stop_at_colon)
            or (token.is_op(",") and not stack and not stop_at_colon)
            or (token.is_op(":") and not stack and stop_at_colon)
        ):
            return None
        elif token.is_op("=") and not any(stack) and token.depth >= base_depth:
            return token
    return None


def _ends_value(token: Token) -> bool:
    return token.is_name or token.is_op(")", "]") or token.kind is Kind.STRING


# -- operators Python does not have ------------------------------------------------------


def wrong_operator(reading: Reading) -> Diagnosis | None:
    """`&&`, `||`, `!x`, `=>`, `=<`, `=!`, `<>`, `===`, `i++`, `i--`."""
    logical = reading.error_line
    found = [
        match
        for index in range(len(logical))
        if (match := _foreign_operator(logical, index)) is not None
    ]
    if not found:
        return None
    before = [match for match in found if match[1].start <= reading.error.position]
    first, last, written, python = before[-1] if before else found[0]
    span = span_between(first, last)
    edits = first_that_parses(reading, [[_spaced_replacement(reading, span, python)]])
    shown = python.strip()
    return Diagnosis(
        RuleId.WRONG_OPERATOR,
        span,
        {"written": written, "python": shown, "detail": _OPERATOR_DETAIL.get(written, "")},
        edits=edits,
        fix_title=f"Write '{shown}'",
    )


_OPERATOR_DETAIL = {
    "&&": "Python spells it as a word:",
    "||": "Python spells it as a word:",
    "!": "Python spells it as a word:",
    "=>": "'Greater than or equal' puts the '=' second:",
    "=<": "'Less than or equal' puts the '=' second:",
    "=!": "'Not equal' puts the '=' second:",
    "<>": "'Not equal' is written",
    "===": "Python compares two values with",
    "!==": "'Not equal' is written",
    "++": "To add one to a variable, Python writes",
    "--": "To take one away from a variable, Python writes",
}


def _foreign_operator(logical: LogicalLine, index: int) -> tuple[Token, Token, str, str] | None:
    token = logical[index]
    after = logical[index + 1] if index + 1 < len(logical) else None
    before = logical[index - 1] if index else None
    touching = after is not None and after.start == token.end
    pairs = {("&", "&"): "and", ("|", "|"): "or", ("=", ">"): ">=", ("=", "<"): "<="}
    pairs |= {("<", ">"): "!=", ("==", "="): "==", ("!=", "="): "!="}
    if (
        touching
        and after is not None
        and (token.text, after.text) in pairs
        and token.kind is Kind.OP
        and after.kind is Kind.OP
    ):
        return token, after, token.text + after.text, pairs[(token.text, after.text)]
    if token.kind is Kind.ERROR and token.text == "!":
        if before is not None and before.is_op("=") and before.end == token.start:
            if logical[0].text in CONDITION_KEYWORDS or token.depth > 0:
                return before, token, "=!", "!="
            return None
        if after is not None and touching and (_starts_operand(after) or after.is_op("(")):
            return token, token, "!", "not"
    if (
        token.is_op("+", "-")
        and touching
        and after is not None
        and after.text == token.text
        and before is not None
        and (before.is_name or before.is_op(")", "]"))
        and (index + 2 == len(logical) or logical[index + 2].is_op(";"))
    ):
        return token, after, token.text * 2, f"{token.text}= 1"
    return None


def _spaced_replacement(reading: Reading, span: Span, python: str) -> Edit:
    """Replace `span` and the spaces around it with `python`, one space on each side."""
    text = reading.source.line(span.line)
    start = span.column
    while start > 0 and text[start - 1] in " \t":
        start -= 1
    end = span.end_column
    while end < len(text) and text[end] in " \t":
        end += 1
    before = " " if text[:start].strip() and text[start - 1] not in "([{" else ""
    after = " " if text[end:].strip() and text[end] not in ")]}:," else ""
    return Edit(Span(span.line, start, span.line, end), f"{before}{python}{after}")


# -- a keyword used as a name -------------------------------------------------------------


def keyword_as_name(reading: Reading) -> Diagnosis | None:
    """`class = 5`, `def f(lambda):`, `import = 3`, `for global in items:`, `True = x`."""
    logical = reading.error_line
    found = [token for index, token in enumerate(logical) if _used_as_name(logical, index)]
    if not found:
        return None
    token = reading.nearest_to_error(found)
    assert token is not None
    if token.text in ("True", "False", "None"):
        detail = (
            f"'{token.text}' is one of Python's fixed values: it cannot be given another value."
        )
        advice = f"To store {token.text} in a variable, put the variable on the left: " + (
            f"done = {token.text}."
        )
    else:
        detail = (
            f"'{token.text}' is one of Python's keywords: words with a fixed meaning in the "
            "language, which cannot be used as names."
        )
        advice = f"Pick another name, like '{_NAME_SUGGESTIONS.get(token.text, token.text + '_')}'."
    return Diagnosis(
        RuleId.KEYWORD_AS_NAME,
        token_span(token),
        {"keyword": token.text, "detail": detail, "advice": advice},
    )


def _used_as_name(logical: LogicalLine, index: int) -> bool:
    token = logical[index]
    if token.kind is not Kind.NAME or token.text not in KEYWORDS:
        return False
    before = logical[index - 1] if index else None
    after = logical[index + 1] if index + 1 < len(logical) else None
    if after is not None and after.kind is Kind.OP and after.text in ASSIGNMENT_OPERATORS:
        return True
    if token.text in ("True", "False", "None"):
        return False
    if before is not None and before.text in ("def", "class", "as", "global", "nonlocal"):
        return True
    if before is not None and before.text == "import" and token.text != "import":
        return True
    if before is not None and before.is_op(".") and token.text != "import":
        return True
    if (
        before is not None
        and before.text == "for"
        and after is not None
        and after.text in ("in", ",")
    ):
        return True
    if _in_parameters(logical, index) and after is not None and after.is_op(",", ")", "=", ":"):
        return True
    alone = token.text == "lambda" and after is not None and after.is_op(")", ",")
    if token.text in _NEVER_VALUES or alone:
        before_ok = before is not None and before.kind is Kind.OP and before.text in _VALUE_BEFORE
        after_ok = after is None or (after.kind is Kind.OP and after.text in _VALUE_AFTER)
        return before_ok and after_ok
    return False


def _in_parameters(logical: LogicalLine, index: int) -> bool:
    """Whether token `index` stands in the parameter list of a `def` or `lambda`."""
    if not logical or logical[0].text not in ("def", "async"):
        return False
    before = logical[index - 1] if index else None
    return before is not None and before.is_op("(", ",", "*", "**") and logical[index].depth == 1


# -- something that is not a name on the left of `=` --------------------------------------


def assign_to_expression(reading: Reading) -> Diagnosis | None:
    """`x + 1 = y`, `10 = speed`, `name.upper() = shout`: `=` stores into the name on its left."""
    logical = reading.error_line
    if not logical or logical[0].is_keyword:
        return None
    equals = next(
        (
            i
            for i, token in enumerate(logical)
            if token.is_op("=") and token.depth == logical[0].depth
        ),
        None,
    )
    if equals is None or equals == 0:
        return None
    target, value = logical[:equals], logical[equals + 1 :]
    if _valid_target(target) or any(token.is_keyword for token in target):
        return None
    span = span_between(target[0], target[-1])
    target_text = reading.source.slice(span)
    edits: tuple[Edit, ...] = ()
    if len(value) == 1 and value[0].is_name:
        whole = span_between(target[0], value[-1])
        edits = first_that_parses(reading, [[Edit(whole, f"{value[0].text} = {target_text}")]])
    return Diagnosis(
        RuleId.ASSIGN_TO_EXPRESSION,
        span,
        {
            "target": target_text,
            "value": reading.source.slice(span_between(value[0], value[-1])) if value else "",
        },
        edits=edits,
        fix_title="Put the name on the left of '='",
        applicability=Applicability.UNSAFE,
    )


def _valid_target(target: LogicalLine) -> bool:
    """Names, attributes, subscripts and lists of them, as Python accepts left of `=`."""
    depth = target[0].depth
    parts: list[list[Token]] = [[]]
    for token in target:
        if token.is_op(",") and token.depth == depth:
            parts.append([])
        else:
            parts[-1].append(token)
    return all(_valid_single_target(part, depth) for part in parts if part)


def _valid_single_target(part: list[Token], depth: int) -> bool:
    if part[0].is_op("*"):
        part = part[1:]
    if not part:
        return False
    if part[0].is_op("(", "[") and part[-1].is_op(")", "]"):
        return True  # a parenthesised target list; Python checks its inside
    if not part[0].is_name:
        return False
    index = 1
    while index < len(part):
        token = part[index]
        if token.is_op(".") and index + 1 < len(part) and part[index + 1].is_name:
            index += 2
        elif token.is_op("["):
            index = _skip_brackets(part, index)
        elif token.is_op("(") and _skip_brackets(part, index) < len(part):
            index = _skip_brackets(part, index)  # a call is fine if something follows it
        else:
            return False
    return True


def _skip_brackets(tokens: list[Token], index: int) -> int:
    depth = tokens[index].depth
    for position in range(index + 1, len(tokens)):
        token = tokens[position]
        if token.kind is Kind.OP and token.text in CLOSING and token.depth == depth:
            return position + 1
    return len(tokens)


# -- two values side by side --------------------------------------------------------------


def side_by_side(reading: Reading) -> Diagnosis | None:
    """Two values with nothing between them: a missing comma, operator or dictionary colon."""
    logical = reading.error_line
    pairs = []
    stack: list[tuple[Token, int]] = []  # open brackets and their index in the line
    for index, token in enumerate(logical):
        if token.kind is Kind.OP and token.text in OPENING:
            stack.append((token, index))
        elif token.kind is Kind.OP and token.text in CLOSING and stack:
            stack.pop()
        if index + 1 < len(logical) and _adjacent_values(logical, index):
            pairs.append((index, stack[-1] if stack else None))
    if not pairs:
        return None
    before = [pair for pair in pairs if logical[pair[0] + 1].start <= reading.error.position]
    index, bracket = before[-1] if before else pairs[0]
    left, right = logical[index], logical[index + 1]
    same_group = tuple(
        logical[other] for other, group in pairs if group == bracket and other != index
    )
    return _classify_pair(reading, logical, index, bracket, left, right, same_group)


def _adjacent_values(logical: LogicalLine, index: int) -> bool:
    left, right = logical[index], logical[index + 1]
    if not (_ends_operand(left) and _starts_operand(right)):
        return False
    if left.kind is Kind.STRING and right.kind is Kind.STRING:
        # Implicit concatenation is valid, unless the second text is a dictionary key.
        following = logical[index + 2] if index + 2 < len(logical) else None
        return following is not None and following.is_op(":") and right.depth > 0
    # Soft keywords start valid statements; print statements are a cause of their own.
    return not (index == 0 and left.text in ("match", "case", "type", "print", "exec"))


def _ends_operand(token: Token) -> bool:
    if token.kind is Kind.NAME:
        return token.text not in KEYWORDS or token.text in ("True", "False", "None")
    return token.kind in (Kind.NUMBER, Kind.STRING) or token.is_op(")", "]", "}")


def _starts_operand(token: Token) -> bool:
    if token.kind is Kind.NAME:
        return token.text not in KEYWORDS or token.text in ("True", "False", "None")
    return token.kind in (Kind.NUMBER, Kind.STRING)


def _classify_pair(
    reading: Reading,
    logical: LogicalLine,
    index: int,
    bracket: tuple[Token, int] | None,
    left: Token,
    right: Token,
    same_group: tuple[Token, ...],
) -> Diagnosis | None:
    if left.kind is Kind.NUMBER and right.is_name and left.end == right.start:
        return _missing_operator(reading, left, right, times=True)
    if bracket is None:
        if any(token.is_op(",") and token.depth == left.depth for token in logical):
            return _missing_comma(reading, left, right, same_group)
        following = logical[index + 2] if index + 2 < len(logical) else None
        if (
            following is not None
            and following.kind is Kind.OP
            and following.text in ASSIGNMENT_OPERATORS
        ):
            return None  # two statements on one line
        return _missing_operator(reading, left, right)
    opener, opener_index = bracket
    before_opener = logical[opener_index - 1] if opener_index else None
    siblings = [token for token in logical[opener_index + 1 :] if token.depth == opener.depth + 1]
    if opener.text == "{":
        key_position = logical[index - 1] is opener or logical[index - 1].is_op(",")
        has_colons = any(token.is_op(":") for token in siblings)
        after_right = logical[index + 2] if index + 2 < len(logical) else None
        if key_position and has_colons and after_right is not None and after_right.is_op(",", "}"):
            return _dict_colon(reading, left, right)
        return _missing_comma(reading, left, right, same_group)
    is_call = before_opener is not None and (before_opener.is_name or before_opener.is_op(")", "]"))
    if opener.text == "(" and not is_call and not any(token.is_op(",") for token in siblings):
        return _missing_operator(reading, left, right)
    if opener.text == "[" and is_call:
        return _missing_operator(reading, left, right)
    return _missing_comma(reading, left, right, same_group)


def _missing_comma(
    reading: Reading, left: Token, right: Token, same_group: tuple[Token, ...] = ()
) -> Diagnosis:
    """A comma after `left`; after the other values of `same_group` too if that is needed."""
    alone = [insert_at(left.end_line, left.end_column, ",")]
    together = alone + [insert_at(other.end_line, other.end_column, ",") for other in same_group]
    edits = first_that_parses(reading, [alone, together] if same_group else [alone])
    span = span_between(left, right) if left.line == right.line else token_span(left)
    return Diagnosis(
        RuleId.MISSING_COMMA,
        span,
        {"left": left.text, "right": right.text},
        edits=edits,
        fix_title=f"Add a comma after {left.text}",
        applicability=Applicability.UNSAFE,
    )


def _missing_operator(
    reading: Reading, left: Token, right: Token, *, times: bool = False
) -> Diagnosis:
    edits: tuple[Edit, ...] = ()
    if times:
        edits = first_that_parses(reading, [[insert_at(left.end_line, left.end_column, " * ")]])
        hint = (
            f"In maths {left.text}{right.text} means {left.text} times {right.text}; Python "
            f"needs the '*': {left.text} * {right.text}."
        )
    else:
        hint = (
            "Write the operator you mean between them, for example "
            f"{left.text} * {right.text} or {left.text} + {right.text}."
        )
    return Diagnosis(
        RuleId.MISSING_OPERATOR,
        span_between(left, right) if left.line == right.line else token_span(left),
        {"left": left.text, "right": right.text, "hint": hint},
        edits=edits,
        fix_title=f"Multiply: {left.text} * {right.text}",
        applicability=Applicability.UNSAFE,
    )


def _dict_colon(reading: Reading, key: Token, value: Token) -> Diagnosis:
    edits = first_that_parses(reading, [[insert_at(key.end_line, key.end_column, ":")]])
    return Diagnosis(
        RuleId.MISSING_COLON,
        span_between(key, value) if key.line == value.line else token_span(key),
        {
            "place": f"after the dictionary key {key.text}",
            "why": "In a dictionary each key is followed by ':' and then its value, like "
            "{'Ann': 12}.",
        },
        edits=edits,
        fix_title="Add ':' after the key",
    )
