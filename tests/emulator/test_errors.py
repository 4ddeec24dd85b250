"""Every refused request answers with Notion's error object: status, code and message style."""

from __future__ import annotations

import json
from typing import Any

import notion_client
import pytest
from notion_client import APIResponseError

from emulator import Emulator, Request, Workshop
from tests.emulator.builders import Roadmap, roadmap, text, title

HEADERS = {
    "authorization": "Bearer t",
    "notion-version": "2025-09-03",
    "content-type": "application/json",
}


def send(
    emulator: Emulator,
    method: str,
    path: str,
    body: Any = None,
    headers: dict[str, str] | None = None,
) -> tuple[int, dict[str, Any]]:
    raw = b"" if body is None else (body if isinstance(body, bytes) else json.dumps(body).encode())
    response = emulator.handle(
        Request(method, path, headers=headers if headers is not None else HEADERS, body=raw)
    )
    return response.status, response.json()


@pytest.fixture
def board(workshop: Workshop, root_page: str) -> Roadmap:
    return roadmap(workshop, root_page)


def test_error_body_has_notions_shape(emulator: Emulator) -> None:
    status, body = send(emulator, "GET", "/v1/pages/00000000-0000-0000-0000-000000000000")
    assert status == 404
    assert set(body) == {"object", "status", "code", "message", "request_id"}
    assert body["object"] == "error"
    assert body["code"] == "object_not_found"
    assert body["message"] == (
        "Could not find page with ID: 00000000-0000-0000-0000-000000000000. "
        "Make sure the relevant pages and databases are shared with your integration."
    )


@pytest.mark.parametrize(
    ("headers", "status", "code"),
    [
        pytest.param({"notion-version": "2025-09-03"}, 401, "unauthorized", id="missing_token"),
        pytest.param(
            {"authorization": "Bearer ", "notion-version": "2025-09-03"},
            401,
            "unauthorized",
            id="empty_token",
        ),
        pytest.param(
            {"authorization": "Basic abc", "notion-version": "2025-09-03"},
            401,
            "unauthorized",
            id="not_bearer",
        ),
        pytest.param({"authorization": "Bearer t"}, 400, "missing_version", id="missing_version"),
        pytest.param(
            {"authorization": "Bearer t", "notion-version": "2020-01-01"},
            400,
            "validation_error",
            id="unknown_version",
        ),
    ],
)
def test_token_and_version_are_checked(
    emulator: Emulator, headers: dict[str, str], status: int, code: str
) -> None:
    got, body = send(emulator, "GET", "/v1/users/me", headers=headers)
    assert (got, body["code"]) == (status, code)


def test_configured_token_refuses_others(workshop: Workshop) -> None:
    strict = Emulator(workshop.workspace, token="right")
    assert (
        send(strict, "GET", "/v1/users/me", headers={**HEADERS, "authorization": "Bearer wrong"})[0]
        == 401
    )
    assert (
        send(strict, "GET", "/v1/users/me", headers={**HEADERS, "authorization": "Bearer right"})[0]
        == 200
    )


def test_missing_token_message_is_notions(emulator: Emulator) -> None:
    _, body = send(emulator, "GET", "/v1/users", headers={"notion-version": "2025-09-03"})
    assert body["message"] == "API token is invalid."


@pytest.mark.parametrize(
    ("method", "path"),
    [("GET", "/v1/invalid"), ("DELETE", "/v1/pages/x"), ("GET", "/v2/users")],
    ids=["unknown_path", "wrong_method", "unknown_version_prefix"],
)
def test_unknown_url_is_invalid_request_url(emulator: Emulator, method: str, path: str) -> None:
    status, body = send(emulator, method, path)
    assert (status, body["code"], body["message"]) == (
        400,
        "invalid_request_url",
        "Invalid request URL.",
    )


def test_malformed_json_is_invalid_json(emulator: Emulator) -> None:
    status, body = send(emulator, "POST", "/v1/search", b"{not json")
    assert (status, body["code"]) == (400, "invalid_json")


def test_unshared_page_is_not_found(workshop: Workshop, emulator: Emulator) -> None:
    private = workshop.add_page("Private notes", shared=False)
    status, body = send(emulator, "GET", f"/v1/pages/{private}")
    assert (status, body["code"]) == (404, "object_not_found")
    assert private in body["message"]


LONG = "x" * 2001


@pytest.mark.parametrize(
    ("properties", "message"),
    [
        pytest.param(
            {"Name": {"title": [{"text": {"content": LONG}}]}},
            "body.properties.Name.title[0].text.content.length should be ≤ `2000`, instead was `2001`.",
            id="text_over_2000",
        ),
        pytest.param(
            {"Summary": {"rich_text": text("a") * 101}},
            "body.properties.Summary.rich_text.length should be ≤ `100`, instead was `101`.",
            id="rich_text_over_100_items",
        ),
        pytest.param(
            {"Tags": {"multi_select": [{"name": f"t{i}"} for i in range(101)]}},
            "body.properties.Tags.multi_select.length should be ≤ `100`, instead was `101`.",
            id="multi_select_over_100",
        ),
        pytest.param(
            {"Link": {"url": "https://e.com/" + "a" * 2000}},
            "body.properties.Link.url.length should be ≤ `2000`",
            id="url_over_2000",
        ),
        pytest.param(
            {"Nope": {"number": 1}}, "Nope is not a property that exists.", id="unknown_property"
        ),
        pytest.param(
            {"Estimate": {"select": {"name": "x"}}},
            "Estimate is expected to be number.",
            id="wrong_value_type",
        ),
        pytest.param(
            {"Estimate": {"number": "8"}},
            "body.properties.Estimate.number should be a number or `null`, instead was `8`.",
            id="string_for_number",
        ),
        pytest.param(
            {"Double": {"formula": {"number": 3}}},
            "Double is a formula property and cannot be set through the API.",
            id="formula_is_read_only",
        ),
        pytest.param(
            {"Points": {"rollup": {"number": 3}}},
            "Points is a rollup property and cannot be set through the API.",
            id="rollup_is_read_only",
        ),
        pytest.param(
            {"Status": {"status": {"name": "Planned"}}},
            'Invalid status option. Status option "Planned" does not exist.',
            id="unknown_status_option",
        ),
        pytest.param(
            {"Priority": {"select": {"name": "a,b"}}},
            "Select option names cannot contain commas: a,b.",
            id="comma_in_select_option",
        ),
        pytest.param(
            {"Dates": {"date": {"start": "next tuesday"}}},
            "body.properties.Dates.date.start should be a valid ISO 8601 date string",
            id="bad_date",
        ),
    ],
)
def test_page_write_limits_answer_validation_error(
    emulator: Emulator, board: Roadmap, properties: dict[str, Any], message: str
) -> None:
    status, body = send(
        emulator,
        "POST",
        "/v1/pages",
        {"parent": {"data_source_id": board.epics}, "properties": properties},
    )
    assert (status, body["code"]) == (400, "validation_error")
    assert message in body["message"]


def test_relation_over_100_items_is_refused(
    emulator: Emulator, board: Roadmap, workshop: Workshop
) -> None:
    epic = workshop.add_row(board.epics, {"Name": title("E")})
    status, body = send(
        emulator, "POST", "/v1/pages",
        {"parent": {"data_source_id": board.tasks}, "properties": {"Epic": {"relation": [{"id": epic}] * 101}}},
    )  # fmt: skip
    assert status == 400
    assert (
        "body.properties.Epic.relation.length should be ≤ `100`, instead was `101`."
        in body["message"]
    )


def test_refused_write_changes_nothing(
    emulator: Emulator, board: Roadmap, workshop: Workshop
) -> None:
    epic = workshop.add_row(board.epics, {"Name": title("Kept"), "Estimate": {"number": 3}})
    status, _ = send(
        emulator,
        "PATCH",
        f"/v1/pages/{epic}",
        {"properties": {"Estimate": {"number": 9}, "Nope": {"number": 1}}},
    )
    assert status == 400
    assert (
        workshop.render.page(workshop.workspace.pages[epic])["properties"]["Estimate"]["number"]
        == 3
    )


def _paragraphs(count: int) -> list[dict[str, Any]]:
    return [{"paragraph": {"rich_text": text(f"p{i}")}} for i in range(count)]


def _nested(depth: int) -> dict[str, Any]:
    block: dict[str, Any] = {"toggle": {"rich_text": text("leaf")}}
    for _ in range(depth):
        block = {"toggle": {"rich_text": text("level"), "children": [block]}}
    return block


@pytest.mark.parametrize(
    ("children", "message"),
    [
        pytest.param(
            _paragraphs(101),
            "body.children.length should be ≤ `100`, instead was `101`.",
            id="over_100_children",
        ),
        pytest.param(
            [_nested(3)],
            "body.children[0].toggle.children[0].toggle.children[0].toggle.children should be not present",
            id="third_nesting_level",
        ),
        pytest.param(
            [{"paragraph": {"rich_text": [{"text": {"content": LONG}}]}}],
            "body.children[0].paragraph.rich_text[0].text.content.length should be ≤ `2000`, instead was `2001`.",
            id="long_text_in_block",
        ),
        pytest.param(
            [{"paragraph": {"rich_text": text("a") * 101}}],
            "body.children[0].paragraph.rich_text.length should be ≤ `100`, instead was `101`.",
            id="rich_text_over_100_in_block",
        ),
        pytest.param(
            [{"child_page": {"title": "x"}}],
            "cannot be created by appending blocks",
            id="child_page_is_read_only",
        ),
        pytest.param(
            [{"table": {"table_width": 2}, "type": "table"}],
            "body.children[0].table.children should be defined",
            id="table_without_rows",
        ),
    ],
)
def test_append_limits(
    emulator: Emulator, root_page: str, children: list[Any], message: str
) -> None:
    status, body = send(
        emulator, "PATCH", f"/v1/blocks/{root_page}/children", {"children": children}
    )
    assert (status, body["code"]) == (400, "validation_error")
    assert message in body["message"]


def test_two_nesting_levels_are_accepted(emulator: Emulator, root_page: str) -> None:
    status, body = send(
        emulator, "PATCH", f"/v1/blocks/{root_page}/children", {"children": [_nested(2)]}
    )
    assert status == 200, body
    assert body["results"][0]["has_children"] is True


def test_page_size_over_100_is_refused(emulator: Emulator, board: Roadmap) -> None:
    status, body = send(
        emulator, "POST", f"/v1/data_sources/{board.tasks}/query", {"page_size": 101}
    )
    assert status == 400
    assert (
        body["message"]
        == "body failed validation: body.page_size should be ≤ `100`, instead was `101`."
    )


def test_status_options_cannot_be_created_through_the_api(
    emulator: Emulator, board: Roadmap
) -> None:
    status, body = send(
        emulator, "PATCH", f"/v1/data_sources/{board.epics}",
        {"properties": {"Status": {"status": {"options": [{"name": "Dropped"}]}}}},
    )  # fmt: skip
    assert (status, body["code"]) == (400, "validation_error")


def test_editing_a_trashed_page_is_refused(
    emulator: Emulator, board: Roadmap, workshop: Workshop
) -> None:
    epic = workshop.add_row(board.epics, {"Name": title("Gone")})
    assert send(emulator, "PATCH", f"/v1/pages/{epic}", {"in_trash": True})[0] == 200
    status, body = send(
        emulator, "PATCH", f"/v1/pages/{epic}", {"properties": {"Estimate": {"number": 1}}}
    )
    assert status == 400
    assert (
        body["message"]
        == "Can't edit block that is archived. You must unarchive the block before editing."
    )
    retrieved = send(emulator, "GET", f"/v1/pages/{epic}")[1]
    assert (retrieved["in_trash"], retrieved["archived"]) == (True, True)


def test_notion_client_raises_typed_errors(client: notion_client.Client) -> None:
    with pytest.raises(APIResponseError) as raised:
        client.pages.retrieve("00000000000000000000000000000000")
    assert raised.value.code == "object_not_found"
    assert raised.value.status == 404
