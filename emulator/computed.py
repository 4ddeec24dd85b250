"""Read-only properties Notion computes: formulas and rollups.

Formulas support a documented subset of Notion's formula language, enough for the
expressions a roadmap uses: ``prop("Name")``, numbers, strings, ``true``/``false``,
arithmetic, comparisons, ``and``/``or``/``not``, ``if(c, a, b)``, ``empty(x)``,
``length(x)``, ``round(x)``, ``abs(x)``, ``min(...)``, ``max(...)``, ``toNumber(x)``,
``format(x)``, ``now()``. Anything else evaluates to an empty string result, the way a
broken formula shows nothing in Notion.

Rollups follow the relation named in their configuration over **every** related page
(not only the 25 a page object lists) and apply the configured function.
"""

from __future__ import annotations

import ast
import operator
import statistics
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from emulator.dates import format_moment, to_datetime
from emulator.state import DataSourceRecord, Json, PageRecord


def evaluate_formula(expression: str, lookup: Callable[[str], Any], now: datetime) -> Json:
    """The formula's response object: ``{"type": "number", "number": 3}`` and so on."""
    try:
        tree = ast.parse(_to_python(expression), mode="eval")
        result = _Evaluator(lookup, now).visit(tree.body)
    except Exception:  # a formula Notion could not compute shows as empty, never as an error
        return {"type": "string", "string": None}
    return formula_result(result)


def formula_result(result: Any) -> Json:
    if isinstance(result, bool):
        return {"type": "boolean", "boolean": result}
    if isinstance(result, int | float):
        return {"type": "number", "number": result}
    if isinstance(result, datetime):
        return {"type": "date", "date": _date_object(result, None)}
    if result is None:
        return {"type": "string", "string": None}
    return {"type": "string", "string": str(result)}


def _to_python(expression: str) -> str:
    text = expression.replace("&&", " and ").replace("||", " or ")
    text = text.replace("true", "True").replace("false", "False")
    return text.replace("if(", "if_(")


_ARITHMETIC: dict[type[ast.operator], Callable[[Any, Any], Any]] = {
    ast.Add: operator.add,
    ast.Sub: operator.sub,
    ast.Mult: operator.mul,
    ast.Div: operator.truediv,
    ast.Mod: operator.mod,
    ast.Pow: operator.pow,
}
_COMPARISONS: dict[type[ast.cmpop], Callable[[Any, Any], Any]] = {
    ast.Eq: operator.eq,
    ast.NotEq: operator.ne,
    ast.Lt: operator.lt,
    ast.LtE: operator.le,
    ast.Gt: operator.gt,
    ast.GtE: operator.ge,
}


class _Evaluator(ast.NodeVisitor):
    def __init__(self, lookup: Callable[[str], Any], now: datetime) -> None:
        self._lookup = lookup
        self._now = now

    def visit_Constant(self, node: ast.Constant) -> Any:
        return node.value

    def visit_Name(self, node: ast.Name) -> Any:
        raise ValueError(node.id)

    def visit_BinOp(self, node: ast.BinOp) -> Any:
        left, right = self.visit(node.left), self.visit(node.right)
        if isinstance(left, str) or isinstance(right, str):
            return f"{_text(left)}{_text(right)}"  # "+" joins text, as in Notion
        return _ARITHMETIC[type(node.op)](left, right)

    def visit_UnaryOp(self, node: ast.UnaryOp) -> Any:
        value = self.visit(node.operand)
        return not value if isinstance(node.op, ast.Not) else -value

    def visit_BoolOp(self, node: ast.BoolOp) -> Any:
        values = [bool(self.visit(v)) for v in node.values]
        return all(values) if isinstance(node.op, ast.And) else any(values)

    def visit_Compare(self, node: ast.Compare) -> Any:
        left = self.visit(node.left)
        for op, comparator in zip(node.ops, node.comparators, strict=True):
            right = self.visit(comparator)
            if not _COMPARISONS[type(op)](left, right):
                return False
            left = right
        return True

    def visit_Call(self, node: ast.Call) -> Any:
        if not isinstance(node.func, ast.Name):
            raise ValueError("unsupported call")
        name = node.func.id
        if name == "if_":
            condition, then, otherwise = node.args
            return self.visit(then) if self.visit(condition) else self.visit(otherwise)
        args = [self.visit(a) for a in node.args]
        return self._function(name, args)

    def _function(self, name: str, args: list[Any]) -> Any:
        functions: dict[str, Callable[..., Any]] = {
            "prop": self._lookup,
            "empty": lambda x=None: x in (None, "", [], 0, False),
            "length": lambda x: len(x) if x is not None else 0,
            "round": lambda x, n=0: round(x, int(n)),
            "abs": abs,
            "min": min,
            "max": max,
            "toNumber": lambda x: float(x) if x not in (None, "") else None,
            "format": _text,
            "now": lambda: self._now,
        }
        return functions[name](*args)

    def generic_visit(self, node: ast.AST) -> Any:
        raise ValueError(type(node).__name__)


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, list):
        return ", ".join(_text(v) for v in value)
    return str(value)


def evaluate_rollup(
    config: Json,
    related: list[tuple[DataSourceRecord, PageRecord]],
    values: list[Json],
    scalars: list[Any],
) -> Json:
    """Apply a rollup function. ``values`` are the related pages' property values in response
    form (for ``show_original``), ``scalars`` the same values as plain Python data."""
    function = config["function"]
    flat = _flatten(scalars)
    present = [v for v in scalars if not _is_empty(v)]
    numbers = [v for v in flat if isinstance(v, int | float) and not isinstance(v, bool)]
    dates = sorted(v for v in flat if isinstance(v, datetime))
    booleans = [v for v in flat if isinstance(v, bool)]
    count = len(related)

    def number(value: Any) -> Json:
        return {"type": "number", "number": value, "function": function}

    if function in ("show_original", "show_unique"):
        shown = values if function == "show_original" else _unique(values)
        return {"type": "array", "array": shown, "function": function}
    if function in ("earliest_date", "latest_date", "date_range"):
        if not dates:
            return {"type": "date", "date": None, "function": function}
        start = dates[0] if function != "latest_date" else dates[-1]
        end = dates[-1] if function == "date_range" else None
        return {"type": "date", "date": _date_object(start, end), "function": function}
    if function in ("count_per_group", "percent_per_group"):
        return {"type": "unsupported", "unsupported": {}, "function": function}
    simple: dict[str, Callable[[], Any]] = {
        "count": lambda: count,
        "count_values": lambda: len([v for v in flat if not _is_empty(v)]),
        "empty": lambda: count - len(present),
        "not_empty": lambda: len(present),
        "unique": lambda: len({repr(v) for v in flat if not _is_empty(v)}),
        "percent_empty": lambda: (count - len(present)) / count if count else 0,
        "percent_not_empty": lambda: len(present) / count if count else 0,
        "sum": lambda: sum(numbers),
        "average": lambda: sum(numbers) / len(numbers) if numbers else None,
        "median": lambda: statistics.median(numbers) if numbers else None,
        "min": lambda: min(numbers) if numbers else None,
        "max": lambda: max(numbers) if numbers else None,
        "range": lambda: max(numbers) - min(numbers) if numbers else None,
        "checked": lambda: booleans.count(True),
        "unchecked": lambda: booleans.count(False),
        "percent_checked": lambda: booleans.count(True) / len(booleans) if booleans else 0,
        "percent_unchecked": lambda: booleans.count(False) / len(booleans) if booleans else 0,
    }
    return number(simple[function]())


def _flatten(values: list[Any]) -> list[Any]:
    flat: list[Any] = []
    for value in values:
        flat.extend(value if isinstance(value, list) else [value])
    return flat


def _is_empty(value: Any) -> bool:
    return value is None or value in ("", [])


def _unique(values: list[Json]) -> list[Json]:
    seen: set[str] = set()
    result = []
    for value in values:
        key = repr(value)
        if key not in seen:
            seen.add(key)
            result.append(value)
    return result


def _date_object(start: datetime, end: datetime | None) -> Json:
    def show(moment: datetime) -> str:
        return format_moment(moment.astimezone(UTC))

    return {"start": show(start), "end": show(end) if end else None, "time_zone": None}


def date_scalar(value: Json | None) -> datetime | None:
    if not value:
        return None
    return to_datetime(str(value["start"]))
