"""``/v1/pages``: create, retrieve, update, and the paginated property-item endpoint.

A page has two states apart from being live, each its own flag:

- **trash** (``in_trash``; ``archived`` is its deprecated alias in 2025-09-03, in requests
  and answers alike): a trashed page, and everything below it, refuses edits until restored;
- **archive** (``is_archived``, in Apr 2026 answers and the SDK-JS 5.21+ update body): a
  separate state. Setting one never changes the other. Archived pages are left out of data
  source queries unless the query asks for them (``api/query.py``); nothing documents an
  archived page refusing edits, so it takes them, and its blocks and child pages are not
  archived with it.
"""

from __future__ import annotations

import base64
from typing import Any

from emulator import checks, errors
from emulator.api.blockops import append_blocks
from emulator.api.common import Call, envelope, page_size
from emulator.blocks import parse_children
from emulator.ids import same_property_id
from emulator.render import PAGE_REFERENCE_LIMIT
from emulator.schema import dual_counterpart, find
from emulator.state import DataSourceRecord, Json, PageRecord, PropertySchema
from emulator.values import initial_values, stored

CREATE_KEYS = frozenset(
    {
        "parent",
        "properties",
        "icon",
        "cover",
        "content",
        "children",
        "markdown",
        "template",
        "position",
    }
)
UPDATE_KEYS = frozenset(
    {
        "properties",
        "icon",
        "cover",
        "is_locked",
        "template",
        "erase_content",
        "archived",
        "in_trash",
        "is_archived",
    }
)
PAGINATED_ITEM_TYPES = frozenset({"title", "rich_text", "people", "relation"})
ROLLUP_ITEM_UNSUPPORTED = frozenset(
    {"show_unique", "unique", "median", "count_per_group", "percent_per_group"}
)
"""Rollup functions the property item endpoint does not compute: it answers ``unsupported``."""


def create(call: Call) -> Json:
    body = call.body
    checks.no_unknown_keys(body, CREATE_KEYS, "body")
    parent, source = _parent(call, checks.required(body, "parent", "body"))
    now = call.store.now()
    bot = call.actor
    page = PageRecord(
        id=call.ids.uuid(),
        parent=parent,
        properties=initial_values(source) if source else {"title": []},
        created_time=now,
        last_edited_time=now,
        created_by=bot,
        last_edited_by=bot,
        icon=_icon(body.get("icon"), "body.icon"),
        cover=_cover(body.get("cover"), "body.cover"),
    )
    children = parse_children(body.get("children", []), "body.children", call.render.mention_title)
    call.touch(page.id)
    _write_properties(call, source, page, body.get("properties", {}))
    call.store.workspace.pages[page.id] = page
    _attach(call, page)
    append_blocks(call, page, children, None)
    return call.render.page(page)


def _parent(call: Call, raw: Any) -> tuple[Json, DataSourceRecord | None]:
    body = checks.obj(raw, "body.parent")
    if "data_source_id" in body:
        source = call.store.data_source(
            checks.string(body["data_source_id"], "body.parent.data_source_id")
        )
        _writable(call, source.database_id)
        return {"type": "data_source_id", "data_source_id": source.id}, source
    if "database_id" in body:
        database = call.store.database(
            checks.string(body["database_id"], "body.parent.database_id")
        )
        live = [
            i for i in database.data_source_ids if not call.store.workspace.data_sources[i].in_trash
        ]
        if len(live) != 1:
            raise errors.validation(
                f"Database {database.id} has {len(live)} data sources: give parent.data_source_id "
                "to say which one the page belongs to."
            )
        _writable(call, database.id)
        return {
            "type": "data_source_id",
            "data_source_id": live[0],
        }, call.store.workspace.data_sources[live[0]]
    if "page_id" in body:
        parent_page = call.store.page(checks.string(body["page_id"], "body.parent.page_id"))
        _writable(call, parent_page.id)
        return {"type": "page_id", "page_id": parent_page.id}, None
    if body.get("workspace") is True:
        raise errors.ApiError(
            403,
            "restricted_resource",
            "Internal integrations cannot create pages at the workspace level.",
        )
    raise errors.validation(
        "body failed validation. Fix one:\n"
        "body.parent.page_id should be defined, instead was `undefined`.\n"
        "body.parent.database_id should be defined, instead was `undefined`.\n"
        "body.parent.data_source_id should be defined, instead was `undefined`."
    )


def _writable(call: Call, object_id: str) -> None:
    if call.store.in_trash(object_id):
        raise errors.archived()


def _attach(call: Call, page: PageRecord) -> None:
    """A page under a page is also a child_page block of that page."""
    if page.parent["type"] == "page_id":
        call.store.workspace.pages[page.parent["page_id"]].children.append(page.id)


def retrieve(call: Call) -> Json:
    page = call.store.page(call.params["page_id"])
    return call.render.page(page, only=_filter_properties(call, page))


def _filter_properties(call: Call, page: PageRecord) -> set[str] | None:
    wanted = call.query.get("filter_properties") or call.query.get("filter_properties[]")
    if not wanted:
        return None
    source = call.store.source_of(page)
    if source is None:
        return {"title"}
    chosen = set()
    for key in wanted:
        schema = find(source, key)
        if schema is not None:
            chosen.add(schema.id)
    return chosen


def update(call: Call) -> Json:
    body = call.body
    checks.no_unknown_keys(body, UPDATE_KEYS, "body")
    page = call.store.page(call.params["page_id"])
    trash = _trash_flag(body)
    archive = (
        checks.boolean(body["is_archived"], "body.is_archived") if "is_archived" in body else None
    )
    if call.store.in_trash(page.id) and trash is not False:
        raise errors.archived()  # archiving a trashed page is an edit too
    if trash is not None:
        page.in_trash = trash
    if archive is not None:
        page.is_archived = archive
    if "icon" in body:
        page.icon = _icon(body["icon"], "body.icon")
    if "cover" in body:
        page.cover = _cover(body["cover"], "body.cover")
    if "is_locked" in body:
        page.is_locked = checks.boolean(body["is_locked"], "body.is_locked")
    if "properties" in body:
        _write_properties(call, call.store.source_of(page), page, body["properties"])
    if body.get("erase_content") is True:
        _erase(call, page)
    _touch(call, page)
    return call.render.page(page)


def _erase(call: Call, page: PageRecord) -> None:
    """``erase_content``: the page's blocks go to the trash; child pages stay."""
    blocks = call.store.workspace.blocks
    for child in page.children:
        if child in blocks:
            blocks[child].in_trash = True
    page.children = [c for c in page.children if c not in blocks]


def _trash_flag(body: Json) -> bool | None:
    values = {
        k: checks.boolean(body[k], f"body.{k}") for k in ("in_trash", "archived") if k in body
    }
    if len(set(values.values())) > 1:
        raise errors.validation(
            "body failed validation: archived and in_trash must agree when both are given."
        )
    return next(iter(values.values()), None)


def _touch(call: Call, page: PageRecord) -> None:
    page.last_edited_time = call.store.now()
    page.last_edited_by = call.actor
    call.touch(page.id)


def _write_properties(
    call: Call, source: DataSourceRecord | None, page: PageRecord, raw: Any
) -> None:
    given = checks.obj(raw, "body.properties")
    writer = call.values
    if source is None:
        for key, value in given.items():
            if key not in ("title", "Title", "Name"):
                raise errors.validation(f"{key} is not a property that exists.")
            title = PropertySchema("title", "title", "title")
            page.properties["title"] = writer.parse(None, title, value, f"body.properties.{key}")
        return
    parsed: list[tuple[PropertySchema, Any]] = []
    for key, value in given.items():
        schema = find(source, key)
        if schema is None:
            raise errors.validation(f"{key} is not a property that exists.")
        parsed.append((schema, writer.parse(source, schema, value, f"body.properties.{key}")))
    for schema, value in parsed:  # all-or-nothing: nothing is stored if any value was refused
        before = stored(page, schema)
        page.properties[schema.id] = value
        if schema.type == "relation":
            _sync_dual(call, source, page, schema, (before, value))


def _sync_dual(
    call: Call,
    source: DataSourceRecord,
    page: PageRecord,
    schema: PropertySchema,
    change: tuple[list[str], list[str]],
) -> None:
    """Keep the other side of a two-way relation in step, as Notion does."""
    before, after = change
    counterpart = dual_counterpart(source, schema, call.store.workspace.data_sources.get)
    if counterpart is None:
        return
    pages = call.store.workspace.pages
    for added in (p for p in after if p not in before):
        other = pages[added]
        linked: list[str] = other.properties.setdefault(counterpart.id, [])
        if page.id not in linked:
            linked.append(page.id)
            _touch(call, other)
    for removed in (p for p in before if p not in after):
        former = pages.get(removed)
        if former is not None and page.id in former.properties.get(counterpart.id, []):
            former.properties[counterpart.id].remove(page.id)
            _touch(call, former)


def _icon(raw: Any, path: str) -> Json | None:
    if raw is None:
        return None
    body = checks.obj(raw, path)
    if "emoji" in body:
        return {"type": "emoji", "emoji": checks.string(body["emoji"], f"{path}.emoji")}
    return _external(body, path)


def _cover(raw: Any, path: str) -> Json | None:
    return None if raw is None else _external(checks.obj(raw, path), path)


def _external(body: Json, path: str) -> Json:
    external = checks.obj(checks.required(body, "external", path), f"{path}.external")
    url = checks.string(
        checks.required(external, "url", f"{path}.external"), f"{path}.external.url", 2000
    )
    return {"type": "external", "external": {"url": url}}


# -- GET /v1/pages/{page_id}/properties/{property_id} ------------------------------------


def property_item(call: Call) -> Json:
    page = call.store.page(call.params["page_id"])
    source = call.store.source_of(page)
    wanted = call.params["property_id"]
    schema = _schema_by_id(source, wanted)
    if schema is None or (source is None and schema.id != "title"):
        raise errors.not_found("property", wanted)
    if source is None:
        items = [_item("title", "title", t) for t in page.properties.get("title", [])]
        return _item_list(call, page, schema, items)
    value = call.render.property_value(source, page, schema, truncate=False)
    if schema.type in PAGINATED_ITEM_TYPES:
        items = [_item(schema.id, schema.type, v) for v in value[schema.type]]
        return _item_list(call, page, schema, items)
    if schema.type == "rollup":
        return _rollup_items(call, source, page, schema, value["rollup"])
    return {
        "object": "property_item",
        "id": schema.id,
        "type": schema.type,
        schema.type: value[schema.type],
    }


def _schema_by_id(source: DataSourceRecord | None, wanted: str) -> PropertySchema | None:
    if source is None:
        return (
            PropertySchema("title", "title", "title") if same_property_id(wanted, "title") else None
        )
    return next((s for s in source.properties.values() if same_property_id(wanted, s.id)), None)


def _item(prop_id: str, kind: str, value: Any) -> Json:
    return {"object": "property_item", "id": prop_id, "type": kind, kind: value}


def _item_list(call: Call, page: PageRecord, schema: PropertySchema, items: list[Json]) -> Json:
    size = page_size(call.query_value("page_size"), "query")
    start = _offset(call.query_value("start_cursor"))
    chunk = items[start : start + size]
    cursor = _cursor(start + size) if start + size < len(items) else None
    next_url = None
    if cursor is not None:
        next_url = (
            f"{call.base_url}/v1/pages/{page.id}/properties/{schema.id}"
            f"?start_cursor={cursor}&page_size={size}"
        )
    return envelope(
        chunk,
        cursor,
        "property_item",
        {"id": schema.id, "next_url": next_url, "type": schema.type, schema.type: {}},
    )


def _rollup_items(
    call: Call, source: DataSourceRecord, page: PageRecord, schema: PropertySchema, rollup: Json
) -> Json:
    relation = find(source, schema.config.get("relation_property_name", ""))
    related = stored(page, relation) if relation else []
    meta: Json
    if rollup.get("function") in ROLLUP_ITEM_UNSUPPORTED:
        items = [_item(schema.id, "relation", {"id": p}) for p in related]
        meta = {"type": "unsupported", "unsupported": {}, "function": rollup["function"]}
    elif rollup.get("type") == "array":
        # One property item per value, and per element of a list value (a title, people, a
        # relation), as the paginated property items of those types are.
        items = [
            _item(schema.id, v["type"], element)
            for v in rollup["array"]
            for element in (v[v["type"]] if v["type"] in PAGINATED_ITEM_TYPES else [v[v["type"]]])
        ]
        meta = {"type": "array", "array": [], "function": rollup["function"]}
    else:
        items = [_item(schema.id, "relation", {"id": p}) for p in related]
        meta = rollup
    body = envelope(items[: PAGE_REFERENCE_LIMIT * 4], None, "property_item")
    body["property_item"] = {"id": schema.id, "next_url": None, "type": "rollup", "rollup": meta}
    return body


def _cursor(offset: int) -> str:
    return base64.urlsafe_b64encode(f"offset:{offset}".encode()).decode().rstrip("=")


def _offset(cursor: str | None) -> int:
    if cursor is None:
        return 0
    try:
        decoded = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
        kind, _, number = decoded.partition(":")
        if kind == "offset" and number.isdigit():
            return int(number)
    except (ValueError, UnicodeDecodeError):
        pass
    raise errors.validation(
        "query failed validation: query.start_cursor should be a cursor returned by a "
        f"previous request, instead was `{cursor}`."
    )
