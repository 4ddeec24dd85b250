"""``/v1/comments``: comment on a page or discussion, list a block's comments, get one."""

from __future__ import annotations

from emulator import checks, errors, richtext
from emulator.api.common import Call, envelope, page_size, paginate
from emulator.ids import normalize
from emulator.state import CommentRecord, Json

CREATE_KEYS = frozenset(
    {"parent", "rich_text", "discussion_id", "attachments", "display_name", "markdown"}
)


def create(call: Call) -> Json:
    body = call.body
    checks.no_unknown_keys(body, CREATE_KEYS, "body")
    text = richtext.parse(
        checks.required(body, "rich_text", "body"), "body.rich_text", call.render.mention_title
    )
    if "discussion_id" in body:
        discussion = checks.uuid(body["discussion_id"], "body.discussion_id")
        earlier = next(
            (c for c in call.store.workspace.comments.values() if c.discussion_id == discussion),
            None,
        )
        if earlier is None:
            raise errors.not_found("discussion", discussion)
        parent = earlier.parent
    else:
        parent = _parent(call, checks.obj(checks.required(body, "parent", "body"), "body.parent"))
        discussion = call.ids.uuid()
    now = call.store.now()
    comment = CommentRecord(
        id=call.ids.uuid(),
        parent=parent,
        discussion_id=discussion,
        rich_text=text,
        created_time=now,
        last_edited_time=now,
        created_by=call.actor,
    )
    call.store.workspace.comments[comment.id] = comment
    call.touch(comment.id)
    return call.render.comment(comment)


def _parent(call: Call, given: Json) -> Json:
    """A comment sits on a page or, inline, on a block."""
    if "block_id" in given:
        block = call.store.any_block(checks.string(given["block_id"], "body.parent.block_id"))
        return {"type": "block_id", "block_id": block.id}
    raw = checks.string(checks.required(given, "page_id", "body.parent"), "body.parent.page_id")
    return {"type": "page_id", "page_id": call.store.page(raw).id}


def list_for_block(call: Call) -> Json:
    raw = call.query_value("block_id")
    if raw is None:
        raise errors.validation(
            "query failed validation: query.block_id should be defined, instead was `undefined`."
        )
    target = call.store.any_block(raw)
    comments = [
        c for c in call.store.workspace.comments.values()
        if target.id in (c.parent.get("page_id"), c.parent.get("block_id"))
    ]  # fmt: skip
    comments.sort(key=lambda c: (c.created_time, c.id))
    size = page_size(call.query_value("page_size"), "query")
    chunk, cursor = paginate(
        comments, call.query_value("start_cursor"), size, lambda c: c.id, "query"
    )
    return envelope([call.render.comment(c) for c in chunk], cursor, "comment")


def retrieve(call: Call) -> Json:
    raw = call.params["comment_id"]
    comment = call.store.workspace.comments.get(normalize(raw) or "")
    parent_id = comment.parent.get("page_id") or comment.parent.get("block_id") if comment else None
    if comment is None or not call.store.visible(str(parent_id)):
        raise errors.not_found("comment", raw)
    return call.render.comment(comment)
