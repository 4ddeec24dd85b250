"""One page object -> one domain entity, field by field; unusable values become problems.

This is the mapping layer: each field's spec (``schemas.fields``) says which model attribute
it fills and what it holds, hence which parser of ``schemas.values`` reads it
(:data:`PARSERS`). Relations that point *down* the hierarchy (Epics.Tasks, Streams.Epics)
fill no attribute and are not read at all: the reader builds them from the single-valued
side (Task.Epic, Epic.Stream), which no 25-reference truncation can shorten.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, tzinfo
from typing import Any

from schemas import values
from schemas.fields import DATABASES, Holds
from schemas.models import Entity, ValueProblem
from schemas.values import PeopleDirectory, StatusRules, UnexpectedValue
from schemas.wire import JsonView
from sync.schema import Binding, PropertyInfo

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

    def last_human_edit(self, page: JsonView) -> datetime | None:
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
    outputs: Mapping[str, JsonView]


Parse = Callable[[JsonView, Context, PropertyInfo], Any]
PARSERS: Mapping[Holds, Parse] = {
    Holds.TITLE: lambda value, _, __: values.text(value),
    Holds.TEXT: lambda value, _, __: values.text(value),
    Holds.PEOPLE: lambda value, ctx, _: ctx.directory.resolve(values.people(value)),
    Holds.RELATION: lambda value, _, __: values.relation_ids(value),
    Holds.DATE: lambda value, ctx, _: values.date_span(value, ctx.zone),
    Holds.DAY: lambda value, ctx, _: values.day(value, ctx.zone),
    Holds.NUMBER: lambda value, _, __: values.number(value),
    Holds.CHOICE: lambda value, _, __: values.choice(value),
    Holds.STATE: lambda value, ctx, info: values.state(value, ctx.rules, info.groups),
}
"""How each kind of field is parsed (``schemas.values``)."""


def wanted(bindings: Sequence[Binding]) -> list[Binding]:
    """The readable bindings that fill a model attribute."""
    return [b for b in bindings if b.info is not None and b.spec.attribute is not None]


def build_row(
    key: str,
    page: JsonView,
    bindings: Sequence[Binding],
    context: Context,
    *,
    opt_out: PropertyInfo | None = None,
    full: Mapping[str, JsonView] | None = None,
) -> Row:
    """The entity ``page`` holds. ``full``: values paged in past the 25-reference limit."""
    properties: JsonView = {**page.get("properties", {}), **(full or {})}
    problems: list[ValueProblem] = []
    fields = _fields(key, page, properties, bindings, context=context, problems=problems)
    ignored: frozenset[str] = frozenset()
    if opt_out is not None and opt_out.name in properties:
        try:
            ignored = values.rule_codes(properties[opt_out.name])
        except UnexpectedValue as error:
            problems.append(_problem(key, page, fields["title"], opt_out.name, error))
    entity = DATABASES[key].model(
        id=str(page["id"]),
        url=str(page.get("url", "")),
        created_time=values.timestamp(str(page["created_time"])),
        last_edited_time=values.timestamp(str(page["last_edited_time"])),
        ignored_rules=ignored,
        last_edited_by=user_id(page.get("last_edited_by")),
        last_human_edit=context.editors.last_human_edit(page),
        **fields,
    )
    outputs = {
        b.spec.key: properties[b.property_name]
        for b in bindings
        if b.spec.output is not None and b.info is not None and b.property_name in properties
    }
    return Row(entity, tuple(problems), outputs)


def _fields(
    key: str,
    page: JsonView,
    properties: JsonView,
    bindings: Sequence[Binding],
    *,
    context: Context,
    problems: list[ValueProblem],
) -> dict[str, Any]:
    """The model's attributes from the mapped properties; unusable ones go to ``problems``."""
    fields: dict[str, Any] = {"title": ""}
    late: list[tuple[Binding, UnexpectedValue]] = []
    for binding in wanted(bindings):
        value = properties.get(binding.property_name)
        if value is None or binding.info is None or binding.spec.holds is None:
            continue
        try:
            parsed = PARSERS[binding.spec.holds](value, context, binding.info)
        except UnexpectedValue as error:
            late.append((binding, error))
            continue
        if binding.spec.holds is Holds.STATE:
            fields["status"], fields["state"] = parsed
        else:
            fields[str(binding.spec.attribute)] = parsed
    # Problems name the page by its title, which any binding may come before.
    problems.extend(_problem(key, page, fields["title"], b, error) for b, error in late)
    return fields


def _problem(
    key: str, page: JsonView, title: str, where: Binding | str, error: UnexpectedValue
) -> ValueProblem:
    """``where``: the field's binding, or the name of the opt-out property."""
    if isinstance(where, Binding):
        field, property_name = where.spec.key, where.property_name
        setting = f"[fields.{key}] {field}"
    else:
        field, property_name, setting = OPT_OUT_FIELD, where, "[rules] opt_out_property"
    return ValueProblem(
        kind=DATABASES[key].kind,
        page_id=str(page["id"]),
        page_title=title,
        url=str(page.get("url", "")),
        field=field,
        property_name=property_name,
        message=f"{property_name!r}: {error}. Change the value in Notion, or point {setting} "
        "at a property that holds it.",
    )
