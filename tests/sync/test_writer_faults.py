"""Failures half-way: a write whose outcome is unknown is read back, never blindly repeated,
and a rerun converges to what a clean run leaves, with one section per page."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from emulator import Fault
from sync import errors
from tests.sync.test_writer_support import World, full_plan

CHILDREN = r"/children$"


def fingerprint(world: World) -> dict[str, Any]:
    """What a person sees: each page's blocks (type and text) and Quarterdeck's values."""
    ws = world.emulator.store.workspace
    seen: dict[str, Any] = {}
    for page_id in (*world.epics, *world.streams, *world.tasks):
        blocks = [
            (b.type, "".join(i["plain_text"] for i in b.payload.get("rich_text", [])))
            for b in world.children(page_id)
        ]
        seen[page_id] = (blocks, world.properties(page_id, outputs=True))
    dashboards = [
        p for p in ws.pages.values() if p.parent.get("page_id") == world.reports and not p.in_trash
    ]
    seen["dashboards"] = [[b.type for b in world.children(p.id)] for p in dashboards]
    return seen


@pytest.fixture
def clean(tmp_path: Path) -> dict[str, Any]:
    world = World.new(tmp_path / "clean")
    world.apply(full_plan(world))
    return fingerprint(world)


FAULTS = [
    pytest.param(Fault(status=500, method="PATCH", nth=5), id="500-on-the-5th-patch"),
    pytest.param(Fault(status=503, method="PATCH", path=CHILDREN, nth=2), id="503-on-an-append"),
    pytest.param(
        Fault(kind="committed_503", method="PATCH", path=CHILDREN, nth=2), id="committed-append"
    ),
    pytest.param(
        Fault(kind="timeout", method="PATCH", path=CHILDREN, nth=3, commit=True),
        id="timeout-after-append",
    ),
    pytest.param(
        Fault(kind="disconnect", method="PATCH", path=CHILDREN, nth=1), id="dropped-append"
    ),
    pytest.param(
        Fault(kind="committed_503", method="POST", path=r"^/v1/pages$"), id="committed-page"
    ),
    pytest.param(
        Fault(kind="timeout", method="POST", path=r"^/v1/pages$", commit=True), id="timeout-page"
    ),
    pytest.param(
        Fault(kind="committed_503", method="PATCH", path=r"^/v1/pages/", nth=3),
        id="committed-patch",
    ),
]


@pytest.mark.parametrize("fault", FAULTS)
def test_an_unconfirmed_write_is_read_back_and_the_run_ends_clean(
    tmp_path: Path, clean: dict[str, Any], fault: Fault
) -> None:
    world = World.new(tmp_path)
    armed = world.emulator.inject(fault)

    report = world.apply(full_plan(world))

    assert armed.seen >= fault.nth
    assert report.failures == []
    assert fingerprint(world) == clean
    world.emulator.faults.clear()
    world.apply(full_plan(world))
    assert world.sent.writes() == []  # the state it saved is the truth


def test_a_committed_append_never_becomes_a_second_section(tmp_path: Path) -> None:
    world = World.new(tmp_path)
    world.emulator.inject(Fault(kind="committed_503", method="PATCH", path=CHILDREN))

    world.apply(full_plan(world))

    appends = world.emulator.requests("PATCH", CHILDREN)
    assert len(appends) == 5  # one per page: the committed one was read back, not resent
    assert all(len(world.sections_of(p)) == 1 for p in (*world.epics, *world.streams))


def test_a_write_still_unconfirmed_after_the_read_back_fails_that_page_only(
    tmp_path: Path, clean: dict[str, Any]
) -> None:
    world = World.new(tmp_path)
    world.emulator.inject(Fault(status=500, method="PATCH", nth=5, times=2))

    report = world.apply(full_plan(world))

    (failed,) = [p for p in report.pages if p.error]
    assert failed.page_id == world.epics[2]
    assert "may have saved this change" in str(failed.error)
    assert report.pages_written == 9
    world.emulator.faults.clear()
    world.apply(full_plan(world))
    assert fingerprint(world) == clean


def test_a_run_that_dies_after_an_append_is_finished_by_the_next(
    tmp_path: Path, clean: dict[str, Any]
) -> None:
    world = World.new(tmp_path)
    world.emulator.inject(Fault(kind="committed_503", method="PATCH", path=CHILDREN, nth=3))
    world.emulator.inject(Fault(status=502, method="GET", path=CHILDREN, nth=4, times=100))

    with pytest.raises(errors.NotionUnavailable):
        world.apply(full_plan(world))  # the append landed, reading it back failed for good

    world.emulator.faults.clear()
    world.apply(full_plan(world))
    assert fingerprint(world) == clean
    assert all(len(world.sections_of(p)) == 1 for p in (*world.epics, *world.streams))
