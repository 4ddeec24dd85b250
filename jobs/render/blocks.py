"""Rich text and block request objects, shaped as ``PATCH /v1/blocks/{id}/children`` takes them.

:class:`RichText` accumulates the items of one rich-text array: it merges adjacent plain text
with the same style (fewer items against Notion's limit per array) and splits text longer
than one item may hold (``schemas.limits``).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime

from schemas.limits import MAX_ITEMS, text_pieces
from schemas.wire import Json


def _annotations(*, bold: bool, italic: bool, code: bool, color: str) -> Json:
    """Only the annotations that differ from Notion's defaults."""
    notes: Json = {}
    if bold:
        notes["bold"] = True
    if italic:
        notes["italic"] = True
    if code:
        notes["code"] = True
    if color != "default":
        notes["color"] = color
    return notes


@dataclass
class RichText:
    """The items of one rich-text array, built left to right."""

    items: list[Json] = field(default_factory=list)

    def text(
        self,
        content: str,
        *,
        bold: bool = False,
        italic: bool = False,
        code: bool = False,
        color: str = "default",
        url: str | None = None,
    ) -> RichText:
        """Plain text; merged into the previous item when it has the same style and no link."""
        notes = _annotations(bold=bold, italic=italic, code=code, color=color)
        if url is None and self.items and _is_plain(self.items[-1], notes):
            content = self.items.pop()["text"]["content"] + content
        for piece in text_pieces(content):
            body: Json = {"content": piece}
            if url is not None:
                body["link"] = {"url": url}
            item: Json = {"type": "text", "text": body}
            if notes:
                item["annotations"] = notes
            self.items.append(item)
        return self

    def line(self) -> RichText:
        """A line break: a newline inside the text, as Notion keeps them."""
        return self.text("\n")

    def page(self, page_id: str) -> RichText:
        """A mention of a page: Notion shows its live title and icon."""
        return self._mention("page", {"id": page_id})

    def user(self, user_id: str) -> RichText:
        """A mention of a person (``@Name``)."""
        return self._mention("user", {"id": user_id})

    def date(self, day: date | datetime) -> RichText:
        """A date mention; a moment is written in UTC (Notion shows it in the reader's zone)."""
        return self._mention("date", {"start": _iso(day)})

    def extend(self, other: RichText) -> RichText:
        """Append ``other``'s items, merging at the seam."""
        for item in other.items:
            if item["type"] == "text" and "link" not in item["text"]:
                self._restyle(item["text"]["content"], item.get("annotations", {}))
            else:
                self.items.append(item)
        return self

    def _restyle(self, content: str, notes: Json) -> None:
        self.text(
            content,
            bold=bool(notes.get("bold")),
            italic=bool(notes.get("italic")),
            code=bool(notes.get("code")),
            color=str(notes.get("color", "default")),
        )

    def _mention(self, kind: str, value: Json) -> RichText:
        self.items.append({"type": "mention", "mention": {"type": kind, kind: value}})
        return self


def _is_plain(item: Json, notes: Json) -> bool:
    return (
        item["type"] == "text"
        and "link" not in item["text"]
        and item.get("annotations", {}) == notes
    )


def _iso(day: date | datetime) -> str:
    if not isinstance(day, datetime):
        return day.isoformat()
    moment = day.replace(tzinfo=UTC) if day.tzinfo is None else day.astimezone(UTC)
    return moment.isoformat(timespec="milliseconds").replace("+00:00", "Z")


def callout(text: RichText, *, emoji: str, color: str) -> Json:
    """A ``callout`` block with an emoji icon and a background colour."""
    body: Json = {"rich_text": text.items, "icon": {"type": "emoji", "emoji": emoji}}
    return {"type": "callout", "callout": body | {"color": color}}


def heading(level: int, text: RichText) -> Json:
    """A ``heading_1`` to ``heading_3`` block."""
    kind = f"heading_{level}"
    return {"type": kind, kind: {"rich_text": text.items, "color": "default"}}


def paragraph(text: RichText) -> Json:
    return {"type": "paragraph", "paragraph": {"rich_text": text.items, "color": "default"}}


def table(rows: Sequence[Sequence[RichText]], *, column_header: bool = True) -> Json:
    """A ``table`` block with its ``table_row`` children (one level of nesting).

    Raises:
        ValueError: when there is no row, rows differ in width, or there are over 100 rows.
    """
    width = len(rows[0]) if rows else 0
    if not width or any(len(row) != width for row in rows) or len(rows) > MAX_ITEMS:
        raise ValueError(f"a table needs 1 to {MAX_ITEMS} rows of the same width")
    children = [
        {"type": "table_row", "table_row": {"cells": [cell.items for cell in row]}} for row in rows
    ]
    body: Json = {"table_width": width, "has_column_header": column_header}
    return {"type": "table", "table": body | {"has_row_header": False, "children": children}}


def canonical_json(value: object) -> str:
    """``value`` as JSON with sorted keys and no spaces: equal content, equal text."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def digest(value: object) -> str:
    """A short stable hash of ``value``'s canonical JSON (16 hex characters of SHA-256)."""
    return hashlib.sha256(canonical_json(value).encode("utf-8")).hexdigest()[:16]
