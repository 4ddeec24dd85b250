"""Validate Notion request and response bodies against Notion's official OpenAPI description.

    from tests.contract.openapi import assert_request_valid, assert_response_valid

    assert_request_valid("PATCH", "/v1/pages/{page_id}", {"in_trash": True})
    assert_response_valid("GET", "/v1/pages/{page_id}", 200, answer)

The description (``openapi-official.json``, OpenAPI 3.1 = JSON Schema 2020-12) is loaded once
per process; ``#/components/...`` references resolve through a :mod:`referencing` registry.

It describes Notion-Version **2026-03-11**, while the emulator (and Quarterdeck) speak
**2025-09-03**. :func:`normalize_response` and :func:`normalize_request` bridge the two with
a few explicit rules (:data:`RESPONSE_RULES`, :data:`REQUEST_RULES`), each one difference
between the versions, and nothing else: validation is otherwise the spec's, unweakened.
"""

from __future__ import annotations

import copy
import json
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import referencing
import referencing.jsonschema
from jsonschema import Draft202012Validator, FormatChecker  # type: ignore[import-untyped]
from jsonschema.exceptions import ValidationError, best_match  # type: ignore[import-untyped]

SPEC_PATH = Path(os.environ.get("NOTION_OPENAPI", "/work/shared/reference/openapi-official.json"))
SPEC_URI = "https://developers.notion.com/openapi.json"

Json = Any


@cache
def spec() -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(SPEC_PATH.read_text(encoding="utf-8"))
    return loaded


@cache
def registry() -> referencing.Registry[Any]:
    resource = referencing.Resource.from_contents(spec(), default_specification=referencing.jsonschema.DRAFT202012)
    return referencing.Registry().with_resource(SPEC_URI, resource)


def _escape(part: str) -> str:
    return part.replace("~", "~0").replace("/", "~1")


def operation(method: str, template: str) -> dict[str, Any]:
    """The spec's operation object, e.g. ``operation("GET", "/v1/pages/{page_id}")``."""
    try:
        found: dict[str, Any] = spec()["paths"][template][method.lower()]
    except KeyError:
        raise KeyError(f"the OpenAPI description has no operation {method.upper()} {template}") from None
    return found


@cache
def _validator(pointer: str) -> Any:
    return Draft202012Validator(
        {"$ref": f"{SPEC_URI}#{pointer}"}, registry=registry(), format_checker=FormatChecker()
    )


def _json_schema_pointer(method: str, template: str, *where: str) -> str:
    operation(method, template)  # a clear KeyError for an unknown operation
    parts = ["paths", template, method.lower(), *where]
    return "/" + "/".join(_escape(p) for p in parts)


# -- 2025-09-03 -> 2026-03-11 ----------------------------------------------------------------


@dataclass(frozen=True)
class Rule:
    name: str
    why: str
    apply: Callable[[Json], None]
    """Edits one JSON object in place (called for every object in the body)."""


def _walk(value: Json) -> Iterator[dict[str, Any]]:
    if isinstance(value, dict):
        yield value
        for item in value.values():
            yield from _walk(item)
    elif isinstance(value, list):
        for item in value:
            yield from _walk(item)


def _drop_archived(node: dict[str, Any]) -> None:
    if node.get("object") in ("page", "block", "data_source", "database") and "archived" in node:
        del node["archived"]


RESPONSE_RULES: tuple[Rule, ...] = (
    Rule(
        "drop-archived",
        "2026-03-11 removed `archived` (the deprecated alias of `in_trash`) from pages, blocks, "
        "data sources and databases; 2025-09-03 still sends it.",
        _drop_archived,
    ),
)
"""Rules :func:`normalize_response` applies, in order."""

REQUEST_RULES: tuple[Rule, ...] = ()
"""Rules :func:`normalize_request` applies, in order."""


def normalize_response(body: Json) -> Json:
    """A copy of a 2025-09-03 answer in the form the 2026-03-11 description expects."""
    result = copy.deepcopy(body)
    if isinstance(result, dict):
        result.pop("request_id", None)  # every answer carries one; the description lists none
    for node in list(_walk(result)):
        for rule in RESPONSE_RULES:
            rule.apply(node)
    return result


def normalize_request(body: Json) -> Json:
    """A copy of a 2025-09-03 request body in the form the 2026-03-11 description expects."""
    result = copy.deepcopy(body)
    for node in list(_walk(result)):
        for rule in REQUEST_RULES:
            rule.apply(node)
    return result


# -- validation ------------------------------------------------------------------------------


def _describe(errors: list[ValidationError]) -> list[str]:
    if not errors:
        return []
    best = best_match(errors)
    lines = [f"{best.json_path}: {best.message[:500]}"]
    lines += [f"{e.json_path}: {e.message[:200]}" for e in errors if e is not best][:5]
    return lines


def response_errors(method: str, template: str, status: int, body: Json, *, normalize: bool = True) -> list[str]:
    """What is wrong with ``body`` as the ``status`` answer of an operation (empty: valid)."""
    pointer = _json_schema_pointer(
        method, template, "responses", str(status), "content", "application/json", "schema"
    )
    instance = normalize_response(body) if normalize else body
    return _describe(list(_validator(pointer).iter_errors(instance)))


def request_errors(method: str, template: str, body: Json, *, normalize: bool = True) -> list[str]:
    """What is wrong with ``body`` as an operation's JSON request body (empty: valid)."""
    pointer = _json_schema_pointer(method, template, "requestBody", "content", "application/json", "schema")
    instance = normalize_request(body) if normalize else body
    return _describe(list(_validator(pointer).iter_errors(instance)))


def assert_response_valid(method: str, template: str, status: int, body: Json) -> None:
    problems = response_errors(method, template, status, body)
    assert not problems, f"{method} {template} -> {status} does not match the OpenAPI description:\n  " + "\n  ".join(
        problems
    )


def assert_request_valid(method: str, template: str, body: Json) -> None:
    problems = request_errors(method, template, body)
    assert not problems, f"{method} {template} request body does not match the OpenAPI description:\n  " + "\n  ".join(
        problems
    )
