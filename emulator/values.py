"""Page property values written through the API, validated and stored in internal form.

Internal forms (what ``PageRecord.properties`` holds, by property id):

=============================  ===================================================
title, rich_text               stored rich text items (response form)
number                         int | float | None
select, status                 option id | None
multi_select                   list of option ids
date                           {"start", "end", "time_zone": None} | None
people                         list of user ids
relation                       list of page ids
files                          list of file objects (response form)
checkbox                       bool
url, email, phone_number       str | None
=============================  ===================================================

Computed types (formula, rollup, created/last edited time and by) are never stored;
``unique_id`` stores its number. Writing a computed type is refused, as Notion does.
"""

from __future__ import annotations

from typing import Any

from emulator import checks, errors, richtext
from emulator.dates import parse_date_value
from emulator.ids import IdFactory
from emulator.schema import COMPUTED_TYPES, SchemaEditor, check_option_name
from emulator.state import DataSourceRecord, Json, PageRecord, PropertySchema, Workspace

ALL_VALUE_KEYS = frozenset(
    {
        "title", "rich_text", "number", "select", "multi_select", "status", "date", "people",
        "files", "checkbox", "url", "email", "phone_number", "relation", "formula", "rollup",
        "created_time", "created_by", "last_edited_time", "last_edited_by", "unique_id",
        "button", "verification", "place",
    }
)  # fmt: skip


def empty_value(kind: str) -> Any:
    """What a property holds before anyone writes it."""
    if kind in ("title", "rich_text", "multi_select", "people", "relation", "files"):
        return []
    if kind == "checkbox":
        return False
    return None


class ValueWriter:
    """Turns request property values into internal values for one workspace."""

    def __init__(self, workspace: Workspace, ids: IdFactory, mention_title: Any) -> None:
        self._ws = workspace
        self._ids = ids
        self._mention_title = mention_title

    def parse(
        self, source: DataSourceRecord | None, schema: PropertySchema, raw: Any, path: str
    ) -> Any:
        kind = schema.type
        if isinstance(raw, list) and kind in ("title", "rich_text"):
            return richtext.parse(raw, path, self._mention_title)
        body = checks.obj(raw, path)
        if kind not in body:
            given = [k for k in body if k in ALL_VALUE_KEYS]
            if given or "type" not in body:
                raise errors.validation(f"{schema.name} is expected to be {kind}.")
        if kind in COMPUTED_TYPES:
            raise errors.validation(
                f"{schema.name} is a {kind} property and cannot be set through the API."
            )
        value = body.get(kind)
        where = f"{path}.{kind}"
        if kind in ("title", "rich_text"):
            return richtext.parse(value, where, self._mention_title)
        handler = getattr(self, f"_{kind}", None)
        if handler is None:
            raise errors.validation(
                f"{schema.name} is a {kind} property and cannot be set through the API."
            )
        return handler(source, schema, value, where)

    # One method per writable type; each returns the internal value.

    def _number(
        self, _s: DataSourceRecord | None, _p: PropertySchema, value: Any, path: str
    ) -> Any:
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise errors.body_invalid(path, "should be a number or `null`", value)
        return value

    def _checkbox(
        self, _s: DataSourceRecord | None, _p: PropertySchema, value: Any, path: str
    ) -> bool:
        return checks.boolean(value, path)

    def _url(self, _s: DataSourceRecord | None, _p: PropertySchema, value: Any, path: str) -> Any:
        return checks.optional_string(value, path, checks.MAX_TEXT)

    def _email(self, _s: DataSourceRecord | None, _p: PropertySchema, value: Any, path: str) -> Any:
        return checks.optional_string(value, path, checks.MAX_EMAIL)

    def _phone_number(
        self, _s: DataSourceRecord | None, _p: PropertySchema, value: Any, path: str
    ) -> Any:
        return checks.optional_string(value, path, checks.MAX_PHONE)

    def _date(self, _s: DataSourceRecord | None, _p: PropertySchema, value: Any, path: str) -> Any:
        return None if value is None else parse_date_value(value, path)

    def _select(
        self, _s: DataSourceRecord | None, schema: PropertySchema, value: Any, path: str
    ) -> Any:
        if value is None:
            return None
        return self._option(schema, value, path, may_create=True)

    def _multi_select(
        self, _s: DataSourceRecord | None, schema: PropertySchema, value: Any, path: str
    ) -> Any:
        chosen: list[str] = []
        for index, item in enumerate(checks.array(value, path)):
            option_id = self._option(schema, item, f"{path}[{index}]", may_create=True)
            if option_id not in chosen:
                chosen.append(option_id)
        return chosen

    def _status(
        self, _s: DataSourceRecord | None, schema: PropertySchema, value: Any, path: str
    ) -> Any:
        if value is None:
            return default_status_option(schema)
        return self._option(schema, value, path, may_create=False)

    def _option(self, schema: PropertySchema, raw: Any, path: str, *, may_create: bool) -> str:
        body = checks.obj(raw, path)
        options: list[Json] = schema.config.setdefault("options", [])
        if "id" in body:
            for option in options:
                if option["id"] == body["id"]:
                    return str(option["id"])
            raise errors.validation(f"Invalid {schema.type} option id: {body['id']}.")
        name = checks.string(checks.required(body, "name", path), f"{path}.name", 100)
        for option in options:
            if option["name"] == name:
                return str(option["id"])
        if not may_create:
            raise errors.validation(
                f'Invalid status option. Status option "{name}" does not exist.'
            )
        check_option_name(name)
        color = body.get("color", SchemaEditor.next_color(len(options)))
        option = {"id": self._ids.uuid(), "name": name, "color": color, "description": None}
        options.append(option)
        return str(option["id"])

    def _people(
        self, _s: DataSourceRecord | None, _p: PropertySchema, value: Any, path: str
    ) -> list[str]:
        chosen: list[str] = []
        for index, item in enumerate(checks.array(value, path)):
            where = f"{path}[{index}]"
            user_id = checks.uuid(
                checks.required(checks.obj(item, where), "id", where), f"{where}.id"
            )
            if user_id not in self._ws.users:
                raise errors.validation(f"Could not find user with ID: {user_id}.")
            if user_id not in chosen:
                chosen.append(user_id)
        return chosen

    def _relation(
        self, _s: DataSourceRecord | None, schema: PropertySchema, value: Any, path: str
    ) -> list[str]:
        target_source = schema.config.get("data_source_id")
        chosen: list[str] = []
        for index, item in enumerate(checks.array(value, path)):
            where = f"{path}[{index}]"
            page_id = checks.uuid(
                checks.required(checks.obj(item, where), "id", where), f"{where}.id"
            )
            page = self._ws.pages.get(page_id)
            if page is None or page.parent.get("data_source_id") != target_source:
                raise errors.validation(
                    f"Relation {schema.name} can only hold pages of data source {target_source}; "
                    f"{page_id} is not one of them."
                )
            if page_id not in chosen:
                chosen.append(page_id)
        return chosen

    def _files(
        self, _s: DataSourceRecord | None, _p: PropertySchema, value: Any, path: str
    ) -> list[Json]:
        result = []
        for index, item in enumerate(checks.array(value, path)):
            where = f"{path}[{index}]"
            body = checks.obj(item, where)
            external = checks.obj(checks.required(body, "external", where), f"{where}.external")
            url = checks.string(
                checks.required(external, "url", f"{where}.external"),
                f"{where}.external.url",
                checks.MAX_TEXT,
            )
            name = checks.string(body.get("name", url), f"{where}.name", 100)
            result.append({"name": name, "type": "external", "external": {"url": url}})
        return result


def default_status_option(schema: PropertySchema) -> str | None:
    """``status: null`` resets to the default: the first option of the To-do group."""
    for group in schema.config.get("groups", []):
        if group["name"] == "To-do" and group["option_ids"]:
            return str(group["option_ids"][0])
    options = schema.config.get("options", [])
    return str(options[0]["id"]) if options else None


def initial_values(source: DataSourceRecord) -> dict[str, Any]:
    """The stored values of a fresh row before the request's own values are applied."""
    values: dict[str, Any] = {}
    for prop_id, schema in source.properties.items():
        if schema.type in COMPUTED_TYPES and schema.type != "unique_id":
            continue
        if schema.type == "unique_id":
            source.unique_id_counters[prop_id] = source.unique_id_counters.get(prop_id, 0) + 1
            values[prop_id] = source.unique_id_counters[prop_id]
        elif schema.type == "status":
            values[prop_id] = default_status_option(schema)
        else:
            values[prop_id] = empty_value(schema.type)
    return values


def stored(page: PageRecord, schema: PropertySchema) -> Any:
    """A page's stored value for a property, or the empty value if it was added later."""
    return page.properties.get(schema.id, empty_value(schema.type))
