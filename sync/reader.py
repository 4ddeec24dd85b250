"""The read path: the configured databases -> one :class:`Snapshot`, in the fewest calls.

What a read costs (the tests hold it to this against the emulator's request log):

- per database, ``GET /v1/databases/{id}`` and ``GET /v1/data_sources/{id}``, once;
- ``GET /v1/users``, one call per 100 people;
- per database, one ``POST /v1/data_sources/{id}/query`` per 100 rows (at least one);
- rarely, ``GET /v1/pages/{id}/properties/{property}`` for a value the model needs that a
  page object may have cut at 25 references: a relation with ``has_more`` (an epic in more
  than 25 streams), exactly 25 people (Notion drops the rest without saying), 25 mentions;
- rarely, ``GET /v1/pages/{id}`` once per related page no query returned (trashed, not
  shared, or in another database), to tell which.

Parent -> children links are never read from the multi-valued side: Epic -> Tasks comes from
Task.Epic and Stream -> Epics from Epic.Stream, so they are complete whatever their size.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from functools import partial
from typing import Any
from zoneinfo import ZoneInfo

from notion_client import Client

from schemas import values
from schemas.models import MissingPage, Person, SchemaProblem, Snapshot
from schemas.settings import Settings
from schemas.values import PeopleDirectory, StatusRules
from sync import errors
from sync.budget import RequestBudget
from sync.gateway import Gateway, Json
from sync.progress import Progress, progress_for
from sync.rows import Context, Row, build_row, wanted
from sync.schema import Binding, DatabaseSchema, PropertyInfo, bind, not_shared, read_schemas

_LOG = logging.getLogger(__name__)
PARENTS = (("epics", "stream_ids", "streams"), ("tasks", "epic_ids", "epics"))
"""(database, relation attribute, database it points into): links checked for missing pages."""


@dataclass(frozen=True)
class Reading:
    """One read: the snapshot, and what ``doctor`` and the writer need beside it."""

    snapshot: Snapshot
    schemas: Mapping[str, DatabaseSchema]
    """Resolved databases by ``[databases]`` key."""
    outputs: Mapping[str, Mapping[str, Mapping[str, Any]]] = field(default_factory=dict)
    """Page id -> output field (``progress``, ``flags``...) -> its value as read, for diffs."""
    calls: int = 0
    """Requests this read sent."""


def read_snapshot(
    source: Gateway | Client,
    settings: Settings,
    *,
    progress: Progress | None = None,
    now: datetime | None = None,
) -> Snapshot:
    """Every row of every configured database, as a :class:`Snapshot` (see :func:`read`)."""
    return read(source, settings, progress=progress, now=now).snapshot


def read(
    source: Gateway | Client,
    settings: Settings,
    *,
    progress: Progress | None = None,
    now: datetime | None = None,
) -> Reading:
    """Read the workspace ``settings`` describe.

    Args:
        source: a :class:`Gateway`, or a notion-client ``Client`` to wrap in one.
        settings: which databases and properties to read, and how to read their values.
        progress: where progress goes; by default a bar on a terminal, else plain lines.
        now: the read's time stamp (``read_at``); the current time by default.

    Raises:
        SyncError: Notion refused (wrong token, database not shared...), see ``sync.errors``.
            Unusable values and unmapped properties are never raised: they are reported in
            ``Snapshot.problems`` and ``Snapshot.schema_problems``.
    """
    gateway = source if isinstance(source, Gateway) else _wrap(source, settings)
    shown = progress if progress is not None else progress_for()
    started = gateway.calls
    schemas = read_schemas(gateway, settings)
    context = Context(
        zone=ZoneInfo(settings.quarter.time_zone),
        rules=StatusRules.from_settings(settings.statuses),
        directory=PeopleDirectory(_users(gateway)),
        fiscal_year_start_month=settings.quarter.fiscal_year_start_month,
    )
    shown.begin(list(schemas))
    rows: dict[str, list[Row]] = {}
    schema_problems: list[SchemaProblem] = []
    for key, schema in schemas.items():
        bindings, problems = bind(schema, settings)
        schema_problems.extend(problems)
        opt_out = schema.property(settings.rules.opt_out_property)
        rows[key] = list(_rows(gateway, schema, bindings, context, opt_out=opt_out, progress=shown))
    snapshot = _snapshot(rows, context.directory.people, _missing(gateway, rows), now)
    snapshot = replace(
        snapshot,
        schema_problems=tuple(schema_problems),
        has_key_results="key_results" in schemas,
    )
    calls = gateway.calls - started
    shown.end(_summary(snapshot, calls, gateway.budget.slept))
    outputs = {r.entity.id: r.outputs for found in rows.values() for r in found if r.outputs}
    return Reading(snapshot, schemas, outputs, calls)


def _wrap(client: Client, settings: Settings) -> Gateway:
    budget = RequestBudget(settings.notion.requests_per_minute)
    return Gateway(client, budget=budget, max_retries=settings.notion.max_retries)


def _users(gateway: Gateway) -> list[Person]:
    """Everyone in the workspace; without the user capability, nobody (names show as ids)."""
    try:
        answers = list(gateway.every(gateway.list_users))
    except errors.AccessDenied as denied:
        _LOG.warning("people's names are unavailable: %s", denied)
        return []
    return [
        Person(
            id=str(user["id"]),
            name=str(user.get("name") or ""),
            email=(user.get("person") or {}).get("email"),
        )
        for answer in answers
        for user in answer.get("results", [])
    ]


def _rows(
    gateway: Gateway,
    schema: DatabaseSchema,
    bindings: Sequence[Binding],
    context: Context,
    *,
    opt_out: PropertyInfo | None,
    progress: Progress,
) -> Iterator[Row]:
    count = 0
    try:
        for answer in gateway.every(partial(gateway.query_data_source, schema.data_source_id)):
            if (answer.get("request_status") or {}).get("type") == "incomplete":
                raise errors.IncompleteRead(
                    f"data source {schema.data_source_id} ({schema.key}) holds more than "
                    "10,000 rows, where Notion stops a query: move finished rows to an "
                    "archive database so Quarterdeck can read them all."
                )
            for page in answer.get("results", []):
                if page.get("object") != "page" or page.get("in_trash") or page.get("archived"):
                    continue  # the query leaves trashed rows out already; never trust it alone
                full = _complete(gateway, page, wanted(schema.key, bindings))
                yield build_row(schema.key, page, bindings, context, opt_out=opt_out, full=full)
                count += 1
            progress.advance(schema.key, count)
    except errors.ObjectNotFound as missing:
        raise not_shared(gateway, schema.key, schema.database_id, missing) from missing


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


def _missing(gateway: Gateway, rows: Mapping[str, list[Row]]) -> dict[str, MissingPage]:
    """Each related page no query returned, retrieved once: trashed, elsewhere, or gone."""
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
    return {page_id: _retrieve_missing(gateway, page_id) for page_id in wanted_ids}


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
    people: Mapping[str, Person],
    missing: Mapping[str, MissingPage],
    now: datetime | None,
) -> Snapshot:
    def entities(key: str) -> tuple[Any, ...]:
        found = sorted(rows.get(key, []), key=lambda r: (r.entity.created_time, r.entity.id))
        return tuple(row.entity for row in found)

    return Snapshot(
        streams=entities("streams"),
        epics=entities("epics"),
        tasks=entities("tasks"),
        key_results=entities("key_results"),
        people=people,
        problems=tuple(p for found in rows.values() for row in found for p in row.problems),
        missing=missing,
        read_at=now or datetime.now(UTC),
    )


def _summary(snapshot: Snapshot, calls: int, slept: float) -> str:
    counts = (
        f"{len(snapshot.streams)} streams, {len(snapshot.epics)} epics, "
        f"{len(snapshot.tasks)} tasks, {len(snapshot.key_results)} key results"
    )
    waited = f", {slept:.0f} s waiting for the request budget" if slept >= 1 else ""
    return f"read {counts} in {calls} calls{waited}"
