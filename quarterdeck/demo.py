"""``quarterdeck demo``: the embedded default a new user runs first.

It starts the emulator in-process with the demo quarter, points the real read path and the
check catalog at it through the same client code that talks to Notion, and shows what a
team would see: the databases read and the findings, grouped by rule.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import TextIO

import httpx

from emulator import Emulator, build, emulator_transport
from emulator.richtext import plain_text
from emulator.state import Workspace
from jobs.check import run_checks
from quarterdeck.formats import to_text
from schemas.settings import TOKEN_VARIABLE, DatabaseSettings, NotionSettings, Settings
from sync.gateway import Gateway
from sync.progress import Silent
from sync.reader import read

DEMO_TOKEN = "demo-token"
EMULATOR_URL = "http://notion-emulator.local"
_DATABASES = {
    "streams": "Streams",
    "epics": "Epics",
    "tasks": "Tasks",
    "key_results": "Key results",
}


def demo_settings(workspace: Workspace) -> Settings:
    """The configuration an ops engineer would write for the demo workspace."""
    ids = {plain_text(d.title): d.id for d in workspace.databases.values() if not d.in_trash}
    databases = DatabaseSettings(**{key: ids[title] for key, title in _DATABASES.items()})
    return Settings.model_validate(
        {
            "databases": databases,
            "notion": NotionSettings(base_url=EMULATOR_URL),
            TOKEN_VARIABLE: DEMO_TOKEN,
        }
    )


def run(out: TextIO, *, today: date | None = None) -> int:
    day = today or date.today()
    workspace = build("demo", today=day)
    emulator = Emulator(workspace)
    settings = demo_settings(workspace)
    gateway = Gateway.from_settings(
        settings, http=httpx.Client(transport=emulator_transport(emulator))
    )
    reading = read(gateway, settings, progress=Silent(), now=datetime.now(UTC))
    snapshot = reading.snapshot
    print(
        f"Quarterdeck demo: an emulated Notion workspace, “{workspace.name}” ({day:%d %b %Y}).\n",
        file=out,
    )
    print("Read from Notion (emulated):", file=out)
    counts = (
        ("Streams", snapshot.streams),
        ("Epics", snapshot.epics),
        ("Tasks", snapshot.tasks),
        ("Key results", snapshot.key_results),
    )
    for title, rows in counts:
        print(f"  {title:<12} {len(rows):>5} rows", file=out)
    print(f"\nRoadmap check ({len(emulator.log)} API calls):\n", file=out)
    out.write(to_text(run_checks(snapshot, settings, day), settings.locale))
    return 0
