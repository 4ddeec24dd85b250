"""``build_plan`` on the demo quarter, read through the real reader from the emulator."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from typing import TypeVar

import httpx
import pytest

from emulator import Emulator, build, emulator_transport
from emulator.seeds.demo import PLANTED_PROBLEMS
from jobs.check import run_checks
from jobs.messages import FLAG_LABELS
from jobs.plan import build_plan
from jobs.render.sections import MAX_OVERDUE_LISTED, NEXT_MILESTONES
from quarterdeck.demo import demo_settings
from schemas.health import HEALTH_LABELS
from schemas.models import Kind, Page, Snapshot, State
from schemas.plan import PageOutputs, Plan
from schemas.settings import Settings
from sync.gateway import Gateway
from sync.progress import Silent
from sync.reader import read
from tests.contract.openapi import assert_request_valid
from tests.jobs.test_render_support import limit_problems, readable

P = TypeVar("P", bound=Page)
TODAY = date(2026, 11, 16)
REPORTS_PAGE = "3c612f56-fdd0-4a30-a4d6-bda7d7426309"
APPEND = "/v1/blocks/{block_id}/children"
EPIC_FIELDS = {
    "progress", "health", "tasks_done", "tasks_open", "overdue_tasks", "kpi_attainment",
    "next_due", "flags",
}  # fmt: skip
BIG_EPIC = "CRM data hygiene (run)"


@pytest.fixture(scope="module")
def demo() -> tuple[Snapshot, Settings]:
    workspace = build("demo", today=TODAY)
    settings = demo_settings(workspace)
    http = httpx.Client(transport=emulator_transport(Emulator(workspace)))
    snapshot = read(Gateway.from_settings(settings, http=http), settings, progress=Silent())
    sync = settings.sync.model_copy(update={"reports_page": REPORTS_PAGE})
    return snapshot.snapshot, settings.model_copy(update={"sync": sync})


@pytest.fixture(scope="module")
def plan(demo: tuple[Snapshot, Settings]) -> Plan:
    return build_plan(*demo, TODAY)


def _outputs(plan: Plan) -> dict[str, dict[str, object]]:
    return {page.page_id: dict(page.values) for page in plan.outputs}


def _flags(page: PageOutputs) -> tuple[str, ...]:
    flags = page.values["flags"]
    assert isinstance(flags, tuple)
    return flags


def _digests(plan: Plan) -> dict[str, str]:
    return {section.page_id: section.digest for section in plan.sections}


def test_every_stream_epic_and_task_has_its_outputs(
    plan: Plan, demo: tuple[Snapshot, Settings]
) -> None:
    snapshot, _ = demo
    kinds = {page.page_id: (page.kind, set(page.values)) for page in plan.outputs}
    assert kinds == {
        **{s.id: (Kind.STREAM, {"progress", "health", "flags"}) for s in snapshot.streams},
        **{e.id: (Kind.EPIC, EPIC_FIELDS) for e in snapshot.epics},
        **{t.id: (Kind.TASK, {"flags"}) for t in snapshot.tasks},
    }
    assert len(plan.outputs) == len(kinds)
    health_options = set(HEALTH_LABELS["en"].values())
    for page in plan.outputs:
        assert page.values.get("health", "On track") in health_options
        progress = page.values.get("progress")
        assert progress is None or (isinstance(progress, float) and 0 <= progress <= 1)


def test_every_epic_and_stream_has_one_section(plan: Plan, demo: tuple[Snapshot, Settings]) -> None:
    snapshot, _ = demo
    pages = [page.id for page in (*snapshot.streams, *snapshot.epics)]
    assert [section.page_id for section in plan.sections] == pages


def test_planted_problems_are_flagged_on_their_pages(
    plan: Plan, demo: tuple[Snapshot, Settings]
) -> None:
    findings = run_checks(*demo, TODAY)
    flags = {page.title: _flags(page) for page in plan.outputs}
    orphans = [p.entity for p in PLANTED_PROBLEMS if p.kind == "orphan_task"]
    assert orphans
    for title in orphans:
        assert "Orphan task" in flags[title]
    assert "No owner" in flags["MQL to SQL definition with marketing"]
    assert "No KPI" in flags["Ad hoc requests from sales leadership"]
    assert flags["Train the SDR team in Madrid"] == ("Overdue",)
    flagged = {f.entity.id for f in findings if f.entity.kind.value in {k.value for k in Kind}}
    for page in plan.outputs:
        assert (_flags(page) != ()) == (page.page_id in flagged), page.title
        assert list(_flags(page)) == sorted(_flags(page), key=str.casefold)
    by_id = {page.page_id: _flags(page) for page in plan.outputs}
    for finding in findings:
        if finding.entity.id in by_id:
            assert FLAG_LABELS[finding.code].en in by_id[finding.entity.id]


def test_the_30_task_epic_lists_only_the_caps(plan: Plan) -> None:
    section = next(s for s in plan.sections if s.title == BIG_EPIC)
    items = section.block["callout"]["rich_text"]
    pages = [
        item for item in items if item["type"] == "mention" and item["mention"]["type"] == "page"
    ]
    assert len(pages) <= MAX_OVERDUE_LISTED + NEXT_MILESTONES
    assert len(items) <= 100


def test_a_rerun_gives_the_same_plan(plan: Plan, demo: tuple[Snapshot, Settings]) -> None:
    again = build_plan(*demo, TODAY)
    assert _digests(again) == _digests(plan)
    assert again.dashboard is not None
    assert plan.dashboard is not None
    assert again.dashboard.digest == plan.dashboard.digest
    assert again.outputs == plan.outputs


def test_finishing_one_task_changes_only_it_its_epic_its_stream_and_the_dashboard(
    plan: Plan, demo: tuple[Snapshot, Settings]
) -> None:
    snapshot, settings = demo
    task = next(t for t in snapshot.tasks if t.title == "Train the SDR team in Madrid")
    epic = next(e for e in snapshot.epics if e.id in task.epic_ids)
    assert len(epic.stream_ids) == 1
    finished = replace(task, status="Done", state=State.DONE)
    tasks = tuple(finished if t.id == task.id else t for t in snapshot.tasks)
    after = build_plan(replace(snapshot, tasks=tasks), settings, TODAY)
    before_outputs, after_outputs = _outputs(plan), _outputs(after)
    changed = {page for page in before_outputs if before_outputs[page] != after_outputs[page]}
    assert changed == {task.id, epic.id, epic.stream_ids[0]}
    assert after_outputs[task.id]["flags"] == ()
    before_digests, after_digests = _digests(plan), _digests(after)
    moved = {page for page in before_digests if before_digests[page] != after_digests[page]}
    assert moved == {epic.id, epic.stream_ids[0]}
    assert after.dashboard is not None
    assert plan.dashboard is not None
    assert after.dashboard.digest != plan.dashboard.digest


def test_french_settings_give_french_labels(demo: tuple[Snapshot, Settings]) -> None:
    snapshot, settings = demo
    french = build_plan(snapshot, settings.model_copy(update={"locale": "fr"}), TODAY)
    labels = {page.values["health"] for page in french.outputs if page.values.get("health")}
    assert labels <= set(HEALTH_LABELS["fr"].values())
    flags = {flag for page in french.outputs for flag in _flags(page)}
    assert "Tâche orpheline" in flags
    assert flags <= {label.fr for label in FLAG_LABELS.values()}
    section = readable(french.sections[0].block["callout"]["rich_text"], snapshot)
    assert "Avancement : " in section
    assert "Mis à jour par Quarterdeck" in section
    assert french.dashboard is not None
    summary = readable(french.dashboard.blocks[0]["callout"]["rich_text"], snapshot)
    assert summary.startswith("2026-Q4 : ")
    assert " du travail prévu terminé\n" in summary


def test_no_sections_or_dashboard_unless_asked(demo: tuple[Snapshot, Settings]) -> None:
    snapshot, settings = demo
    quiet = settings.sync.model_copy(update={"status_sections": False, "reports_page": None})
    plan = build_plan(snapshot, settings.model_copy(update={"sync": quiet}), TODAY)
    assert plan.sections == ()
    assert plan.dashboard is None
    assert plan.outputs


def test_every_block_keeps_within_the_request_limits(plan: Plan) -> None:
    assert plan.dashboard is not None
    for section in plan.sections:
        assert limit_problems([section.block]) == [], section.title
    assert limit_problems(plan.dashboard.blocks) == []
    assert len(plan.dashboard.blocks) <= 10


def test_sections_and_the_dashboard_are_valid_for_the_official_openapi(plan: Plan) -> None:
    assert plan.dashboard is not None
    assert_request_valid("PATCH", APPEND, {"children": [s.block for s in plan.sections]})
    assert_request_valid("PATCH", APPEND, {"children": list(plan.dashboard.blocks)})


def _without_human_edits(snapshot: Snapshot) -> Snapshot:
    def clear(pages: tuple[P, ...]) -> tuple[P, ...]:
        return tuple(replace(page, last_human_edit=None) for page in pages)

    return replace(
        snapshot,
        streams=clear(snapshot.streams),
        epics=clear(snapshot.epics),
        tasks=clear(snapshot.tasks),
        key_results=clear(snapshot.key_results),
    )


def test_the_dashboard_shows_the_newest_change_by_a_person(
    demo: tuple[Snapshot, Settings],
) -> None:
    snapshot, settings = demo
    edited = datetime(2026, 11, 15, 17, 42, tzinfo=UTC)
    quiet = _without_human_edits(snapshot)
    first, second, *others = quiet.tasks
    tasks = (
        replace(first, last_human_edit=edited - timedelta(days=3)),
        replace(second, last_human_edit=edited),
        *others,
    )
    plan = build_plan(replace(quiet, tasks=tasks), settings, TODAY)
    assert plan.dashboard is not None
    assert plan.dashboard.newest_change == edited
    summary = plan.dashboard.blocks[0]["callout"]["rich_text"]
    assert readable(summary, snapshot).endswith("Reflects changes up to 2026-11-15T17:42:00.000Z")
