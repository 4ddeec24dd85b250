"""The dashboard page: created once, rewritten when its digest changes, found again without state."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from emulator import Fault
from schemas.limits import MAX_ITEMS
from schemas.plan import Plan
from tests.sync.test_writer_support import World, dashboard, paragraph, text


@pytest.fixture
def world(tmp_path: Path) -> World:
    return World.new(tmp_path)


def board_plan(
    world: World, blocks: list[dict[str, Any]], title: str = "Roadmap dashboard"
) -> Plan:
    return Plan((), (), dashboard(world.reports, blocks, title))


def live_dashboards(world: World) -> list[str]:
    ws = world.emulator.store.workspace
    return [
        p.id
        for p in ws.pages.values()
        if p.parent.get("page_id") == world.reports and not p.in_trash
    ]


def toggle(content: str, children: list[dict[str, Any]]) -> dict[str, Any]:
    return {"type": "toggle", "toggle": {"rich_text": [text(content)], "children": children}}


def stored_tree(world: World, block_id: str) -> list[Any]:
    ws = world.emulator.store.workspace
    container = ws.pages.get(block_id) or ws.blocks[block_id]
    tree = []
    for child in container.children:
        block = ws.blocks[child]
        words = "".join(i["plain_text"] for i in block.payload.get("rich_text", []))
        tree.append((words, stored_tree(world, child)) if block.children else words)
    return tree


def test_the_dashboard_is_created_once_and_left_alone_while_its_digest_holds(world: World) -> None:
    plan = board_plan(world, [paragraph("Quarter at 40%")])
    first = world.apply(plan)
    assert first.dashboard == "created"
    (page_id,) = live_dashboards(world)
    assert first.dashboard_page_id == page_id

    world.apply(plan)
    assert world.sent.sent == []


def test_a_new_digest_rewrites_the_content_and_the_title(world: World) -> None:
    world.apply(board_plan(world, [paragraph("Old")]))
    (page_id,) = live_dashboards(world)

    report = world.apply(board_plan(world, [paragraph("New"), paragraph("Also new")], "Roadmap"))

    assert report.dashboard == "updated"
    assert [(s.method, s.path) for s in world.sent.writes()] == [
        ("PATCH", f"/v1/pages/{page_id}"),
        ("PATCH", f"/v1/blocks/{page_id}/children"),
    ]
    assert world.sent.writes()[0].body["erase_content"] is True
    assert stored_tree(world, page_id) == ["New", "Also new"]
    assert (
        world.emulator.store.workspace.pages[page_id].properties["title"][0]["plain_text"]
        == "Roadmap"
    )


def test_a_trashed_dashboard_is_created_again(world: World) -> None:
    world.apply(board_plan(world, [paragraph("Old")]))
    (trashed,) = live_dashboards(world)
    world.emulator.store.workspace.pages[trashed].in_trash = True

    report = world.apply(board_plan(world, [paragraph("New")]))

    assert report.dashboard == "created"
    (fresh,) = live_dashboards(world)
    assert fresh != trashed
    assert world.state.dashboard is not None
    assert world.state.dashboard.page_id == fresh


def test_without_state_the_dashboard_is_found_by_title_and_compared(world: World) -> None:
    blocks = [paragraph("Quarter"), toggle("Streams", [paragraph("Pipeline")])]
    world.apply(board_plan(world, blocks))
    (world.tmp / "state.json").unlink()

    same = world.apply(board_plan(world, blocks))

    assert same.dashboard == "unchanged"
    assert world.sent.writes() == []
    assert len(world.sent.block_reads()) == 3  # the reports page, the dashboard, the toggle
    (world.tmp / "state.json").unlink()
    changed = world.apply(board_plan(world, [paragraph("Quarter"), paragraph("Different")]))
    assert changed.dashboard == "updated"
    assert len(live_dashboards(world)) == 1


def test_hundreds_of_blocks_go_in_requests_of_100(world: World) -> None:
    blocks = [paragraph(f"Line {n}") for n in range(250)]

    world.apply(board_plan(world, blocks))

    writes = world.sent.writes()
    assert [(s.method, s.path.split("/")[2]) for s in writes] == [
        ("POST", "pages"),
        ("PATCH", "blocks"),
        ("PATCH", "blocks"),
    ]
    assert [len(s.body["children"]) for s in writes] == [100, 100, 50]
    (page_id,) = live_dashboards(world)
    assert stored_tree(world, page_id) == [f"Line {n}" for n in range(250)]


def test_deep_and_wide_trees_are_sent_within_the_nesting_and_size_limits(world: World) -> None:
    deep = toggle("1", [toggle("2", [toggle("3", [toggle("4", [paragraph("5")])])])])
    wide = toggle("wide", [paragraph(f"item {n}") for n in range(130)])

    world.apply(board_plan(world, [deep, wide]))

    for sent in world.sent.writes():
        assert depth(sent.body["children"]) <= 3
        assert all(len(kids) <= MAX_ITEMS for kids in arrays(sent.body["children"]))
    (page_id,) = live_dashboards(world)
    assert stored_tree(world, page_id) == [
        ("1", [("2", [("3", [("4", ["5"])])])]),
        ("wide", [f"item {n}" for n in range(130)]),
    ]
    (world.tmp / "state.json").unlink()
    assert world.apply(board_plan(world, [deep, wide])).dashboard == "unchanged"


def depth(blocks: list[dict[str, Any]]) -> int:
    return 1 + max(
        (depth(kids) for b in blocks if (kids := b[b["type"]].get("children"))), default=0
    )


def arrays(blocks: list[dict[str, Any]]) -> list[list[Any]]:
    found = [blocks]
    for block in blocks:
        found += arrays(block[block["type"]].get("children") or [])
    return found


@pytest.mark.parametrize(
    "fault",
    [
        pytest.param(Fault(kind="committed_503", method="PATCH", path=r"/children$"), id="saved"),
        pytest.param(Fault(kind="disconnect", method="PATCH", path=r"/children$"), id="lost"),
        pytest.param(Fault(status=500, method="PATCH", path=r"/children$", nth=2), id="500"),
    ],
)
def test_an_unconfirmed_batch_is_looked_for_at_the_end_before_it_is_sent_again(
    world: World, fault: Fault
) -> None:
    blocks = [paragraph(f"Line {n}") for n in range(250)]
    world.emulator.inject(fault)

    report = world.apply(board_plan(world, blocks))

    assert report.failures == []
    (page_id,) = live_dashboards(world)
    assert stored_tree(world, page_id) == [f"Line {n}" for n in range(250)]
