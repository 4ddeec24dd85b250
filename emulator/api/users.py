"""``/v1/users``: the integration's bot, one user, all users."""

from __future__ import annotations

from emulator import errors
from emulator.api.common import Call, envelope, page_size, paginate
from emulator.ids import normalize
from emulator.state import Json


def me(call: Call) -> Json:
    return call.render.user(call.store.workspace.users[call.store.bot_id()])


def retrieve(call: Call) -> Json:
    raw = call.params["user_id"]
    user = call.store.workspace.users.get(normalize(raw) or "")
    if user is None:
        raise errors.not_found("user", raw)
    return call.render.user(user)


def list_all(call: Call) -> Json:
    users = list(call.store.workspace.users.values())
    size = page_size(call.query_value("page_size"), "query")
    chunk, cursor = paginate(users, call.query_value("start_cursor"), size, lambda u: u.id, "query")
    return envelope([call.render.user(u) for u in chunk], cursor, "user")
