"""The workspace the emulator holds: plain records, persisted as one JSON document.

Records keep values in a normalized internal form (see ``properties/values.py``); the
response shapes are produced on the way out by ``render.py``. Everything here is data:
no validation, no HTTP.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any, TypeVar

Json = dict[str, Any]


@dataclass
class UserRecord:
    id: str
    name: str
    type: str  # "person" | "bot"
    email: str | None = None
    avatar_url: str | None = None


@dataclass
class PropertySchema:
    """One column of a data source: ``config`` is the type's payload (options, format...)."""

    id: str
    name: str
    type: str
    config: Json = field(default_factory=dict)
    description: str | None = None


@dataclass
class DataSourceRecord:
    id: str
    database_id: str
    title: list[Json]
    properties: dict[str, PropertySchema]  # by property id, in column order
    created_time: float
    last_edited_time: float
    created_by: str
    last_edited_by: str
    description: list[Json] = field(default_factory=list)
    icon: Json | None = None
    cover: Json | None = None
    in_trash: bool = False
    unique_id_counters: dict[str, int] = field(default_factory=dict)


@dataclass
class DatabaseRecord:
    id: str
    parent: Json  # {"type": "page_id", "page_id": ...} or {"type": "workspace", "workspace": True}
    title: list[Json]
    data_source_ids: list[str]
    created_time: float
    last_edited_time: float
    created_by: str
    last_edited_by: str
    description: list[Json] = field(default_factory=list)
    is_inline: bool = False
    icon: Json | None = None
    cover: Json | None = None
    in_trash: bool = False
    is_locked: bool = False
    shared: bool = False


@dataclass
class PageRecord:
    id: str
    parent: Json  # page_id / data_source_id / block_id / workspace
    properties: dict[str, Any]  # by property id; for plain pages only "title"
    created_time: float
    last_edited_time: float
    created_by: str
    last_edited_by: str
    children: list[str] = field(default_factory=list)
    icon: Json | None = None
    cover: Json | None = None
    in_trash: bool = False
    is_archived: bool = False
    """Notion's archived state, apart from the trash (``in_trash``): see ``api/pages.py``."""
    is_locked: bool = False
    shared: bool = False


@dataclass
class BlockRecord:
    id: str
    parent: Json
    type: str
    payload: Json  # the type's object in response form, without children
    created_time: float
    last_edited_time: float
    created_by: str
    last_edited_by: str
    children: list[str] = field(default_factory=list)
    in_trash: bool = False


@dataclass
class CommentRecord:
    id: str
    parent: Json
    discussion_id: str
    rich_text: list[Json]
    created_time: float
    last_edited_time: float
    created_by: str


@dataclass
class Workspace:
    """Everything the emulator knows, keyed by id."""

    name: str
    bot_id: str
    users: dict[str, UserRecord] = field(default_factory=dict)
    databases: dict[str, DatabaseRecord] = field(default_factory=dict)
    data_sources: dict[str, DataSourceRecord] = field(default_factory=dict)
    pages: dict[str, PageRecord] = field(default_factory=dict)
    blocks: dict[str, BlockRecord] = field(default_factory=dict)
    comments: dict[str, CommentRecord] = field(default_factory=dict)
    revision: int = 0
    """Counts changes; caches keyed on it stay valid while nothing changed."""

    def to_json(self) -> Json:
        return asdict(self)

    @classmethod
    def from_json(cls, data: Json) -> Workspace:
        return cls(
            name=data["name"],
            bot_id=data["bot_id"],
            users=_records(UserRecord, data["users"]),
            databases=_records(DatabaseRecord, data["databases"]),
            data_sources={key: _data_source(value) for key, value in data["data_sources"].items()},
            pages=_records(PageRecord, data["pages"]),
            blocks=_records(BlockRecord, data["blocks"]),
            comments=_records(CommentRecord, data["comments"]),
            revision=data.get("revision", 0),
        )

    def save(self, path: Path) -> None:
        """Write atomically, so a killed server never leaves half a file."""
        temporary = path.with_suffix(path.suffix + ".tmp")
        temporary.write_text(json.dumps(self.to_json(), ensure_ascii=False), encoding="utf-8")
        temporary.replace(path)

    @classmethod
    def load(cls, path: Path) -> Workspace:
        return cls.from_json(json.loads(path.read_text(encoding="utf-8")))


Record = TypeVar("Record")


def _records(kind: type[Record], raw: dict[str, Json]) -> dict[str, Record]:
    names = {f.name for f in fields(kind)}  # type: ignore[arg-type]
    return {
        key: kind(**{k: v for k, v in value.items() if k in names}) for key, value in raw.items()
    }


def _data_source(raw: Json) -> DataSourceRecord:
    properties = {key: PropertySchema(**value) for key, value in raw["properties"].items()}
    return DataSourceRecord(**{**raw, "properties": properties})
