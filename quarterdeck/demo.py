"""``quarterdeck demo``: the embedded default a new user runs first.

It starts the emulator in-process with the demo quarter, and runs the real read path, the
check catalog and ``sync`` on it through the same client code that talks to Notion. Then it
shows what a team would see: the findings, what ``sync`` wrote, and — in an output folder —
each page it changed, read back from Notion and rendered as Markdown.
"""

from __future__ import annotations

import re
import tempfile
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from pathlib import Path
from typing import TextIO

import httpx

from emulator import Emulator, RateLimit, build, emulator_transport
from emulator.richtext import plain_text
from emulator.state import Workspace
from quarterdeck import markdown
from quarterdeck.formats import to_text
from quarterdeck.pipeline import SyncResult, sync_once
from quarterdeck.sync_report import summary_line
from schemas.settings import (
    TOKEN_VARIABLE,
    DatabaseSettings,
    NotionSettings,
    Settings,
    SyncSettings,
)
from schemas.wire import Json
from sync.gateway import Gateway
from sync.progress import Silent
from sync.reader import read
from sync.run_state import RunState
from sync.writer import WriteReport

DEMO_TOKEN = "demo-token"
EMULATOR_URL = "http://notion-emulator.local"
DEFAULT_OUTPUT = Path("quarterdeck-demo")
LOCAL_BUDGET = 10_000
_DATABASES = {
    "streams": "Streams",
    "epics": "Epics",
    "tasks": "Tasks",
    "key_results": "Key results",
}


def demo_settings(workspace: Workspace, state_file: Path | None = None) -> Settings:
    """The configuration an ops engineer would write for the demo workspace."""
    ids = {plain_text(d.title): d.id for d in workspace.databases.values() if not d.in_trash}
    databases = DatabaseSettings(**{key: ids[title] for key, title in _DATABASES.items()})
    root = next(p.id for p in workspace.pages.values() if p.shared)
    state = str(state_file) if state_file else SyncSettings().state_file
    return Settings.model_validate(
        {
            "databases": databases,
            # A local emulator has no budget to spare: the demo should not wait on one.
            "notion": NotionSettings(base_url=EMULATOR_URL, requests_per_minute=LOCAL_BUDGET),
            "sync": SyncSettings(reports_page=root, state_file=state),
            TOKEN_VARIABLE: DEMO_TOKEN,
        }
    )


def run(out: TextIO, *, today: date | None = None, output: Path = DEFAULT_OUTPUT) -> int:
    day = today or date.today()
    workspace = build("demo", today=day)
    emulator = Emulator(workspace, rate_limit=RateLimit(budget=None))
    with tempfile.TemporaryDirectory() as scratch:
        settings = demo_settings(workspace, Path(scratch) / "state.json")
        gateway = Gateway.from_settings(
            settings, http=httpx.Client(transport=emulator_transport(emulator))
        )
        run = _Run(gateway, settings, RunState(), day)
        where = f"“{workspace.name}” ({day:%d %b %Y})"
        print(f"Quarterdeck demo: an emulated Notion workspace, {where}.\n", file=out)
        report = run.sync(out)
        written = _render_changed(gateway, report, output)
        shown = f"{written} changed page(s) rendered as Markdown in {output}/"
        print(f"{shown} (start with dashboard.md).", file=out)
        emulator.clear_log()
        second = run.sync(None)
        queries = len(emulator.requests("POST", "/query$"))
        print(
            f"\nA second sync with nothing changed: {second.write_calls} writes, "
            f"{len(emulator.log)} calls ({queries} of them queries).",
            file=out,
        )
    return 0


@dataclass
class _Run:
    gateway: Gateway
    settings: Settings
    state: RunState
    day: date

    def sync(self, out: TextIO | None) -> WriteReport:
        """Read, check, plan and write, as the cron job does; tell ``out`` what happened."""
        now = datetime.combine(self.day, time(9), UTC)
        reading = read(self.gateway, self.settings, progress=Silent(), now=now, state=self.state)
        result = sync_once(self.gateway, self.settings, self.state, self.day, reading)
        if out is not None:
            _show(out, result, self.settings.locale)
        return result.report


def _show(out: TextIO, result: SyncResult, locale: str) -> None:
    snapshot = result.reading.snapshot
    counted = (
        ("Streams", snapshot.streams),
        ("Epics", snapshot.epics),
        ("Tasks", snapshot.tasks),
        ("Key results", snapshot.key_results),
    )
    for title, rows in counted:
        print(f"  {title:<12} {len(rows):>5} rows", file=out)
    print("\n== quarterdeck check ==\n", file=out)
    out.write(to_text(result.findings, locale))
    print("\n== quarterdeck sync ==\n", file=out)
    print(summary_line(result.report, dry_run=False), file=out)


def _render_changed(gateway: Gateway, report: WriteReport, output: Path) -> int:
    """Each page the sync wrote, as Notion now holds it, in ``output/<kind>/<title>.md``."""
    output.mkdir(parents=True, exist_ok=True)
    count = 0
    for page in report.changed:
        target = output / f"{page.kind.value}s" / f"{_slug(page.title)}.md"
        target.parent.mkdir(exist_ok=True)
        target.write_text(_page_markdown(gateway, page.page_id), encoding="utf-8")
        count += 1
    if report.dashboard_page_id:
        (output / "dashboard.md").write_text(
            _page_markdown(gateway, report.dashboard_page_id), encoding="utf-8"
        )
        count += 1
    return count


def _page_markdown(gateway: Gateway, page_id: str) -> str:
    page = gateway.retrieve_page(page_id)
    blocks = [_block_markdown(gateway, b) for b in _children(gateway, page_id)]
    return markdown.page(page, []) + "\n" + "".join(blocks)


def _block_markdown(gateway: Gateway, block: Json) -> str:
    children = (
        _children(gateway, str(block["id"]))
        if block.get("has_children") and block.get("type") == "table"
        else []
    )
    return markdown.block(block, children)


def _children(gateway: Gateway, block_id: str) -> list[Json]:
    return [
        item
        for answer in gateway.every(lambda cursor: gateway.list_children(block_id, cursor))
        for item in answer["results"]
    ]


def _slug(title: str) -> str:
    return re.sub(r"[^0-9A-Za-z]+", "-", title).strip("-").lower() or "untitled"
