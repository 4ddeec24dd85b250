"""The archive and the trash: two independent page states, as 2025-09-03 answers them today.

Apr 2026 recordings (still ``Notion-Version: 2025-09-03``) give pages ``is_archived``, their
own archived state, while ``archived`` stays the deprecated alias of ``in_trash``; databases
gained ``archived`` too. notion-client 3.1.0 cannot send ``is_archived`` (it picks its body
keys), so these tests speak to the emulator directly, as SDK-JS 5.21+ would.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import notion_client
import pytest

from emulator import Emulator, Request, Workshop
from emulator.state import Workspace
from tests.emulator.builders import Roadmap, roadmap, text, title

HEADERS = {"authorization": "Bearer t", "notion-version": "2025-09-03"}

PAGE_KEYS = [
    "object",
    "id",
    "created_time",
    "last_edited_time",
    "created_by",
    "last_edited_by",
    "cover",
    "icon",
    "parent",
    "in_trash",
    "is_archived",
    "is_locked",
    "properties",
    "url",
    "public_url",
    "archived",
]
"""A page's keys in the order of the Apr 2026 recordings (``test_views_create.yaml``...)."""


def send(emulator: Emulator, method: str, path: str, body: Any = None) -> tuple[int, Any]:
    raw = b"" if body is None else json.dumps(body).encode()
    response = emulator.handle(Request(method, path, headers=HEADERS, body=raw))
    return response.status, response.json()


def ok(emulator: Emulator, method: str, path: str, body: Any = None) -> Any:
    status, answer = send(emulator, method, path, body)
    assert status == 200, answer
    return answer


def query_ids(emulator: Emulator, source: str, body: Any = None) -> set[str]:
    answer = ok(emulator, "POST", f"/v1/data_sources/{source}/query", body or {})
    return {row["id"] for row in answer["results"]}


def flags(page: Any) -> tuple[bool, bool, bool]:
    return page["in_trash"], page["is_archived"], page["archived"]


@pytest.fixture
def board(workshop: Workshop, root_page: str) -> Roadmap:
    return roadmap(workshop, root_page)


@pytest.fixture
def rows(workshop: Workshop, board: Roadmap) -> dict[str, str]:
    """One epic in each state: live, archived, trashed, archived and trashed."""
    made = {name: workshop.add_row(board.epics, {"Name": title(name)}) for name in
            ("live", "archived", "trashed", "both")}  # fmt: skip
    workshop.archive(made["archived"])
    workshop.archive(made["both"])
    workshop.trash(made["trashed"])
    workshop.trash(made["both"])
    return made


# -- shapes ---------------------------------------------------------------------------------


def test_page_carries_is_archived_and_archived_in_the_recorded_order(
    emulator: Emulator, root_page: str
) -> None:
    page = ok(emulator, "GET", f"/v1/pages/{root_page}")
    assert list(page) == [*PAGE_KEYS, "request_id"]
    assert flags(page) == (False, False, False)


def test_query_results_carry_the_same_page_shape(
    emulator: Emulator, board: Roadmap, workshop: Workshop
) -> None:
    workshop.add_row(board.epics, {"Name": title("E")})
    row = ok(emulator, "POST", f"/v1/data_sources/{board.epics}/query", {})["results"][0]
    assert list(row) == PAGE_KEYS


def test_database_carries_archived_as_the_alias_of_in_trash(
    emulator: Emulator, board: Roadmap
) -> None:
    database = ok(emulator, "GET", f"/v1/databases/{board.epics_database}")
    assert list(database)[-2:] == ["archived", "request_id"]
    assert "is_archived" not in database
    assert (database["in_trash"], database["archived"]) == (False, False)
    trashed = ok(emulator, "PATCH", f"/v1/databases/{board.epics_database}", {"in_trash": True})
    assert (trashed["in_trash"], trashed["archived"]) == (True, True)


def test_data_source_lists_archived_after_in_trash(emulator: Emulator, board: Roadmap) -> None:
    source = ok(emulator, "GET", f"/v1/data_sources/{board.tasks}")
    assert list(source)[-4:] == ["public_url", "in_trash", "archived", "request_id"]
    assert "is_archived" not in source


def test_block_lists_archived_last_and_has_no_archive_state(
    emulator: Emulator, root_page: str
) -> None:
    appended = ok(
        emulator,
        "PATCH",
        f"/v1/blocks/{root_page}/children",
        {"children": [{"type": "paragraph", "paragraph": {"rich_text": text("Hi")}}]},
    )["results"][0]
    assert list(appended)[-5:] == ["has_children", "in_trash", "type", "paragraph", "archived"]
    deleted = ok(emulator, "DELETE", f"/v1/blocks/{appended['id']}")
    assert (deleted["in_trash"], deleted["archived"]) == (True, True)
    assert "is_archived" not in deleted


def test_child_page_block_of_an_archived_page_shows_no_archive(
    emulator: Emulator, workshop: Workshop, root_page: str
) -> None:
    child = workshop.add_page("Old plan", root_page)
    workshop.archive(child)
    block = ok(emulator, "GET", f"/v1/blocks/{child}")
    assert block["type"] == "child_page"
    assert (block["in_trash"], block["archived"], "is_archived" in block) == (False, False, False)


# -- the two states are independent -------------------------------------------------------


def test_archiving_a_page_does_not_trash_it(emulator: Emulator, rows: dict[str, str]) -> None:
    page = ok(emulator, "PATCH", f"/v1/pages/{rows['live']}", {"is_archived": True})
    assert flags(page) == (False, True, False)
    page = ok(emulator, "PATCH", f"/v1/pages/{rows['live']}", {"is_archived": False})
    assert flags(page) == (False, False, False)


def test_trashing_a_page_leaves_its_archive_alone(emulator: Emulator, rows: dict[str, str]) -> None:
    page = ok(emulator, "PATCH", f"/v1/pages/{rows['archived']}", {"in_trash": True})
    assert flags(page) == (True, True, True)
    page = ok(emulator, "PATCH", f"/v1/pages/{rows['archived']}", {"archived": False})
    assert flags(page) == (False, True, False)


def test_retrieve_answers_each_state_with_its_flags(
    emulator: Emulator, rows: dict[str, str]
) -> None:
    answers = {name: flags(ok(emulator, "GET", f"/v1/pages/{page}")) for name, page in rows.items()}
    assert answers == {
        "live": (False, False, False),
        "archived": (False, True, False),
        "trashed": (True, False, True),
        "both": (True, True, True),
    }


def test_archived_page_still_takes_edits(emulator: Emulator, rows: dict[str, str]) -> None:
    page = ok(
        emulator,
        "PATCH",
        f"/v1/pages/{rows['archived']}",
        {"properties": {"Estimate": {"number": 3}}},
    )
    assert page["properties"]["Estimate"]["number"] == 3
    assert page["is_archived"] is True


def test_archiving_a_trashed_page_is_refused_like_any_edit(
    emulator: Emulator, rows: dict[str, str]
) -> None:
    status, body = send(emulator, "PATCH", f"/v1/pages/{rows['trashed']}", {"is_archived": True})
    assert (status, body["code"]) == (400, "validation_error")
    restored = ok(
        emulator,
        "PATCH",
        f"/v1/pages/{rows['trashed']}",
        {"in_trash": False, "is_archived": True},
    )
    assert flags(restored) == (False, True, False)


def test_is_archived_must_be_a_boolean(emulator: Emulator, rows: dict[str, str]) -> None:
    status, body = send(emulator, "PATCH", f"/v1/pages/{rows['live']}", {"is_archived": "yes"})
    assert (status, body["code"]) == (400, "validation_error")
    assert "body.is_archived" in body["message"]


def test_pages_cannot_be_created_archived(emulator: Emulator, board: Roadmap) -> None:
    status, body = send(
        emulator,
        "POST",
        "/v1/pages",
        {"parent": {"data_source_id": board.epics}, "is_archived": True},
    )
    assert (status, body["code"]) == (400, "validation_error")


# -- what a query returns -----------------------------------------------------------------


def test_archived_page_is_left_out_of_queries(
    emulator: Emulator, board: Roadmap, rows: dict[str, str]
) -> None:
    assert query_ids(emulator, board.epics) == {rows["live"]}


def test_query_with_is_archived_returns_the_archived_pages_instead(
    emulator: Emulator, board: Roadmap, rows: dict[str, str]
) -> None:
    assert query_ids(emulator, board.epics, {"is_archived": True}) == {rows["archived"]}
    assert query_ids(emulator, board.epics, {"is_archived": False}) == {rows["live"]}


def test_query_with_in_trash_adds_trashed_pages_but_not_archived_ones(
    emulator: Emulator, board: Roadmap, rows: dict[str, str]
) -> None:
    expected = {rows["live"], rows["trashed"]}
    assert query_ids(emulator, board.epics, {"in_trash": True}) == expected
    assert query_ids(emulator, board.epics, {"archived": True}) == expected


def test_query_with_both_flags_returns_archived_pages_trashed_or_not(
    emulator: Emulator, board: Roadmap, rows: dict[str, str]
) -> None:
    both = {"is_archived": True, "in_trash": True}
    assert query_ids(emulator, board.epics, both) == {rows["archived"], rows["both"]}


def test_unarchived_page_comes_back_to_queries(
    emulator: Emulator, board: Roadmap, rows: dict[str, str]
) -> None:
    assert rows["archived"] not in query_ids(emulator, board.epics)  # cached while unchanged
    ok(emulator, "PATCH", f"/v1/pages/{rows['archived']}", {"is_archived": False})
    assert query_ids(emulator, board.epics) == {rows["live"], rows["archived"]}


@pytest.mark.parametrize("flag", ["is_archived", "in_trash", "archived"])
def test_query_state_flags_must_be_booleans(emulator: Emulator, board: Roadmap, flag: str) -> None:
    status, body = send(emulator, "POST", f"/v1/data_sources/{board.epics}/query", {flag: 1})
    assert (status, body["code"]) == (400, "validation_error")
    assert f"body.{flag}" in body["message"]


def test_notion_client_query_flags_still_reach_the_trash(
    client: notion_client.Client, board: Roadmap, rows: dict[str, str]
) -> None:
    """notion-client 3.1.0 sends ``in_trash`` / ``archived``; they keep their meaning."""
    found = client.data_sources.query(board.epics, in_trash=True)["results"]
    assert {row["id"] for row in found} == {rows["live"], rows["trashed"]}


# -- elsewhere ------------------------------------------------------------------------------


def test_search_still_finds_an_archived_page(
    emulator: Emulator, workshop: Workshop, root_page: str
) -> None:
    page = workshop.add_page("Archived plan", root_page)
    workshop.archive(page)
    found = ok(emulator, "POST", "/v1/search", {"query": "Archived plan"})["results"]
    assert [(r["id"], r["is_archived"]) for r in found] == [(page, True)]


def test_archive_state_survives_save_and_load(
    tmp_path: Path, workshop: Workshop, rows: dict[str, str]
) -> None:
    saved = tmp_path / "workspace.json"
    workshop.workspace.save(saved)
    loaded = Workspace.load(saved)
    assert {n: loaded.pages[p].is_archived for n, p in rows.items()} == {
        "live": False,
        "archived": True,
        "trashed": False,
        "both": True,
    }


def test_state_saved_before_the_archive_existed_loads_unarchived(
    tmp_path: Path, workshop: Workshop, rows: dict[str, str]
) -> None:
    document = workshop.workspace.to_json()
    for page in document["pages"].values():
        del page["is_archived"]
    loaded = Workspace.from_json(document)
    assert not any(page.is_archived for page in loaded.pages.values())
