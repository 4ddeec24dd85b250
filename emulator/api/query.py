"""``POST /v1/data_sources/{id}/query``: filters, sorts, cursors, ``filter_properties``.

Results of one (filter, sorts) over an unchanged workspace are computed once and reused
while a client pages through them, so paging a large data source costs what Notion's
own cursors cost: each page renders 100 rows, not the whole data source again.

Which rows a query sees depends on two independent flags of the body:

- the **archive**: ``is_archived`` (newest docs and OpenAPI: "When omitted or false, returns
  non-archived pages. When true, returns archived pages.") picks archived rows or the others;
- the **trash**: ``in_trash`` / ``archived`` (what notion-client 3.1.0 and SDK-JS <= 5.26 send;
  the newest docs drop them) at ``true`` add trashed rows; by default they are left out.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime

from emulator import checks, errors
from emulator.api.common import Call, envelope, page_size, paginate
from emulator.filters import FilterContext, Row, compile_filter, sort_key_function
from emulator.render import Renderer
from emulator.schema import find
from emulator.state import DataSourceRecord, Json, PageRecord

QUERY_KEYS = frozenset(
    {
        "filter",
        "sorts",
        "start_cursor",
        "page_size",
        "archived",
        "in_trash",
        "is_archived",
        "result_type",
    }
)
RESULT_LIMIT = 10_000
"""Notion pages through at most 10,000 results of one query, then reports it incomplete."""


@dataclass
class _Cached:
    version: int
    ids: list[str]
    capped: bool


_CACHE_SIZE = 32


def query(call: Call) -> Json:
    body = call.body
    checks.no_unknown_keys(body, QUERY_KEYS, "body")
    source = call.store.data_source(call.params["data_source_id"])
    if source.in_trash or call.store.in_trash(source.database_id):
        raise errors.not_found("data_source", call.params["data_source_id"])
    size = page_size(body.get("page_size"), "body")
    result_type = body.get("result_type", "page")
    checks.one_of(result_type, ("page", "data_source"), "body.result_type")
    states = _states(body)
    ids, capped = ([], False) if result_type == "data_source" else _matching(call, source, states)
    chunk, cursor = paginate(ids, body.get("start_cursor"), size, lambda i: i, "body")
    only = _filter_properties(call, source)
    pages = call.store.workspace.pages
    response = envelope(
        [call.render.page(pages[i], only) for i in chunk], cursor, "page_or_data_source"
    )
    if capped:
        response["request_status"] = {
            "type": "incomplete",
            "incomplete_reason": "query_result_limit_reached",
        }
    return response


@dataclass(frozen=True)
class _States:
    """Which rows the query sees (see the module docstring)."""

    archived: bool
    include_trash: bool


def _flag(body: Json, key: str) -> bool:
    return key in body and checks.boolean(body[key], f"body.{key}")


def _states(body: Json) -> _States:
    trash = [_flag(body, key) for key in ("in_trash", "archived")]  # both checked: no shortcut
    return _States(archived=_flag(body, "is_archived"), include_trash=any(trash))


def _matching(call: Call, source: DataSourceRecord, states: _States) -> tuple[list[str], bool]:
    body = call.body
    archived, include_trash = states.archived, states.include_trash
    today = int(call.store.now() // 86_400)  # "today", "past_week"... move at midnight UTC
    key = json.dumps(
        [source.id, body.get("filter"), body.get("sorts"), include_trash, archived, today],
        sort_keys=True,
        default=str,
    )
    cache: dict[str, _Cached] = call.store.query_cache
    cached = cache.get(key)
    if cached is not None and cached.version == call.store.version:
        return cached.ids, cached.capped
    rows = [
        p for p in call.store.workspace.pages.values()
        if p.parent.get("data_source_id") == source.id
        and p.is_archived == archived
        and (include_trash or not p.in_trash)
    ]  # fmt: skip
    rows.sort(key=lambda p: p.id)  # Notion promises no order without sorts: neither do we
    ids = _filter_and_sort(call, source, rows)
    capped = len(ids) > RESULT_LIMIT
    entry = _Cached(call.store.version, ids[:RESULT_LIMIT], capped)
    if len(cache) >= _CACHE_SIZE:
        cache.pop(next(iter(cache)))
    cache[key] = entry
    return entry.ids, entry.capped


def _filter_and_sort(call: Call, source: DataSourceRecord, pages: list[PageRecord]) -> list[str]:
    body = call.body
    raw_filter, raw_sorts = body.get("filter"), body.get("sorts")
    if raw_filter is None and not raw_sorts:
        return [p.id for p in pages]
    context = FilterContext(
        now=datetime.fromtimestamp(call.store.now(), UTC), bot_user_id=call.store.bot_id()
    )
    predicate = (
        None if raw_filter is None else compile_filter(raw_filter, source.properties, context)
    )
    order = None if not raw_sorts else sort_key_function(raw_sorts, source.properties)
    rows = [(_row(call.render, source, p), p.id) for p in pages]
    by_row = {id(row): page_id for row, page_id in rows}
    kept = [row for row, _ in rows if predicate is None or predicate(row)]
    if order is not None:
        kept = order(kept)
    return [by_row[id(row)] for row in kept]


class _LazyValues(Mapping[str, Json]):
    """A row's property values, rendered only when a filter or sort asks for one.

    A query sorted by ``created_time`` over 20,000 rows must not render 20,000 rollups.
    """

    def __init__(self, render: Renderer, source: DataSourceRecord, page: PageRecord) -> None:
        self._render, self._source, self._page = render, source, page
        self._done: dict[str, Json] = {}

    def __getitem__(self, property_id: str) -> Json:
        if property_id not in self._done:
            schema = self._source.properties[property_id]
            self._done[property_id] = self._render.property_value(
                self._source, self._page, schema, truncate=False
            )
        return self._done[property_id]

    def __iter__(self) -> Iterator[str]:
        return iter(self._source.properties)

    def __len__(self) -> int:
        return len(self._source.properties)


def _row(render: Renderer, source: DataSourceRecord, page: PageRecord) -> Row:
    created, edited = render.page_stamps(page)
    return Row(
        properties=_LazyValues(render, source, page), created_time=created, last_edited_time=edited
    )


def _filter_properties(call: Call, source: DataSourceRecord) -> set[str] | None:
    wanted = call.query.get("filter_properties") or call.query.get("filter_properties[]")
    if not wanted:
        return None
    chosen = set()
    for key in wanted:
        schema = find(source, key)
        if schema is None:
            raise errors.validation(f"Could not find property with name or id: {key}")
        chosen.add(schema.id)
    return chosen
