"""Which data source each configured database reads from, and what its properties are.

API version 2025-09-03 splits a database into data sources: ``GET /v1/databases/{id}``
lists them, ``GET /v1/data_sources/{id}`` holds the schema. Both are read once per database
and run. ``doctor`` uses :func:`read_schemas` alone; the reader uses it before any row.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from schemas.fields import SPECS, FieldSpec
from schemas.models import Kind, SchemaProblem
from schemas.settings import Settings
from schemas.values import fold, plain_text
from sync import errors
from sync.gateway import Gateway, Json

DATABASES: Mapping[str, Kind] = MappingProxyType(
    {
        "streams": Kind.STREAM,
        "epics": Kind.EPIC,
        "tasks": Kind.TASK,
        "key_results": Kind.KEY_RESULT,
    }
)
"""The ``[databases]`` keys, in reading order, and the entity each holds."""


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
    kind: Kind
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
    """A logical field and the property it is read from (``None``: unusable, reads empty)."""

    spec: FieldSpec
    property_name: str
    info: PropertyInfo | None


def read_schemas(gateway: Gateway, settings: Settings) -> dict[str, DatabaseSchema]:
    """Every configured database resolved to its data source and schema (two calls each).

    Raises:
        NotShared: a database (or its data source) is not shared with the integration.
        DataSourceChoice: the data source to read cannot be told from ``[data_sources]``.
    """
    found: dict[str, DatabaseSchema] = {}
    for key, kind in DATABASES.items():
        database_id = getattr(settings.databases, key)
        if database_id is not None:
            found[key] = resolve(gateway, key, kind, database_id, settings)
    return found


def resolve(
    gateway: Gateway, key: str, kind: Kind, database_id: str, settings: Settings
) -> DatabaseSchema:
    """One database: its data source (by ``[data_sources]`` name if several), then schema."""
    try:
        database = gateway.retrieve_database(database_id)
        source_id, source_name = _choose(database, key, getattr(settings.data_sources, key))
        source = gateway.retrieve_data_source(source_id)
    except errors.ObjectNotFound as missing:
        raise not_shared(gateway, key, database_id, missing) from missing
    properties = {
        str(name): _property(str(name), raw) for name, raw in source.get("properties", {}).items()
    }
    return DatabaseSchema(
        key=key,
        kind=kind,
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
    gateway: Gateway, key: str, database_id: str, missing: errors.ObjectNotFound
) -> errors.NotShared:
    """The 404 of a configured database (or its data source), told with the fix."""
    integration = "your integration"
    try:  # one more call, on the error path only: the name people look for in Connections
        name = gateway.me().get("name")
        integration = repr(name) if isinstance(name, str) and name else integration
    except errors.SyncError:
        pass
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


def bind(
    schema: DatabaseSchema, settings: Settings
) -> tuple[tuple[Binding, ...], tuple[SchemaProblem, ...]]:
    """Each logical field of the database with its property, and what cannot be read.

    A mapped property the data source lacks, or holds with a type the field does not
    accept, reads as empty on every page and is reported once, here.
    """
    names = getattr(settings.fields, schema.key)
    bindings, problems = [], []
    for spec in SPECS[schema.key]:
        property_name = str(getattr(names, spec.attribute))
        info = schema.property(property_name)
        problem = _unusable(schema, spec, property_name, info)
        if problem is not None and not spec.output:
            problems.append(problem)
        bindings.append(Binding(spec, property_name, None if problem else info))
    return tuple(bindings), tuple(problems)


def _unusable(
    schema: DatabaseSchema, spec: FieldSpec, property_name: str, info: PropertyInfo | None
) -> SchemaProblem | None:
    setting = f"[fields.{schema.key}] {spec.attribute}"
    accepted = " or ".join(spec.types)
    if info is None:
        message = (
            f"{schema.title or schema.key} has no property {property_name!r} ({spec.attribute}): "
            f"add a {accepted} property with that name, or set {setting} to the one you use."
        )
    elif info.type not in spec.types:
        message = (
            f"{property_name!r} in {schema.title or schema.key} is a {info.type} property, but "
            f"{spec.attribute} needs {accepted}: change its type or set {setting}."
        )
    else:
        return None
    return SchemaProblem(
        schema.kind, spec.attribute, property_name, message, spec.required, missing=info is None
    )
