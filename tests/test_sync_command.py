"""``quarterdeck sync`` end to end on the emulated demo quarter: the write discipline holds."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from emulator import Emulator, Fault, ManualClock, RateLimit, Workshop, build
from emulator.richtext import plain_text
from emulator.state import Workspace
from tests.cli_support import NOW, TODAY, Run, run_cli, write_config

WRITES = ("POST", "PATCH", "DELETE")


@dataclass
class Quarter:
    workspace: Workspace
    emulator: Emulator
    clock: ManualClock
    config: Path

    def sync(self, *arguments: str) -> Run:
        return run_cli(self.emulator, "sync", "--config", str(self.config), *arguments)

    def writes(self) -> list[str]:
        return [
            f"{r.method} {r.path}"
            for r in self.emulator.log
            if r.method in WRITES and not r.path.endswith("/query")
        ]

    def reads(self) -> list[str]:
        return [
            f"{r.method} {r.path}"
            for r in self.emulator.log
            if f"{r.method} {r.path}" not in self.writes()
        ]

    def person_edit(self, page_id: str, properties: dict[str, Any]) -> None:
        self.clock.advance(120)
        person = next(u.id for u in self.workspace.users.values() if u.type == "person")
        Workshop(self.workspace, clock=self.clock).edit(
            page_id, properties, actor=person, at=self.clock.now
        )


def _root(workspace: Workspace) -> str:
    return next(p.id for p in workspace.pages.values() if p.shared)


@pytest.fixture
def quarter(tmp_path: Path) -> Quarter:
    workspace = build("demo", today=TODAY)
    clock = ManualClock(NOW.timestamp())
    emulator = Emulator(workspace, clock=clock, rate_limit=RateLimit(budget=None))
    extra = f'[sync]\nreports_page = "{_root(workspace)}"\nstate_file = "state.json"\n'
    return Quarter(
        workspace, emulator, clock, write_config(tmp_path / "quarterdeck.toml", workspace, extra)
    )


def _title(workspace: Workspace, page_id: str) -> str:
    page = workspace.pages[page_id]
    return plain_text(
        next(
            v
            for v in page.properties.values()
            if isinstance(v, list) and v and "plain_text" in v[0]
        )
    )


def _page_named(workspace: Workspace, title: str) -> str:
    return next(
        p.id
        for p in workspace.pages.values()
        if p.properties and _safe_title(workspace, p.id) == title
    )


def _safe_title(workspace: Workspace, page_id: str) -> str:
    try:
        return _title(workspace, page_id)
    except StopIteration:
        return ""


def test_first_sync_writes_then_a_rerun_makes_zero_writes_and_only_queries(
    quarter: Quarter,
) -> None:
    first = quarter.sync()
    assert first.code == 0, first.err
    assert quarter.writes()
    quarter.emulator.clear_log()
    second = quarter.sync()
    assert second.code == 0, second.err
    assert quarter.writes() == []
    assert {r.split("/v1/")[1].split("/")[0] for r in quarter.reads()} == {"data_sources"}
    assert all(r.endswith("/query") for r in quarter.reads())
    assert "wrote 0 page(s)" in second.out


def test_one_task_status_change_writes_its_task_epic_stream_and_the_dashboard(
    quarter: Quarter,
) -> None:
    quarter.sync()
    task = _page_named(quarter.workspace, "Backtest weights on the last two quarters")  # overdue
    quarter.person_edit(task, {"Status": {"status": {"name": "Done"}}})
    quarter.emulator.clear_log()
    assert quarter.sync().code == 0
    touched = {
        w.split(" ")[1].split("/")[3]
        for w in quarter.writes()
        if "/v1/pages/" in w or "/v1/blocks/" in w
    }
    written_pages = {_owner(quarter.workspace, object_id) for object_id in touched}
    titles = {_safe_title(quarter.workspace, p) for p in written_pages}
    assert titles == {
        "Backtest weights on the last two quarters",  # its Overdue flag is gone
        "Weighted pipeline forecast",  # its epic
        "Pipeline & forecasting",  # its stream
        "Roadmap dashboard",
    }
    quarter.emulator.clear_log()
    assert quarter.sync().code == 0
    assert quarter.writes() == []  # and the run after converged: nothing more to write
    assert all(r.endswith("/query") for r in quarter.reads())


def _owner(workspace: Workspace, object_id: str) -> str:
    """The page a block belongs to (or the page itself)."""
    current = object_id
    while current in workspace.blocks:
        parent = workspace.blocks[current].parent
        current = str(parent.get("page_id") or parent.get("block_id"))
    return current


def test_what_people_wrote_is_untouched_after_three_syncs(quarter: Quarter) -> None:
    epic = _page_named(quarter.workspace, "Weighted pipeline forecast")
    mine = Workshop(quarter.workspace, clock=quarter.clock).append(
        epic, [{"paragraph": {"rich_text": [{"text": {"content": "Notes from the kickoff"}}]}}]
    )
    quarter.sync()
    Workshop(quarter.workspace, clock=quarter.clock).append(
        epic, [{"paragraph": {"rich_text": [{"text": {"content": "Below the section"}}]}}]
    )
    before = json.dumps(_people_content(quarter.workspace), sort_keys=True)
    for _ in range(3):
        quarter.clock.advance(3600)
        quarter.sync()
    assert json.dumps(_people_content(quarter.workspace), sort_keys=True) == before
    assert mine[0] in quarter.workspace.pages[epic].children
    sections = [
        b
        for b in quarter.workspace.pages[epic].children
        if quarter.workspace.blocks.get(b)
        and quarter.workspace.blocks[b].type == "callout"
        and not quarter.workspace.blocks[b].in_trash
    ]
    assert len(sections) == 1


def _people_content(workspace: Workspace) -> dict[str, Any]:
    """What people wrote: their blocks, and every property value that is not an output."""
    bot = workspace.bot_id
    blocks = {
        k: (b.type, b.payload, b.children, b.in_trash)
        for k, b in workspace.blocks.items()
        if b.created_by != bot
    }
    outputs = {
        p.id
        for source in workspace.data_sources.values()
        for p in source.properties.values()
        if p.name in OUTPUTS
    }
    values = {
        page.id: {k: v for k, v in page.properties.items() if k not in outputs}
        for page in workspace.pages.values()
        if page.parent.get("type") == "data_source_id"
    }
    return {"blocks": blocks, "values": values}


def test_a_failure_half_way_then_a_rerun_converges_with_no_duplicate(
    quarter: Quarter, tmp_path: Path
) -> None:
    quarter.emulator.inject(Fault(status=500, method="PATCH", path="^/v1/pages/", nth=10, times=50))
    broken = quarter.sync()
    assert broken.code == 2
    assert "✗" in broken.out
    quarter.emulator.faults.clear()
    assert quarter.sync().code == 0
    clean = Quarter(build("demo", today=TODAY), None, quarter.clock, quarter.config)  # type: ignore[arg-type]
    clean.emulator = Emulator(
        clean.workspace, clock=quarter.clock, rate_limit=RateLimit(budget=None)
    )
    clean.config = write_config(
        tmp_path / "clean.toml", clean.workspace,
        f'[sync]\nreports_page = "{_root(clean.workspace)}"\nstate_file = "clean-state.json"\n',
    )  # fmt: skip
    assert clean.sync().code == 0
    assert _outputs_by_title(quarter.workspace) == _outputs_by_title(clean.workspace)
    for page in quarter.workspace.pages.values():
        callouts = [
            c
            for c in page.children
            if c in quarter.workspace.blocks
            and quarter.workspace.blocks[c].type == "callout"
            and not quarter.workspace.blocks[c].in_trash
        ]
        assert len(callouts) <= 1


OUTPUTS = (
    "Progress",
    "Health",
    "Flags",
    "Tasks done",
    "Tasks open",
    "Overdue tasks",
    "KPI attainment",
    "Next due",
)


def _simple(value: dict[str, Any]) -> Any:
    payload = value[value["type"]]
    if value["type"] == "multi_select":
        return sorted(o["name"] for o in payload)
    if value["type"] == "select":
        return payload and payload["name"]
    return payload


def _outputs_by_title(workspace: Workspace) -> dict[str, Any]:
    """Every output value by page title, option ids and colours aside (they depend on order)."""
    render = Emulator(workspace).render
    found = {}
    for page in workspace.pages.values():
        properties = render.page(page)["properties"]
        found[_safe_title(workspace, page.id)] = {
            n: _simple(v) for n, v in properties.items() if n in OUTPUTS
        }
    return found


def test_dry_run_prints_the_plan_and_writes_nothing(quarter: Quarter) -> None:
    run = quarter.sync("--dry-run")
    assert run.code == 0
    assert quarter.writes() == []
    assert "Dry run: nothing is written" in run.out
    assert "Progress: ∅ →" in run.out or "Health: ∅ →" in run.out
    assert not (quarter.config.parent / "state.json").exists()


def test_create_properties_adds_the_missing_outputs_then_writes(quarter: Quarter) -> None:
    epics = next(
        s.id for s in quarter.workspace.data_sources.values() if plain_text(s.title) == "Epics"
    )
    Workshop(quarter.workspace, clock=quarter.clock).update_schema(
        epics, {"Health": None, "Progress": None}
    )
    before = run_cli(quarter.emulator, "doctor", "--config", str(quarter.config))
    assert "no property “Health” for Quarterdeck's health output" in before.out
    run = quarter.sync("--create-properties")
    assert run.code == 0, run.err
    assert "created property Health (Epics)" in run.out
    assert "created property Progress (Epics)" in run.out
    schema = {p.name: p for p in quarter.workspace.data_sources[epics].properties.values()}
    assert (schema["Health"].type, schema["Progress"].config) == ("select", {"format": "percent"})
    after = run_cli(quarter.emulator, "doctor", "--config", str(quarter.config))
    assert "Health" not in after.out
