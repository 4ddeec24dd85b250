"""Benchmark: ``quarterdeck sync`` on ``scale:N`` — a first sync, then a resync with no change.

Reports API calls (by route) and wall time, against the in-process emulator with its rate
limit off and Quarterdeck's request budget raised, so the figures measure Quarterdeck and
the emulator rather than the wait; the time the same calls take under Notion's budget of
180 requests per minute is printed beside them.

    .venv/bin/python -m benchmarks.sync_scale 20000
"""

from __future__ import annotations

import sys
import tempfile
import time
from collections import Counter
from datetime import date
from pathlib import Path

import httpx

from emulator import Emulator, RateLimit, build, emulator_transport
from quarterdeck.demo import demo_settings
from quarterdeck.pipeline import sync_once
from schemas.settings import Settings
from sync.gateway import Gateway
from sync.progress import Silent
from sync.reader import read
from sync.run_state import RunState

TODAY = date(2026, 11, 16)
NOTION_BUDGET = 180


def _route(path: str) -> str:
    parts = path.split("?", maxsplit=1)[0].split("/")
    return "/".join("{id}" if len(p) == 36 else p for p in parts)


def _run(
    label: str, emulator: Emulator, gateway: Gateway, state: RunState, settings: Settings
) -> None:
    emulator.clear_log()
    started = time.perf_counter()
    reading = read(gateway, settings, progress=Silent(), state=state)
    result = sync_once(gateway, settings, state, TODAY, reading)
    seconds = time.perf_counter() - started
    calls = Counter(f"{r.method} {_route(r.path)}" for r in emulator.log)
    total = sum(calls.values())
    print(
        f"\n{label}: {total} API calls in {seconds:.1f} s "
        f"(at {NOTION_BUDGET}/min: {total / NOTION_BUDGET:.1f} min); "
        f"{result.report.write_calls} writes, {result.report.pages_written} pages written"
    )
    for route, count in calls.most_common():
        print(f"  {count:>6}  {route}")


def main(tasks: int) -> None:
    started = time.perf_counter()
    workspace = build(f"scale:{tasks}", today=TODAY)
    print(
        f"scale:{tasks}: built in {time.perf_counter() - started:.1f} s — "
        f"{len(workspace.pages)} pages"
    )
    emulator = Emulator(workspace, rate_limit=RateLimit(budget=None))
    with tempfile.TemporaryDirectory() as scratch:
        settings = demo_settings(workspace, Path(scratch) / "state.json")
        settings = settings.model_copy(
            update={"notion": settings.notion.model_copy(update={"requests_per_minute": 1_000_000})}
        )
        gateway = Gateway.from_settings(
            settings, http=httpx.Client(transport=emulator_transport(emulator))
        )
        state = RunState()
        _run("first sync", emulator, gateway, state, settings)
        _run("resync, nothing changed", emulator, gateway, state, settings)


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 20_000)
