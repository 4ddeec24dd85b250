"""notion-client and its own helpers, unchanged, against the emulator's HTTP server."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import notion_client
import pytest
from notion_client.helpers import collect_paginated_api, iterate_paginated_api

from emulator import Emulator, EmulatorServer, RateLimit, Workshop
from emulator.seeds import empty_workshop
from emulator.server import wait_until_ready
from tests.emulator.builders import Roadmap, roadmap, text, title


@pytest.fixture(scope="module")
def served() -> Iterator[tuple[Workshop, Roadmap, EmulatorServer]]:
    workshop = empty_workshop()
    root = next(p.id for p in workshop.workspace.pages.values() if p.shared)
    board = roadmap(workshop, root)
    epic = workshop.add_row(board.epics, {"Name": title("Big epic"), "Estimate": {"number": 5}})
    for number in range(250):
        related = {"Epic": {"relation": [{"id": epic}]}} if number < 60 else {}
        workshop.add_row(
            board.tasks,
            {"Name": title(f"Task {number:03d}"), "Points": {"number": number % 7}, **related},
        )
    server = EmulatorServer(Emulator(workshop.workspace, rate_limit=RateLimit(budget=None)), port=0)
    server.start()
    wait_until_ready(server)
    yield workshop, board, server
    server.stop()


@pytest.fixture
def client(served: tuple[Workshop, Roadmap, EmulatorServer]) -> Iterator[notion_client.Client]:
    made = notion_client.Client(auth="any-token", base_url=served[2].base_url)
    yield made
    made.close()


def test_filter_sort_and_paginate_250_rows(
    client: notion_client.Client, served: tuple[Workshop, Roadmap, EmulatorServer]
) -> None:
    board = served[1]
    rows = collect_paginated_api(
        client.data_sources.query,
        data_source_id=board.tasks,
        filter={
            "and": [
                {"property": "Points", "number": {"greater_than_or_equal_to": 1}},
                {"property": "Name", "title": {"starts_with": "Task"}},
            ]
        },
        sorts=[
            {"property": "Points", "direction": "descending"},
            {"property": "Name", "direction": "ascending"},
        ],
        page_size=100,
    )
    expected = sorted((n for n in range(250) if n % 7 >= 1), key=lambda n: (-(n % 7), n))
    assert [r["properties"]["Name"]["title"][0]["plain_text"] for r in rows] == [
        f"Task {n:03d}" for n in expected
    ]


def test_all_rows_arrive_in_pages_of_100(
    client: notion_client.Client, served: tuple[Workshop, Roadmap, EmulatorServer]
) -> None:
    board, server = served[1], served[2]
    server.emulator.clear_log()
    rows = list(
        iterate_paginated_api(client.data_sources.query, data_source_id=board.tasks, page_size=100)
    )
    assert len(rows) == 250
    assert len({r["id"] for r in rows}) == 250
    assert len(server.emulator.requests("POST", "/query$")) == 3


def test_relation_with_60_entries_through_property_items(
    client: notion_client.Client, served: tuple[Workshop, Roadmap, EmulatorServer]
) -> None:
    board = served[1]
    epic = client.data_sources.query(
        board.epics, filter={"property": "Name", "title": {"equals": "Big epic"}}
    )["results"][0]
    page_value = epic["properties"]["Tasks"]
    assert (len(page_value["relation"]), page_value["has_more"]) == (25, True)
    items = collect_paginated_api(
        client.pages.properties.retrieve, page_id=epic["id"], property_id=page_value["id"]
    )
    assert len(items) == 60
    assert all(item["object"] == "property_item" and item["type"] == "relation" for item in items)
    assert epic["properties"]["Points"]["rollup"]["number"] == sum(n % 7 for n in range(60))


def test_page_update_round_trips(
    client: notion_client.Client, served: tuple[Workshop, Roadmap, EmulatorServer]
) -> None:
    board = served[1]
    page = client.pages.create(
        parent={"data_source_id": board.epics}, properties={"Name": title("Updated")}
    )
    updated = client.pages.update(
        page["id"],
        properties={"Estimate": {"number": 4}, "Tags": {"multi_select": [{"name": "new-tag"}]}},
    )
    assert updated["properties"]["Estimate"]["number"] == 4
    assert updated["properties"]["Double"]["formula"] == {"type": "number", "number": 8}
    schema = client.data_sources.retrieve(board.epics)["properties"]["Tags"]["multi_select"][
        "options"
    ]
    assert "new-tag" in [o["name"] for o in schema]


def test_block_append_list_update_delete(
    client: notion_client.Client, served: tuple[Workshop, Roadmap, EmulatorServer]
) -> None:
    board = served[1]
    page = client.pages.create(
        parent={"data_source_id": board.epics}, properties={"Name": title("Blocks")}
    )
    first = client.blocks.children.append(
        page["id"], children=[{"paragraph": {"rich_text": text("one")}}]
    )["results"][0]
    client.blocks.children.append(
        page["id"],
        children=[{"heading_2": {"rich_text": text("zero")}}],
        position={"type": "start"},
    )
    client.blocks.update(first["id"], paragraph={"rich_text": text("uno")})
    listed = client.blocks.children.list(page["id"])["results"]
    assert [b["type"] for b in listed] == ["heading_2", "paragraph"]
    assert listed[1]["paragraph"]["rich_text"][0]["plain_text"] == "uno"
    assert client.blocks.delete(first["id"])["in_trash"] is True
    assert [b["type"] for b in client.blocks.children.list(page["id"])["results"]] == ["heading_2"]


def test_comments_and_search(
    client: notion_client.Client, served: tuple[Workshop, Roadmap, EmulatorServer]
) -> None:
    board = served[1]
    page = client.pages.create(
        parent={"data_source_id": board.epics}, properties={"Name": title("Searchable epic")}
    )
    client.comments.create(parent={"page_id": page["id"]}, rich_text=text("Looks good"))
    comments = client.comments.list(block_id=page["id"])["results"]
    assert [c["rich_text"][0]["plain_text"] for c in comments] == ["Looks good"]
    found = client.search(query="searchable", filter={"property": "object", "value": "page"})[
        "results"
    ]
    assert [r["id"] for r in found] == [page["id"]]
    sources = client.search(filter={"property": "object", "value": "data_source"})["results"]
    assert {s["id"] for s in sources} == {board.epics, board.tasks}


def test_raw_http_answers_json_with_request_id(
    served: tuple[Workshop, Roadmap, EmulatorServer],
) -> None:
    response = httpx.get(
        f"{served[2].base_url}/v1/users/me",
        headers={"Authorization": "Bearer x", "Notion-Version": "2025-09-03"},
    )
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/json; charset=utf-8"
    assert response.json()["request_id"] == response.headers["x-notion-request-id"]
