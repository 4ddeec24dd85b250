"""Block requests: validation of what ``PATCH /v1/blocks/{id}/children`` and
``PATCH /v1/blocks/{id}`` accept, and normalization into stored payloads.

Limits enforced as Notion does: at most 100 blocks in any ``children`` array, two levels
of nesting below the appended blocks (a third ``children`` "should be not present"), at
most 1000 blocks per request, rich text limits inside every block.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from emulator import checks, errors, richtext
from emulator.colors import TEXT_COLORS
from emulator.state import Json

MAX_BLOCKS_PER_REQUEST = 1000
MAX_NESTING = 2
"""Appended blocks may carry children, and those children may carry children: no deeper."""

TEXT_BLOCKS = frozenset(
    {"paragraph", "bulleted_list_item", "numbered_list_item", "quote", "toggle", "to_do",
     "heading_1", "heading_2", "heading_3", "callout"}
)  # fmt: skip
NESTABLE = frozenset(
    {"paragraph", "bulleted_list_item", "numbered_list_item", "quote", "toggle", "to_do",
     "callout", "column_list", "column", "table", "synced_block", "heading_1", "heading_2",
     "heading_3"}
)  # fmt: skip
SIMPLE = frozenset({"divider", "breadcrumb"})
SUPPORTED = TEXT_BLOCKS | SIMPLE | frozenset(
    {"code", "equation", "table", "table_row", "table_of_contents", "column_list", "column",
     "link_to_page", "bookmark", "embed", "image", "synced_block"}
)  # fmt: skip
READ_ONLY = frozenset(
    {"child_page", "child_database", "unsupported", "transcription", "meeting_notes"}
)
CODE_LANGUAGES = frozenset(
    {"abap", "bash", "c", "c#", "c++", "css", "diff", "docker", "go", "graphql", "html", "java",
     "javascript", "json", "kotlin", "markdown", "plain text", "python", "ruby", "rust", "shell",
     "sql", "swift", "toml", "typescript", "yaml", "mermaid"}
)  # fmt: skip

MentionTitle = Callable[[str, str], str | None]


class ParsedBlock:
    """A validated block from a request: its type, stored payload and nested children."""

    def __init__(self, kind: str, payload: Json, children: list[ParsedBlock]) -> None:
        self.kind = kind
        self.payload = payload
        self.children = children

    def count(self) -> int:
        return 1 + sum(child.count() for child in self.children)


def parse_children(raw: Any, path: str, mention_title: MentionTitle) -> list[ParsedBlock]:
    """Validate an append request's ``children`` (top level: depth 1)."""
    blocks = _parse_list(raw, path, 1, mention_title)
    total = sum(block.count() for block in blocks)
    if total > MAX_BLOCKS_PER_REQUEST:
        raise errors.validation(
            f"body failed validation: the request contains {total} blocks; "
            f"at most {MAX_BLOCKS_PER_REQUEST} blocks are allowed in one request."
        )
    return blocks


def _parse_list(raw: Any, path: str, depth: int, mention_title: MentionTitle) -> list[ParsedBlock]:
    items = checks.array(raw, path)
    return [
        _parse_block(item, f"{path}[{i}]", depth, mention_title) for i, item in enumerate(items)
    ]


def _parse_block(raw: Any, path: str, depth: int, mention_title: MentionTitle) -> ParsedBlock:
    body = checks.obj(raw, path)
    kind = body.get("type") or next((k for k in body if k in SUPPORTED | READ_ONLY), None)
    if kind is None:
        raise errors.missing(f"{path}.type")
    if kind in READ_ONLY:
        raise errors.validation(
            f"body failed validation: {path}.{kind} cannot be created by appending blocks."
        )
    checks.one_of(kind, SUPPORTED, f"{path}.type")
    content = checks.obj(checks.required(body, kind, path), f"{path}.{kind}")
    where = f"{path}.{kind}"
    children_raw = content.get("children")
    children: list[ParsedBlock] = []
    if children_raw is not None:
        if depth > MAX_NESTING or kind not in NESTABLE:
            raise errors.body_invalid(f"{where}.children", "should be not present", children_raw)
        children = _parse_list(children_raw, f"{where}.children", depth + 1, mention_title)
    payload = parse_payload(
        kind, {k: v for k, v in content.items() if k != "children"}, where, mention_title
    )
    _check_structure(kind, payload, children, where)
    return ParsedBlock(kind, payload, children)


def parse_payload(kind: str, content: Json, path: str, mention_title: MentionTitle) -> Json:
    """The stored (response-form) payload of one block type."""
    if kind in TEXT_BLOCKS:
        return _text_payload(kind, content, path, mention_title)
    if kind in SIMPLE:
        checks.no_unknown_keys(content, set(), path)
        return {}
    parser = _PAYLOADS.get(kind)
    if parser is None:
        raise errors.validation(f"body failed validation: {path} is not supported by the emulator.")
    return parser(content, path, mention_title)


def _text_payload(kind: str, content: Json, path: str, mention_title: MentionTitle) -> Json:
    allowed = {"rich_text", "color"}
    if kind == "to_do":
        allowed.add("checked")
    if kind.startswith("heading_"):
        allowed.add("is_toggleable")
    if kind == "callout":
        allowed.add("icon")
    checks.no_unknown_keys(content, allowed, path)
    payload: Json = {
        "rich_text": richtext.parse(
            checks.required(content, "rich_text", path), f"{path}.rich_text", mention_title
        )
    }
    if kind == "to_do":
        payload["checked"] = checks.boolean(content.get("checked", False), f"{path}.checked")
    if kind.startswith("heading_"):
        payload["is_toggleable"] = checks.boolean(
            content.get("is_toggleable", False), f"{path}.is_toggleable"
        )
    if kind == "callout":
        payload["icon"] = _icon(
            content.get("icon", {"type": "emoji", "emoji": "💡"}), f"{path}.icon"
        )
        payload["color"] = checks.one_of(
            content.get("color", "gray_background"), TEXT_COLORS, f"{path}.color"
        )
    else:
        payload["color"] = checks.one_of(
            content.get("color", "default"), TEXT_COLORS, f"{path}.color"
        )
    return payload


def _icon(raw: Any, path: str) -> Json | None:
    if raw is None:
        return None
    body = checks.obj(raw, path)
    if "emoji" in body:
        return {"type": "emoji", "emoji": checks.string(body["emoji"], f"{path}.emoji")}
    if "external" in body:
        external = checks.obj(body["external"], f"{path}.external")
        url = checks.string(
            checks.required(external, "url", f"{path}.external"), f"{path}.external.url", 2000
        )
        return {"type": "external", "external": {"url": url}}
    raise errors.missing(f"{path}.emoji")


def _code(content: Json, path: str, mention_title: MentionTitle) -> Json:
    checks.no_unknown_keys(content, {"rich_text", "language", "caption"}, path)
    return {
        "caption": richtext.parse(content.get("caption", []), f"{path}.caption", mention_title),
        "rich_text": richtext.parse(
            checks.required(content, "rich_text", path), f"{path}.rich_text", mention_title
        ),
        "language": checks.one_of(
            content.get("language", "plain text"), CODE_LANGUAGES, f"{path}.language"
        ),
    }


def _equation(content: Json, path: str, _m: MentionTitle) -> Json:
    expression = checks.required(content, "expression", path)
    return {"expression": checks.string(expression, f"{path}.expression", checks.MAX_EQUATION)}


def _table(content: Json, path: str, _m: MentionTitle) -> Json:
    checks.no_unknown_keys(content, {"table_width", "has_column_header", "has_row_header"}, path)
    width = checks.required(content, "table_width", path)
    if isinstance(width, bool) or not isinstance(width, int) or width < 1:
        raise errors.body_invalid(f"{path}.table_width", "should be a positive integer", width)
    return {
        "table_width": width,
        "has_column_header": checks.boolean(
            content.get("has_column_header", False), f"{path}.has_column_header"
        ),
        "has_row_header": checks.boolean(
            content.get("has_row_header", False), f"{path}.has_row_header"
        ),
    }


def _table_row(content: Json, path: str, mention_title: MentionTitle) -> Json:
    cells = checks.array(checks.required(content, "cells", path), f"{path}.cells")
    return {
        "cells": [
            richtext.parse(cell, f"{path}.cells[{i}]", mention_title)
            for i, cell in enumerate(cells)
        ]
    }


def _color_only(content: Json, path: str, _m: MentionTitle) -> Json:
    checks.no_unknown_keys(content, {"color"}, path)
    return {"color": checks.one_of(content.get("color", "default"), TEXT_COLORS, f"{path}.color")}


def _empty(content: Json, path: str, _m: MentionTitle) -> Json:
    checks.no_unknown_keys(content, set(), path)
    return {}


def _link_to_page(content: Json, path: str, _m: MentionTitle) -> Json:
    for kind in ("page_id", "database_id"):
        if kind in content:
            return {"type": kind, kind: checks.uuid(content[kind], f"{path}.{kind}")}
    raise errors.missing(f"{path}.page_id")


def _url_block(content: Json, path: str, mention_title: MentionTitle) -> Json:
    url = checks.string(checks.required(content, "url", path), f"{path}.url", 2000)
    caption = richtext.parse(content.get("caption", []), f"{path}.caption", mention_title)
    return {"caption": caption, "url": url}


def _image(content: Json, path: str, mention_title: MentionTitle) -> Json:
    external = checks.obj(checks.required(content, "external", path), f"{path}.external")
    url = checks.string(
        checks.required(external, "url", f"{path}.external"), f"{path}.external.url", 2000
    )
    caption = richtext.parse(content.get("caption", []), f"{path}.caption", mention_title)
    return {"caption": caption, "type": "external", "external": {"url": url}}


def _synced_block(content: Json, path: str, _m: MentionTitle) -> Json:
    source = content.get("synced_from")
    if source is None:
        return {"synced_from": None}
    body = checks.obj(source, f"{path}.synced_from")
    block_id = checks.uuid(
        checks.required(body, "block_id", f"{path}.synced_from"), f"{path}.synced_from.block_id"
    )
    return {"synced_from": {"type": "block_id", "block_id": block_id}}


_PAYLOADS: dict[str, Callable[[Json, str, MentionTitle], Json]] = {
    "code": _code,
    "equation": _equation,
    "table": _table,
    "table_row": _table_row,
    "table_of_contents": _color_only,
    "column_list": _empty,
    "column": _empty,
    "link_to_page": _link_to_page,
    "bookmark": _url_block,
    "embed": _url_block,
    "image": _image,
    "synced_block": _synced_block,
}


def _check_structure(kind: str, payload: Json, children: list[ParsedBlock], path: str) -> None:
    if kind == "table":
        if not children:
            raise errors.missing(f"{path}.children")
        for index, row in enumerate(children):
            if row.kind != "table_row":
                raise errors.body_invalid(
                    f"{path}.children[{index}].type", 'should be `"table_row"`', row.kind
                )
            if len(row.payload["cells"]) != payload["table_width"]:
                where = f"{path}.children[{index}].table_row.cells.length"
                raise errors.validation(
                    f"body failed validation: {where} should be `{payload['table_width']}` "
                    f"(the table_width), instead was `{len(row.payload['cells'])}`."
                )
    if kind == "column_list" and any(child.kind != "column" for child in children):
        raise errors.validation(
            f"body failed validation: {path}.children should only contain column blocks."
        )


def parse_update(kind: str, body: Json, path: str, mention_title: MentionTitle) -> Json | None:
    """The new payload for ``PATCH /v1/blocks/{id}``, merged field by field, or None."""
    if kind not in body:
        other = [k for k in body if k in SUPPORTED | READ_ONLY and k != kind]
        if other:
            raise errors.validation(
                f"Block type {other[0]} does not match existing block type {kind}."
            )
        return None
    content = checks.obj(body[kind], f"{path}.{kind}")
    if "children" in content:
        raise errors.body_invalid(
            f"{path}.{kind}.children", "should be not present", content["children"]
        )
    return content
