"""``POST /v1/search``: pages and data sources the integration can see, by title."""

from __future__ import annotations

from emulator import checks
from emulator.api.common import Call, envelope, page_size, paginate
from emulator.richtext import plain_text
from emulator.state import DataSourceRecord, Json, PageRecord
from emulator.store import Store

SEARCH_KEYS = frozenset({"query", "sort", "filter", "start_cursor", "page_size"})


def search(call: Call) -> Json:
    body = call.body
    checks.no_unknown_keys(body, SEARCH_KEYS, "body")
    text = checks.string(body.get("query", ""), "body.query").casefold()
    wanted = _object_filter(body.get("filter"))
    descending = _descending(body.get("sort"))
    found: list[PageRecord | DataSourceRecord] = []
    store = call.store
    if wanted in (None, "page"):
        found.extend(
            p
            for p in store.workspace.pages.values()
            if _visible(store, p.id, p.id) and text in call.render.page_title(p).casefold()
        )
    if wanted in (None, "data_source"):
        found.extend(
            s
            for s in store.workspace.data_sources.values()
            if _visible(store, s.id, s.database_id) and text in plain_text(s.title).casefold()
        )
    found.sort(key=lambda r: (r.last_edited_time, r.id), reverse=descending)
    size = page_size(body.get("page_size"), "body")
    chunk, cursor = paginate(found, body.get("start_cursor"), size, lambda r: r.id, "body")
    results = [
        call.render.page(r) if isinstance(r, PageRecord) else call.render.data_source(r)
        for r in chunk
    ]
    return envelope(results, cursor, "page_or_data_source")


def _visible(store: Store, object_id: str, shared_via: str) -> bool:
    return not store.in_trash(object_id) and store.visible(shared_via)


def _object_filter(raw: object) -> str | None:
    if raw is None:
        return None
    body = checks.obj(raw, "body.filter")
    checks.one_of(
        checks.required(body, "property", "body.filter"), ("object",), "body.filter.property"
    )
    return checks.one_of(
        checks.required(body, "value", "body.filter"), ("page", "data_source"), "body.filter.value"
    )


def _descending(raw: object) -> bool:
    if raw is None:
        return True
    body = checks.obj(raw, "body.sort")
    checks.one_of(
        checks.required(body, "timestamp", "body.sort"),
        ("last_edited_time",),
        "body.sort.timestamp",
    )
    direction = checks.one_of(
        checks.required(body, "direction", "body.sort"),
        ("ascending", "descending"),
        "body.sort.direction",
    )
    return direction == "descending"
