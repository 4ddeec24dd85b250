"""What a read keeps in the run state (``sync/run_state.py``) so that the next costs only queries.

The reader fills four fields of :class:`~sync.run_state.RunState`, all plain JSON:

- ``schemas``, the resolution, versioned (:data:`RESOLUTION_VERSION`)::

    {"version": 1,
     "databases": {"epics": {"database_id", "data_source_id", "data_source_name", "title",
                             "data_source_choice": <[data_sources] epics, or null>,
                             "properties": {"Status": {"id", "type", "config"?}, ...}}, ...},
     "missing": {"<page id>": {"reason", "title", "url", "checked"}}}

  (``config`` is the property type's payload: options with ids, status groups, a relation's
  target; ``missing`` holds the pages relations point at that no query returned, and when
  the reader last looked at them);
- ``users``: the people ``GET /v1/users`` listed, ``{"id", "name", "type", "email"?}``, and
  ``{"id", "type": "unlisted"}`` for each id the pages named that the list lacked (a guest,
  a former member, a name no user matches: ``name:…``; everyone when the list is refused),
  so that naming them again costs no call. Read only along with a current ``schemas``;
- ``bot_id``: the integration's own user id (``GET /v1/users/me``, asked once);
- ``human_edits``: page id -> the newest person's edit known (ISO 8601), see
  :class:`sync.rows.Editors`.

A part that is missing, malformed or of another version is ignored: the reader reads that
part again. Nothing here talks to Notion.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from schemas.fields import DATABASES
from schemas.ids import same_id
from schemas.models import MissingPage, Person
from schemas.settings import Settings
from schemas.wire import Json
from sync.run_state import RunState, moment, stamp
from sync.schema import DatabaseSchema, dump_schema, load_schema

RESOLUTION_VERSION = 1
"""The format of ``RunState.schemas`` (and ``users``); another version is read as empty."""
MISSING_RECHECK = timedelta(days=7)
"""How long a related page's verdict (trashed, not shared, elsewhere) is trusted: no query
says when it changes, so it is looked at again at most this long after."""
UNLISTED = "unlisted"
_LOG = logging.getLogger(__name__)


@dataclass(frozen=True)
class People:
    """The users ``GET /v1/users`` listed, and the ids pages named beyond them."""

    listed: tuple[Person, ...]
    members: frozenset[str]
    """Ids of the listed users who are people (type ``person``), not bots."""
    unlisted: frozenset[str] = frozenset()

    @classmethod
    def from_users(cls, users: Iterable[Mapping[str, Any]]) -> People:
        """From the ``results`` of ``GET /v1/users``."""
        listed, members = [], set()
        for user in users:
            email = (user.get("person") or {}).get("email")
            listed.append(Person(str(user["id"]), str(user.get("name") or ""), email))
            if user.get("type") == "person":
                members.add(str(user["id"]))
        return cls(tuple(listed), frozenset(members))

    def knows(self, ids: Iterable[str]) -> bool:
        """Whether every one of ``ids`` was listed, or named and found unlisted before."""
        known = {person.id for person in self.listed} | self.unlisted
        return all(i in known for i in ids)

    def with_unlisted(self, named: Iterable[str]) -> People:
        """These people, remembering which of ``named`` the list lacks."""
        listed = {person.id for person in self.listed}
        return People(self.listed, self.members, frozenset(i for i in named if i not in listed))

    def name_of(self, user_id: str | None) -> str | None:
        return next((p.name for p in self.listed if p.id == user_id and p.name), None)

    def dump(self) -> list[Json]:
        users: list[Json] = []
        for person in self.listed:
            kind = "person" if person.id in self.members else "bot"
            email = {"email": person.email} if person.email else {}
            users.append({"id": person.id, "name": person.name, "type": kind} | email)
        return users + [{"id": i, "type": UNLISTED} for i in sorted(self.unlisted)]

    @classmethod
    def load(cls, saved: object) -> People | None:
        if not isinstance(saved, list):
            return None
        try:
            listed = [u for u in saved if u["type"] != UNLISTED]
            return cls(
                tuple(Person(str(u["id"]), str(u["name"]), u.get("email")) for u in listed),
                frozenset(str(u["id"]) for u in listed if u["type"] == "person"),
                frozenset(str(u["id"]) for u in saved if u["type"] == UNLISTED),
            )
        except (KeyError, TypeError, AttributeError):
            return None


@dataclass
class ReadCache:
    """What the run state says of the workspace, kept only where it fits these settings."""

    schemas: dict[str, DatabaseSchema] = field(default_factory=dict)
    """Resolved databases by ``[databases]`` key: same database id and data source choice."""
    people: People | None = None
    bot_id: str | None = None
    human_edits: dict[str, datetime] = field(default_factory=dict)
    missing: dict[str, tuple[MissingPage, datetime]] = field(default_factory=dict)
    """Related page id -> what it was found to be, and when."""

    @classmethod
    def recall(cls, state: RunState | None, settings: Settings) -> ReadCache:
        if state is None:
            return cls()
        cache = cls(bot_id=state.bot_id or None, human_edits=_times(state.human_edits))
        saved = state.schemas
        if not saved:
            return cache
        if saved.get("version") != RESOLUTION_VERSION:
            _LOG.info(
                "the saved resolution is of version %r: resolving again", saved.get("version")
            )
            return cache
        cache.schemas = _schemas(saved.get("databases"), settings)
        cache.missing = _verdicts(saved.get("missing"))
        cache.people = People.load(state.users)
        return cache

    @property
    def integration(self) -> str | None:
        """The integration's name, when the bot's id and the users are known."""
        return self.people.name_of(self.bot_id) if self.people is not None else None


def remember(
    state: RunState,
    settings: Settings,
    cache: ReadCache,
    human_edits: Mapping[str, datetime],
) -> None:
    """Write what this read knows into ``state`` (the caller saves it)."""
    state.schemas = {
        "version": RESOLUTION_VERSION,
        "databases": {
            key: dump_schema(schema) | {"data_source_choice": settings.data_sources.of(key)}
            for key, schema in cache.schemas.items()
        },
        "missing": {
            page_id: {
                "reason": page.reason,
                "title": page.title,
                "url": page.url,
                "checked": stamp(checked),
            }
            for page_id, (page, checked) in cache.missing.items()
        },
    }
    state.users = cache.people.dump() if cache.people is not None else None
    state.bot_id = cache.bot_id
    state.human_edits = {page_id: stamp(edit) for page_id, edit in human_edits.items()}


def _schemas(saved: object, settings: Settings) -> dict[str, DatabaseSchema]:
    found: dict[str, DatabaseSchema] = {}
    if not isinstance(saved, Mapping):
        return found
    for key in DATABASES:
        configured = settings.databases.of(key)
        entry = saved.get(key)
        if configured is None or not isinstance(entry, Mapping):
            continue
        if entry.get("data_source_choice") != settings.data_sources.of(key):
            continue  # [data_sources] changed: the choice is made again
        try:
            schema = load_schema(key, entry)
        except (KeyError, TypeError, ValueError, AttributeError) as problem:
            _LOG.info("the saved schema of %s is unreadable (%s): resolving again", key, problem)
            continue
        if same_id(schema.database_id, configured):
            found[key] = schema
    return found


def _verdicts(saved: object) -> dict[str, tuple[MissingPage, datetime]]:
    found: dict[str, tuple[MissingPage, datetime]] = {}
    if not isinstance(saved, Mapping):
        return found
    for page_id, entry in saved.items():
        try:
            page = MissingPage(
                str(page_id), str(entry["reason"]), str(entry["title"]), str(entry["url"])
            )
            checked = moment(entry["checked"])
            if checked is not None:
                found[str(page_id)] = (page, checked)
        except (KeyError, TypeError, ValueError):
            continue
    return found


def _times(saved: Mapping[str, str]) -> dict[str, datetime]:
    found = {str(page_id): moment(edit) for page_id, edit in saved.items()}
    return {page_id: edit for page_id, edit in found.items() if edit is not None}
