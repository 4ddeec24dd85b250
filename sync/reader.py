"""The read path: the configured databases -> one :class:`Snapshot`, in the fewest calls.

What a read costs (the tests hold it to this against the emulator's request log):

- per database, one ``POST /v1/data_sources/{id}/query`` per 100 rows (at least one);
- with no saved resolution (a first run, or ``state=None``): per database
  ``GET /v1/databases/{id}`` and ``GET /v1/data_sources/{id}``, and ``GET /v1/users``, one
  call per 100 people; with one (``RunState``, see ``sync/read_cache.py``), only what the rows
  show is out of date (:class:`~sync.schema.SchemaCheck`: an unknown property, option or
  id, a mapped property gone) is resolved again: that database's two calls, or the users
  when a row names someone they lack;
- ``GET /v1/users/me`` once, for the integration's own id: in the first read with a
  ``RunState`` (then it is saved), or, without one, when a row was created or last edited
  by someone other than a listed workspace member;
- rarely, ``GET /v1/pages/{id}/properties/{property}`` for a value the model needs that a
  page object may have cut at 25 references: a relation with ``has_more`` (an epic in more
  than 25 streams), exactly 25 people (Notion drops the rest without saying), 25 mentions;
- rarely, ``GET /v1/pages/{id}`` once per related page no query returned (trashed, not
  shared, or in another database), to tell which; saved, and looked at again after
  :data:`~sync.read_cache.MISSING_RECHECK`.

So a rerun with nothing changed in Notion and the state of the run before costs only the
queries. Parent -> children links are never read from the multi-valued side: Epic -> Tasks
comes from Task.Epic and Stream -> Epics from Epic.Stream, so they are complete whatever
their size.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from functools import partial
from typing import Any
from zoneinfo import ZoneInfo

from notion_client import Client

from schemas import values
from schemas.fields import DATABASES
from schemas.models import MissingPage, SchemaProblem, Snapshot
from schemas.settings import Settings
from schemas.values import PeopleDirectory, StatusRules
from schemas.wire import Json
from sync import errors
from sync.budget import RequestBudget
from sync.gateway import Gateway
from sync.progress import Progress, progress_for
from sync.read_cache import MISSING_RECHECK, People, ReadCache, remember
from sync.rows import Context, Editors, Row, build_row, user_id, wanted
from sync.run_state import RunState
from sync.schema import (
    Binding,
    DatabaseSchema,
    PropertyInfo,
    SchemaCheck,
    bind,
    not_shared,
    resolve,
    unusable,
)

_LOG = logging.getLogger(__name__)
PARENTS = (("epics", "stream_ids", "streams"), ("tasks", "epic_ids", "epics"))
"""(database, relation attribute, database it points into): links checked for missing pages."""


@dataclass(frozen=True)
class Reading:
    """One read: the snapshot, and what ``doctor`` and the writer need beside it."""

    snapshot: Snapshot
    schemas: Mapping[str, DatabaseSchema]
    """Resolved databases by ``[databases]`` key."""
    bindings: Mapping[str, tuple[Binding, ...]] = field(default_factory=dict)
    """Each database's fields with their properties, by ``[databases]`` key."""
    outputs: Mapping[str, Mapping[str, Mapping[str, Any]]] = field(default_factory=dict)
    """Page id -> output field (``progress``, ``flags``...) -> its value as read, for diffs."""
    calls: int = 0
    """Requests this read sent."""


@dataclass(frozen=True)
class _Table:
    """One database, queried: its schema as the rows confirm it, and its pages."""

    schema: DatabaseSchema
    bindings: tuple[Binding, ...]
    problems: tuple[SchemaProblem, ...]
    pages: list[Json]
    full: list[dict[str, Json]]
    """Per page, the values paged in past the 25-reference limit."""
    opt_out: PropertyInfo | None


def read(
    source: Gateway | Client,
    settings: Settings,
    *,
    progress: Progress | None = None,
    now: datetime | None = None,
    state: RunState | None = None,
) -> Reading:
    """Read the workspace ``settings`` describe.

    Args:
        source: a :class:`Gateway`, or a notion-client ``Client`` to wrap in one.
        settings: which databases and properties to read, and how to read their values.
        progress: where progress goes; by default a bar on a terminal, else plain lines.
        now: the read's time stamp (``read_at``); the current time by default.
        state: the previous run's state: its saved resolution spares the calls that only
            confirm it, and its remembered people's edits fill ``last_human_edit``. The read
            writes what it learned back into it (the caller saves the file).

    Raises:
        SyncError: Notion refused (wrong token, database not shared...), see ``sync.errors``.
            Unusable values and unmapped properties are never raised: they are reported in
            ``Snapshot.problems`` and ``Snapshot.schema_problems``.
    """
    gateway = source if isinstance(source, Gateway) else _wrap(source, settings)
    shown = progress if progress is not None else progress_for()
    started = gateway.calls
    moment = now or datetime.now(UTC)
    cache = ReadCache.recall(state, settings)
    if state is not None and cache.bot_id is None:
        _ask_bot(gateway, cache)  # once, for the state: the next run meets the bot's writes
    saved = set(cache.schemas)
    schemas = {
        key: cache.schemas.get(key) or _resolve(gateway, settings, key, cache)
        for key in DATABASES
        if settings.databases.of(key) is not None
    }
    shown.begin(list(schemas))
    tables = {
        key: _table(gateway, settings, schema, cache, cached=key in saved, progress=shown)
        for key, schema in schemas.items()
    }
    cache.schemas = {key: table.schema for key, table in tables.items()}
    rows, directory = _entities(gateway, settings, tables, cache)
    snapshot = _snapshot(rows, directory, _missing(gateway, rows, cache, moment), moment)
    snapshot = replace(
        snapshot,
        schema_problems=tuple(p for table in tables.values() for p in table.problems),
        has_key_results="key_results" in tables,
        bot_id=cache.bot_id,
    )
    if state is not None:
        edits = {
            row.entity.id: row.entity.last_human_edit
            for found in rows.values()
            for row in found
            if row.entity.last_human_edit is not None
        }
        remember(state, settings, cache, edits)
    calls = gateway.calls - started
    shown.end(_summary(snapshot, calls, gateway.budget.slept))
    outputs = {r.entity.id: r.outputs for found in rows.values() for r in found if r.outputs}
    bindings = {key: table.bindings for key, table in tables.items()}
    return Reading(snapshot, cache.schemas, bindings, outputs, calls)


def _wrap(client: Client, settings: Settings) -> Gateway:
    budget = RequestBudget(settings.notion.requests_per_minute)
    return Gateway(client, budget=budget, max_retries=settings.notion.max_retries)


def _resolve(gateway: Gateway, settings: Settings, key: str, cache: ReadCache) -> DatabaseSchema:
    database_id = str(settings.databases.of(key))
    return resolve(gateway, key, database_id, settings, integration=cache.integration)


def _table(
    gateway: Gateway,
    settings: Settings,
    schema: DatabaseSchema,
    cache: ReadCache,
    *,
    cached: bool,
    progress: Progress,
) -> _Table:
    """Every page of one database; a saved schema the pages contradict is resolved again."""
    key = schema.key
    try:
        pages = _query(gateway, schema, progress)
    except errors.ObjectNotFound as missing:
        if not cached:
            raise not_shared(
                gateway, key, schema.database_id, missing, cache.integration
            ) from missing
        _LOG.info(
            "%s: the saved data source is gone (%s): resolving the database again", key, missing
        )
        schema, cached = _resolve(gateway, settings, key, cache), False
        pages = _query_or_fail(gateway, schema, cache, progress)
    bindings = bind(schema, settings)
    reason = _drift(schema, pages, bindings, settings) if cached else None
    if reason is not None:
        _LOG.info("%s: %s: reading its schema again", key, reason)
        fresh = _resolve(gateway, settings, key, cache)
        if fresh.data_source_id != schema.data_source_id:
            pages = _query_or_fail(gateway, fresh, cache, progress)
        schema = fresh
        bindings = bind(schema, settings)
    full = [_complete(gateway, page, wanted(bindings)) for page in pages]
    opt_out = schema.property(settings.rules.opt_out_property)
    return _Table(schema, bindings, _read_problems(schema, bindings), pages, full, opt_out)


def _read_problems(
    schema: DatabaseSchema, bindings: Sequence[Binding]
) -> tuple[SchemaProblem, ...]:
    """The fields the team fills in that cannot be read (outputs are the writer's business)."""
    found = (unusable(schema, b) for b in bindings if b.spec.output is None)
    return tuple(problem for problem in found if problem is not None)


def _drift(
    schema: DatabaseSchema, pages: Sequence[Json], bindings: Sequence[Binding], settings: Settings
) -> str | None:
    """Why ``pages`` show the saved ``schema`` is out of date, or None."""
    if not pages:
        # No row shows the schema: a property the saved one lacks may have been added since.
        unusable = [b.property_name for b in bindings if b.info is None]
        return f"no row shows whether {unusable[0]!r} was fixed" if unusable else None
    mapped = [*(b.property_name for b in bindings), settings.rules.opt_out_property]
    choices = [b.property_name for b in bindings if b.info is not None and b.spec.output is None]
    check = SchemaCheck(schema, mapped, choices)
    return next((reason for page in pages if (reason := check.drift(page)) is not None), None)


def _query_or_fail(
    gateway: Gateway, schema: DatabaseSchema, cache: ReadCache, progress: Progress
) -> list[Json]:
    try:
        return _query(gateway, schema, progress)
    except errors.ObjectNotFound as missing:
        raise not_shared(
            gateway, schema.key, schema.database_id, missing, cache.integration
        ) from missing


OLDEST_FIRST = [{"timestamp": "created_time", "direction": "ascending"}]
"""Rows come oldest first, so a query Notion stops at 10,000 rows can resume where it stopped."""


def _query(gateway: Gateway, schema: DatabaseSchema, progress: Progress) -> list[Json]:
    """The live pages of ``schema``'s data source, 100 per call, past Notion's 10,000 cap.

    Notion pages through at most 10,000 results of one query. Past that, the next query asks
    for the rows created on or after the last one seen (times are rounded to the minute, so
    the window overlaps by a minute; rows already read are skipped).
    """
    pages: list[Json] = []
    seen: set[str] = set()
    since: str | None = None
    while True:
        capped, newest = _query_window(gateway, schema, since, (pages, seen), progress)
        if not capped:
            return pages
        if newest is None or newest == since:
            raise errors.IncompleteRead(
                f"data source {schema.data_source_id} ({schema.key}) has more than 10,000 rows "
                "created in the same minute, where Notion stops a query: Quarterdeck cannot "
                "read past them. Move finished rows to an archive database."
            )
        since = newest


def _query_window(
    gateway: Gateway,
    schema: DatabaseSchema,
    since: str | None,
    found: tuple[list[Json], set[str]],
    progress: Progress,
) -> tuple[bool, str | None]:
    """One query (rows created since ``since``) added to ``found``: (capped, newest)."""
    pages, seen = found
    window = (
        None
        if since is None
        else {"timestamp": "created_time", "created_time": {"on_or_after": since}}
    )
    fetch = partial(
        gateway.query_data_source, schema.data_source_id, sorts=OLDEST_FIRST, filter=window
    )
    capped, newest = False, since
    for answer in gateway.every(fetch):
        capped = capped or (answer.get("request_status") or {}).get("type") == "incomplete"
        for page in answer.get("results", []):
            newest = str(page.get("created_time") or newest)
            if page.get("object") != "page" or page.get("in_trash") or page.get("archived"):
                continue  # the query leaves trashed rows out already; never trust it alone
            if page["id"] not in seen:
                seen.add(page["id"])
                pages.append(page)
        progress.advance(schema.key, len(pages))
    return capped, newest


def _entities(
    gateway: Gateway, settings: Settings, tables: Mapping[str, _Table], cache: ReadCache
) -> tuple[dict[str, list[Row]], PeopleDirectory]:
    """The rows, parsed; saved users that lack someone the rows name are read again."""
    saved = cache.people
    cache.people = saved if saved is not None else _people(gateway)
    rows, directory = _build(gateway, settings, tables, cache)
    if saved is not None and not saved.knows(directory.referenced):
        _LOG.info("the rows name people the saved users lack: reading the users again")
        cache.people = _people(gateway)
        rows, directory = _build(gateway, settings, tables, cache)
    cache.people = cache.people.with_unlisted(directory.referenced)
    return rows, directory


def _build(
    gateway: Gateway, settings: Settings, tables: Mapping[str, _Table], cache: ReadCache
) -> tuple[dict[str, list[Row]], PeopleDirectory]:
    people = cache.people or People((), frozenset())
    _learn_bot(gateway, tables, cache, people)
    directory = PeopleDirectory(people.listed)
    context = Context(
        zone=ZoneInfo(settings.quarter.time_zone),
        rules=StatusRules.from_settings(settings.statuses),
        directory=directory,
        editors=Editors(cache.bot_id, people.members, cache.human_edits),
    )
    rows = {
        key: [
            build_row(key, page, table.bindings, context, opt_out=table.opt_out, full=full)
            for page, full in zip(table.pages, table.full, strict=True)
        ]
        for key, table in tables.items()
    }
    return rows, directory


def _learn_bot(
    gateway: Gateway, tables: Mapping[str, _Table], cache: ReadCache, people: People
) -> None:
    """Ask the integration's id when a page's author may be the integration."""
    if cache.bot_id is not None:
        return
    authors = {
        user_id(page.get(who))
        for table in tables.values()
        for page in table.pages
        for who in ("created_by", "last_edited_by")
    }
    if any(author and author not in people.members for author in authors):
        _ask_bot(gateway, cache)
    # else only people wrote these pages: the integration's id changes nothing


def _ask_bot(gateway: Gateway, cache: ReadCache) -> None:
    try:
        cache.bot_id = str(gateway.me()["id"])
    except errors.AccessDenied as denied:
        _LOG.warning("the integration's own id is unavailable: %s", denied)


def _people(gateway: Gateway) -> People:
    """Everyone in the workspace; without the user capability, nobody (names show as ids)."""
    try:
        answers = list(gateway.every(gateway.list_users))
    except errors.AccessDenied as denied:
        _LOG.warning("people's names are unavailable: %s", denied)
        return People((), frozenset())
    return People.from_users(user for answer in answers for user in answer.get("results", []))


def _complete(gateway: Gateway, page: Json, bindings: Sequence[Binding]) -> dict[str, Json]:
    """The values of ``page`` a page object may have cut at 25, paged in whole."""
    full: dict[str, Json] = {}
    for binding in bindings:
        value = page.get("properties", {}).get(binding.property_name)
        if binding.info is None or value is None or not values.may_be_truncated(value):
            continue
        kind = str(value["type"])
        fetch = partial(gateway.property_items, str(page["id"]), binding.info.id)
        try:
            items = [item for answer in gateway.every(fetch) for item in answer["results"]]
        except errors.ObjectNotFound:
            continue  # gone since the query: keep what the page object listed
        full[binding.property_name] = {
            "id": binding.info.id,
            "type": kind,
            kind: [item[kind] for item in items],
            "has_more": False,
        }
    return full


def _missing(
    gateway: Gateway, rows: Mapping[str, list[Row]], cache: ReadCache, moment: datetime
) -> dict[str, MissingPage]:
    """Each related page no query returned, retrieved once: trashed, elsewhere, or gone.

    A verdict the cache holds from less than :data:`MISSING_RECHECK` ago is kept.
    """
    known = {key: {row.entity.id for row in found} for key, found in rows.items()}
    links = [*PARENTS, ("key_results", "epic_ids", "epics")]
    wanted_ids = sorted(
        {
            target
            for key, attribute, into in links
            for row in rows.get(key, [])
            for target in getattr(row.entity, attribute)
            if target not in known.get(into, set())
        }
    )
    verdicts: dict[str, tuple[MissingPage, datetime]] = {}
    for page_id in wanted_ids:
        kept = cache.missing.get(page_id)
        if kept is None or moment - kept[1] >= MISSING_RECHECK:
            kept = (_retrieve_missing(gateway, page_id), moment)
        verdicts[page_id] = kept
    cache.missing = verdicts
    return {page_id: page for page_id, (page, _) in verdicts.items()}


def _retrieve_missing(gateway: Gateway, page_id: str) -> MissingPage:
    try:
        page = gateway.retrieve_page(page_id)
    except errors.ObjectNotFound:
        return MissingPage(page_id, "inaccessible")
    title = next(
        (
            values.text(value)
            for value in page.get("properties", {}).values()
            if value.get("type") == "title"
        ),
        "",
    )
    reason = "trashed" if page.get("in_trash") or page.get("archived") else "elsewhere"
    return MissingPage(page_id, reason, title, str(page.get("url", "")))


def _snapshot(
    rows: Mapping[str, list[Row]],
    directory: PeopleDirectory,
    missing: Mapping[str, MissingPage],
    now: datetime,
) -> Snapshot:
    def entities(key: str) -> tuple[Any, ...]:
        found = sorted(rows.get(key, []), key=lambda r: (r.entity.created_time, r.entity.id))
        return tuple(row.entity for row in found)

    return Snapshot(
        streams=entities("streams"),
        epics=entities("epics"),
        tasks=entities("tasks"),
        key_results=entities("key_results"),
        people=directory.people,
        problems=tuple(p for found in rows.values() for row in found for p in row.problems),
        missing=missing,
        read_at=now,
    )


def _summary(snapshot: Snapshot, calls: int, slept: float) -> str:
    counts = (
        f"{len(snapshot.streams)} streams, {len(snapshot.epics)} epics, "
        f"{len(snapshot.tasks)} tasks, {len(snapshot.key_results)} key results"
    )
    waited = f", {slept:.0f} s waiting for the request budget" if slept >= 1 else ""
    return f"read {counts} in {calls} calls{waited}"
