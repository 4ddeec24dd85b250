"""Validate Notion request and response bodies against Notion's official OpenAPI description.

    from tests.contract.openapi import assert_request_valid, assert_response_valid

    assert_request_valid("PATCH", "/v1/pages/{page_id}", {"in_trash": True})
    assert_response_valid("GET", "/v1/pages/{page_id}", 200, answer)

The description (``openapi-official.json``, OpenAPI 3.1 = JSON Schema 2020-12) is loaded once
per process; ``#/components/...`` references resolve through a :mod:`referencing` registry.

It describes Notion-Version **2026-03-11**, while the emulator (and Quarterdeck) speak
**2025-09-03**. :func:`normalize_response` and :func:`normalize_request` bridge the two with
a few explicit rules (:data:`RESPONSE_RULES`, :data:`REQUEST_RULES`), each one a difference
between the versions or between the description and the live API, with its reason. Two
readings of the description itself complete them: :func:`close_intersections` (its ``allOf``
parts must not refuse each other's keys) and Notion's ``format: date`` (a date or a
date-time). Nothing else is relaxed: unknown keys, missing keys, wrong types, enums, consts
and formats are refused as the description says. The rules are listed in
``emulator/README.md``; Notion's own recorded answers pass with them (``test_openapi.py``).

To validate a concrete request, :func:`template_for` finds its operation:
``template_for("GET", "/v1/pages/59833787-2cf9-4fdf-8782-e53db20768a5")`` is
``"/v1/pages/{page_id}"``.
"""

from __future__ import annotations

import copy
import json
import os
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from pathlib import Path
from typing import Any

import referencing
import referencing.jsonschema
from jsonschema import Draft202012Validator, FormatChecker  # type: ignore[import-untyped]
from jsonschema.exceptions import ValidationError  # type: ignore[import-untyped]

SPEC_PATH = Path(os.environ.get("NOTION_OPENAPI", "/work/shared/reference/openapi-official.json"))
SPEC_URI = "https://developers.notion.com/openapi.json"

Json = Any


@cache
def raw_spec() -> dict[str, Any]:
    """The description exactly as published."""
    loaded: dict[str, Any] = json.loads(SPEC_PATH.read_text(encoding="utf-8"))
    return loaded


@cache
def spec() -> dict[str, Any]:
    """The description as validated: :func:`close_intersections` applied, nothing else."""
    patched = copy.deepcopy(raw_spec())
    close_intersections(patched)
    return patched


_IN_PLACE = ("allOf", "oneOf", "anyOf")
"""Applicators that look at the same instance as their schema (besides ``$ref``)."""


def close_intersections(document: dict[str, Any]) -> int:
    """Read the description's ``allOf`` intersections as intended; returns how many were changed.

    The description is generated from TypeScript-style intersections, e.g.
    ``richTextItemResponse = allOf[richTextItemResponseCommon, oneOf[text, mention, equation]]``
    or ``pagePropertyValueWithIdResponse = allOf[{id}, oneOf[number, title, ...]]``, whose
    parts have ``additionalProperties: false``. Read literally (``additionalProperties`` only
    sees its own schema's ``properties``), each part refuses the other parts' keys, so every
    rich text item, user, page property value and error body -- Notion's own recorded
    answers included -- is invalid.

    Fix: inside such an ``allOf``, every part is replaced by a copy in which the schemas that
    apply to the same object (through ``$ref``, ``oneOf``, ``anyOf``, ``allOf``) no longer say
    ``additionalProperties: false``, and the ``allOf`` itself gets ``unevaluatedProperties:
    false``, which sees every key the parts (and the ``oneOf`` branch that matched) evaluated.
    Unknown keys are still refused: validation stays as strict as the description means.
    """
    schemas = document["components"]["schemas"]

    def resolve(schema: Any) -> Any:
        ref = schema.get("$ref") if isinstance(schema, dict) else None
        if isinstance(ref, str) and ref.startswith("#/components/schemas/"):
            return resolve(schemas[ref.rsplit("/", 1)[-1]])
        return schema

    def closed(schema: Any, depth: int = 0) -> bool:
        target = resolve(schema)
        if not isinstance(target, dict) or depth > 20:
            return False
        if target.get("additionalProperties") is False:
            return True
        return any(closed(branch, depth + 1) for key in _IN_PLACE for branch in target.get(key, []))

    def opened(schema: Any, depth: int = 0) -> Any:
        target = copy.deepcopy(resolve(schema))
        if not isinstance(target, dict) or depth > 20:
            return target
        if target.get("additionalProperties") is False:
            del target["additionalProperties"]
        for key in _IN_PLACE:
            if key in target:
                target[key] = [opened(branch, depth + 1) for branch in target[key]]
        return target

    changed = 0
    while True:
        pending = [
            node
            for node in _walk(document)
            if isinstance(node.get("allOf"), list)
            and "unevaluatedProperties" not in node
            and any(closed(member) for member in node["allOf"])
        ]
        if not pending:
            return changed
        for node in pending:
            node["allOf"] = [opened(member) for member in node["allOf"]]
            node["unevaluatedProperties"] = False
            changed += 1


@cache
def registry() -> referencing.Registry[Any]:
    resource = referencing.Resource.from_contents(
        spec(), default_specification=referencing.jsonschema.DRAFT202012
    )
    built: referencing.Registry[Any] = referencing.Registry().with_resource(SPEC_URI, resource)
    return built


def _escape(part: str) -> str:
    return part.replace("~", "~0").replace("/", "~1")


def operation(method: str, template: str) -> dict[str, Any]:
    """The spec's operation object, e.g. ``operation("GET", "/v1/pages/{page_id}")``."""
    try:
        found: dict[str, Any] = spec()["paths"][template][method.lower()]
    except KeyError:
        raise KeyError(
            f"the OpenAPI description has no operation {method.upper()} {template}"
        ) from None
    return found


FORMATS = FormatChecker()
"""Formats are checked (``uuid``, ``date-time``, ``uri``...), with one reading of Notion's own."""


def _notion_date(value: object) -> bool:
    """Notion's ``date`` strings are ISO 8601 dates *or date-times* ("2026-11-02",
    "2026-11-02T09:30:00.000+01:00", and in requests with a ``time_zone`` "2026-11-02T09:30:00"),
    as the date property docs say; the description marks them all ``format: date``."""
    if not isinstance(value, str):
        return True
    datetime.fromisoformat(value.replace("Z", "+00:00"))
    return True


FORMATS.checks("date", raises=ValueError)(_notion_date)


@cache
def validator_for(pointer: str) -> Any:
    """A Draft 2020-12 validator for the schema at ``pointer`` (``#/components/schemas/...``)."""
    return Draft202012Validator(
        {"$ref": f"{SPEC_URI}{pointer if pointer.startswith('#') else '#' + pointer}"},
        registry=registry(),
        format_checker=FORMATS,
    )


def _json_schema_pointer(method: str, template: str, *where: str) -> str:
    node: Any = operation(method, template)  # a clear KeyError for an unknown operation
    for part in where:
        if not isinstance(node, dict) or part not in node:
            raise KeyError(
                f"the OpenAPI description of {method.upper()} {template} has no {'/'.join(where)}"
            )
        node = node[part]
    parts = ["paths", template, method.lower(), *where]
    return "/" + "/".join(_escape(p) for p in parts)


@cache
def _templates() -> list[tuple[re.Pattern[str], str]]:
    """Every path template as a regex, literal segments first (``/v1/users/me`` before
    ``/v1/users/{user_id}``)."""
    found = [
        (re.compile("^" + re.sub(r"\{\w+\}", "[^/]+", path) + "$"), path)
        for path in spec()["paths"]
    ]
    return sorted(found, key=lambda item: (item[1].count("{"), item[1]))


def template_for(method: str, path: str) -> str:
    """The description's path template of a concrete request path (percent-encoding kept)."""
    for pattern, path_template in _templates():
        if pattern.match(path) and method.lower() in spec()["paths"][path_template]:
            return path_template
    raise KeyError(f"the OpenAPI description has no operation {method.upper()} {path}")


# -- 2025-09-03 -> 2026-03-11 ----------------------------------------------------------------


@dataclass(frozen=True)
class Rule:
    name: str
    why: str
    apply: Callable[[str, str, Json], None]
    """Edits a body in place, given the operation's method and path template."""


def _walk(value: Any) -> Iterator[dict[str, Any]]:
    if isinstance(value, dict):
        yield value
        for item in value.values():
            yield from _walk(item)
    elif isinstance(value, list):
        for item in value:
            yield from _walk(item)


def objects(body: Any, *kinds: str) -> Iterator[dict[str, Any]]:
    """Every JSON object in ``body`` whose ``object`` tag is one of ``kinds``."""
    return (node for node in list(_walk(body)) if node.get("object") in kinds)


def _drop_request_id(_method: str, _template: str, body: Json) -> None:
    if isinstance(body, dict):
        body.pop("request_id", None)


def _drop_archived(_method: str, _template: str, body: Json) -> None:
    for node in objects(body, "page", "block", "data_source", "database"):
        node.pop("archived", None)


def _defaults(kinds: tuple[str, ...], values: dict[str, Any]) -> Callable[[str, str, Json], None]:
    def fill(_method: str, _template: str, body: Json) -> None:
        for node in objects(body, *kinds):
            for key, value in values.items():
                node.setdefault(key, value)

    return fill


def _bot_workspace_id(_method: str, _template: str, body: Json) -> None:
    for node in objects(body, "user"):
        bot = node.get("bot")
        if isinstance(bot, dict) and "owner" in bot:
            bot.setdefault("workspace_id", NIL_ID)


def _meeting_notes(_method: str, _template: str, body: Json) -> None:
    for node in objects(body, "block"):
        if node.get("type") == "transcription":
            node["type"] = "meeting_notes"
            node["meeting_notes"] = node.pop("transcription", {})


def _relation_has_more(_method: str, _template: str, body: Json) -> None:
    for page in objects(body, "page"):
        properties = page.get("properties")
        for value in properties.values() if isinstance(properties, dict) else ():
            if isinstance(value, dict) and value.get("type") == "relation":
                value.pop("has_more", None)


NIL_ID = "00000000-0000-0000-0000-000000000000"

RESPONSE_RULES: tuple[Rule, ...] = (
    Rule(
        "drop-request-id",
        "Every answer carries a top-level `request_id`; the description lists it in no schema.",
        _drop_request_id,
    ),
    Rule(
        "drop-archived",
        "2026-03-11 removed `archived` (the deprecated alias of `in_trash`) from pages, blocks, "
        "data sources and databases; 2025-09-03 still sends it.",
        _drop_archived,
    ),
    Rule(
        "page-is-archived",
        "2026-03-11 requires `is_archived` on pages. 2025-09-03 answers carry it since early "
        "2026 (Apr 2026 recordings; the emulator renders it); the Oct 2025 recordings predate "
        "the archived state, so theirs is `false`. An answer that has the key keeps its value.",
        _defaults(("page",), {"is_archived": False}),
    ),
    Rule(
        "database-type",
        "The description requires `database_type` (typed databases: tasks, projects, ...) on "
        "databases and data sources; no 2025-09-03 recording carries it. `null` is its value for "
        "a regular database.",
        _defaults(("database", "data_source"), {"database_type": None}),
    ),
    Rule(
        "comment-flags",
        "The description requires `original_content_deleted` and `has_pending_attachments` on "
        "comments; no 2025-09-03 recording carries them. `false` is their value for a comment "
        "as the API creates it.",
        _defaults(
            ("comment",), {"original_content_deleted": False, "has_pending_attachments": False}
        ),
    ),
    Rule(
        "bot-workspace-id",
        "The description requires `bot.workspace_id` on the integration's own bot user; no "
        "2025-09-03 recording carries it. Filled with the nil UUID.",
        _bot_workspace_id,
    ),
    Rule(
        "relation-has-more",
        "A page's relation value carries `has_more` (true when more than the 25 listed "
        "references exist), as the property-value docs and their examples show; the "
        "description's `relationArrayBasedPropertyValueResponse` omits it (so do the JS SDK's "
        "types).",
        _relation_has_more,
    ),
    Rule(
        "transcription-is-meeting-notes",
        "2026-03-11 renamed the `transcription` block type to `meeting_notes`.",
        _meeting_notes,
    ),
)
"""Rules :func:`normalize_response` applies, in order."""


def _archived_is_in_trash(_method: str, template: str, body: Json) -> None:
    if isinstance(body, dict) and "archived" in body and not template.endswith("/query"):
        value = body.pop("archived")
        body.setdefault("in_trash", value)


def _query_trash_flags(_method: str, template: str, body: Json) -> None:
    if isinstance(body, dict) and template.endswith("/query"):
        for key in ("archived", "in_trash"):
            if isinstance(body.get(key), bool):  # anything else stays, for the schema to refuse
                del body[key]


def _after_is_position(_method: str, template: str, body: Json) -> None:
    if isinstance(body, dict) and template.endswith("/children") and "after" in body:
        body["position"] = {"type": "after_block", "after_block": {"id": body.pop("after")}}


def _bare_title(_method: str, _template: str, body: Json) -> None:
    properties = body.get("properties") if isinstance(body, dict) else None
    if isinstance(properties, dict) and isinstance(properties.get("title"), list):
        properties["title"] = {"title": properties["title"]}


REQUEST_RULES: tuple[Rule, ...] = (
    Rule(
        "archived-is-in-trash",
        "2026-03-11 removed the `archived` body parameter (pages, blocks, data sources) in favour "
        "of `in_trash`, which it always meant.",
        _archived_is_in_trash,
    ),
    Rule(
        "query-trash-flags",
        "2025-09-03 clients (notion-client 3.1.0, SDK-JS up to 5.26) send the trash flags "
        "`archived` / `in_trash` to a data source query; 2026-03-11 dropped them (its "
        "`is_archived` asks for the archive, another state). Boolean flags are dropped; "
        "anything else is left for the description to refuse.",
        _query_trash_flags,
    ),
    Rule(
        "after-is-position",
        "2026-03-11 replaced `after` on append block children with "
        '`position: {"type": "after_block", "after_block": {"id": ...}}`.',
        _after_is_position,
    ),
    Rule(
        "bare-title-array",
        "notion-client sends a page's title as `properties.title = [rich text]`, which Notion "
        "accepts (recorded 200s); the description only lists the object form "
        '`{"title": [rich text]}`.',
        _bare_title,
    ),
)
"""Rules :func:`normalize_request` applies, in order."""


def normalize_response(method: str, template: str, body: Json) -> Json:
    """A copy of a 2025-09-03 answer in the form the 2026-03-11 description expects."""
    result = copy.deepcopy(body)
    for rule in RESPONSE_RULES:
        rule.apply(method, template, result)
    return result


def normalize_request(method: str, template: str, body: Json) -> Json:
    """A copy of a 2025-09-03 request body in the form the 2026-03-11 description expects."""
    result = copy.deepcopy(body)
    for rule in REQUEST_RULES:
        rule.apply(method, template, result)
    return result


# -- validation ------------------------------------------------------------------------------


def _leaves(error: ValidationError) -> list[ValidationError]:
    """The innermost errors behind ``error``, following only the ``oneOf`` branch meant."""
    if not error.context:
        return [error]
    here = list(error.absolute_path)
    branches: dict[Any, list[ValidationError]] = {}
    for sub in error.context:
        branches.setdefault(sub.schema_path[0] if sub.schema_path else None, []).append(sub)

    def score(branch: list[ValidationError]) -> tuple[bool, bool, int, int, int]:
        leaves = [leaf for sub in branch for leaf in _leaves(sub)]
        at_root = [leaf for leaf in leaves if list(leaf.absolute_path) == here]
        tag = any(
            leaf.validator in ("const", "enum")
            and list(leaf.absolute_path)[:-1] == here
            and list(leaf.absolute_path)[-1:] in (["object"], ["type"])
            for leaf in leaves
        )
        shape = any(
            leaf.validator in ("additionalProperties", "unevaluatedProperties", "type")
            for leaf in at_root
        )
        overlap = max(
            (
                len(set(leaf.instance) & set(leaf.schema.get("properties", {})))
                for leaf in at_root
                if isinstance(leaf.instance, dict) and isinstance(leaf.schema, dict)
            ),
            default=0,
        )
        depth = max(len(leaf.absolute_path) for leaf in leaves)
        return (tag, shape, -depth, -overlap, len(leaves))

    chosen = min(branches.values(), key=score)
    return [leaf for sub in chosen for leaf in _leaves(sub)]


def explain(error: ValidationError) -> list[str]:
    """Readable lines for one error; for ``oneOf`` / ``anyOf``, those of the branch meant.

    The branch meant is the one whose tags (``object``, ``type``) matched, that accepted the
    object's keys, that got furthest into the instance and that describes most of its keys.
    """
    leaves = _leaves(error)
    paths = [list(leaf.absolute_path) for leaf in leaves]
    kept = [
        leaf
        for leaf, path in zip(leaves, paths, strict=True)
        # an object whose part failed also reports that part's keys as unevaluated: noise
        if not (
            leaf.validator == "unevaluatedProperties"
            and any(other[: len(path)] == path and other != path for other in paths)
        )
    ]
    return [f"{leaf.json_path}: {leaf.message[:300]}" for leaf in kept]


def _describe(errors: list[ValidationError]) -> list[str]:
    if not errors:
        return []
    lines = [
        line
        for error in sorted(errors, key=lambda e: list(map(str, e.absolute_path)))
        for line in explain(error)
    ]
    unique = list(dict.fromkeys(lines))
    return unique[:12] + ([f"... and {len(unique) - 12} more"] if len(unique) > 12 else [])


def response_errors(
    method: str, template: str, status: int, body: Json, *, normalize: bool = True
) -> list[str]:
    """What is wrong with ``body`` as the ``status`` answer of an operation (empty: valid)."""
    pointer = _json_schema_pointer(
        method, template, "responses", str(status), "content", "application/json", "schema"
    )
    instance = normalize_response(method, template, body) if normalize else body
    return _describe(list(validator_for(pointer).iter_errors(instance)))


def request_errors(method: str, template: str, body: Json, *, normalize: bool = True) -> list[str]:
    """What is wrong with ``body`` as an operation's JSON request body (empty: valid)."""
    pointer = _json_schema_pointer(
        method, template, "requestBody", "content", "application/json", "schema"
    )
    instance = normalize_request(method, template, body) if normalize else body
    return _describe(list(validator_for(pointer).iter_errors(instance)))


def assert_response_valid(method: str, template: str, status: int, body: Json) -> None:
    problems = response_errors(method, template, status, body)
    assert not problems, (
        f"{method} {template} -> {status} does not match the OpenAPI description:\n  "
        + "\n  ".join(problems)
    )


def assert_request_valid(method: str, template: str, body: Json) -> None:
    problems = request_errors(method, template, body)
    assert not problems, (
        f"{method} {template} request body does not match the OpenAPI description:\n  "
        + "\n  ".join(problems)
    )
