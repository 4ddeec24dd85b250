"""Blocks as the writer sends them: fitted to Notion's limits, batched into requests, and
recognised again in what Notion answers.

Every limit comes from ``schemas.limits``:

- **text per item**: longer text becomes several items with the same style and link;
- **items per rich-text array**: past it, the first 99 are kept and an ``…`` item ends the
  array, so a long section says less instead of failing the whole run;
- **children per array, levels and blocks per request, bytes**: :func:`batches` cuts a list
  of blocks into requests and :func:`trimmed` says what one request carries of a block's
  tree; ``Session.append_tree`` appends the rest under the blocks just created.

:func:`same_block` tells whether a block read back holds what a request asked for, so the
writer can trust a write whose answer was lost, and leave a section alone when it holds
what the plan wants.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Iterator, Sequence
from datetime import UTC, datetime
from typing import Any

from schemas.ids import compact_id, is_notion_id
from schemas.limits import (
    MAX_BLOCKS,
    MAX_BYTES,
    MAX_ITEMS,
    MAX_LEVELS,
    MAX_TEXT,
    text_pieces,
    utf16_length,
)
from schemas.wire import Json

ELLIPSIS = "…"
RICH_TEXT_KEYS = ("rich_text", "caption")
"""Payload keys holding one rich-text array (``cells`` holds one per column)."""


# -- rich text ---------------------------------------------------------------------------


def fit_rich_text(items: Sequence[Json]) -> list[Json]:
    """``items`` within the limits: long text split, at most 100 items (the last an ``…``)."""
    fitted: list[Json] = []
    for item in items:
        text = item.get("text") if item.get("type", "text") == "text" else None
        content = str(text.get("content", "")) if isinstance(text, dict) else ""
        if not isinstance(text, dict) or utf16_length(content) <= MAX_TEXT:
            fitted.append(item)
            continue
        for piece in text_pieces(content):
            fitted.append({**item, "text": {**text, "content": piece}})
    if len(fitted) > MAX_ITEMS:
        fitted = [*fitted[: MAX_ITEMS - 1], {"type": "text", "text": {"content": ELLIPSIS}}]
    return fitted


def fit_block(block: Json) -> Json:
    """A copy of ``block`` (and its children) with every rich-text array within the limits."""
    kind = str(block.get("type"))
    payload = copy.copy(block.get(kind) or {})
    for key in RICH_TEXT_KEYS:
        if isinstance(payload.get(key), list):
            payload[key] = fit_rich_text(payload[key])
    if isinstance(payload.get("cells"), list):
        payload["cells"] = [fit_rich_text(cell) for cell in payload["cells"]]
    if isinstance(payload.get("children"), list):
        payload["children"] = [fit_block(child) for child in payload["children"]]
    return {**block, "type": kind, kind: payload}


# -- block trees -------------------------------------------------------------------------


def children_of(block: Json) -> list[Json]:
    """The children a block request carries (inside its type's payload, as Notion wants)."""
    found = (block.get(str(block.get("type"))) or {}).get("children")
    return list(found) if isinstance(found, list) else []


def trimmed(block: Json, levels: int) -> Json:
    """``block`` with at most ``levels`` levels of blocks and 100 children per array."""
    kind = str(block["type"])
    payload = {k: v for k, v in (block.get(kind) or {}).items() if k != "children"}
    kids = children_of(block)
    if kids and levels > 1:
        payload["children"] = [trimmed(kid, levels - 1) for kid in kids[:MAX_ITEMS]]
    return {**block, kind: payload}


def overflows(block: Json, levels: int) -> bool:
    """Whether :func:`trimmed` left part of ``block``'s tree out."""
    kids = children_of(block)
    if not kids:
        return False
    if levels <= 1 or len(kids) > MAX_ITEMS:
        return True
    return any(overflows(kid, levels - 1) for kid in kids)


def count_blocks(block: Json) -> int:
    return 1 + sum(count_blocks(kid) for kid in children_of(block))


def _levels_for(block: Json) -> int:
    """The most levels of ``block`` one request can carry (a huge tree goes shallower)."""
    for levels in range(MAX_LEVELS, 1, -1):
        if count_blocks(trimmed(block, levels)) <= MAX_BLOCKS:
            return levels
    return 1


def _size(block: Json) -> int:
    return len(json.dumps(block, ensure_ascii=False).encode("utf-8"))


def batches(blocks: Sequence[Json]) -> Iterator[list[tuple[Json, int]]]:
    """``blocks`` in requests of at most 100 blocks, 1000 in all levels and ~450 KB, each
    with the levels it is sent with."""
    batch: list[tuple[Json, int]] = []
    count = size = 0
    for block in blocks:
        levels = _levels_for(block)
        sent = trimmed(block, levels)
        weight, nbytes = count_blocks(sent), _size(sent)
        full = count + weight > MAX_BLOCKS or size + nbytes > MAX_BYTES
        if batch and (len(batch) == MAX_ITEMS or full):
            yield batch
            batch, count, size = [], 0, 0
        batch.append((block, levels))
        count, size = count + weight, size + nbytes
    if batch:
        yield batch


def after(block_id: str) -> Json:
    return {"type": "after_block", "after_block": {"id": block_id}}


# -- recognising what was sent in what is read back --------------------------------------

_DEFAULT_NOTES = {"bold": False, "italic": False, "strikethrough": False, "underline": False,
                  "code": False, "color": "default"}  # fmt: skip


def _plain(value: Any) -> Any:
    """A JSON value in a comparable form: sorted keys, ids compacted."""
    if isinstance(value, dict):
        return tuple(sorted((str(k), _plain(v)) for k, v in value.items()))
    if isinstance(value, list):
        return tuple(_plain(v) for v in value)
    return compact_id(value) if isinstance(value, str) and is_notion_id(value) else value


def _moment(value: Any) -> Any:
    """A date or date-time mention value; date-times compared as instants."""
    if not isinstance(value, str) or "T" not in value:
        return value
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00")).astimezone(UTC)
    except ValueError:
        return value


def _mention_key(mention: Json) -> Any:
    kind = str(mention.get("type"))
    target = mention.get(kind) or {}
    if kind in ("page", "database", "user"):
        return (kind, compact_id(str(target.get("id", ""))))
    if kind == "date":
        return (kind, _moment(target.get("start")), _moment(target.get("end")))
    return (kind, _plain(target))


def canonical_text(items: Sequence[Json]) -> list[tuple[Any, str]]:
    """A rich-text array as comparable runs: adjacent text with one style and link merged,
    since Notion may store split text joined (and the writer splits long text itself)."""
    runs: list[tuple[Any, str]] = []
    for item in items:
        kind = item.get("type") or next(k for k in ("text", "mention", "equation") if k in item)
        notes = _plain({**_DEFAULT_NOTES, **(item.get("annotations") or {})})
        if kind == "text":
            text = item.get("text") or {}
            link = text.get("link") if isinstance(text.get("link"), dict) else None
            style = ("text", (link or {}).get("url"), notes)
            content = str(text.get("content", ""))
            if runs and runs[-1][0] == style:
                runs[-1] = (style, runs[-1][1] + content)
            elif content:
                runs.append((style, content))
        elif kind == "mention":
            runs.append((("mention", _mention_key(item.get("mention") or {}), notes), ""))
        else:
            runs.append((("equation", notes), str((item.get("equation") or {}).get("expression"))))
    return runs


def _icon(icon: Any) -> Any:
    """An icon without its ``type`` tag; emoji without the variation selector, which a
    store may add or drop."""
    if not isinstance(icon, dict):
        return icon
    bare = {k: v for k, v in icon.items() if k != "type"}
    if isinstance(bare.get("emoji"), str):
        bare["emoji"] = bare["emoji"].replace("\ufe0f", "")
    return _plain(bare)


def _field(key: str, value: Any) -> Any:
    if key in RICH_TEXT_KEYS and isinstance(value, list):
        return canonical_text(value)
    if key == "cells" and isinstance(value, list):
        return [canonical_text(cell) for cell in value]
    if key == "icon":
        return _icon(value)
    return _plain(value)


def same_block(sent: Json, read: Json) -> bool:
    """Whether ``read`` (a block as Notion answers it) holds what ``sent`` (a block request)
    asked for, children aside. Only the fields the request gives are compared: Notion fills
    in the others (``is_toggleable``, a default colour)."""
    kind = str(sent.get("type"))
    if read.get("type") != kind:
        return False
    wanted, found = sent.get(kind) or {}, read.get(kind) or {}
    return all(
        _field(key, value) == _field(key, found.get(key))
        for key, value in wanted.items()
        if key != "children"
    )
