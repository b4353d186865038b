"""`range-len-loop`'s fallback fix through libcst, for loops whose `ast` positions are unreliable
(inside f-strings before Python 3.12). Its own module: the class needs libcst when defined, and
libcst loads only when a fix first needs it (see `lazy_libcst`)."""

from __future__ import annotations

import libcst as cst


class LoopRewriter(cst.CSTTransformer):
    """`range-len-loop`'s fix as a libcst rewrite of the whole loop (see `loops._fix`)."""

    def __init__(self, seq_text: str, index: str, item: str, direct: bool) -> None:
        super().__init__()
        self.seq_text, self.index, self.item, self.direct = seq_text, index, item, direct

    def rewrite(self, statement: cst.BaseStatement) -> cst.BaseStatement | None:
        if not isinstance(statement, cst.For):
            return None
        body = statement.body.visit(self)
        orelse = statement.orelse.visit(self) if statement.orelse else None
        seq = cst.parse_expression(self.seq_text)
        if self.direct:
            target: cst.BaseAssignTargetExpression = cst.Name(self.item)
            iterable: cst.BaseExpression = seq
        else:
            target = cst.Tuple(
                [cst.Element(cst.Name(self.index)), cst.Element(cst.Name(self.item))],
                lpar=[],
                rpar=[],
            )
            iterable = cst.Call(cst.Name("enumerate"), [cst.Arg(seq)])
        return statement.with_changes(target=target, iter=iterable, body=body, orelse=orelse)

    def leave_Subscript(
        self, original_node: cst.Subscript, updated_node: cst.Subscript
    ) -> cst.BaseExpression:
        if len(original_node.slice) != 1:
            return updated_node
        element = original_node.slice[0].slice
        if (
            isinstance(element, cst.Index)
            and isinstance(element.value, cst.Name)
            and element.value.value == self.index
            and cst.Module([]).code_for_node(original_node.value) == self.seq_text
        ):
            return cst.Name(self.item)
        return updated_node
