"""Data source schemas: creating and updating properties as ``POST/PATCH /v1/data_sources`` do.

What the API cannot do is refused here as Notion refuses it: status options can be neither
created nor changed through the API (a person sets them up in the app; seeds and tests use
:func:`set_status_options`), and a schema needs exactly one title property.
"""

from __future__ import annotations

from typing import Any

from emulator import checks, errors
from emulator.colors import OPTION_COLORS
from emulator.ids import IdFactory, same_property_id
from emulator.state import DataSourceRecord, Json, PropertySchema

WRITABLE_TYPES = frozenset(
    {
        "title", "rich_text", "number", "select", "multi_select", "status", "date", "people",
        "files", "checkbox", "url", "email", "phone_number", "relation",
    }
)  # fmt: skip
COMPUTED_TYPES = frozenset(
    {
        "formula", "rollup", "created_time", "created_by", "last_edited_time", "last_edited_by",
        "unique_id",
    }
)  # fmt: skip
ALL_TYPES = WRITABLE_TYPES | COMPUTED_TYPES
NUMBER_FORMATS = frozenset(
    {
        "number", "number_with_commas", "percent", "dollar", "australian_dollar", "canadian_dollar",
        "singapore_dollar", "euro", "pound", "yen", "ruble", "rupee", "won", "yuan", "real", "lira",
        "rupiah", "franc", "hong_kong_dollar", "new_zealand_dollar", "krona", "norwegian_krone",
        "mexican_peso", "rand", "new_taiwan_dollar", "danish_krone", "zloty", "baht", "forint",
        "koruna", "shekel", "chilean_peso", "philippine_peso", "dirham", "colombian_peso", "riyal",
        "ringgit", "leu", "argentine_peso", "uruguayan_peso", "peruvian_sol",
    }
)  # fmt: skip
ROLLUP_FUNCTIONS = frozenset(
    {
        "count", "count_values", "empty", "not_empty", "unique", "show_unique", "percent_empty",
        "percent_not_empty", "sum", "average", "median", "min", "max", "range", "earliest_date",
        "latest_date", "date_range", "checked", "unchecked", "percent_checked",
        "percent_unchecked", "count_per_group", "percent_per_group", "show_original",
    }
)  # fmt: skip
_OPTION_COLOR_CYCLE = (
    "default",
    "gray",
    "brown",
    "orange",
    "yellow",
    "green",
    "blue",
    "purple",
    "pink",
    "red",
)

DEFAULT_STATUS: tuple[tuple[str, str, str], ...] = (
    ("Not started", "default", "To-do"),
    ("In progress", "blue", "In progress"),
    ("Done", "green", "Complete"),
)
"""What Notion gives a new status property: option, colour, group."""
STATUS_GROUP_COLORS = {"To-do": "gray", "In progress": "blue", "Complete": "green"}


class SchemaEditor:
    """Applies schema requests to a data source, keeping dual relations in step.

    ``lookup_source`` finds another data source by id (for relations), or None.
    """

    def __init__(self, ids: IdFactory, lookup_source: Any) -> None:
        self._ids = ids
        self._lookup = lookup_source

    def create_all(self, source: DataSourceRecord, raw: Any, path: str) -> None:
        """The ``properties`` of a new data source; exactly one must be a title."""
        given = checks.obj(raw, path)
        titles = [n for n, v in given.items() if isinstance(v, dict) and "title" in v]
        if len(titles) != 1:
            raise errors.validation(
                "Title property is required for a data source: "
                "give exactly one property of type title."
                if not titles
                else f"A data source can only have one title property; found {', '.join(titles)}."
            )
        for name, definition in given.items():
            self._add(source, name, definition, f"{path}.{name}")

    def update_all(self, source: DataSourceRecord, raw: Any, path: str) -> None:
        """``PATCH`` semantics: null deletes, ``{"name": ...}`` renames, a type adds or changes."""
        given = checks.obj(raw, path)
        for key, definition in given.items():
            existing = find(source, key)
            where = f"{path}.{key}"
            if definition is None:
                if existing is None:
                    raise errors.validation(f"{key} is not a property that exists.")
                self._delete(source, existing)
                continue
            body = checks.obj(definition, where)
            if existing is None:
                self._add(source, str(body.get("name", key)), body, where)
            else:
                self._change(source, existing, body, where)

    def _add(self, source: DataSourceRecord, name: str, definition: Any, path: str) -> None:
        body = checks.obj(definition, path)
        kind, config = _type_and_config(body, path)
        name = checks.string(body.get("name", name), f"{path}.name", 100)
        if find(source, name) is not None:
            raise errors.validation(f"A property named {name} already exists in this data source.")
        prop_id = "title" if kind == "title" else self._ids.property_id(set(source.properties))
        schema = PropertySchema(prop_id, name, kind, {}, _description(body, path))
        source.properties[prop_id] = schema
        self._configure(source, schema, config, path, creating=True)

    def _change(
        self, source: DataSourceRecord, schema: PropertySchema, body: Json, path: str
    ) -> None:
        if "name" in body:
            new_name = checks.string(body["name"], f"{path}.name", 100)
            clash = find(source, new_name)
            if clash is not None and clash is not schema:
                raise errors.validation(
                    f"A property named {new_name} already exists in this data source."
                )
            schema.name = new_name
        if "description" in body:
            schema.description = _description(body, path)
        kinds = [k for k in body if k in ALL_TYPES]
        if not kinds:
            return
        kind, config = _type_and_config(body, path)
        if schema.type == "title" and kind != "title":
            raise errors.validation("Cannot change the type of the title property.")
        if schema.type == "status" and kind == "status" and config:
            raise errors.validation(
                "It is not possible to update the name or options of a status property via the API."
            )
        creating = kind != schema.type
        if creating and schema.type == "relation":
            self._unlink_dual(source, schema)
        schema.type = kind
        if creating:
            schema.config = {}
        self._configure(source, schema, config, path, creating=creating)

    def _delete(self, source: DataSourceRecord, schema: PropertySchema) -> None:
        if schema.type == "title":
            raise errors.validation("Cannot delete the title property of a data source.")
        if schema.type == "relation":
            self._unlink_dual(source, schema)
        del source.properties[schema.id]

    def _configure(
        self,
        source: DataSourceRecord,
        schema: PropertySchema,
        config: Json,
        path: str,
        *,
        creating: bool,
    ) -> None:
        where = f"{path}.{schema.type}"
        kind = schema.type
        if kind in ("select", "multi_select"):
            schema.config = {
                "options": self._options(schema, config.get("options", []), f"{where}.options")
            }
        elif kind == "status":
            if config:
                raise errors.validation(
                    "It is not possible to set the options of a status property via the API; "
                    "create it with an empty status object and edit its options in Notion."
                )
            if creating:
                schema.config = default_status_config(self._ids)
        elif kind == "number":
            fmt = config.get("format", schema.config.get("format", "number"))
            schema.config = {"format": checks.one_of(fmt, NUMBER_FORMATS, f"{where}.format")}
        elif kind == "formula":
            expression = checks.required(config, "expression", where)
            schema.config = {"expression": checks.string(expression, f"{where}.expression")}
        elif kind == "unique_id":
            prefix = checks.optional_string(config.get("prefix"), f"{where}.prefix")
            schema.config = {"prefix": prefix}
            source.unique_id_counters.setdefault(schema.id, 0)
        elif kind == "relation":
            self._relation(source, schema, config, where)
        elif kind == "rollup":
            schema.config = _rollup(source, config, where)
        else:
            checks.no_unknown_keys(config, set(), where)
            schema.config = {}

    def _options(self, schema: PropertySchema, raw: Any, path: str) -> list[Json]:
        existing = {o["name"]: o for o in schema.config.get("options", [])}
        by_id = {o["id"]: o for o in schema.config.get("options", [])}
        result: list[Json] = []
        for index, option in enumerate(checks.array(raw, path)):
            where = f"{path}[{index}]"
            body = checks.obj(option, where)
            known = by_id.get(body.get("id", "")) or existing.get(body.get("name", ""))
            name = checks.string(
                body.get("name", known["name"] if known else None), f"{where}.name", 100
            )
            check_option_name(name)
            color = checks.one_of(
                body.get("color", known["color"] if known else self.next_color(len(result))),
                OPTION_COLORS,
                f"{where}.color",
            )
            result.append(
                {
                    "id": known["id"] if known else self._ids.uuid(),
                    "name": name,
                    "color": color,
                    "description": body.get(
                        "description", known.get("description") if known else None
                    ),
                }
            )
        return result

    @staticmethod
    def next_color(position: int) -> str:
        return _OPTION_COLOR_CYCLE[position % len(_OPTION_COLOR_CYCLE)]

    def _relation(
        self, source: DataSourceRecord, schema: PropertySchema, config: Json, path: str
    ) -> None:
        if "database_id" in config and "data_source_id" not in config:
            raise errors.validation(
                "relation.database_id is no longer supported in API version 2025-09-03; "
                "give relation.data_source_id instead."
            )
        target_id = checks.uuid(
            checks.required(config, "data_source_id", path), f"{path}.data_source_id"
        )
        target = source if target_id == source.id else self._lookup(target_id)
        if target is None:
            raise errors.not_found("data source", target_id)
        kind = config.get("type") or (
            "dual_property" if "dual_property" in config else "single_property"
        )
        checks.one_of(kind, ("single_property", "dual_property"), f"{path}.type")
        schema.config = {
            "database_id": target.database_id,
            "data_source_id": target.id,
            "type": kind,
            kind: {},
        }
        if kind == "dual_property" and target is not source:
            dual = checks.obj(config.get("dual_property", {}), f"{path}.dual_property")
            synced_name = dual.get("synced_property_name") or _unique_name(
                target, f"Related to {_plain(source.title)} ({schema.name})"
            )
            synced_id = self._ids.property_id(set(target.properties))
            target.properties[synced_id] = PropertySchema(
                synced_id,
                checks.string(synced_name, f"{path}.dual_property.synced_property_name", 100),
                "relation",
                {
                    "database_id": source.database_id,
                    "data_source_id": source.id,
                    "type": "dual_property",
                    "dual_property": {
                        "synced_property_name": schema.name,
                        "synced_property_id": schema.id,
                    },
                },
            )
            schema.config["dual_property"] = {
                "synced_property_name": target.properties[synced_id].name,
                "synced_property_id": synced_id,
            }

    def _unlink_dual(self, source: DataSourceRecord, schema: PropertySchema) -> None:
        synced = dual_counterpart(source, schema, self._lookup)
        if synced is not None:
            synced.config = {
                "database_id": synced.config["database_id"],
                "data_source_id": synced.config["data_source_id"],
                "type": "single_property",
                "single_property": {},
            }


def _type_and_config(body: Json, path: str) -> tuple[str, Json]:
    kinds = [k for k in body if k in ALL_TYPES]
    if "type" in body and body["type"] in ALL_TYPES and body["type"] not in kinds:
        kinds = [body["type"]]
        body = {**body, body["type"]: {}}
    if len(kinds) != 1:
        unknown = [k for k in body if k not in {"name", "description", "type", "id"}]
        if unknown:
            raise errors.validation(f"Invalid property type: {unknown[0]}.")
        raise errors.missing(f"{path}.type")
    kind = kinds[0]
    return kind, checks.obj(body[kind], f"{path}.{kind}")


def _description(body: Json, path: str) -> str | None:
    raw = body.get("description")
    if raw is None:
        return None
    if isinstance(raw, list):
        return "".join(str(item.get("text", {}).get("content", "")) for item in raw)
    return checks.string(raw, f"{path}.description", 280)


def _rollup(source: DataSourceRecord, config: Json, path: str) -> Json:
    relation = find(
        source, config.get("relation_property_id") or config.get("relation_property_name") or ""
    )
    if relation is None or relation.type != "relation":
        raise errors.validation(f"{path}: relation property not found in this data source.")
    function = checks.one_of(
        checks.required(config, "function", path), ROLLUP_FUNCTIONS, f"{path}.function"
    )
    target_name = config.get("rollup_property_name") or config.get("rollup_property_id")
    if not target_name:
        raise errors.missing(f"{path}.rollup_property_name")
    return {
        "relation_property_name": relation.name,
        "relation_property_id": relation.id,
        "rollup_property_name": config.get("rollup_property_name", target_name),
        "rollup_property_id": config.get("rollup_property_id", target_name),
        "function": function,
    }


def find(source: DataSourceRecord, key: str) -> PropertySchema | None:
    """A property by id or by name (requests may use either)."""
    exact = source.properties.get(key)
    if exact is not None:
        return exact
    for schema in source.properties.values():
        if schema.name == key:
            return schema
    for schema in source.properties.values():
        if same_property_id(key, schema.id):  # an id decoded once on the way in
            return schema
    return None


def dual_counterpart(
    source: DataSourceRecord, schema: PropertySchema, lookup: Any
) -> PropertySchema | None:
    """The property on the other side of a two-way relation, if any."""
    if schema.type != "relation" or schema.config.get("type") != "dual_property":
        return None
    synced_id = schema.config.get("dual_property", {}).get("synced_property_id")
    target_id = schema.config.get("data_source_id")
    target = source if target_id == source.id else lookup(target_id)
    if target is None or synced_id is None:
        return None
    counterpart: PropertySchema | None = target.properties.get(synced_id)
    return counterpart


def default_status_config(ids: IdFactory) -> Json:
    return status_config(ids, list(DEFAULT_STATUS))


def status_config(ids: IdFactory, options: list[tuple[str, str, str]]) -> Json:
    """A status schema from ``(option, colour, group)`` triples, groups in Notion's order."""
    made = [{"id": ids.uuid(), "name": n, "color": c, "description": None} for n, c, _ in options]
    groups = []
    for group in ("To-do", "In progress", "Complete"):
        members = [o["id"] for o, (_, _, g) in zip(made, options, strict=True) if g == group]
        groups.append(
            {
                "id": ids.uuid(),
                "name": group,
                "color": STATUS_GROUP_COLORS[group],
                "option_ids": members,
            }
        )
    return {"options": made, "groups": groups}


def check_option_name(name: str) -> None:
    if "," in name:
        raise errors.validation(f"Select option names cannot contain commas: {name}.")


def _unique_name(source: DataSourceRecord, wanted: str) -> str:
    name, suffix = wanted, 2
    while find(source, name) is not None:
        name = f"{wanted} {suffix}"
        suffix += 1
    return name


def _plain(title: list[Json]) -> str:
    return "".join(str(item.get("plain_text", "")) for item in title) or "Untitled"
