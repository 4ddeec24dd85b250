"""The managed status section: found by its marker, kept in place, never duplicated."""

from __future__ import annotations

from pathlib import Path

import pytest

from schemas.models import Kind
from schemas.plan import SECTION_MARKER_URL, Plan
from sync.run_state import RunState
from tests.sync.test_writer_support import World, counts, full_plan, section


@pytest.fixture
def world(tmp_path: Path) -> World:
    return World.new(tmp_path)


def sections_only(world: World, words: str = "On track") -> Plan:
    return Plan((), full_plan(world, words=words).sections)


def test_the_section_goes_first_and_people_blocks_keep_their_order(world: World) -> None:
    epic = world.epics[0]
    world.apply(sections_only(world))
    kinds = [b.type for b in world.children(epic)]
    assert kinds == ["callout", "paragraph", "paragraph"]
    (append,) = [s for s in world.sent.writes() if s.path == f"/v1/blocks/{epic}/children"]
    assert append.body["position"] == {"type": "start"}


def test_a_changed_section_is_updated_in_place(world: World) -> None:
    world.apply(sections_only(world, "Before"))
    block_id = world.sections_of(world.epics[0])[0].id

    report = world.apply(sections_only(world, "After"))

    assert counts(report)["updated"] == 5
    assert {(s.method, s.path.split("/")[2]) for s in world.sent.writes()} == {("PATCH", "blocks")}
    assert world.sent.block_reads() == []  # the digest said it changed: nothing to look at
    (kept,) = world.sections_of(world.epics[0])
    assert kept.id == block_id
    assert kept.payload["rich_text"][0]["plain_text"] == "After epic"


def test_a_page_edited_since_costs_one_block_read_and_no_write(world: World) -> None:
    world.apply(sections_only(world))
    world.person_edits(world.epics[0])

    report = world.apply(sections_only(world))

    assert [(s.method, s.path.split("/")[2]) for s in world.sent.block_reads()] == [
        ("GET", "blocks")
    ]
    assert world.sent.writes() == []
    assert counts(report)["unchanged"] == 5
    world.apply(sections_only(world))
    assert world.sent.block_reads() == []  # the look was recorded: back to no call at all


def test_a_deleted_section_comes_back_at_the_top(world: World) -> None:
    world.apply(sections_only(world))
    epic = world.epics[2]
    world.person_deletes(world.sections_of(epic)[0].id)

    report = world.apply(sections_only(world))

    assert counts(report)["restored"] == 1
    assert [b.type for b in world.children(epic)] == ["callout", "paragraph", "paragraph"]
    assert len(world.sections_of(epic)) == 1


def test_a_section_a_person_edited_is_written_back(world: World) -> None:
    world.apply(sections_only(world))
    epic = world.epics[0]
    block = world.sections_of(epic)[0]
    block.payload["rich_text"][0]["text"]["content"] = "I fixed it"
    block.payload["rich_text"][0]["plain_text"] = "I fixed it"
    world.person_edits(epic)

    report = world.apply(sections_only(world))

    assert counts(report)["restored"] == 1
    assert world.sections_of(epic)[0].payload["rich_text"][0]["plain_text"] == "On track epic"
    assert [s.path for s in world.sent.writes()] == [f"/v1/blocks/{block.id}"]


def test_without_state_sections_are_found_by_their_marker_and_nothing_is_written(
    world: World,
) -> None:
    world.apply(sections_only(world))
    (world.tmp / "state.json").unlink()

    report = world.apply(sections_only(world))

    assert world.sent.writes() == []
    assert len(world.sent.block_reads()) == 5  # one children list per page
    assert counts(report)["unchanged"] == 5
    assert set(world.state.sections) == {*world.epics, *world.streams}


def test_duplicated_sections_are_cleaned_to_one(world: World) -> None:
    world.apply(sections_only(world))
    epic = world.epics[1]
    original = world.sections_of(epic)[0]
    copy = {"callout": dict(original.payload)}
    world.board.workshop.append(epic, [copy])  # pasted at the bottom, or a crash's leftover
    (world.tmp / "state.json").unlink()

    report = world.apply(sections_only(world))

    assert [b.id for b in world.sections_of(epic)] == [original.id]
    assert report.duplicates_removed == 1
    assert [s.method for s in world.sent.writes()] == ["DELETE"]


def test_a_section_without_the_marker_gets_one(world: World) -> None:
    plain = section(Kind.EPIC, world.epics[0], "Bare")
    block = {"type": "callout", "callout": {"rich_text": plain.block["callout"]["rich_text"][:1]}}
    bare = type(plain)(Kind.EPIC, world.epics[0], "", block, "bare")

    world.apply(Plan((), (bare,)))
    world.state = RunState()
    (world.tmp / "state.json").unlink()
    world.apply(Plan((), (bare,)))

    (found,) = world.sections_of(world.epics[0])
    assert found.payload["rich_text"][-1]["href"] == SECTION_MARKER_URL
    assert world.sent.writes() == []


def test_long_text_is_split_and_too_many_items_end_with_an_ellipsis(world: World) -> None:
    epic = world.epics[0]
    long = section(Kind.EPIC, epic, "x" * 4500)
    world.apply(Plan((), (long,)))
    (append,) = world.sent.writes()
    items = append.body["children"][0]["callout"]["rich_text"]
    assert [len(i["text"]["content"]) for i in items[:3]] == [2000, 2000, 500]

    many = section(Kind.EPIC, epic, "y")
    crowded = many.block["callout"]["rich_text"] * 60
    block = {"type": "callout", "callout": {"rich_text": crowded}}
    world.apply(Plan((), (type(many)(Kind.EPIC, epic, "", block, "crowded"),)))
    (update,) = world.sent.writes()
    sent = update.body["callout"]["rich_text"]
    assert len(sent) == 100
    assert sent[-1]["text"]["content"] == "…"
    world.person_edits(epic)
    world.apply(Plan((), (type(many)(Kind.EPIC, epic, "", block, "crowded"),)))
    assert world.sent.writes() == []  # what was sent is recognised when read back


def test_dry_run_reads_to_decide_and_writes_nothing(world: World) -> None:
    world.apply(full_plan(world))
    world.person_deletes(world.sections_of(world.epics[0])[0].id)
    saved = (world.tmp / "state.json").read_text(encoding="utf-8")

    report = world.apply(full_plan(world, progress=0.9, words="Later"), dry_run=True)

    assert world.sent.writes() == []
    assert (world.tmp / "state.json").read_text(encoding="utf-8") == saved
    assert report.dry_run
    assert counts(report) == {"created": 0, "updated": 4, "restored": 1, "unchanged": 0}
    assert report.properties_changed == 3 + 2  # progress of each epic and stream
    assert report.dashboard == "updated"
    epic = next(p for p in report.changed if p.page_id == world.epics[0])
    assert [(c.property_name, c.old, c.new) for c in epic.changes] == [("Progress", 0.4, 0.9)]
