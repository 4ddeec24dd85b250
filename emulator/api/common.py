"""What every handler receives, and the list envelope with Notion's cursor pagination."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

from emulator import errors
from emulator.ids import IdFactory
from emulator.render import Renderer
from emulator.schema import SchemaEditor
from emulator.state import Json
from emulator.store import Store
from emulator.values import ValueWriter

MAX_PAGE_SIZE = 100
Handler = Callable[["Call"], Json]
"""An endpoint: one request in, the JSON body of its answer out."""
Item = TypeVar("Item")


@dataclass
class Call:
    """One request as a handler sees it."""

    store: Store
    render: Renderer
    method: str
    params: dict[str, str]
    query: dict[str, list[str]]
    body: Json
    base_url: str = "https://api.notion.com"
    """Where ``next_url`` links point: the address the request came in on."""
    actor: str = ""
    """Who makes the change: the integration's bot, or a person when a seed edits "in the app"."""
    appended: list[str] = field(default_factory=list)
    """Direct children an append created, in request order (Notion's ``committed_child_ids``)."""
    touched: list[str] = field(default_factory=list)
    """Ids of what this call changed, main object first (for the 503-after-commit fault)."""

    def __post_init__(self) -> None:
        if not self.actor:
            self.actor = self.store.bot_id()

    def touch(self, object_id: str) -> None:
        if object_id not in self.touched:
            self.touched.append(object_id)

    @property
    def ids(self) -> IdFactory:
        return self.store.ids

    @property
    def values(self) -> ValueWriter:
        return ValueWriter(self.store.workspace, self.store.ids, self.render.mention_title)

    @property
    def schemas(self) -> SchemaEditor:
        return SchemaEditor(self.store.ids, self.store.workspace.data_sources.get)

    def query_value(self, name: str) -> str | None:
        values = self.query.get(name)
        return values[-1] if values else None


def page_size(raw: Any, where: str) -> int:
    """Validate ``page_size`` (``where`` is ``body`` or ``query``)."""
    if raw is None:
        return MAX_PAGE_SIZE
    value = raw
    if isinstance(raw, str):
        try:
            value = int(raw)
        except ValueError:
            raise errors.body_invalid(f"{where}.page_size", "should be a number", raw) from None
    if isinstance(value, bool) or not isinstance(value, int):
        raise errors.body_invalid(f"{where}.page_size", "should be an integer", raw)
    if value > MAX_PAGE_SIZE:
        raise _failed(where, f"page_size should be ≤ `{MAX_PAGE_SIZE}`, instead was `{value}`.")
    if value < 1:
        raise _failed(where, f"page_size should be ≥ `1`, instead was `{value}`.")
    return value


def _failed(where: str, detail: str) -> errors.ApiError:
    """``body failed validation: body.x ...`` or ``query failed validation: query.x ...``."""
    return errors.validation(f"{where} failed validation: {where}.{detail}")


def paginate(
    items: Sequence[Item],
    start_cursor: Any,
    size: int,
    key: Callable[[Item], str],
    where: str,
) -> tuple[Sequence[Item], str | None]:
    """One page of ``items``; the cursor is the next page's first id, as in Notion."""
    start = 0
    if start_cursor is not None:
        if not isinstance(start_cursor, str):
            raise errors.body_invalid(f"{where}.start_cursor", "should be a string", start_cursor)
        start = next((i for i, item in enumerate(items) if key(item) == start_cursor), -1)
        if start < 0:
            raise errors.validation(
                f"{where} failed validation: {where}.start_cursor should be a cursor returned by a "
                f"previous request, instead was `{start_cursor}`."
            )
    chunk = items[start : start + size]
    following = start + size
    return chunk, key(items[following]) if following < len(items) else None


def envelope(
    results: list[Json], next_cursor: str | None, kind: str, extra: Json | None = None
) -> Json:
    body: Json = {
        "object": "list",
        "results": results,
        "next_cursor": next_cursor,
        "has_more": next_cursor is not None,
        "type": kind,
        kind: extra if extra is not None else {},
    }
    return body
