"""Acting on the workspace as a person in the Notion app would: the seeds' and tests' tool.

Some things only people can do — create a top-level page, share it with the integration,
set up status options, edit a row themselves (so it shows *their* name and an older
``last_edited_time``). ``Workshop`` does them through the same handlers the API uses, so
every value a seed writes passes the same validation as a request would.
"""

from __future__ import annotations

from typing import Any

from emulator import errors, richtext
from emulator.api import blockops, databases, pages
from emulator.api.common import Call, Handler
from emulator.clock import Clock, system_clock
from emulator.ids import IdFactory, normalize
from emulator.render import Renderer
from emulator.schema import find, status_config
from emulator.state import Json, PageRecord, UserRecord, Workspace
from emulator.store import Store


class Workshop:
    """Builds and edits a workspace outside the API (no token, budget or request log)."""

    def __init__(
        self, workspace: Workspace, *, ids: IdFactory | None = None, clock: Clock = system_clock
    ) -> None:
        self.store = Store(workspace, ids or IdFactory("workshop"), clock)
        self.render = Renderer(self.store)

    @classmethod
    def new(
        cls,
        name: str = "Acme RevOps",
        bot_name: str = "Quarterdeck",
        *,
        seed: int | str = 0,
        clock: Clock = system_clock,
    ) -> Workshop:
        ids = IdFactory(seed)
        bot = UserRecord(ids.uuid(), bot_name, "bot")
        workspace = Workspace(name=name, bot_id=bot.id, users={bot.id: bot})
        return cls(workspace, ids=ids, clock=clock)

    @property
    def workspace(self) -> Workspace:
        return self.store.workspace

    def _run(
        self,
        handler: Handler,
        body: Json,
        params: dict[str, str] | None = None,
        actor: str | None = None,
    ) -> Json:
        call = Call(self.store, self.render, "POST", params or {}, {}, body, actor=actor or "")
        result = handler(call)
        self.store.version += 1
        return result

    # -- people --------------------------------------------------------------------------

    def add_user(self, name: str, email: str | None = None, *, bot: bool = False) -> str:
        user = UserRecord(
            self.store.ids.uuid(), name, "bot" if bot else "person", None if bot else email
        )
        self.workspace.users[user.id] = user
        return user.id

    # -- pages and databases -------------------------------------------------------------

    def add_page(
        self,
        title: str,
        parent: str | None = None,
        *,
        shared: bool = True,
        page_id: str | None = None,
    ) -> str:
        """A page made in the app; top-level ones (``parent=None``) are shared unless told not."""
        now = self.store.now()
        new_id = normalize(page_id) if page_id else self.store.ids.uuid()
        assert new_id is not None, page_id
        page = PageRecord(
            id=new_id,
            parent={"type": "page_id", "page_id": parent}
            if parent
            else {"type": "workspace", "workspace": True},
            properties={"title": richtext.from_plain(title)},
            created_time=now,
            last_edited_time=now,
            created_by=self.store.bot_id(),
            last_edited_by=self.store.bot_id(),
            shared=shared and parent is None,
        )
        self.workspace.pages[page.id] = page
        if parent:
            self.workspace.pages[parent].children.append(page.id)
        self.store.version += 1
        return page.id

    def add_database(
        self, parent: str, title: str, properties: Json, *, inline: bool = False
    ) -> tuple[str, str]:
        """A database with one data source; returns ``(database_id, data_source_id)``."""
        body = {
            "parent": {"type": "page_id", "page_id": parent},
            "title": richtext.from_plain(title),
            "is_inline": inline,
            "initial_data_source": {"properties": properties},
        }
        database = self._run(databases.create_database, body)
        return str(database["id"]), str(database["data_sources"][0]["id"])

    def update_schema(self, data_source_id: str, properties: Json) -> None:
        self._run(
            databases.update_source, {"properties": properties}, {"data_source_id": data_source_id}
        )

    def set_status_options(
        self, data_source_id: str, property_name: str, options: list[tuple[str, str, str]]
    ) -> None:
        """Status options as a person edits them in the app.

        ``options`` are ``(name, colour, group)``, group one of To-do / In progress / Complete.
        Existing values keep their option where its name survives.
        """
        source = self.workspace.data_sources[data_source_id]
        schema = find(source, property_name)
        if schema is None or schema.type != "status":
            raise errors.validation(
                f"{property_name} is not a status property of {data_source_id}."
            )
        old_names = {o["id"]: o["name"] for o in schema.config["options"]}
        schema.config = status_config(self.store.ids, options)
        new_ids = {o["name"]: o["id"] for o in schema.config["options"]}
        for page in self.workspace.pages.values():
            if page.parent.get("data_source_id") == source.id and schema.id in page.properties:
                old = page.properties[schema.id]
                page.properties[schema.id] = new_ids.get(
                    old_names.get(old, ""), new_ids[options[0][0]]
                )
        self.store.version += 1

    def add_row(
        self,
        data_source_id: str,
        properties: Json,
        *,
        actor: str | None = None,
        at: float | None = None,
        children: list[Json] | None = None,
    ) -> str:
        """A row created by ``actor`` (a person id; the bot when None) at time ``at``."""
        body: Json = {"parent": {"data_source_id": data_source_id}, "properties": properties}
        if children:
            body["children"] = children
        page = self._run(pages.create, body, actor=actor)
        if at is not None:
            record = self.workspace.pages[page["id"]]
            record.created_time = record.last_edited_time = at
        return str(page["id"])

    def edit(
        self, page_id: str, properties: Json, *, actor: str | None = None, at: float | None = None
    ) -> None:
        """Change a row's values as a person would."""
        self._run(pages.update, {"properties": properties}, {"page_id": page_id}, actor=actor)
        if at is not None:
            self.workspace.pages[page_id].last_edited_time = at

    def append(self, container_id: str, children: list[Json]) -> list[str]:
        result = self._run(blockops.append, {"children": children}, {"block_id": container_id})
        return [str(block["id"]) for block in result["results"]]

    def archive(self, page_id: str, archived: bool = True, *, actor: str | None = None) -> None:
        """Archive (or unarchive) a page as a person would: the page's own state, not the trash."""
        self._run(pages.update, {"is_archived": archived}, {"page_id": page_id}, actor=actor)

    def trash(self, object_id: str) -> None:
        record: Any = (
            self.workspace.pages.get(object_id)
            or self.workspace.databases.get(object_id)
            or self.workspace.blocks[object_id]
        )
        record.in_trash = True
        self.store.version += 1

    def set_shared(self, object_id: str, shared: bool) -> None:
        """Share or unshare a top-level page or database with the integration."""
        record: Any = self.workspace.pages.get(object_id) or self.workspace.databases[object_id]
        record.shared = shared
        self.store.version += 1
