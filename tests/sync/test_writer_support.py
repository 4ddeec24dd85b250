"""A small roadmap to write to, and Plans built by hand (the plan builder is tested apart).

``World`` is a Board (two streams, three epics, a few tasks, people's own blocks in every
page) behind an emulator on a manual clock, with a state file in a temporary folder. Each
``apply`` runs like one scheduled sync: a fresh gateway, a fresh read, the writer, and the
requests it sent, recorded with their bodies.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import httpx

from emulator import Emulator, ManualClock, RateLimit, emulator_transport
from emulator.state import BlockRecord
from schemas.models import Kind
from schemas.plan import SECTION_MARKER_URL, Dashboard, OutputValue, PageOutputs, Plan, Section
from schemas.settings import Settings
from sync.gateway import Gateway
from sync.progress import Silent
from sync.reader import Reading, read
from sync.run_state import RunState
from sync.writer import WriteReport, apply_plan
from tests.sync.workspaces import Board, no_sleep

HOUR = 3600.0
READ_METHODS = ("GET",)


@dataclass(frozen=True)
class Sent:
    method: str
    path: str
    body: Any


class Recorder(httpx.BaseTransport):
    """The emulator's transport, keeping each request's method, path and JSON body."""

    def __init__(self, emulator: Emulator) -> None:
        self.inner = emulator_transport(emulator)
        self.sent: list[Sent] = []

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        raw = request.read()
        path = request.url.raw_path.decode().split("?", 1)[0]
        self.sent.append(Sent(request.method, path, json.loads(raw) if raw else None))
        return self.inner.handle_request(request)

    def writes(self) -> list[Sent]:
        return [s for s in self.sent if s.method != "GET" and not s.path.endswith("/query")]

    def block_reads(self) -> list[Sent]:
        return [s for s in self.sent if s.method == "GET" and s.path.startswith("/v1/blocks/")]


def text(content: str, url: str | None = None) -> dict[str, Any]:
    body: dict[str, Any] = {"content": content}
    if url is not None:
        body["link"] = {"url": url}
    return {"type": "text", "text": body}


def paragraph(content: str) -> dict[str, Any]:
    return {"type": "paragraph", "paragraph": {"rich_text": [text(content)]}}


def digest(value: object) -> str:
    return hashlib.sha256(json.dumps(value, sort_keys=True).encode()).hexdigest()[:16]


def section(kind: Kind, page_id: str, words: str, **extra: Any) -> Section:
    """A status section as the renderer makes them: one callout ending with the marker."""
    items = [text(words), text("\n"), text("Updated by Quarterdeck", SECTION_MARKER_URL)]
    body = {"rich_text": items, "icon": {"type": "emoji", "emoji": "🟢"}}
    block = {"type": "callout", "callout": body | {"color": "green_background"} | extra}
    return Section(kind, page_id, "", block, digest(block))


def dashboard(
    parent: str, blocks: list[dict[str, Any]], title: str = "Roadmap dashboard"
) -> Dashboard:
    return Dashboard(parent, title, tuple(blocks), digest([title, blocks]), None)


@dataclass
class World:
    board: Board
    clock: ManualClock
    emulator: Emulator
    tmp: Path
    streams: list[str]
    epics: list[str]
    tasks: list[str]
    reports: str
    state: RunState = field(default_factory=RunState)
    recorder: Recorder | None = None
    fields: dict[str, dict[str, str]] = field(default_factory=dict)
    """``[fields]`` overrides (a team's own property names)."""

    @classmethod
    def new(cls, tmp: Path) -> World:
        board = Board.new()
        clock = board.workshop.store.clock
        assert isinstance(clock, ManualClock)
        streams = [board.stream("Pipeline"), board.stream("Retention")]
        epics = [
            board.epic("Lead routing", streams[:1]),
            board.epic("Renewal playbook", streams[1:]),
            board.epic("Churn signals", streams[1:]),
        ]
        tasks = [board.task(f"Task {n}", epics[n % 3]) for n in range(5)]
        for page_id in (*streams, *epics):
            board.workshop.append(page_id, [paragraph("Our notes"), paragraph("More notes")])
        reports = board.workshop.add_page("Reports", parent=board.roadmap.root)
        clock.advance(HOUR)  # the sync runs an hour after people set things up
        emulator = Emulator(
            board.workshop.workspace, clock=clock, rate_limit=RateLimit(budget=None)
        )
        return cls(board, clock, emulator, tmp, streams, epics, tasks, reports)

    @property
    def settings(self) -> Settings:
        sync = {"state_file": str(self.tmp / "state.json"), "reports_page": self.reports}
        return self.board.settings(sync=sync, fields=self.fields)

    def gateway(self) -> Gateway:
        self.recorder = Recorder(self.emulator)
        http = httpx.Client(transport=self.recorder)
        return Gateway.from_settings(self.settings, http=http, sleep=no_sleep)

    def read(self) -> Reading:
        return read(self.gateway(), self.settings, progress=Silent())

    def apply(self, plan: Plan, *, dry_run: bool = False, reload: bool = True) -> WriteReport:
        """One sync: read, then apply ``plan``; the state comes from the file like a new run."""
        reading = self.read()
        if reload:
            self.state = RunState.load(self.tmp / "state.json")
        gateway = self.gateway()
        report = apply_plan(gateway, plan, reading, self.settings, self.state, dry_run=dry_run)
        self.clock.advance(120)  # the next run is later, and so is anything a person does
        return report

    @property
    def sent(self) -> Recorder:
        assert self.recorder is not None
        return self.recorder

    # -- what the emulator holds ---------------------------------------------------------

    def children(self, page_id: str) -> list[BlockRecord]:
        ws = self.emulator.store.workspace
        return [
            ws.blocks[c]
            for c in ws.pages[page_id].children
            if c in ws.blocks and not ws.blocks[c].in_trash
        ]

    def sections_of(self, page_id: str) -> list[BlockRecord]:
        return [b for b in self.children(page_id) if b.type == "callout" and _marked(b)]

    def others(self, page_id: str) -> list[dict[str, Any]]:
        """Every block of the page a person wrote, as stored, timestamps included."""
        return [
            asdict(b) for b in self.children(page_id) if not (b.type == "callout" and _marked(b))
        ]

    def record(self, page_id: str) -> dict[str, Any]:
        """The page's own record but for what Quarterdeck's writes move (edit stamps,
        children, values: compared apart)."""
        moved = ("last_edited_time", "last_edited_by", "children", "properties")
        stored = asdict(self.emulator.store.workspace.pages[page_id])
        return {k: v for k, v in stored.items() if k not in moved}

    def properties(self, page_id: str, *, outputs: bool = False) -> dict[str, Any]:
        """A page's stored values, by property name: people's (default) or Quarterdeck's."""
        ws = self.emulator.store.workspace
        page = ws.pages[page_id]
        source = ws.data_sources[page.parent["data_source_id"]]
        names = {p.id: p.name for p in source.properties.values()}
        owned = {"Progress", "Health", "Flags", "Tasks done", "Tasks open", "Overdue tasks",
                 "KPI attainment", "Next due"}  # fmt: skip
        options = {
            o["id"]: o["name"]
            for p in source.properties.values()
            for o in p.config.get("options", [])
        }
        return {  # a deleted property's value stays stored under its id
            names.get(k, k): _named(v, options)
            for k, v in page.properties.items()
            if (names.get(k) in owned) == outputs
        }

    def person_edits(self, page_id: str) -> None:
        """A person touches the page in the app (its last_edited_time moves)."""
        self.emulator.store.workspace.pages[page_id].last_edited_time = self.clock.now

    def person_deletes(self, block_id: str) -> None:
        ws = self.emulator.store.workspace
        ws.blocks[block_id].in_trash = True
        self.person_edits(ws.blocks[block_id].parent["page_id"])


def _named(value: Any, options: Mapping[str, str]) -> Any:
    """Select values are stored as option ids: shown by name (ids depend on write order)."""
    if isinstance(value, str) and value in options:
        return options[value]
    if isinstance(value, list) and all(isinstance(v, str) and v in options for v in value):
        return [options[v] for v in value]
    return value


def _marked(block: BlockRecord) -> bool:
    return any(
        str(item.get("href") or "").startswith(SECTION_MARKER_URL)
        for item in block.payload.get("rich_text", [])
    )


def outputs(kind: Kind, page_id: str, **values: OutputValue) -> PageOutputs:
    return PageOutputs(kind, page_id, "", values)


def epic_values(progress: float = 0.4, **more: OutputValue) -> dict[str, OutputValue]:
    values: dict[str, OutputValue] = {
        "progress": progress,
        "health": "On track",
        "tasks_done": 2,
        "tasks_open": 3,
        "overdue_tasks": 0,
        "kpi_attainment": None,
        "next_due": date(2026, 11, 20),
        "flags": ("No KPI", "No owner"),
    }
    return values | more


def full_plan(
    world: World, progress: float = 0.4, words: str = "On track", **more: OutputValue
) -> Plan:
    """Outputs of every stream, epic and task, a section per epic and stream, a dashboard."""
    pages = [outputs(Kind.EPIC, e, **epic_values(progress, **more)) for e in world.epics]
    pages += [
        outputs(Kind.STREAM, s, progress=progress, health="At risk", flags=())
        for s in world.streams
    ]
    pages += [outputs(Kind.TASK, t, flags=("Overdue",)) for t in world.tasks]
    sections = [section(Kind.EPIC, e, f"{words} epic") for e in world.epics]
    sections += [section(Kind.STREAM, s, f"{words} stream") for s in world.streams]
    board = dashboard(world.reports, [paragraph(f"{words} quarter"), paragraph("Streams")])
    return Plan(tuple(pages), tuple(sections), board)


def counts(report: WriteReport) -> Mapping[str, int]:
    return {str(k): v for k, v in report.sections.items()}
