"""A read with the previous run's state: only the queries, unless the rows show a drift.

Each drift costs exactly the calls that resolve what it made stale (one database's two, or
the users' one), and the snapshot is the one a read without any state would return.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import replace
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from emulator import Emulator, Workshop, build
from emulator.seeds.scale import epic_count
from schemas.models import Snapshot, State
from schemas.settings import Settings
from sync import errors
from sync.progress import Silent
from sync.read_cache import MISSING_RECHECK, RESOLUTION_VERSION
from sync.reader import Reading, read
from sync.run_state import RunState
from tests.sync.workspaces import (
    TODAY,
    Board,
    Expected,
    calls,
    database_ids,
    gateway_for,
    people_value,
    settings_for,
    unlimited,
)

DEMO_ROWS = {"streams": 6, "epics": 25, "tasks": 143, "key_results": 7}
DEMO_QUERIES = Expected(DEMO_ROWS, users=7).queries  # 1 + 1 + 2 + 1


def spent(emulator: Emulator) -> dict[str, int]:
    """The calls of the emulator's log by endpoint, ``users/me`` included."""
    return {**calls(emulator), "me": len(emulator.requests("GET", r"^/v1/users/me$"))}


def only_queries(queries: int, **extra: int) -> dict[str, int]:
    """What a read costs that sends ``queries`` queries and the ``extra`` calls."""
    cost = {"databases": 0, "data_sources": 0, "queries": queries, "users": 0, "pages": 0,
            "property_items": 0, "me": 0} | extra  # fmt: skip
    return cost | {"total": sum(cost.values())}


class Run:
    """One emulated workspace read again and again with the same state, as cron does."""

    def __init__(self, emulator: Emulator, settings: Settings, state_file: Path) -> None:
        self.emulator, self.settings, self.state_file = emulator, settings, state_file
        self.workspace = emulator.store.workspace
        self.workshop = Workshop(self.workspace)
        self.first = self.read()
        self.now = self.first.snapshot.read_at

    def read(self, *, state: bool = True, **changes: Any) -> Reading:
        """A read with the saved state (through the file), saving it after; its cost is
        :attr:`cost`."""
        self.emulator.clear_log()
        saved = RunState.load(self.state_file) if state else None
        settings = self.settings.model_copy(update=changes) if changes else self.settings
        gateway = gateway_for(self.emulator, settings)
        now = getattr(self, "now", None)
        reading = read(gateway, settings, progress=Silent(), state=saved, now=now)
        self.cost = spent(self.emulator)
        if saved is not None:
            saved.save(self.state_file)
        return reading

    def fresh(self) -> Snapshot:
        """What a read without any state returns now (its cost is not kept); it knows the
        integration's id only when a page needs it, the state's reads always do."""
        cost = self.cost
        snapshot = self.read(state=False).snapshot
        self.cost = cost
        return replace(snapshot, bot_id=RunState.load(self.state_file).bot_id)

    def source(self, title: str) -> str:
        database = self.workspace.databases[database_ids(self.workspace)[title]]
        return database.data_source_ids[0]

    def person(self) -> str:
        return next(u.id for u in self.workspace.users.values() if u.type == "person")


@pytest.fixture
def demo(tmp_path: Path) -> Run:
    emulator = unlimited(build("demo", today=TODAY))
    return Run(emulator, settings_for(emulator.store.workspace), tmp_path / "state.json")


def tasks_in(reading: Reading, status: str) -> Iterator[str]:
    return (task.id for task in reading.snapshot.tasks if task.status == status)


# -- nothing changed ------------------------------------------------------------------------


FIRST = {"databases": 4, "data_sources": 4, "users": 1, "pages": 1, "me": 1}
"""What the demo's first read with a state costs beside the queries: the resolution, the
users, the trashed epic a task points at, and the integration's id."""


def test_a_rerun_with_the_saved_state_costs_only_the_queries(demo: Run) -> None:
    assert demo.cost == only_queries(DEMO_QUERIES, **FIRST)

    again = demo.read()

    assert demo.cost == only_queries(DEMO_QUERIES)
    assert again.calls == DEMO_QUERIES == 5
    assert again.snapshot == demo.first.snapshot
    assert again.schemas == demo.first.schemas
    assert again.outputs == demo.first.outputs


def test_the_saved_resolution_is_small_plain_json_and_versioned(demo: Run) -> None:
    saved = RunState.load(demo.state_file)

    assert saved.schemas["version"] == RESOLUTION_VERSION
    assert set(saved.schemas["databases"]) == {"streams", "epics", "tasks", "key_results"}
    status = saved.schemas["databases"]["epics"]["properties"]["Status"]
    assert status["type"] == "status"
    assert {g["name"] for g in status["config"]["groups"]} == {"To-do", "In progress", "Complete"}
    assert "description" not in status
    assert demo.state_file.stat().st_size < 40_000
    assert sorted(u["type"] for u in saved.users or []) == ["bot"] + ["person"] * 6


@pytest.mark.slow
def test_a_rerun_of_2500_tasks_costs_only_its_28_queries(tmp_path: Path) -> None:
    emulator = unlimited(build("scale:2500", today=TODAY))
    run = Run(emulator, settings_for(emulator.store.workspace), tmp_path / "state.json")
    rows = {"streams": 8, "epics": epic_count(2500), "tasks": 2500, "key_results": 9}
    queries = sum(max(1, math.ceil(n / 100)) for n in rows.values())
    assert run.cost == only_queries(queries, databases=4, data_sources=4, users=1, me=1)
    assert run.first.calls == 38  # 37 without a state: users/me is asked once, for the state

    again = run.read()

    assert run.cost == only_queries(queries)
    assert again.calls == queries == 28
    assert again.snapshot == run.first.snapshot
    assert again.schemas == run.first.schemas


def test_quarterdecks_own_writes_cost_the_rerun_nothing(demo: Run) -> None:
    epic = demo.first.snapshot.epics[0]
    outputs = {"Progress": {"number": 0.4}, "Flags": {"multi_select": [{"name": "No owner"}]}}
    demo.workshop.edit(epic.id, outputs)  # a new Flags option, written by the integration

    again = demo.read()

    assert demo.cost == only_queries(DEMO_QUERIES)
    (read_back,) = (e for e in again.snapshot.epics if e.id == epic.id)
    assert read_back.last_edited_by == again.snapshot.bot_id == demo.first.snapshot.bot_id
    assert read_back.last_edited_time > epic.last_edited_time
    assert read_back.last_human_edit == epic.last_human_edit == epic.last_edited_time


def test_a_saved_resolution_of_another_version_is_read_again(demo: Run) -> None:
    saved = RunState.load(demo.state_file)
    saved.schemas["version"] = RESOLUTION_VERSION + 1
    saved.save(demo.state_file)

    demo.read()

    assert demo.cost == only_queries(DEMO_QUERIES, **(FIRST | {"me": 0}))  # bot_id is kept


# -- the schema drifted ----------------------------------------------------------------------


def test_a_property_added_to_a_data_source_resolves_that_database_again(demo: Run) -> None:
    demo.workshop.update_schema(demo.source("Epics"), {"Risk": {"select": {"options": []}}})

    drifted = demo.read()

    assert demo.cost == only_queries(DEMO_QUERIES, databases=1, data_sources=1)
    risk = drifted.schemas["epics"].property("Risk")
    assert risk is not None
    assert risk.type == "select"
    assert drifted.schemas["tasks"] == demo.first.schemas["tasks"]
    assert drifted.snapshot == demo.fresh()
    demo.read()
    assert demo.cost == only_queries(DEMO_QUERIES)


def test_a_renamed_mapped_property_resolves_again_and_reads_as_missing(demo: Run) -> None:
    demo.workshop.update_schema(demo.source("Epics"), {"Priority": {"name": "Importance"}})

    drifted = demo.read()

    assert demo.cost == only_queries(DEMO_QUERIES, databases=1, data_sources=1)
    assert {e.priority for e in drifted.snapshot.epics} == {None}
    assert [(p.field, p.missing) for p in drifted.snapshot.schema_problems] == [("priority", True)]
    assert drifted.snapshot == demo.fresh()


def test_a_retyped_property_resolves_again(demo: Run) -> None:
    formula = {"formula": {"expression": 'prop("KPI target") * 2'}}
    demo.workshop.update_schema(demo.source("Epics"), {"Estimate": formula})

    drifted = demo.read()

    assert demo.cost == only_queries(DEMO_QUERIES, databases=1, data_sources=1)
    estimate = drifted.schemas["epics"].property("Estimate")
    assert estimate is not None
    assert estimate.type == "formula"
    assert {e.estimate for e in drifted.snapshot.epics} != {
        e.estimate for e in demo.first.snapshot.epics
    }
    assert drifted.snapshot == demo.fresh()


def test_a_deleted_mapped_property_resolves_again(demo: Run) -> None:
    demo.workshop.update_schema(demo.source("Epics"), {"Deliverables": None})

    drifted = demo.read()

    assert demo.cost == only_queries(DEMO_QUERIES, databases=1, data_sources=1)
    assert drifted.schemas["epics"].property("Deliverables") is None
    assert drifted.snapshot == demo.fresh()


def test_a_new_status_option_resolves_again_and_its_group_decides_the_state(demo: Run) -> None:
    source = demo.source("Tasks")
    status = next(p for p in demo.workspace.data_sources[source].properties.values()
                  if p.name == "Status")  # fmt: skip
    group_of = {i: g["name"] for g in status.config["groups"] for i in g["option_ids"]}
    options = [(o["name"], o["color"], group_of[o["id"]]) for o in status.config["options"]]
    demo.workshop.set_status_options(
        source, "Status", [*options, ("Signed off", "green", "Complete")]
    )
    task_id = next(tasks_in(demo.first, "In progress"))
    demo.workshop.edit(task_id, {"Status": {"status": {"name": "Signed off"}}}, actor=demo.person())

    drifted = demo.read()

    assert demo.cost == only_queries(DEMO_QUERIES, databases=1, data_sources=1)
    (task,) = (t for t in drifted.snapshot.tasks if t.id == task_id)
    assert (task.status, task.state) == ("Signed off", State.DONE)
    assert drifted.snapshot == demo.fresh()


def test_a_select_option_a_person_typed_resolves_again(demo: Run) -> None:
    epic_id = demo.first.snapshot.epics[0].id
    demo.workshop.edit(epic_id, {"Type": {"select": {"name": "Moonshot"}}}, actor=demo.person())

    drifted = demo.read()

    assert demo.cost == only_queries(DEMO_QUERIES, databases=1, data_sources=1)
    epic_type = drifted.schemas["epics"].property("Type")
    assert epic_type is not None
    assert "Moonshot" in epic_type.options
    assert drifted.snapshot == demo.fresh()


def test_a_saved_data_source_that_no_longer_answers_is_resolved_again(demo: Run) -> None:
    saved = RunState.load(demo.state_file)
    saved.schemas["databases"]["epics"]["data_source_id"] = "0f0f0f0f-0f0f-4f0f-8f0f-0f0f0f0f0f0f"
    saved.save(demo.state_file)

    again = demo.read()

    assert demo.cost == only_queries(DEMO_QUERIES + 1, databases=1, data_sources=1)  # one 404
    assert again.snapshot == demo.first.snapshot
    assert again.schemas == demo.first.schemas


def test_a_database_no_longer_shared_is_named_without_asking_who_the_integration_is(
    demo: Run,
) -> None:
    root = demo.workspace.databases[database_ids(demo.workspace)["Epics"]].parent["page_id"]
    demo.workshop.set_shared(root, False)

    with pytest.raises(errors.NotShared, match="add 'Quarterdeck'"):
        demo.read()

    assert spent(demo.emulator) == only_queries(1, databases=1)  # both answered 404


def test_another_configured_database_is_resolved_without_touching_the_others(demo: Run) -> None:
    root = demo.workspace.databases[database_ids(demo.workspace)["Epics"]].parent["page_id"]
    other, _ = demo.workshop.add_database(root, "Key results 2027", {"Name": {"title": {}}})
    databases = demo.settings.databases.model_copy(update={"key_results": other})

    moved = demo.read(databases=databases)

    assert demo.cost == only_queries(DEMO_QUERIES, databases=1, data_sources=1)
    assert moved.schemas["key_results"].database_id == other
    assert moved.snapshot.key_results == ()
    assert {k: moved.schemas[k] for k in ("streams", "epics", "tasks")} == {
        k: demo.first.schemas[k] for k in ("streams", "epics", "tasks")
    }


def test_an_empty_database_lacking_a_mapped_property_is_resolved_until_it_has_it(
    tmp_path: Path,
) -> None:
    board = Board.new()
    board.stream("Pipeline")
    emulator = unlimited(board.workshop.workspace)
    settings = board.settings(fields={"key_results": {"unit": "Units"}})
    run = Run(emulator, settings, tmp_path / "state.json")
    assert [p.property_name for p in run.first.snapshot.schema_problems] == ["Units"]

    run.read()  # no row can show the property was added: Key results is resolved again
    assert run.cost == only_queries(4, databases=1, data_sources=1)
    board.workshop.update_schema(board.roadmap.key_results, {"Units": {"select": {"options": []}}})
    fixed = run.read()
    assert run.cost == only_queries(4, databases=1, data_sources=1)
    assert fixed.snapshot.schema_problems == ()

    run.read()
    assert run.cost == only_queries(4)


# -- people ---------------------------------------------------------------------------------


def test_a_person_the_saved_users_lack_costs_one_users_call(demo: Run) -> None:
    newcomer = demo.workshop.add_user("Nadia Benali", "nadia@example.com")
    task_id = next(tasks_in(demo.first, "In progress"))
    demo.workshop.edit(task_id, {"Assignee": people_value([newcomer])}, actor=demo.person())

    drifted = demo.read()

    assert demo.cost == only_queries(DEMO_QUERIES, users=1)
    assert drifted.snapshot.person_name(newcomer) == "Nadia Benali"
    assert drifted.snapshot == demo.fresh()
    demo.read()
    assert demo.cost == only_queries(DEMO_QUERIES)


def test_someone_the_users_list_never_names_costs_one_users_call_only(demo: Run) -> None:
    guest = demo.workshop.add_user("Guest from the agency", "guest@agency.example")
    task_id = next(tasks_in(demo.first, "In progress"))
    demo.workshop.edit(task_id, {"Assignee": people_value([guest])}, actor=demo.person())
    del demo.workspace.users[guest]  # as a guest or a former member: not in GET /v1/users

    drifted = demo.read()
    assert demo.cost == only_queries(DEMO_QUERIES, users=1)
    assert guest not in drifted.snapshot.people
    assert next(t for t in drifted.snapshot.tasks if t.id == task_id).assignee_ids == (guest,)

    demo.read()
    assert demo.cost == only_queries(DEMO_QUERIES)


# -- related pages out of reach -------------------------------------------------------------


def test_a_trashed_epics_verdict_is_kept_for_a_week_then_looked_at_again(demo: Run) -> None:
    (trashed,) = demo.first.snapshot.missing.values()
    assert trashed.reason == "trashed"
    assert demo.now is not None
    start = demo.now

    demo.now = start + MISSING_RECHECK - timedelta(minutes=1)
    kept = demo.read()
    assert demo.cost == only_queries(DEMO_QUERIES)
    assert kept.snapshot.missing == demo.first.snapshot.missing

    demo.now = start + MISSING_RECHECK
    checked = demo.read()
    assert demo.cost == only_queries(DEMO_QUERIES, pages=1)
    assert checked.snapshot.missing == demo.first.snapshot.missing


def test_a_restored_epic_is_read_as_a_row_again(demo: Run) -> None:
    (trashed,) = demo.first.snapshot.missing
    demo.workspace.pages[trashed].in_trash = False
    demo.workshop.store.version += 1

    restored = demo.read()

    assert demo.cost == only_queries(DEMO_QUERIES)
    assert trashed in {e.id for e in restored.snapshot.epics}
    assert restored.snapshot.missing == {}
    assert RunState.load(demo.state_file).schemas["missing"] == {}
    assert restored.snapshot == demo.fresh()
