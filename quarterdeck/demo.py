"""``quarterdeck demo``: the embedded default a new user runs first.

It starts the emulator in-process with the demo quarter, talks to it through the same
client code that talks to Notion, and shows what it found.
"""

from __future__ import annotations

from datetime import date
from typing import TextIO

import httpx

from emulator import Emulator, build, emulator_transport
from sync.client import build_client
from sync.inventory import inventory

DEMO_TOKEN = "demo-token"
EMULATOR_URL = "http://notion-emulator.local"


def run(out: TextIO, *, today: date | None = None) -> int:
    emulator = Emulator(build("demo", today=today or date.today()))
    http = httpx.Client(transport=emulator_transport(emulator))
    client = build_client(DEMO_TOKEN, base_url=EMULATOR_URL, http=http)
    workspace_name = emulator.store.workspace.name
    print(f"Quarterdeck demo: an emulated Notion workspace, {workspace_name!r}.\n", file=out)
    counts = inventory(client)
    width = max((len(c.title) for c in counts), default=0)
    print("Databases shared with the integration:", file=out)
    for count in counts:
        print(f"  {count.title:<{width}}  {count.rows:>5} rows", file=out)
    calls = len(emulator.log)
    print(f"\n{calls} API calls to the emulator.", file=out)
    return 0
