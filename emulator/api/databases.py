"""``/v1/databases`` and ``/v1/data_sources`` (2025-09-03: schemas live in data sources)."""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

from emulator import checks, errors, richtext
from emulator.api.common import Call
from emulator.state import DatabaseRecord, DataSourceRecord, Json

DATABASE_CREATE_KEYS = frozenset(
    {"parent", "title", "description", "is_inline", "initial_data_source", "icon", "cover"}
)
DATABASE_UPDATE_KEYS = frozenset(
    {"parent", "title", "description", "is_inline", "icon", "cover", "in_trash", "is_locked"}
)
SOURCE_CREATE_KEYS = frozenset({"parent", "properties", "title", "icon"})
SOURCE_UPDATE_KEYS = frozenset(
    {"title", "icon", "properties", "in_trash", "archived", "parent", "description"}
)


def create_database(call: Call) -> Json:
    body = call.body
    checks.no_unknown_keys(body, DATABASE_CREATE_KEYS, "body")
    parent_page = _parent_page(call, checks.required(body, "parent", "body"))
    title = richtext.parse(body.get("title", []), "body.title", call.render.mention_title)
    now = call.store.now()
    bot = call.actor
    database = DatabaseRecord(
        id=call.ids.uuid(),
        parent={"type": "page_id", "page_id": parent_page},
        title=title,
        data_source_ids=[],
        created_time=now,
        last_edited_time=now,
        created_by=bot,
        last_edited_by=bot,
        description=richtext.parse(
            body.get("description", []), "body.description", call.render.mention_title
        ),
        is_inline=checks.boolean(body.get("is_inline", False), "body.is_inline"),
        icon=body.get("icon"),
        cover=body.get("cover"),
    )
    initial = checks.obj(body.get("initial_data_source", {}), "body.initial_data_source")
    checks.no_unknown_keys(initial, {"properties"}, "body.initial_data_source")
    properties = initial.get("properties", {"Name": {"title": {}}})
    call.store.workspace.databases[database.id] = database
    source = _new_source(call, database, title)
    try:
        _atomically(
            call,
            lambda: call.schemas.create_all(
                source, properties, "body.initial_data_source.properties"
            ),
        )
    except errors.ApiError:
        del call.store.workspace.databases[database.id]
        raise
    _register(call, database, source)
    call.store.workspace.pages[parent_page].children.append(database.id)
    return call.render.database(database)


def _parent_page(call: Call, raw: Any) -> str:
    body = checks.obj(raw, "body.parent")
    if body.get("workspace") is True or body.get("type") == "workspace":
        raise errors.ApiError(
            403,
            "restricted_resource",
            "Internal integrations cannot create databases at the workspace level.",
        )
    page = call.store.page(
        checks.string(checks.required(body, "page_id", "body.parent"), "body.parent.page_id")
    )
    if call.store.in_trash(page.id):
        raise errors.archived()
    return page.id


def _new_source(call: Call, database: DatabaseRecord, title: list[Json]) -> DataSourceRecord:
    now = call.store.now()
    bot = call.actor
    return DataSourceRecord(
        id=call.ids.uuid(),
        database_id=database.id,
        title=title,
        properties={},
        created_time=now,
        last_edited_time=now,
        created_by=bot,
        last_edited_by=bot,
    )


def _register(call: Call, database: DatabaseRecord, source: DataSourceRecord) -> None:
    call.store.workspace.data_sources[source.id] = source
    database.data_source_ids.append(source.id)
    call.touch(database.id)
    call.touch(source.id)


def retrieve_database(call: Call) -> Json:
    return call.render.database(call.store.database(call.params["database_id"]))


def update_database(call: Call) -> Json:
    body = call.body
    if "properties" in body:
        raise errors.validation(
            "body failed validation: body.properties should be not present. "
            "In API version 2025-09-03 properties belong to data sources: "
            "use PATCH /v1/data_sources/{data_source_id}."
        )
    checks.no_unknown_keys(body, DATABASE_UPDATE_KEYS, "body")
    database = call.store.database(call.params["database_id"])
    restoring = body.get("in_trash") is False
    if call.store.in_trash(database.id) and not restoring:
        raise errors.archived()
    if "title" in body:
        database.title = richtext.parse(body["title"], "body.title", call.render.mention_title)
    if "description" in body:
        database.description = richtext.parse(
            body["description"], "body.description", call.render.mention_title
        )
    for flag in ("is_inline", "in_trash", "is_locked"):
        if flag in body:
            setattr(database, flag, checks.boolean(body[flag], f"body.{flag}"))
    for key in ("icon", "cover"):
        if key in body:
            setattr(database, key, body[key])
    database.last_edited_time = call.store.now()
    call.touch(database.id)
    return call.render.database(database)


def create_source(call: Call) -> Json:
    body = call.body
    checks.no_unknown_keys(body, SOURCE_CREATE_KEYS, "body")
    parent = checks.obj(checks.required(body, "parent", "body"), "body.parent")
    database = call.store.database(
        checks.string(
            checks.required(parent, "database_id", "body.parent"), "body.parent.database_id"
        )
    )
    title = richtext.parse(body.get("title", []), "body.title", call.render.mention_title)
    source = _new_source(call, database, title)
    source.icon = body.get("icon")
    properties = checks.required(body, "properties", "body")
    _atomically(call, lambda: call.schemas.create_all(source, properties, "body.properties"))
    _register(call, database, source)
    return call.render.data_source(source)


def retrieve_source(call: Call) -> Json:
    return call.render.data_source(call.store.data_source(call.params["data_source_id"]))


def update_source(call: Call) -> Json:
    body = call.body
    checks.no_unknown_keys(body, SOURCE_UPDATE_KEYS, "body")
    source = call.store.data_source(call.params["data_source_id"])
    trash = next(
        (checks.boolean(body[k], f"body.{k}") for k in ("in_trash", "archived") if k in body), None
    )
    if source.in_trash and trash is not False:
        raise errors.archived()
    if "title" in body:
        source.title = richtext.parse(body["title"], "body.title", call.render.mention_title)
    if "description" in body:
        source.description = richtext.parse(
            body["description"], "body.description", call.render.mention_title
        )
    if "icon" in body:
        source.icon = body["icon"]
    if "properties" in body:
        _atomically(
            call, lambda: call.schemas.update_all(source, body["properties"], "body.properties")
        )
    if trash is not None:
        source.in_trash = trash
    source.last_edited_time = call.store.now()
    source.last_edited_by = call.actor
    call.touch(source.id)
    return call.render.data_source(source)


def _atomically(call: Call, change: Callable[[], None]) -> None:
    """Schema edits touch several data sources (two-way relations): all or nothing."""
    sources = call.store.workspace.data_sources
    saved = {
        key: (copy.deepcopy(s.properties), dict(s.unique_id_counters)) for key, s in sources.items()
    }
    try:
        change()
    except errors.ApiError:
        for key, (properties, counters) in saved.items():
            sources[key].properties = properties
            sources[key].unique_id_counters = counters
        raise
