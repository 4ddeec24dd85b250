"""Emulated workspaces and the settings, gateways and call counts the read-path tests need."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

import httpx

from emulator import Emulator, ManualClock, RateLimit, Workshop, emulator_transport
from emulator.richtext import plain_text
from emulator.seeds.schema import Roadmap, create_roadmap
from emulator.state import Workspace
from schemas.settings import Settings
from sync.budget import RequestBudget
from sync.client import build_client
from sync.gateway import Gateway

TODAY = date(2026, 11, 12)
TOKEN = "secret_qd_test_token_0123456789"
START = 1_794_470_400.0  # 2026-11-12T08:00Z, the clock of workshops built here
TITLES = {"streams": "Streams", "epics": "Epics", "tasks": "Tasks", "key_results": "Key results"}


def database_ids(workspace: Workspace) -> dict[str, str]:
    """Database id by title (``Epics``)."""
    return {plain_text(db.title): db.id for db in workspace.databases.values()}


def settings_for(
    workspace: Workspace, titles: Mapping[str, str] = TITLES, **extra: Any
) -> Settings:
    """Settings reading the databases of ``workspace`` with those titles, with the test token."""
    ids = database_ids(workspace)
    databases = {key: ids[title] for key, title in titles.items()}
    # model_validate: no QUARTERDECK_* variable of the machine running the tests leaks in
    return Settings.model_validate({"databases": databases, "NOTION_TOKEN": TOKEN, **extra})


def no_sleep(seconds: float) -> None:
    """Retries and budget waits cost nothing in tests that do not watch the clock."""


def gateway_for(emulator: Emulator, settings: Settings) -> Gateway:
    http = httpx.Client(transport=emulator_transport(emulator))
    return Gateway.from_settings(settings, http=http, sleep=no_sleep)


def budgeted_gateway(emulator: Emulator, clock: ManualClock, limit: int, window: float) -> Gateway:
    """A gateway whose budget and sleeps run on ``clock`` (the emulator's), not real time."""
    http = httpx.Client(transport=emulator_transport(emulator))
    client = build_client(TOKEN, base_url="http://emulator.test", http=http, retry=False)
    budget = RequestBudget(limit, window, margin=0.1, clock=clock, sleep=clock.advance)
    return Gateway(client, budget=budget, sleep=clock.advance)


def unlimited(workspace: Workspace) -> Emulator:
    return Emulator(workspace, rate_limit=RateLimit(budget=None))


@dataclass(frozen=True)
class Expected:
    """What a read of ``rows`` per database and ``users`` people must cost."""

    rows: Mapping[str, int]
    users: int

    @property
    def queries(self) -> int:
        return sum(max(1, math.ceil(n / 100)) for n in self.rows.values())

    @property
    def resolution(self) -> int:
        return 2 * len(self.rows)

    @property
    def user_calls(self) -> int:
        return max(1, math.ceil(self.users / 100))


def calls(emulator: Emulator) -> dict[str, int]:
    """Requests in the emulator's log, by endpoint."""
    return {
        "databases": len(emulator.requests("GET", r"^/v1/databases/[^/]+$")),
        "data_sources": len(emulator.requests("GET", r"^/v1/data_sources/[^/]+$")),
        "queries": len(emulator.requests("POST", r"^/v1/data_sources/[^/]+/query")),
        "users": len(emulator.requests("GET", r"^/v1/users(\?|$)")),
        "pages": len(emulator.requests("GET", r"^/v1/pages/[^/?]+(\?|$)")),
        "property_items": len(emulator.requests("GET", r"^/v1/pages/[^/]+/properties/")),
        "total": len(emulator.log),
    }


@dataclass
class Board:
    """A small default-schema roadmap built by hand, for relation edge cases."""

    workshop: Workshop
    roadmap: Roadmap
    people: list[str]

    @classmethod
    def new(cls, people: int = 3) -> Board:
        workshop = Workshop.new(seed="board", clock=ManualClock(START))
        team = [
            workshop.add_user(f"Person {i:02d}", f"p{i:02d}@example.com") for i in range(people)
        ]
        root = workshop.add_page("Quarterdeck")
        return cls(workshop, create_roadmap(workshop, root, ("2026-Q4",)), team)

    def stream(self, name: str) -> str:
        return self.workshop.add_row(self.roadmap.streams, {"Name": _title(name)})

    def epic(self, name: str, streams: list[str], **values: Any) -> str:
        properties = {"Name": _title(name), "Stream": _relation(streams), **values}
        return self.workshop.add_row(self.roadmap.epics, properties)

    def task(self, name: str, epic: str | None, **values: Any) -> str:
        properties = {"Name": _title(name), "Epic": _relation([epic] if epic else []), **values}
        return self.workshop.add_row(self.roadmap.tasks, properties)

    def settings(self, **extra: Any) -> Settings:
        return settings_for(self.workshop.workspace, **extra)

    def hold(self, page_id: str, property_name: str, ids: list[str]) -> None:
        """Store a people or relation value longer than one request may set (100), as
        people adding to it in the app can."""
        page = self.workshop.workspace.pages[page_id]
        source = self.workshop.workspace.data_sources[page.parent["data_source_id"]]
        prop = next(p for p in source.properties.values() if p.name == property_name)
        page.properties[prop.id] = list(ids)
        self.workshop.store.version += 1


def _title(name: str) -> dict[str, Any]:
    return {"title": [{"text": {"content": name}}]}


def _relation(ids: list[str]) -> dict[str, Any]:
    return {"relation": [{"id": i} for i in ids]}


def people_value(ids: list[str]) -> dict[str, Any]:
    return {"people": [{"id": i} for i in ids]}


def stored_links(workspace: Workspace, database: str, property_name: str) -> dict[str, list[str]]:
    """What the emulator holds (not what a page object shows) in a relation, by live page id."""
    database_id = database_ids(workspace)[database]
    source = workspace.data_sources[workspace.databases[database_id].data_source_ids[0]]
    prop = next(p for p in source.properties.values() if p.name == property_name)
    return {
        page.id: list(page.properties.get(prop.id) or [])
        for page in workspace.pages.values()
        if page.parent.get("data_source_id") == source.id and not page.in_trash
    }
