"""Response shapes: records rendered exactly as Notion (API version 2025-09-03) answers.

Key order follows the real recordings in ``shared/reference/notion-recordings`` so that a
diff against a recording reads cleanly: the newest ones (Apr 2026, still ``Notion-Version:
2025-09-03``), where pages carry ``is_archived`` (their own archived state, not the trash) and
``archived`` -- the deprecated alias of ``in_trash``, always the same value -- moved to the end
of pages, databases (which gained it), data sources and blocks.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Any

from emulator import computed, richtext
from emulator.clock import millis_stamp, minute_stamp
from emulator.ids import compact
from emulator.schema import find
from emulator.state import (
    BlockRecord,
    CommentRecord,
    DatabaseRecord,
    DataSourceRecord,
    Json,
    PageRecord,
    PropertySchema,
    UserRecord,
)
from emulator.store import Store
from emulator.values import stored

PAGE_REFERENCE_LIMIT = 25
"""Page objects list at most 25 relation / people references."""
MAX_FILE_UPLOAD_BYTES = 5_368_709_120


def user_ref(user_id: str) -> Json:
    return {"object": "user", "id": user_id}


def page_url(page_id: str, title: str) -> str:
    slug = re.sub(r"[^0-9A-Za-z]+", "-", title).strip("-")
    return f"https://www.notion.so/{slug + '-' if slug else ''}{compact(page_id)}"


class Renderer:
    """Renders records of one store; stateless apart from the store it reads."""

    def __init__(self, store: Store) -> None:
        self.store = store

    # -- users ---------------------------------------------------------------------------

    def user(self, user: UserRecord) -> Json:
        body: Json = {
            "object": "user",
            "id": user.id,
            "name": user.name,
            "avatar_url": user.avatar_url,
            "type": user.type,
        }
        if user.type == "person":
            body["person"] = {"email": user.email}
        elif user.id == self.store.bot_id():
            body["bot"] = {
                "owner": {"type": "workspace", "workspace": True},
                "workspace_name": self.store.workspace.name,
                "workspace_limits": {"max_file_upload_size_in_bytes": MAX_FILE_UPLOAD_BYTES},
            }
        else:
            body["bot"] = {}
        return body

    # -- titles for mentions -------------------------------------------------------------

    def mention_title(self, kind: str, object_id: str) -> str | None:
        ws = self.store.workspace
        if kind == "user":
            user = ws.users.get(object_id)
            return user.name if user else None
        if not self.store.visible(object_id):
            return None
        if kind == "page" and object_id in ws.pages:
            return self.page_title(ws.pages[object_id])
        if kind == "database" and object_id in ws.databases:
            return richtext.plain_text(ws.databases[object_id].title)
        return None

    def page_title(self, page: PageRecord) -> str:
        source = self.store.source_of(page)
        title_id = "title"
        if source is not None:
            title_id = next(
                (p.id for p in source.properties.values() if p.type == "title"), "title"
            )
        return richtext.plain_text(page.properties.get(title_id, []))

    # -- pages ---------------------------------------------------------------------------

    def page(self, page: PageRecord, only: set[str] | None = None) -> Json:
        return {
            "object": "page",
            "id": page.id,
            "created_time": minute_stamp(page.created_time),
            "last_edited_time": minute_stamp(page.last_edited_time),
            "created_by": user_ref(page.created_by),
            "last_edited_by": user_ref(page.last_edited_by),
            "cover": page.cover,
            "icon": page.icon,
            "parent": self.page_parent(page),
            "in_trash": page.in_trash,
            "is_archived": page.is_archived,
            "is_locked": page.is_locked,
            "properties": self.page_properties(page, only),
            "url": page_url(page.id, self.page_title(page)),
            "public_url": None,
            "archived": page.in_trash,
        }

    @staticmethod
    def page_stamps(page: PageRecord) -> tuple[str, str]:
        """``created_time`` and ``last_edited_time`` as the page object shows them."""
        return minute_stamp(page.created_time), minute_stamp(page.last_edited_time)

    def page_parent(self, page: PageRecord) -> Json:
        parent = dict(page.parent)
        if parent.get("type") == "data_source_id":
            source = self.store.workspace.data_sources.get(parent["data_source_id"])
            if source is not None:
                parent["database_id"] = source.database_id
        return parent

    def page_properties(self, page: PageRecord, only: set[str] | None = None) -> Json:
        source = self.store.source_of(page)
        if source is None:
            title = richtext.limit_mentions(
                richtext.refresh_mentions(page.properties.get("title", []), self.mention_title)
            )
            return {"title": {"id": "title", "type": "title", "title": title}}
        result: Json = {}
        for schema in source.properties.values():
            if only is not None and schema.id not in only:
                continue
            result[schema.name] = self.property_value(source, page, schema, truncate=True)
        return result

    def property_value(
        self, source: DataSourceRecord, page: PageRecord, schema: PropertySchema, *, truncate: bool
    ) -> Json:
        """``{"id", "type", <type>: value}``; ``truncate`` applies the page-object limits."""
        body: Json = {"id": schema.id, "type": schema.type}
        body[schema.type] = self.value_payload(source, page, schema, truncate=truncate, depth=0)
        if schema.type == "relation":
            related = stored(page, schema)
            body["has_more"] = truncate and len(related) > PAGE_REFERENCE_LIMIT
        return body

    def value_payload(
        self,
        source: DataSourceRecord,
        page: PageRecord,
        schema: PropertySchema,
        *,
        truncate: bool,
        depth: int,
    ) -> Any:
        kind = schema.type
        value = stored(page, schema)
        if kind in ("title", "rich_text"):
            items = richtext.refresh_mentions(value, self.mention_title)
            return richtext.limit_mentions(items) if truncate else items
        if kind in ("select", "status"):
            return self._option(schema, value)
        if kind == "multi_select":
            return [o for o in (self._option(schema, v) for v in value) if o is not None]
        if kind == "people":
            people = value[:PAGE_REFERENCE_LIMIT] if truncate else value
            return [user_ref(u) for u in people]
        if kind == "relation":
            related = value[:PAGE_REFERENCE_LIMIT] if truncate else value
            return [{"id": p} for p in related]
        if kind == "date":
            return dict(value) if value else None
        if kind in ("created_time", "last_edited_time"):
            return minute_stamp(getattr(page, kind))
        if kind in ("created_by", "last_edited_by"):
            return user_ref(getattr(page, kind))
        if kind == "unique_id":
            return {"prefix": schema.config.get("prefix"), "number": value}
        if kind == "formula":
            return self._formula(source, page, schema, depth)
        if kind == "rollup":
            return self._rollup(source, page, schema, depth)
        return value

    @staticmethod
    def _option(schema: PropertySchema, option_id: str | None) -> Json | None:
        if option_id is None:
            return None
        for option in schema.config.get("options", []):
            if option["id"] == option_id:
                return {"id": option["id"], "name": option["name"], "color": option["color"]}
        return None

    # -- computed ------------------------------------------------------------------------

    def _formula(
        self, source: DataSourceRecord, page: PageRecord, schema: PropertySchema, depth: int
    ) -> Json:
        if depth > 4:
            return {"type": "string", "string": None}

        def lookup(name: str) -> Any:
            target = find(source, name)
            if target is None:
                raise KeyError(name)
            return self.scalar(source, page, target, depth + 1)

        now = datetime.fromtimestamp(self.store.now(), UTC)
        return computed.evaluate_formula(str(schema.config.get("expression", "")), lookup, now)

    def _rollup(
        self, source: DataSourceRecord, page: PageRecord, schema: PropertySchema, depth: int
    ) -> Json:
        config = schema.config
        relation = source.properties.get(config.get("relation_property_id", "")) or find(
            source, config.get("relation_property_name", "")
        )
        if relation is None or depth > 4:
            return {"type": "unsupported", "unsupported": {}, "function": config.get("function")}
        related: list[tuple[DataSourceRecord, PageRecord]] = []
        values: list[Json] = []
        scalars: list[Any] = []
        for page_id in stored(page, relation):
            other = self.store.workspace.pages.get(page_id)
            other_source = self.store.source_of(other) if other else None
            if other is None or other_source is None or other.in_trash:
                continue
            target = find(other_source, config.get("rollup_property_name", "")) or find(
                other_source, config.get("rollup_property_id", "")
            )
            related.append((other_source, other))
            if target is None:
                continue
            payload = self.value_payload(
                other_source, other, target, truncate=False, depth=depth + 1
            )
            values.append({"type": target.type, target.type: payload})
            scalars.append(self.scalar(other_source, other, target, depth + 1))
        return computed.evaluate_rollup(config, related, values, scalars)

    def scalar(
        self, source: DataSourceRecord, page: PageRecord, schema: PropertySchema, depth: int
    ) -> Any:
        """A property's value as formulas and rollups see it."""
        payload = self.value_payload(source, page, schema, truncate=False, depth=depth)
        kind = schema.type
        if kind in ("title", "rich_text"):
            return richtext.plain_text(payload)
        if kind in ("select", "status"):
            return payload["name"] if payload else None
        if kind == "multi_select":
            return [o["name"] for o in payload]
        if kind == "date":
            return computed.date_scalar(payload)
        if kind in ("people", "relation"):
            return [p["id"] for p in payload]
        if kind in ("formula", "rollup"):
            inner = payload.get("type")
            value = payload.get(inner) if inner else None
            if inner == "date":
                return computed.date_scalar(value)
            return value
        if kind == "unique_id":
            return payload["number"]
        if kind in ("created_time", "last_edited_time"):
            return computed.date_scalar({"start": payload})
        if kind in ("created_by", "last_edited_by"):
            return payload["id"]
        return payload

    # -- databases and data sources ------------------------------------------------------

    def database(self, database: DatabaseRecord) -> Json:
        sources = [self.store.workspace.data_sources[i] for i in database.data_source_ids]
        return {
            "object": "database",
            "id": database.id,
            "title": database.title,
            "description": database.description,
            "parent": database.parent,
            "is_inline": database.is_inline,
            "in_trash": database.in_trash,
            "is_locked": database.is_locked,
            "created_time": millis_stamp(database.created_time),
            "last_edited_time": millis_stamp(database.last_edited_time),
            "data_sources": [
                {"id": s.id, "name": richtext.plain_text(s.title)}
                for s in sources
                if not s.in_trash
            ],
            "icon": database.icon,
            "cover": database.cover,
            "url": f"https://www.notion.so/{compact(database.id)}",
            "public_url": None,
            "archived": database.in_trash,
        }

    def data_source(self, source: DataSourceRecord) -> Json:
        database = self.store.workspace.databases[source.database_id]
        return {
            "object": "data_source",
            "id": source.id,
            "cover": source.cover,
            "icon": source.icon,
            "created_time": minute_stamp(source.created_time),
            "created_by": user_ref(source.created_by),
            "last_edited_by": user_ref(source.last_edited_by),
            "last_edited_time": minute_stamp(source.last_edited_time),
            "title": source.title,
            "description": source.description,
            "is_inline": database.is_inline,
            "properties": {s.name: self.property_schema(s) for s in source.properties.values()},
            "parent": {"type": "database_id", "database_id": database.id},
            "database_parent": database.parent,
            "url": f"https://www.notion.so/{compact(database.id)}",
            "public_url": None,
            "in_trash": source.in_trash,
            "archived": source.in_trash,
        }

    @staticmethod
    def property_schema(schema: PropertySchema) -> Json:
        return {
            "id": schema.id,
            "name": schema.name,
            "description": schema.description,
            "type": schema.type,
            schema.type: schema.config,
        }

    # -- blocks and comments -------------------------------------------------------------

    def block(self, record: BlockRecord | PageRecord | DatabaseRecord) -> Json:
        if isinstance(record, PageRecord):
            kind, payload = "child_page", {"title": self.page_title(record)}
            children = bool(record.children)
        elif isinstance(record, DatabaseRecord):
            kind, payload = "child_database", {"title": richtext.plain_text(record.title)}
            children = False
        else:
            kind, payload = record.type, self._block_payload(record)
            children = any(not self._child_trashed(c) for c in record.children)
        return {
            "object": "block",
            "id": record.id,
            "parent": dict(record.parent),
            "created_time": minute_stamp(record.created_time),
            "last_edited_time": minute_stamp(record.last_edited_time),
            "created_by": user_ref(record.created_by),
            "last_edited_by": user_ref(record.last_edited_by),
            "has_children": children,
            "in_trash": record.in_trash,
            "type": kind,
            kind: payload,
            "archived": record.in_trash,
        }

    def _block_payload(self, record: BlockRecord) -> Json:
        payload = dict(record.payload)
        if "rich_text" in payload:
            payload["rich_text"] = richtext.refresh_mentions(
                payload["rich_text"], self.mention_title
            )
        return payload

    def _child_trashed(self, child_id: str) -> bool:
        ws = self.store.workspace
        child = ws.blocks.get(child_id) or ws.pages.get(child_id) or ws.databases.get(child_id)
        return child is None or child.in_trash

    def comment(self, comment: CommentRecord) -> Json:
        bot = self.store.workspace.users.get(comment.created_by)
        return {
            "object": "comment",
            "id": comment.id,
            "parent": comment.parent,
            "discussion_id": comment.discussion_id,
            "created_time": minute_stamp(comment.created_time),
            "last_edited_time": minute_stamp(comment.last_edited_time),
            "created_by": user_ref(comment.created_by),
            "rich_text": comment.rich_text,
            "display_name": {
                "type": "integration" if bot and bot.type == "bot" else "user",
                "resolved_name": bot.name if bot else "",
            },
        }
