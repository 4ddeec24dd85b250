"""The workspace plus the lookups every handler needs: typed getters, parents, sharing.

Sharing works as in Notion: a page or database a person shared with the integration is
visible with everything below it; anything else answers 404 as if it did not exist.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from emulator import errors
from emulator.clock import Clock
from emulator.ids import IdFactory, normalize
from emulator.state import (
    BlockRecord,
    DatabaseRecord,
    DataSourceRecord,
    Json,
    PageRecord,
    Workspace,
)

Container = PageRecord | BlockRecord | DatabaseRecord


@dataclass
class Store:
    workspace: Workspace
    ids: IdFactory
    clock: Clock
    query_cache: dict[str, Any] = field(default_factory=dict)

    @property
    def version(self) -> int:
        """Bumped by every change, through any store: query results are cached per version."""
        return self.workspace.revision

    @version.setter
    def version(self, value: int) -> None:
        self.workspace.revision = value

    # -- lookups that answer 404 the way Notion does -------------------------------------

    def page(self, raw_id: str) -> PageRecord:
        page = self.workspace.pages.get(normalize(raw_id) or "")
        if page is None or not self.visible(page.id):
            raise errors.not_found("page", raw_id)
        return page

    def database(self, raw_id: str) -> DatabaseRecord:
        database = self.workspace.databases.get(normalize(raw_id) or "")
        if database is None or not self.visible(database.id):
            raise errors.not_found("database", raw_id)
        return database

    def data_source(self, raw_id: str) -> DataSourceRecord:
        source = self.workspace.data_sources.get(normalize(raw_id) or "")
        if source is None or not self.visible(source.database_id):
            raise errors.not_found("data_source", raw_id)
        return source

    def any_block(self, raw_id: str) -> Container:
        """A block, or a page / database seen as the block that holds it."""
        object_id = normalize(raw_id) or ""
        found: Container | None = (
            self.workspace.blocks.get(object_id)
            or self.workspace.pages.get(object_id)
            or self.workspace.databases.get(object_id)
        )
        if found is None or not self.visible(object_id):
            raise errors.not_found("block", raw_id)
        return found

    # -- structure -----------------------------------------------------------------------

    def source_of(self, page: PageRecord) -> DataSourceRecord | None:
        source_id = page.parent.get("data_source_id")
        return self.workspace.data_sources.get(source_id) if source_id else None

    def parent_id(self, object_id: str) -> str | None:
        ws = self.workspace
        record: Container | None = (
            ws.pages.get(object_id) or ws.blocks.get(object_id) or ws.databases.get(object_id)
        )
        if record is None:
            source = ws.data_sources.get(object_id)
            return source.database_id if source else None
        parent = record.parent
        kind = parent.get("type")
        if kind == "data_source_id":
            return str(parent["database_id"]) if "database_id" in parent else self._db_of(parent)
        if kind in ("page_id", "block_id", "database_id"):
            return str(parent[kind])
        return None

    def _db_of(self, parent: Json) -> str | None:
        source = self.workspace.data_sources.get(parent["data_source_id"])
        return source.database_id if source else None

    def visible(self, object_id: str) -> bool:
        """Whether the integration can see this object (it or an ancestor is shared)."""
        current: str | None = object_id
        for _ in range(64):
            if current is None:
                return False
            record = self.workspace.pages.get(current) or self.workspace.databases.get(current)
            if record is not None and record.shared:
                return True
            current = self.parent_id(current)
        return False

    def page_of(self, object_id: str) -> PageRecord | None:
        """The page a block sits in (the nearest page up its parents), or the page itself."""
        current: str | None = object_id
        for _ in range(64):
            if current is None:
                return None
            page = self.workspace.pages.get(current)
            if page is not None:
                return page
            block = self.workspace.blocks.get(current)
            if block is None:
                return None
            current = block.parent.get("page_id") or block.parent.get("block_id")
        return None

    def in_trash(self, object_id: str) -> bool:
        """Trashed itself, or below something trashed."""
        current: str | None = object_id
        for _ in range(64):
            if current is None:
                return False
            ws = self.workspace
            record: Container | DataSourceRecord | None = (
                ws.pages.get(current)
                or ws.blocks.get(current)
                or ws.databases.get(current)
                or ws.data_sources.get(current)
            )
            if record is not None and record.in_trash:
                return True
            current = self.parent_id(current)
        return False

    def now(self) -> float:
        return self.clock()

    def bot_id(self) -> str:
        return self.workspace.bot_id
