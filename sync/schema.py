"""Which data source each configured database reads from, and what its properties are.

API version 2025-09-03 splits a database into data sources: ``GET /v1/databases/{id}``
lists them, ``GET /v1/data_sources/{id}`` holds the schema. ``doctor`` reads both for every
database (:func:`resolve`). The reader keeps what :func:`resolve` found in the run state
(:func:`dump_schema` / :func:`load_schema`) and resolves a database again only when the rows
its query returned show the cached schema is out of date (:class:`SchemaCheck`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from contextlib import suppress
from dataclasses import dataclass, field
from functools import cached_property
from types import MappingProxyType
from typing import Any

from schemas.fields import DATABASES, FieldSpec
from schemas.models import SchemaProblem
from schemas.settings import Settings
from schemas.values import fold, plain_text
from schemas.wire import Json
from sync import errors
from sync.gateway import Gateway

CHOICE_TYPES = frozenset({"select", "multi_select", "status"})
"""Property types whose values name one of the options the schema lists."""


@dataclass(frozen=True)
class PropertyInfo:
    """One column of a data source, as its schema describes it."""

    id: str
    name: str
    type: str
    options: tuple[str, ...] = ()
    """Option names of a select, multi-select or status, in schema order."""
    groups: Mapping[str, str] = field(default_factory=dict)
    """Status only: option name -> its group (``To-do``, ``In progress``, ``Complete``)."""
    config: Mapping[str, Any] = field(default_factory=dict)
    """The type's raw payload (a relation's target, a rollup's function...)."""


@dataclass(frozen=True)
class DatabaseSchema:
    """A configured database, resolved: ids, data source name and properties by name."""

    key: str
    """``epics``: the ``[databases]`` key."""
    database_id: str
    data_source_id: str
    data_source_name: str
    title: str
    properties: Mapping[str, PropertyInfo]

    @property
    def types(self) -> Mapping[str, str]:
        """Property name -> Notion type (what ``doctor`` compares with the mapping)."""
        return {name: info.type for name, info in self.properties.items()}

    def property(self, name: str) -> PropertyInfo | None:
        return self.properties.get(name)


@dataclass(frozen=True)
class Binding:
    """A logical field and the property the settings name for it."""

    spec: FieldSpec
    property_name: str
    found: PropertyInfo | None
    """The data source's property of that name, whatever its type; None when it has none."""

    @cached_property  # asked per page and field on every read
    def info(self) -> PropertyInfo | None:
        """The property, if its type can hold the field; None: the field reads as empty
        (and an output is not written)."""
        return self.found if self.found is not None and self.spec.accepts(self.found.type) else None


def resolve(
    gateway: Gateway,
    key: str,
    database_id: str,
    settings: Settings,
    *,
    integration: str | None = None,
) -> DatabaseSchema:
    """One database: its data source (by ``[data_sources]`` name if several), then schema.

    ``integration``: the integration's name, if known, for the message of a 404.
    """
    try:
        database = gateway.retrieve_database(database_id)
        source_id, source_name = _choose(database, key, settings.data_sources.of(key))
        source = gateway.retrieve_data_source(source_id)
    except errors.ObjectNotFound as missing:
        raise not_shared(gateway, key, database_id, missing, integration) from missing
    properties = {
        str(name): _property(str(name), raw) for name, raw in source.get("properties", {}).items()
    }
    return DatabaseSchema(
        key=key,
        database_id=str(database["id"]),
        data_source_id=source_id,
        data_source_name=source_name,
        title=plain_text(database.get("title") or []),
        properties=MappingProxyType(properties),
    )


def _choose(database: Json, key: str, wanted: str | None) -> tuple[str, str]:
    sources = [(str(s["id"]), str(s.get("name", ""))) for s in database.get("data_sources", [])]
    names = ", ".join(repr(name) for _, name in sources)
    where = f"database {database.get('id')} ({key})"
    if not sources:
        raise errors.DataSourceChoice(f"{where} has no data source left (all are in the trash).")
    if wanted is None:
        if len(sources) == 1:
            return sources[0]
        raise errors.DataSourceChoice(
            f"{where} holds {len(sources)} data sources ({names}): set [data_sources] {key} "
            "in quarterdeck.toml to the one Quarterdeck should read."
        )
    for exact in (True, False):
        for source in sources:
            if source[1] == wanted if exact else fold(source[1]) == fold(wanted):
                return source
    raise errors.DataSourceChoice(
        f"{where} has no data source named {wanted!r}; it holds {names}: "
        f"set [data_sources] {key} to one of these names."
    )


def not_shared(
    gateway: Gateway,
    key: str,
    database_id: str,
    missing: errors.ObjectNotFound,
    integration: str | None = None,
) -> errors.NotShared:
    """The 404 of a configured database (or its data source), told with the fix.

    ``integration``: the integration's name; when None it is asked for (``users/me``).
    """
    name: object = integration
    if name is None:
        # one more call, on the error path only: the name people look for in Connections
        with suppress(errors.SyncError):
            name = gateway.me().get("name")
    integration = repr(name) if isinstance(name, str) and name else "your integration"
    what = "database" if missing.object_id == database_id else "data source"
    return errors.NotShared(
        f"{what} {missing.object_id} ({key}) is not shared with the integration, or does not "
        f"exist: open the {key.replace('_', ' ')} database in Notion → ••• → Connections → add "
        f"{integration}, and check that [databases] {key} in quarterdeck.toml is its link.",
        missing.object_id,
    )


def _property(name: str, raw: Mapping[str, Any]) -> PropertyInfo:
    kind = str(raw.get("type"))
    payload = raw.get(kind)
    config: Mapping[str, Any] = payload if isinstance(payload, Mapping) else {}
    options = tuple(str(o["name"]) for o in config.get("options", []))
    by_id = {o["id"]: str(o["name"]) for o in config.get("options", [])}
    groups = {
        by_id[option_id]: str(group["name"])
        for group in config.get("groups", [])
        for option_id in group.get("option_ids", [])
        if option_id in by_id
    }
    return PropertyInfo(str(raw.get("id")), name, kind, options, groups, config)


# -- the cached form ------------------------------------------------------------------------


def dump_schema(schema: DatabaseSchema) -> dict[str, Any]:
    """``schema`` as plain JSON for the run state; :func:`load_schema` reads it back.

    A property keeps its id, type and the type's payload (options with their ids, status
    groups, a relation's target...); its name is the key. Descriptions are left out.
    """
    return {
        "database_id": schema.database_id,
        "data_source_id": schema.data_source_id,
        "data_source_name": schema.data_source_name,
        "title": schema.title,
        "properties": {
            name: {"id": info.id, "type": info.type}
            | ({"config": dict(info.config)} if info.config else {})
            for name, info in schema.properties.items()
        },
    }


def load_schema(key: str, saved: Mapping[str, Any]) -> DatabaseSchema:
    """The schema :func:`dump_schema` saved for the ``[databases]`` key ``key``.

    Raises:
        KeyError, TypeError, ValueError, AttributeError: ``saved`` is not such a schema.
    """
    properties = {
        str(name): _property(
            str(name), {"id": p["id"], "type": p["type"], p["type"]: p.get("config")}
        )
        for name, p in saved["properties"].items()
    }
    return DatabaseSchema(
        key=key,
        database_id=str(saved["database_id"]),
        data_source_id=str(saved["data_source_id"]),
        data_source_name=str(saved["data_source_name"]),
        title=str(saved["title"]),
        properties=MappingProxyType(properties),
    )


class SchemaCheck:
    """Whether page objects agree with a cached schema, from what they carry for free.

    Every page value holds its property's ``id`` and ``type``, and a select, multi-select or
    status value its option's ``id`` and ``name``. A schema is out of date when a page holds
    a property it does not know (added, renamed, retyped), lacks one of the ``mapped``
    properties it lists (deleted or renamed), or holds an option of one of the ``choices``
    it does not list (an option added or renamed; a status option new to the schema may sit
    in any group). Not visible this way: an existing status option moved to another group,
    a relation's target or a rollup's function changed, a description edited.
    """

    def __init__(
        self, schema: DatabaseSchema, mapped: Iterable[str], choices: Iterable[str] = ()
    ) -> None:
        """``mapped``: the properties the settings name; ``choices``: those of them whose
        options the read interprets (not Quarterdeck's outputs, whose options its own
        writes add)."""
        self._expected = {name: (info.id, info.type) for name, info in schema.properties.items()}
        self._mapped = sorted({name for name in mapped if name in schema.properties})
        self._options = {
            name: _option_keys(info)
            for name in set(choices)
            if (info := schema.properties.get(name)) is not None and info.type in CHOICE_TYPES
        }

    def drift(self, page: Mapping[str, Any]) -> str | None:
        """What ``page`` shows the schema lacks or has lost, or None when they agree."""
        properties: Mapping[str, Any] = page.get("properties") or {}
        for name, value in properties.items():
            expected = self._expected.get(name)
            if expected is None:
                return f"a row has a property {name!r} the cached schema lacks"
            if (value.get("id"), value.get("type")) != expected:
                return f"property {name!r} changed its id or type"
            known = self._options.get(name)
            if known is not None and not all(known.lists(o) for o in _chosen(value)):
                return f"a row holds an option of {name!r} the cached schema lacks"
        for name in self._mapped:
            if name not in properties:
                return f"the rows have no property {name!r} any more"
        return None


@dataclass(frozen=True)
class _Options:
    """The options a schema lists: (id, name) pairs, and names for a value without an id."""

    pairs: frozenset[tuple[str, str]]
    names: frozenset[str]

    def lists(self, option: Mapping[str, Any]) -> bool:
        name, option_id = str(option.get("name")), option.get("id")
        return name in self.names if option_id is None else (str(option_id), name) in self.pairs


def _option_keys(info: PropertyInfo) -> _Options:
    options = [o for o in info.config.get("options") or [] if isinstance(o, Mapping)]
    return _Options(
        frozenset((str(o.get("id")), str(o.get("name"))) for o in options),
        frozenset(str(o.get("name")) for o in options),
    )


def _chosen(value: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    payload = value.get(str(value.get("type")))
    if isinstance(payload, Mapping):
        return [payload]
    return [o for o in payload if isinstance(o, Mapping)] if isinstance(payload, list) else []


# -- fields --------------------------------------------------------------------------------


def bind(schema: DatabaseSchema, settings: Settings) -> tuple[Binding, ...]:
    """Each logical field of the database with the property the settings name for it.

    The one place a mapped property is matched with its field: the reader, the writer and
    ``doctor`` all go through it.
    """
    names = settings.fields.of(schema.key)
    bindings = []
    for spec in DATABASES[schema.key].specs:
        name = names.property_name(spec.key)
        bindings.append(Binding(spec, name, schema.property(name)))
    return tuple(bindings)


def unusable(schema: DatabaseSchema, binding: Binding) -> SchemaProblem | None:
    """Why ``binding``'s field cannot be read or written, as one actionable line; None if it can.

    A mapped property the data source lacks, or holds with a type the field does not accept,
    reads as empty on every page: it is reported once, here, not per page.
    """
    if binding.info is not None:
        return None
    spec, name, found = binding.spec, binding.property_name, binding.found
    setting = f"[fields.{schema.key}] {spec.key}"
    accepted = " or ".join(spec.types)
    where = schema.title or schema.key
    if found is None:
        message = (
            f"{where} has no property {name!r} ({spec.key}): add a {accepted} property with "
            f"that name, or set {setting} to the one you use."
        )
    else:
        message = (
            f"{name!r} in {where} is a {found.type} property, but {spec.key} needs "
            f"{accepted}: change its type or set {setting}."
        )
    kind = DATABASES[schema.key].kind
    return SchemaProblem(kind, spec.key, name, message, spec.required, missing=found is None)
