"""Applying a Plan: one PATCH per changed page, nothing when nothing changed, nothing else touched."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from schemas.models import Kind
from schemas.plan import Plan
from sync.run_state import RunState
from sync.sections import SectionOutcome
from tests.sync.test_writer_support import (
    World,
    counts,
    epic_values,
    full_plan,
    outputs,
)


@pytest.fixture
def world(tmp_path: Path) -> World:
    return World.new(tmp_path)


def test_a_first_apply_writes_everything_and_a_second_makes_no_call_at_all(world: World) -> None:
    plan = full_plan(world)

    first = world.apply(plan)
    patches = [
        s for s in world.sent.writes() if s.method == "PATCH" and s.path.startswith("/v1/pages/")
    ]
    assert len(patches) == 10  # 3 epics, 2 streams, 5 tasks: one PATCH each
    assert first.pages_written == 10
    assert first.properties_changed == 3 * 7 + 2 * 2 + 5  # kpi_attainment stays empty
    assert counts(first)["created"] == 5
    assert first.dashboard == "created"
    assert first.write_calls == 10 + 5 + 1  # properties, sections, the dashboard page
    assert first.read_calls == 5 + 1  # each page's children (no state), the reports page

    second = world.apply(plan)

    assert world.sent.sent == []
    assert second.write_calls == second.read_calls == 0
    assert second.pages_written == 0
    assert counts(second) == {"created": 0, "updated": 0, "restored": 0, "unchanged": 5}
    assert second.dashboard == "unchanged"


def test_one_changed_value_is_exactly_one_patch_on_that_page(world: World) -> None:
    world.apply(full_plan(world))
    epic = world.epics[1]
    changed = tuple(
        replace(p, values={**p.values, "overdue_tasks": 2}) if p.page_id == epic else p
        for p in full_plan(world).outputs
    )

    report = world.apply(replace(full_plan(world), outputs=changed))

    assert [(s.method, s.path) for s in world.sent.sent if s.method != "POST"] == [
        ("PATCH", f"/v1/pages/{epic}")
    ]
    assert world.sent.writes()[0].body == {"properties": {"Overdue tasks": {"number": 2}}}
    (page,) = report.changed
    assert [(c.field, c.old, c.new) for c in page.changes] == [("overdue_tasks", 0, 2)]
    assert page.section == SectionOutcome.UNCHANGED


def test_float_noise_and_reordered_flags_are_no_change(world: World) -> None:
    world.apply(full_plan(world, progress=0.4))
    noisy = full_plan(world, progress=0.40000001, flags=("No owner", "No KPI", "No owner"))

    report = world.apply(noisy)

    assert world.sent.writes() == []
    assert report.properties_changed == 0


def test_values_are_written_in_notion_forms_and_cleared_with_null(world: World) -> None:
    epic = world.epics[0]
    plan = Plan((outputs(Kind.EPIC, epic, **epic_values(1 / 3, kpi_attainment=1.25)),))
    world.apply(plan)
    (patch,) = world.sent.writes()
    assert patch.body["properties"] == {
        "Progress": {"number": 0.3333},
        "Health": {"select": {"name": "On track"}},
        "Tasks done": {"number": 2},
        "Tasks open": {"number": 3},
        "Overdue tasks": {"number": 0},
        "KPI attainment": {"number": 1.25},
        "Next due": {"date": {"start": "2026-11-20"}},
        "Flags": {"multi_select": [{"name": "No KPI"}, {"name": "No owner"}]},
    }

    cleared = epic_values(1 / 3, health=None, next_due=None, flags=(), kpi_attainment=None)
    world.apply(Plan((outputs(Kind.EPIC, epic, **cleared),)))

    (patch,) = world.sent.writes()
    assert patch.body["properties"] == {
        "Health": {"select": None},
        "KPI attainment": {"number": None},
        "Next due": {"date": None},
        "Flags": {"multi_select": []},
    }


def test_missing_output_properties_are_skipped_and_non_outputs_never_written(world: World) -> None:
    ws = world.emulator.store.workspace
    epics_source = ws.pages[world.epics[0]].parent["data_source_id"]
    world.board.workshop.update_schema(epics_source, {"Next due": None})
    epic = world.epics[0]
    plan = Plan((outputs(Kind.EPIC, epic, progress=0.5, next_due=None, name="Hijacked"),))

    report = world.apply(plan)

    (patch,) = world.sent.writes()
    assert patch.body == {"properties": {"Progress": {"number": 0.5}}}
    assert {(s.field, s.reason) for s in report.skipped} == {
        ("next_due", "missing"),
        ("name", "'name' is not an output of epics"),
    }
    assert world.properties(epic)["Name"][0]["plain_text"] == "Lead routing"


def test_more_than_100_flags_are_cut_to_100_and_commas_become_semicolons(world: World) -> None:
    flags = (*(f"Flag {n:03d}" for n in range(120)), "Late, and unowned")
    world.apply(Plan((outputs(Kind.TASK, world.tasks[0], flags=flags),)))
    (patch,) = world.sent.writes()
    sent = patch.body["properties"]["Flags"]["multi_select"]
    assert len(sent) == 100
    assert sent[0] == {"name": "Flag 000"}

    world.apply(Plan((outputs(Kind.TASK, world.tasks[1], flags=("Late, and unowned",)),)))
    (patch,) = world.sent.writes()
    assert patch.body["properties"]["Flags"] == {"multi_select": [{"name": "Late; and unowned"}]}


def test_what_people_wrote_stays_byte_for_byte_through_three_applies(world: World) -> None:
    pages = [*world.epics, *world.streams]
    world.apply(full_plan(world, words="Start"))
    above = world.board.workshop.append(
        world.epics[0], [{"paragraph": {"rich_text": [{"text": {"content": "Above"}}]}}]
    )
    kids = world.emulator.store.workspace.pages[world.epics[0]].children
    kids.insert(0, kids.pop(kids.index(above[0])))  # a person moves it above the section

    def people_wrote() -> dict[str, Any]:
        return {
            p: (world.others(p), world.properties(p), world.record(p))
            for p in [*pages, *world.tasks]
        }

    before = people_wrote()

    for n, progress in enumerate((0.5, 0.6, 0.7)):
        world.apply(full_plan(world, progress=progress, words=f"Run {n}"))

    assert people_wrote() == before
    assert all(len(world.sections_of(p)) == 1 for p in pages)
    assert world.properties(world.epics[0], outputs=True)["Progress"] == 0.7


def test_the_state_file_is_saved_after_every_page_written(world: World) -> None:
    world.apply(full_plan(world))
    saved = json.loads((world.tmp / "state.json").read_text(encoding="utf-8"))
    assert set(saved["sections"]) == {*world.epics, *world.streams}
    assert saved["dashboard"]["page_id"]
    assert RunState.load(world.tmp / "state.json").sections == world.state.sections
