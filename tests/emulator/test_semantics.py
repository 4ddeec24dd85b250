"""Behaviour people rely on: references, relations kept in sync, options, time, trash, persistence."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import notion_client
import pytest
from notion_client.helpers import collect_paginated_api

from emulator import Emulator, ManualClock, Workshop
from emulator.state import Workspace
from tests.conftest import make_client
from tests.emulator.builders import Roadmap, roadmap, text, title


@pytest.fixture
def board(workshop: Workshop, root_page: str) -> Roadmap:
    return roadmap(workshop, root_page)


def _plain(page: Any, name: str) -> str:
    return "".join(t["plain_text"] for t in page["properties"][name]["title"])


def test_two_way_relation_is_kept_in_sync(client: notion_client.Client, board: Roadmap) -> None:
    epic = client.pages.create(
        parent={"data_source_id": board.epics}, properties={"Name": title("E")}
    )
    task = client.pages.create(
        parent={"data_source_id": board.tasks},
        properties={"Epic": {"relation": [{"id": epic["id"]}]}},
    )
    assert client.pages.retrieve(epic["id"])["properties"]["Tasks"]["relation"] == [
        {"id": task["id"]}
    ]
    client.pages.update(task["id"], properties={"Epic": {"relation": []}})
    assert client.pages.retrieve(epic["id"])["properties"]["Tasks"]["relation"] == []


def test_dual_relation_schema_names_both_sides(
    client: notion_client.Client, board: Roadmap
) -> None:
    epic_side = client.data_sources.retrieve(board.epics)["properties"]["Tasks"]["relation"]
    task_side = client.data_sources.retrieve(board.tasks)["properties"]["Epic"]["relation"]
    assert epic_side["type"] == "dual_property"
    assert epic_side["data_source_id"] == board.tasks
    assert epic_side["dual_property"]["synced_property_name"] == "Epic"
    assert (
        task_side["dual_property"]["synced_property_id"]
        == client.data_sources.retrieve(board.epics)["properties"]["Tasks"]["id"]
    )


def test_people_over_25_are_truncated_in_page_objects(
    client: notion_client.Client, workshop: Workshop, board: Roadmap
) -> None:
    people = [workshop.add_user(f"Person {i}", f"p{i}@example.com") for i in range(30)]
    epic = client.pages.create(
        parent={"data_source_id": board.epics},
        properties={"Owner": {"people": [{"id": p} for p in people]}},
    )
    assert len(epic["properties"]["Owner"]["people"]) == 25
    items = collect_paginated_api(
        client.pages.properties.retrieve,
        page_id=epic["id"],
        property_id=epic["properties"]["Owner"]["id"],
    )
    assert [i["people"]["id"] for i in items] == people


def test_property_item_pages_with_next_url(
    client: notion_client.Client, workshop: Workshop, board: Roadmap
) -> None:
    epic = workshop.add_row(board.epics, {"Name": title("E")})
    for n in range(3):
        workshop.add_row(
            board.tasks, {"Name": title(f"t{n}"), "Epic": {"relation": [{"id": epic}]}}
        )
    prop = client.pages.retrieve(epic)["properties"]["Tasks"]["id"]
    first = client.pages.properties.retrieve(epic, prop, page_size=2)
    assert first["has_more"] is True
    assert first["property_item"]["next_url"].startswith("http://emulator.test/v1/pages/")
    rest = client.pages.properties.retrieve(
        epic, prop, page_size=2, start_cursor=first["next_cursor"]
    )
    assert (len(rest["results"]), rest["has_more"], rest["property_item"]["next_url"]) == (
        1,
        False,
        None,
    )


def test_single_value_property_item(
    client: notion_client.Client, workshop: Workshop, board: Roadmap
) -> None:
    epic = client.pages.create(
        parent={"data_source_id": board.epics}, properties={"Estimate": {"number": 8}}
    )
    item = client.pages.properties.retrieve(epic["id"], epic["properties"]["Estimate"]["id"])
    assert item == {
        "object": "property_item",
        "id": epic["properties"]["Estimate"]["id"],
        "type": "number",
        "number": 8,
        "request_id": item["request_id"],
    }


def test_select_write_adds_an_option_but_status_write_does_not(
    client: notion_client.Client, board: Roadmap
) -> None:
    epic = client.pages.create(
        parent={"data_source_id": board.epics}, properties={"Priority": {"select": {"name": "P9"}}}
    )
    assert epic["properties"]["Priority"]["select"]["name"] == "P9"
    options = client.data_sources.retrieve(board.epics)["properties"]["Priority"]["select"][
        "options"
    ]
    assert [o["name"] for o in options] == ["P0", "P1", "P9"]
    statuses = client.data_sources.retrieve(board.epics)["properties"]["Status"]["status"]
    assert [o["name"] for o in statuses["options"]] == ["Not started", "In progress", "Done"]
    assert [g["name"] for g in statuses["groups"]] == ["To-do", "In progress", "Complete"]


def test_status_null_resets_to_the_default(client: notion_client.Client, board: Roadmap) -> None:
    epic = client.pages.create(
        parent={"data_source_id": board.epics}, properties={"Status": {"status": {"name": "Done"}}}
    )
    reset = client.pages.update(epic["id"], properties={"Status": {"status": None}})
    assert reset["properties"]["Status"]["status"]["name"] == "Not started"


def test_status_options_set_in_the_app_are_accepted(
    client: notion_client.Client, workshop: Workshop, board: Roadmap
) -> None:
    workshop.set_status_options(
        board.epics, "Status", [("Todo", "default", "To-do"), ("Dropped", "red", "Complete")]
    )
    epic = client.pages.create(
        parent={"data_source_id": board.epics},
        properties={"Status": {"status": {"name": "Dropped"}}},
    )
    assert epic["properties"]["Status"]["status"]["color"] == "red"


def test_last_edited_time_is_rounded_down_to_the_minute(
    client: notion_client.Client, clock: ManualClock, board: Roadmap
) -> None:
    clock.now = 1_795_999_985.0  # 5 s past 00:53
    epic = client.pages.create(
        parent={"data_source_id": board.epics}, properties={"Name": title("E")}
    )
    assert epic["last_edited_time"].endswith(":00.000Z")
    clock.advance(30)
    again = client.pages.update(epic["id"], properties={"Estimate": {"number": 1}})
    assert again["last_edited_time"] == epic["last_edited_time"]  # same minute: indistinguishable
    clock.advance(60)
    assert (
        client.pages.update(epic["id"], properties={"Estimate": {"number": 2}})["last_edited_time"]
        > epic["last_edited_time"]
    )


def test_timestamp_filter_finds_rows_changed_since(
    client: notion_client.Client, clock: ManualClock, board: Roadmap, workshop: Workshop
) -> None:
    old = workshop.add_row(board.epics, {"Name": title("Old")}, at=clock.now - 86_400)
    new = workshop.add_row(board.epics, {"Name": title("New")}, at=clock.now)
    since = "2026-11-30T00:00:00Z"
    rows = client.data_sources.query(
        board.epics,
        filter={"timestamp": "last_edited_time", "last_edited_time": {"on_or_after": since}},
    )["results"]
    assert {r["id"] for r in rows} == {new}
    assert old not in {r["id"] for r in rows}


def test_trashed_rows_leave_queries_and_come_back(
    client: notion_client.Client, board: Roadmap, workshop: Workshop
) -> None:
    epic = workshop.add_row(board.epics, {"Name": title("E")})
    client.pages.update(epic, in_trash=True)
    assert client.data_sources.query(board.epics)["results"] == []
    client.pages.update(epic, in_trash=False)
    assert [r["id"] for r in client.data_sources.query(board.epics)["results"]] == [epic]


def test_filter_properties_limits_the_page_object(
    client: notion_client.Client, board: Roadmap, workshop: Workshop
) -> None:
    workshop.add_row(board.epics, {"Name": title("E"), "Estimate": {"number": 2}})
    row = client.data_sources.query(board.epics, filter_properties=["Estimate"])["results"][0]
    assert list(row["properties"]) == ["Estimate"]


def test_formula_rollup_and_unique_id_are_computed(
    client: notion_client.Client, board: Roadmap, workshop: Workshop
) -> None:
    epic = workshop.add_row(board.epics, {"Name": title("E"), "Estimate": {"number": 3}})
    for points in (2, 5):
        workshop.add_row(
            board.tasks, {"Epic": {"relation": [{"id": epic}]}, "Points": {"number": points}}
        )
    page = client.pages.retrieve(epic)["properties"]
    assert page["Double"]["formula"] == {"type": "number", "number": 6}
    assert page["Points"]["rollup"] == {"type": "number", "number": 7, "function": "sum"}
    numbers = sorted(
        r["properties"]["Task ID"]["unique_id"]["number"]
        for r in client.data_sources.query(board.tasks)["results"]
    )
    assert numbers == [1, 2]


def test_page_mention_shows_the_current_title(client: notion_client.Client, root_page: str) -> None:
    target = client.pages.create(
        parent={"page_id": root_page}, properties={"title": text("Before")}
    )
    holder = client.pages.create(
        parent={"page_id": root_page}, properties={"title": text("Holder")}
    )
    mention = [{"type": "mention", "mention": {"type": "page", "page": {"id": target["id"]}}}]
    block = client.blocks.children.append(
        holder["id"], children=[{"paragraph": {"rich_text": mention}}]
    )["results"][0]
    client.pages.update(target["id"], properties={"title": text("After")})
    again = client.blocks.retrieve(block["id"])["paragraph"]["rich_text"][0]
    assert (again["plain_text"], again["href"]) == (
        "After",
        f"https://www.notion.so/{target['id'].replace('-', '')}",
    )


def test_child_pages_and_databases_are_blocks_of_their_parent(
    client: notion_client.Client, root_page: str, board: Roadmap
) -> None:
    kinds = [b["type"] for b in client.blocks.children.list(root_page)["results"]]
    assert kinds == ["child_database", "child_database"]
    deleted = client.blocks.delete(board.tasks_database)
    assert (deleted["type"], deleted["in_trash"]) == ("child_database", True)


def test_append_after_a_block_and_deleting_twice(
    client: notion_client.Client, root_page: str
) -> None:
    page = client.pages.create(parent={"page_id": root_page}, properties={"title": text("Doc")})
    a, b = client.blocks.children.append(
        page["id"], children=[{"paragraph": {"rich_text": text(x)}} for x in "ab"]
    )["results"]
    client.blocks.children.append(
        page["id"],
        children=[{"paragraph": {"rich_text": text("between")}}],
        position={"type": "after_block", "after_block": {"id": a["id"]}},
    )
    texts = [
        blk["paragraph"]["rich_text"][0]["plain_text"]
        for blk in client.blocks.children.list(page["id"])["results"]
    ]
    assert texts == ["a", "between", "b"]
    client.blocks.delete(b["id"])
    with pytest.raises(notion_client.APIResponseError):
        client.blocks.delete(b["id"])
    restored = client.blocks.update(b["id"], archived=False)
    assert restored["in_trash"] is False


def test_block_children_of_a_trashed_page_are_not_found(
    client: notion_client.Client, root_page: str
) -> None:
    page = client.pages.create(parent={"page_id": root_page}, properties={"title": text("Doc")})
    client.pages.update(page["id"], in_trash=True)
    assert client.pages.retrieve(page["id"])["in_trash"] is True
    with pytest.raises(notion_client.APIResponseError) as raised:
        client.blocks.children.list(page["id"])
    assert raised.value.status == 404


def test_query_cache_sees_changes_made_in_the_app(
    client: notion_client.Client, board: Roadmap, workshop: Workshop
) -> None:
    workshop.add_row(board.epics, {"Name": title("First")})
    assert len(client.data_sources.query(board.epics)["results"]) == 1
    workshop.add_row(board.epics, {"Name": title("Second")})
    assert len(client.data_sources.query(board.epics)["results"]) == 2


def test_state_survives_a_restart(tmp_path: Path, workshop: Workshop, board: Roadmap) -> None:
    state = tmp_path / "state.json"
    first = Emulator(workshop.workspace, state_path=state)
    client = make_client(first)
    epic = client.pages.create(
        parent={"data_source_id": board.epics}, properties={"Name": title("Persisted")}
    )
    first.flush()
    second = make_client(Emulator(Workspace.load(state)))
    assert _plain(second.pages.retrieve(epic["id"]), "Name") == "Persisted"


def test_editing_a_block_edits_its_page(
    client: notion_client.Client, clock: ManualClock, root_page: str
) -> None:
    page = client.pages.create(parent={"page_id": root_page}, properties={"title": text("Doc")})
    block = client.blocks.children.append(
        page["id"], children=[{"paragraph": {"rich_text": text("a")}}]
    )["results"][0]
    clock.advance(120)
    client.blocks.update(block["id"], paragraph={"rich_text": text("b")})
    assert client.pages.retrieve(page["id"])["last_edited_time"] > page["last_edited_time"]


def test_erase_content_trashes_the_blocks(client: notion_client.Client, root_page: str) -> None:
    page = client.pages.create(parent={"page_id": root_page}, properties={"title": text("Doc")})
    block = client.blocks.children.append(
        page["id"], children=[{"paragraph": {"rich_text": text("a")}}]
    )["results"][0]
    client.pages.update(page["id"], erase_content=True)
    assert client.blocks.children.list(page["id"])["results"] == []
    assert client.blocks.retrieve(block["id"])["in_trash"] is True


def test_text_length_counts_utf16_units(client: notion_client.Client, root_page: str) -> None:
    fits = "🙂" * 1000  # 2000 UTF-16 units
    client.pages.create(parent={"page_id": root_page}, properties={"title": text(fits)})
    with pytest.raises(notion_client.APIResponseError) as raised:
        client.pages.create(parent={"page_id": root_page}, properties={"title": text(fits + "a")})
    assert "should be ≤ `2000`, instead was `2001`" in str(raised.value)
