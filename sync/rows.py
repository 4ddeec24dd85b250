"""One page object -> one domain entity, field by field; unusable values become problems.

This is the mapping layer: :data:`TARGETS` says which model attribute each logical field
fills and how its value is parsed (``schemas.values``). Relations that point *down* the
hierarchy (Epics.Tasks, Streams.Epics) are not read at all: the reader builds them from the
single-valued side (Task.Epic, Epic.Stream), which no 25-reference truncation can shorten.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, tzinfo
from typing import Any

from schemas import values
from schemas.models import Entity, Epic, KeyResult, Stream, Task, ValueProblem
from schemas.values import PeopleDirectory, StatusRules, UnexpectedValue
from sync.schema import DATABASES, Binding, PropertyInfo

Json = Mapping[str, Any]

TARGETS: Mapping[str, Mapping[str, tuple[str, str]]] = {
    "streams": {"owner": ("owner_ids", "people"), "description": ("description", "text")},
    "epics": {
        "stream": ("stream_ids", "relation"), "owner": ("owner_ids", "people"),
        "contributors": ("contributor_ids", "people"), "status": ("status", "state"),
        "dates": ("dates", "date"), "quarter": ("quarter", "choice"), "type": ("type", "choice"),
        "priority": ("priority", "choice"), "estimate": ("estimate", "number"),
        "deliverables": ("deliverables", "text"), "kpi": ("kpi", "text"),
        "kpi_baseline": ("kpi_baseline", "number"), "kpi_target": ("kpi_target", "number"),
        "kpi_current": ("kpi_current", "number"),
    },
    "tasks": {
        "epic": ("epic_ids", "relation"), "assignee": ("assignee_ids", "people"),
        "status": ("status", "state"), "due": ("due", "date"), "estimate": ("estimate", "number"),
    },
    "key_results": {
        "level": ("level", "choice"), "epic": ("epic_ids", "relation"),
        "baseline": ("baseline", "number"), "target": ("target", "number"),
        "current": ("current", "number"), "unit": ("unit", "choice"),
        "check_in": ("check_in", "day"),
    },
}  # fmt: skip
"""Per database: logical field -> (model attribute, how its value is parsed)."""
MODELS: Mapping[str, type[Entity]] = {
    "streams": Stream,
    "epics": Epic,
    "tasks": Task,
    "key_results": KeyResult,
}
OPT_OUT_FIELD = "ignored_rules"


@dataclass(frozen=True)
class Editors:
    """Whose edits are people's: anyone's but the integration's own bot.

    Quarterdeck's writes move a page's ``last_edited_time`` like anyone's, so that time is a
    person's only when ``last_edited_by`` is not the bot. Otherwise the newest person's edit
    is the one an earlier read saw (``remembered``), or unknown.

    ``created_time`` is a person's act too when ``created_by`` is a person, but once the
    integration has edited the page it only bounds the last person's edit from below: taken
    for it, every page Quarterdeck wrote would look untouched since its creation (on the
    demo after one sync, 18 items stale in progress instead of 1). So it counts only as the
    page's last edit, which ``last_edited_time`` already tells.
    """

    bot_id: str | None = None
    """The integration's user id; None when unknown (only ``members`` are people then)."""
    members: frozenset[str] = frozenset()
    """The workspace's listed people (users of type ``person``)."""
    remembered: Mapping[str, datetime] = field(default_factory=dict)
    """Page id -> the newest person's edit an earlier read saw."""

    def is_person(self, user_id: str) -> bool:
        if not user_id:
            return False
        return user_id != self.bot_id if self.bot_id is not None else user_id in self.members

    def last_human_edit(self, page: Json) -> datetime | None:
        """The newest edit of ``page`` known to be a person's, or None."""
        remembered = self.remembered.get(str(page["id"]))
        if not self.is_person(user_id(page.get("last_edited_by"))):
            return remembered
        edited = values.timestamp(str(page["last_edited_time"]))
        return max(edited, remembered) if remembered is not None else edited


def user_id(reference: Any) -> str:
    """The id in a user reference (``{"object": "user", "id": ...}``), or ``""``."""
    return str(reference.get("id") or "") if isinstance(reference, Mapping) else ""


@dataclass(frozen=True)
class Context:
    """What parsing needs beyond the value: the team's clock, statuses, people and editors."""

    zone: tzinfo
    rules: StatusRules
    directory: PeopleDirectory
    editors: Editors = field(default_factory=Editors)


@dataclass(frozen=True)
class Row:
    """One page, read: the entity, its unusable values, and its output properties as found
    (raw values by logical field, so the writer can diff without reading the page again)."""

    entity: Entity
    problems: tuple[ValueProblem, ...]
    outputs: Mapping[str, Json]


_Parse = Callable[[Json, Context, PropertyInfo], Any]
_PARSERS: Mapping[str, _Parse] = {
    "text": lambda value, _, __: values.text(value),
    "people": lambda value, ctx, _: ctx.directory.resolve(values.people(value)),
    "relation": lambda value, _, __: values.relation_ids(value),
    "date": lambda value, ctx, _: values.date_span(value, ctx.zone),
    "number": lambda value, _, __: values.number(value),
    "choice": lambda value, _, __: values.choice(value),
    "state": lambda value, ctx, info: values.state(value, ctx.rules, info.groups),
}


def wanted(key: str, bindings: Sequence[Binding]) -> list[Binding]:
    """The readable bindings the model uses: its title and the fields of :data:`TARGETS`."""
    return [
        b
        for b in bindings
        if b.info is not None and (b.spec.attribute == "name" or b.spec.attribute in TARGETS[key])
    ]


def build_row(
    key: str,
    page: Json,
    bindings: Sequence[Binding],
    context: Context,
    *,
    opt_out: PropertyInfo | None = None,
    full: Mapping[str, Json] | None = None,
) -> Row:
    """The entity ``page`` holds. ``full``: values paged in past the 25-reference limit."""
    properties: Json = {**page.get("properties", {}), **(full or {})}
    problems: list[ValueProblem] = []
    title = _title(properties, bindings)
    fields = _fields(key, page, title, properties, bindings, context=context, problems=problems)
    ignored: frozenset[str] = frozenset()
    if opt_out is not None and opt_out.name in properties:
        try:
            ignored = values.rule_codes(properties[opt_out.name])
        except UnexpectedValue as error:
            problems.append(_problem(key, page, title, opt_out.name, error))
    entity = MODELS[key](
        id=str(page["id"]),
        title=title,
        url=str(page.get("url", "")),
        created_time=values.timestamp(str(page["created_time"])),
        last_edited_time=values.timestamp(str(page["last_edited_time"])),
        ignored_rules=ignored,
        last_edited_by=user_id(page.get("last_edited_by")),
        last_human_edit=context.editors.last_human_edit(page),
        **fields,
    )
    outputs = {
        b.spec.attribute: properties[b.property_name]
        for b in bindings
        if b.spec.output and b.info is not None and b.property_name in properties
    }
    return Row(entity, tuple(problems), outputs)


def _fields(
    key: str,
    page: Json,
    title: str,
    properties: Json,
    bindings: Sequence[Binding],
    *,
    context: Context,
    problems: list[ValueProblem],
) -> dict[str, Any]:
    """The model's attributes from the mapped properties; unusable ones go to ``problems``."""
    fields: dict[str, Any] = {}
    for binding in wanted(key, bindings):
        value = properties.get(binding.property_name)
        if value is None or binding.info is None or binding.spec.attribute == "name":
            continue
        attribute, how = TARGETS[key][binding.spec.attribute]
        try:
            fields.update(_parsed(attribute, how, value, context, binding.info))
        except UnexpectedValue as error:
            problems.append(_problem(key, page, title, binding, error))
    return fields


def _title(properties: Json, bindings: Sequence[Binding]) -> str:
    name = next((b for b in bindings if b.spec.attribute == "name" and b.info), None)
    value = properties.get(name.property_name) if name else None
    try:
        return values.text(value) if value is not None else ""
    except UnexpectedValue:
        return ""


def _parsed(
    attribute: str, how: str, value: Json, context: Context, info: PropertyInfo
) -> dict[str, Any]:
    if how == "day":
        span = values.date_span(value, context.zone)
        return {attribute: span.start if span else None}
    result = _PARSERS[how](value, context, info)
    if how == "state":
        status, state = result
        return {"status": status, "state": state}
    return {attribute: result}


def _problem(
    key: str, page: Json, title: str, where: Binding | str, error: UnexpectedValue
) -> ValueProblem:
    """``where``: the field's binding, or the name of the opt-out property."""
    if isinstance(where, Binding):
        field, property_name = where.spec.attribute, where.property_name
        setting = f"[fields.{key}] {field}"
    else:
        field, property_name, setting = OPT_OUT_FIELD, where, "[rules] opt_out_property"
    return ValueProblem(
        kind=DATABASES[key],
        page_id=str(page["id"]),
        page_title=title,
        url=str(page.get("url", "")),
        field=field,
        property_name=property_name,
        message=f"{property_name!r}: {error}. Change the value in Notion, or point {setting} "
        "at a property that holds it.",
    )
