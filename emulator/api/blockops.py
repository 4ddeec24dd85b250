"""``/v1/blocks``: children append / list, retrieve, update, delete."""

from __future__ import annotations

from typing import Any

from emulator import blocks as block_rules
from emulator import checks, errors
from emulator.api.common import Call, envelope, page_size, paginate
from emulator.blocks import ParsedBlock, parse_children, parse_payload, parse_update
from emulator.state import BlockRecord, DatabaseRecord, Json, PageRecord

Container = PageRecord | BlockRecord


def append(call: Call) -> Json:
    body = call.body
    checks.no_unknown_keys(body, {"children", "after", "position"}, "body")
    container = _container(call, call.params["block_id"])
    if call.store.in_trash(container.id):
        raise errors.archived()
    if isinstance(container, BlockRecord) and container.type not in block_rules.NESTABLE:
        raise errors.validation(f"Block type {container.type} does not support children.")
    children = parse_children(
        checks.required(body, "children", "body"), "body.children", call.render.mention_title
    )
    anchor = _position(call, container, body)
    _edited(call, container)
    created = append_blocks(call, container, children, anchor)
    call.appended = created
    return envelope(
        [call.render.block(call.store.workspace.blocks[i]) for i in created], None, "block"
    )


def _container(call: Call, raw_id: str) -> Container:
    found = call.store.any_block(raw_id)
    if isinstance(found, DatabaseRecord):
        raise errors.validation(
            f"Block {found.id} is a database: add rows with POST /v1/pages under its data source."
        )
    return found


def _position(call: Call, container: Container, body: Json) -> int | None:
    """Index to insert at: None for the end, 0 for the start, else after a given child."""
    if "after" in body and "position" in body:
        raise errors.validation(
            "body failed validation: you cannot specify both `after` and `position`."
        )
    after: Any = body.get("after")
    if "position" in body:
        position = checks.obj(body["position"], "body.position")
        kind = checks.one_of(
            position.get("type"), ("start", "end", "after_block"), "body.position.type"
        )
        if kind == "end":
            return None
        if kind == "start":
            return 0
        target = checks.obj(
            checks.required(position, "after_block", "body.position"), "body.position.after_block"
        )
        after = checks.required(target, "id", "body.position.after_block")
    if after is None:
        return None
    after_id = checks.uuid(after, "body.after")
    if after_id not in container.children:
        raise errors.validation(f"Block {after_id} is not a child of {container.id}.")
    return container.children.index(after_id) + 1


def append_blocks(
    call: Call, container: Container, parsed: list[ParsedBlock], at: int | None
) -> list[str]:
    """Store ``parsed`` under ``container`` (at index ``at``, or the end) and return the new ids."""
    parent: Json = (
        {"type": "page_id", "page_id": container.id}
        if isinstance(container, PageRecord)
        else {"type": "block_id", "block_id": container.id}
    )
    created = [_store(call, block, parent) for block in parsed]
    if at is None:
        container.children.extend(created)
    else:
        container.children[at:at] = created
    return created


def _store(call: Call, parsed: ParsedBlock, parent: Json) -> str:
    now = call.store.now()
    bot = call.actor
    record = BlockRecord(
        id=call.ids.uuid(),
        parent=parent,
        type=parsed.kind,
        payload=parsed.payload,
        created_time=now,
        last_edited_time=now,
        created_by=bot,
        last_edited_by=bot,
    )
    call.store.workspace.blocks[record.id] = record
    child_parent: Json = {"type": "block_id", "block_id": record.id}
    record.children = [_store(call, child, child_parent) for child in parsed.children]
    return record.id


def list_children(call: Call) -> Json:
    container = _container(call, call.params["block_id"])
    if isinstance(container, PageRecord) and call.store.in_trash(container.id):
        raise errors.not_found("block", call.params["block_id"])
    visible = [c for c in container.children if _live(call, c)]
    size = page_size(call.query_value("page_size"), "query")
    chunk, cursor = paginate(visible, call.query_value("start_cursor"), size, lambda c: c, "query")
    return envelope([call.render.block(_record(call, c)) for c in chunk], cursor, "block")


def _record(call: Call, object_id: str) -> BlockRecord | PageRecord | DatabaseRecord:
    ws = call.store.workspace
    found = ws.blocks.get(object_id) or ws.pages.get(object_id) or ws.databases.get(object_id)
    assert found is not None, object_id  # children lists only hold ids of stored records
    return found


def _live(call: Call, object_id: str) -> bool:
    ws = call.store.workspace
    found = ws.blocks.get(object_id) or ws.pages.get(object_id) or ws.databases.get(object_id)
    return found is not None and not found.in_trash


def retrieve(call: Call) -> Json:
    return call.render.block(call.store.any_block(call.params["block_id"]))


def update(call: Call) -> Json:
    record = call.store.any_block(call.params["block_id"])
    body = call.body
    trash = _trash(body)
    if call.store.in_trash(record.id) and trash is not False:
        raise errors.archived()
    if isinstance(record, BlockRecord):
        if "type" in body and body["type"] != record.type:
            raise errors.validation(
                f"Block type {body['type']} does not match existing block type {record.type}."
            )
        allowed = {"type", "archived", "in_trash", record.type}
        unknown = [k for k in body if k not in allowed]
        if unknown:
            raise errors.validation(
                f"Block type {unknown[0]} does not match existing block type {record.type}."
            )
        given = parse_update(record.type, body, "body", call.render.mention_title)
        if given is not None:
            if (
                record.type == "table"
                and "table_width" in given
                and given["table_width"] != record.payload["table_width"]
            ):
                raise errors.validation(
                    "table_width can only be set when the table is first created."
                )
            merged = {**record.payload, **given}
            record.payload = parse_payload(
                record.type, merged, f"body.{record.type}", call.render.mention_title
            )
    elif any(k not in ("archived", "in_trash", "type") for k in body):
        kind = "page" if isinstance(record, PageRecord) else "database"
        raise errors.validation(
            f"Block {record.id} is a {kind}: update it through its own endpoint."
        )
    if trash is not None:
        record.in_trash = trash
    _edited(call, record)
    return call.render.block(record)


def _edited(call: Call, record: BlockRecord | PageRecord | DatabaseRecord) -> None:
    """Editing a block edits its page too: Notion moves the page's ``last_edited_time``."""
    now = call.store.now()
    page = call.store.page_of(record.id)
    for touched in (record, page):
        if touched is not None:
            touched.last_edited_time = now
            touched.last_edited_by = call.actor
    call.touch(record.id)


def _trash(body: Json) -> bool | None:
    values = {
        k: checks.boolean(body[k], f"body.{k}") for k in ("in_trash", "archived") if k in body
    }
    if len(set(values.values())) > 1:
        raise errors.validation(
            "body failed validation: archived and in_trash must agree when both are given."
        )
    return next(iter(values.values()), None)


def delete(call: Call) -> Json:
    record = call.store.any_block(call.params["block_id"])
    if call.store.in_trash(record.id):
        raise errors.archived()
    record.in_trash = True
    _edited(call, record)
    return call.render.block(record)
