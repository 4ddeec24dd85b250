"""Small request-shape checks that raise Notion's validator messages.

Each takes the JSON path Notion would print (``body.properties.Name.title[0]``) so that
errors name the exact place at fault, as Notion's do.
"""

from __future__ import annotations

from typing import Any

from emulator import errors
from emulator.ids import normalize
from emulator.state import Json

MAX_ARRAY = 100
"""Any array in a request: rich text, children, relation, people, multi-select."""
MAX_TEXT = 2000
"""``text.content`` and ``text.link.url`` of a rich text item; any URL."""
MAX_EQUATION = 1000
MAX_EMAIL = 200
MAX_PHONE = 200


def obj(value: Any, path: str) -> Json:
    if not isinstance(value, dict):
        raise errors.body_invalid(path, "should be an object", value)
    return value


def array(value: Any, path: str, limit: int = MAX_ARRAY) -> list[Any]:
    if not isinstance(value, list):
        raise errors.body_invalid(path, "should be an array", value)
    if len(value) > limit:
        raise errors.too_long(path, limit, len(value))
    return value


def string(value: Any, path: str, limit: int | None = None) -> str:
    """A string of at most ``limit`` characters, counted as Notion (JavaScript) counts them:
    in UTF-16 code units, so an emoji outside the basic plane counts twice."""
    if not isinstance(value, str):
        raise errors.body_invalid(path, "should be a string", value)
    if limit is not None:
        length = len(value.encode("utf-16-le")) // 2
        if length > limit:
            raise errors.too_long(path, limit, length)
    return value


def optional_string(value: Any, path: str, limit: int | None = None) -> str | None:
    if value is None:
        return None
    return string(value, path, limit)


def boolean(value: Any, path: str) -> bool:
    if not isinstance(value, bool):
        raise errors.body_invalid(path, "should be a boolean", value)
    return value


def number(value: Any, path: str) -> float | int:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise errors.body_invalid(path, "should be a number", value)
    return value


def required(container: Json, key: str, path: str) -> Any:
    if key not in container:
        raise errors.missing(f"{path}.{key}")
    return container[key]


def one_of(value: Any, allowed: tuple[str, ...] | frozenset[str], path: str) -> str:
    if value not in allowed:
        options = ", ".join(f'"{a}"' for a in sorted(allowed))
        raise errors.body_invalid(path, f"should be one of {options}", value)
    return str(value)


def no_unknown_keys(container: Json, allowed: set[str] | frozenset[str], path: str) -> None:
    for key in container:
        if key not in allowed:
            raise errors.body_invalid(f"{path}.{key}", "should be not present", container[key])


def uuid(value: Any, path: str) -> str:
    text = string(value, path)
    normalized = normalize(text)
    if normalized is None:
        raise errors.body_invalid(path, "should be a valid uuid", value)
    return normalized
