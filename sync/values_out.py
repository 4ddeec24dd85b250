"""What goes out to Notion: requests shaped to its limits, and the session that sends them.

Limits (``NOTION_API.md`` §1.2) applied to every block the writer sends:

- **2000 characters per text item**, counted in UTF-16 code units as Notion counts them
  (an emoji counts twice): longer text becomes several items with the same style and link;
- **100 items per rich-text array**: past it, the first 99 are kept and an ``…`` item ends
  the array, so a long section says less instead of failing the whole run;
- **100 blocks per children array, 3 levels of blocks per request** (the appended blocks,
  their children, grandchildren) **and 1000 blocks per request**: what does not fit is
  appended afterwards under the blocks just created (:meth:`Session.append_tree`).

The :class:`Session` sends every write through :meth:`Session.write`, which never repeats a
write blindly: on :class:`~sync.errors.WriteNotConfirmed` it reads back what Notion holds,
and sends the write again only when the read shows it did not land.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Callable, Iterator, Sequence
from datetime import UTC, datetime
from functools import partial
from typing import Any

from sync import errors
from sync.gateway import Gateway, Json

MAX_TEXT = 2000
"""UTF-16 code units per ``text.content``."""
MAX_ITEMS = 100
"""Elements of any array in a request: rich-text items, children, multi-select options."""
MAX_LEVELS = 3
"""Levels of blocks in one append: the blocks, their children and grandchildren."""
MAX_BLOCKS = 1000
"""Blocks in one request, all levels counted."""
MAX_BYTES = 450_000
"""Bytes of blocks per request: Notion takes 500 KB overall; the rest is headroom."""
ELLIPSIS = "…"
RICH_TEXT_KEYS = ("rich_text", "caption")
"""Payload keys holding one rich-text array (``cells`` holds one per column)."""

Check = Callable[[errors.WriteNotConfirmed], Json | None]
"""What Notion holds after an unconfirmed write: the saved object, or None if it did not land."""


# -- rich text ---------------------------------------------------------------------------


def utf16_length(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def _pieces(text: str) -> Iterator[str]:
    start, size = 0, 0
    for index, character in enumerate(text):
        width = utf16_length(character)
        if size + width > MAX_TEXT:
            yield text[start:index]
            start, size = index, 0
        size += width
    yield text[start:]


def fit_rich_text(items: Sequence[Json]) -> list[Json]:
    """``items`` within the limits: long text split, at most 100 items (the last an ``…``)."""
    fitted: list[Json] = []
    for item in items:
        text = item.get("text") if item.get("type", "text") == "text" else None
        content = str(text.get("content", "")) if isinstance(text, dict) else ""
        if not isinstance(text, dict) or utf16_length(content) <= MAX_TEXT:
            fitted.append(item)
            continue
        for piece in _pieces(content):
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


def _compact(value: str) -> str:
    """An id as Notion compares them: no dashes, lower case (request ids may be either)."""
    bare = value.replace("-", "").lower()
    is_id = len(bare) == 32 and all(c in "0123456789abcdef" for c in bare)
    return bare if is_id else value


def _plain(value: Any) -> Any:
    """A JSON value in a comparable form: sorted keys, ids compacted."""
    if isinstance(value, dict):
        return tuple(sorted((str(k), _plain(v)) for k, v in value.items()))
    if isinstance(value, list):
        return tuple(_plain(v) for v in value)
    return _compact(value) if isinstance(value, str) else value


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
        return (kind, _compact(str(target.get("id", ""))))
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


# -- the session -------------------------------------------------------------------------


class Session:
    """One apply's access to Notion: writes refused in a dry run, never blindly repeated."""

    def __init__(self, gateway: Gateway, *, dry_run: bool = False) -> None:
        self.gateway = gateway
        self.dry_run = dry_run

    def write(self, send: Callable[[], Json], check: Check) -> Json:
        """Send a write; when its outcome is unknown, trust what Notion holds (``check``)
        and send it once more only when the read shows it did not land."""
        if self.dry_run:
            raise AssertionError("a dry run sends no write")  # a bug, not a Notion failure
        try:
            return send()
        except errors.WriteNotConfirmed as unsure:
            found = check(unsure)
            if found is not None:
                return found
        return send()

    def children(self, block_id: str) -> list[Json]:
        """Every live child of a page or block, paged through (100 per call)."""
        pages = self.gateway.every(partial(self.gateway.list_children, block_id))
        return [block for answer in pages for block in answer.get("results", [])]

    def block(self, block_id: str) -> Json | None:
        """The block, or None when it is gone (deleted, trashed, no longer shared)."""
        try:
            found = self.gateway.retrieve_block(block_id)
        except errors.ObjectNotFound:
            return None
        return None if found.get("in_trash") or found.get("archived") else found

    def append_tree(
        self, container_id: str, blocks: Sequence[Json], position: Json | None = None
    ) -> list[Json]:
        """Append ``blocks`` (any size, any depth) at ``position``; the top-level blocks
        created, as Notion answered them."""
        created: list[Json] = []
        for batch in batches(blocks):
            request = [trimmed(block, levels) for block, levels in batch]
            made = self._append(container_id, request, position)
            for (block, levels), answer in zip(batch, made, strict=True):
                self.finish(str(answer["id"]), block, levels)
            created.extend(made)
            if position is not None:  # the next batch goes after this one, not at the start
                position = after(str(made[-1]["id"]))
        return created

    def finish(self, block_id: str, block: Json, levels: int) -> None:
        """Append what the request that created ``block_id`` could not carry."""
        kids = children_of(block)
        if not kids:
            return
        if levels <= 1:
            self.append_tree(block_id, kids)
            return
        sent = kids[:MAX_ITEMS]
        if any(overflows(kid, levels - 1) for kid in sent):
            listed = self.children(block_id)[: len(sent)]
            for kid, answer in zip(sent, listed, strict=True):
                self.finish(str(answer["id"]), kid, levels - 1)
        if len(kids) > MAX_ITEMS:
            self.append_tree(block_id, kids[MAX_ITEMS:])

    def holds(self, listed: Sequence[Json], blocks: Sequence[Json]) -> bool:
        """Whether ``listed`` (children as read) are ``blocks``, reading nested children."""
        if len(listed) != len(blocks):
            return False
        for want, got in zip(blocks, listed, strict=True):
            if not same_block(want, got):
                return False
            kids = children_of(want)
            if (kids or got.get("has_children")) and not self.holds(
                self.children(str(got["id"])), kids
            ):
                return False
        return True

    def _append(self, container_id: str, request: list[Json], position: Json | None) -> list[Json]:
        def send() -> Json:
            return self.gateway.append_children(container_id, request, position)

        def check(_: errors.WriteNotConfirmed) -> Json | None:
            landed = self._landed(container_id, request, position)
            return None if landed is None else {"results": landed}

        return list(self.write(send, check)["results"])

    def _landed(
        self, container_id: str, request: list[Json], position: Json | None
    ) -> list[Json] | None:
        """The blocks of ``request`` if the container now holds them where they were sent."""
        listed = self.children(container_id)
        if position is None:
            start = len(listed) - len(request)
        elif position["type"] == "start":
            start = 0
        else:
            anchor = position["after_block"]["id"]
            ids = [str(b["id"]) for b in listed]
            start = ids.index(anchor) + 1 if anchor in ids else -1
        window = listed[start : start + len(request)] if start >= 0 else []
        if len(window) == len(request) and all(map(same_block, request, window)):
            return window
        return None
