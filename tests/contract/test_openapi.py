"""The emulator's answers, and the requests these tests send, against Notion's OpenAPI.

One realistic session (:func:`exchanges`) exercises every endpoint the emulator serves:
users, databases, data sources (with filters and sorts), pages and their property items,
blocks, comments and search, plus a few errors. Each request body is validated against the
operation's ``requestBody`` schema and each answer against the schema of its status, after
the 2025-09-03 -> 2026-03-11 normalization of :mod:`tests.contract.openapi`.

The same normalization must also be enough for Notion's **own** recorded answers
(:func:`test_recorded_answers_match_the_description`): it bridges versions, it does not
excuse the emulator.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

import pytest
from jsonschema import Draft202012Validator  # type: ignore[import-untyped]

from emulator import Emulator, Fault, ManualClock, RateLimit, Request
from emulator.core import ROUTES, Route
from emulator.seeds import empty_workshop
from tests.contract import openapi
from tests.contract.recordings import all_cassettes

START = 1_796_000_000.0


def template(route: Route) -> str:
    """``/v1/pages/{page_id}`` from a route's compiled pattern."""
    return re.sub(r"\(\?P<(\w+)>\[\^/\]\+\)", r"{\1}", route.pattern.pattern).strip("^$")


SERVED = [(route.method, template(route)) for route in ROUTES]


def template_of(method: str, path: str) -> str | None:
    for route in ROUTES:
        if route.method == method and route.pattern.match(path):
            return template(route)
    return None


@dataclass(frozen=True)
class Exchange:
    method: str
    template: str
    path: str
    body: Any
    """The JSON request body (None: no body)."""
    status: int
    answer: Any

    def __str__(self) -> str:
        return f"{self.method} {self.path} -> {self.status}"


class Session:
    """Sends requests to one emulator and keeps every exchange."""

    def __init__(self, emulator: Emulator, clock: ManualClock) -> None:
        self.emulator = emulator
        self.clock = clock
        self.exchanges: list[Exchange] = []

    def send(
        self,
        method: str,
        path_template: str,
        body: Any = None,
        *,
        query: dict[str, str] | list[tuple[str, str]] | None = None,
        expect: int = 200,
        token: str = "secret",
        version: str | None = "2025-09-03",
        **params: str,
    ) -> Any:
        path = path_template.format(**{k: quote(v, safe="%") for k, v in params.items()})
        self.clock.advance(61.0)
        headers = {"authorization": f"Bearer {token}"}
        if version is not None:
            headers["notion-version"] = version
        response = self.emulator.handle(
            Request(
                method=method,
                path=path,
                query=urlencode(query or {}),
                headers=headers,
                body=b"" if body is None else json.dumps(body).encode(),
            )
        )
        answer = response.json()
        self.exchanges.append(Exchange(method, path_template, path, body, response.status, answer))
        assert response.status == expect, f"{method} {path}: {response.status} {answer}"
        return answer


def text(content: str) -> list[dict[str, Any]]:
    return [{"type": "text", "text": {"content": content}}]


def _roadmap(session: Session, root: str, person: str) -> dict[str, Any]:
    """Databases, data sources, pages and property items."""
    send = session.send
    epics_db = send(
        "POST",
        "/v1/databases",
        {
            "parent": {"type": "page_id", "page_id": root},
            "title": text("Epics"),
            "description": text("Quarter epics"),
            "icon": {"type": "emoji", "emoji": "🚀"},
            "initial_data_source": {
                "properties": {
                    "Name": {"title": {}},
                    "Estimate": {"number": {"format": "number"}},
                    "Status": {"status": {}},
                    "Priority": {
                        "select": {"options": [{"name": "P0", "color": "red"}, {"name": "P1"}]}
                    },
                    "Tags": {"multi_select": {"options": [{"name": "Growth", "color": "green"}]}},
                    "Owner": {"people": {}},
                    "Dates": {"date": {}},
                    "Done": {"checkbox": {}},
                    "Link": {"url": {}},
                    "Contact": {"email": {}},
                    "Phone": {"phone_number": {}},
                    "Summary": {"rich_text": {}},
                    "Files": {"files": {}},
                    "Created": {"created_time": {}},
                    "Edited": {"last_edited_time": {}},
                    "Creator": {"created_by": {}},
                    "Editor": {"last_edited_by": {}},
                    "Key": {"unique_id": {"prefix": "EPIC"}},
                    "Double": {"formula": {"expression": 'prop("Estimate") * 2'}},
                }
            },
        },
    )
    epics = epics_db["data_sources"][0]["id"]
    send("GET", "/v1/databases/{database_id}", database_id=epics_db["id"])
    send(
        "PATCH",
        "/v1/databases/{database_id}",
        {"title": text("Epics (Q4)"), "is_locked": False},
        database_id=epics_db["id"],
    )
    tasks_db = send(
        "POST",
        "/v1/databases",
        {"parent": {"type": "page_id", "page_id": root}, "title": text("Tasks"), "is_inline": True},
    )
    tasks = send(
        "POST",
        "/v1/data_sources",
        {
            "parent": {"type": "database_id", "database_id": tasks_db["id"]},
            "title": text("Tasks"),
            "properties": {
                "Task": {"title": {}},
                "Points": {"number": {}},
                "Due": {"date": {}},
                "Epic": {
                    "relation": {
                        "data_source_id": epics,
                        "type": "dual_property",
                        "dual_property": {"synced_property_name": "Tasks"},
                    }
                },
            },
        },
    )["id"]
    send("GET", "/v1/data_sources/{data_source_id}", data_source_id=tasks)
    send(
        "PATCH",
        "/v1/data_sources/{data_source_id}",
        {
            "title": text("Epics"),
            "properties": {
                "Points": {
                    "rollup": {
                        "relation_property_name": "Tasks",
                        "rollup_property_name": "Points",
                        "function": "sum",
                    }
                },
                "Link": {"name": "Website"},
                "Label": {"formula": {"expression": 'if(prop("Done"), "done", "open")'}},
                "Due dates": {
                    "rollup": {
                        "relation_property_name": "Tasks",
                        "rollup_property_name": "Due",
                        "function": "latest_date",
                    }
                },
                "Median points": {
                    "rollup": {
                        "relation_property_name": "Tasks",
                        "rollup_property_name": "Points",
                        "function": "median",
                    }
                },
                "Task names": {
                    "rollup": {
                        "relation_property_name": "Tasks",
                        "rollup_property_name": "Task",
                        "function": "show_original",
                    }
                },
            },
        },
        data_source_id=epics,
    )
    epic = send(
        "POST",
        "/v1/pages",
        {
            "parent": {"type": "data_source_id", "data_source_id": epics},
            "icon": {"type": "emoji", "emoji": "📈"},
            "properties": {
                "Name": {"title": text("Self-serve checkout")},
                "Estimate": {"number": 8},
                "Status": {"status": {"name": "In progress"}},
                "Priority": {"select": {"name": "P0"}},
                "Tags": {"multi_select": [{"name": "Growth"}, {"name": "Q4"}]},
                "Owner": {"people": [{"id": person}]},
                "Dates": {"date": {"start": "2026-10-01", "end": "2026-12-15"}},
                "Done": {"checkbox": False},
                "Website": {"url": "https://example.com/checkout"},
                "Contact": {"email": "camille@example.com"},
                "Phone": {"phone_number": "+33 1 23 45 67 89"},
                "Summary": {"rich_text": text("Let people buy without a call.")},
                "Files": {
                    "files": [
                        {"name": "spec.pdf", "external": {"url": "https://example.com/spec.pdf"}}
                    ]
                },
            },
            "children": [
                {"type": "paragraph", "paragraph": {"rich_text": text("Why this matters.")}}
            ],
        },
    )
    task = send(
        "POST",
        "/v1/pages",
        {
            "parent": {"type": "data_source_id", "data_source_id": tasks},
            "properties": {
                "Task": {"title": text("Design the cart")},
                "Points": {"number": 3},
                "Due": {"date": {"start": "2026-11-02T09:30:00", "time_zone": "Europe/Paris"}},
                "Epic": {"relation": [{"id": epic["id"]}]},
            },
        },
    )
    send(
        "POST",
        "/v1/pages",
        {
            "parent": {"type": "data_source_id", "data_source_id": tasks},
            "properties": {"Task": {"title": text("Write the copy")}, "Points": {"number": 2}},
        },
    )
    send("GET", "/v1/pages/{page_id}", page_id=epic["id"])
    send("GET", "/v1/pages/{page_id}", query=[("filter_properties", "title")], page_id=epic["id"])
    send(
        "PATCH",
        "/v1/pages/{page_id}",
        {
            "properties": {
                "Estimate": {"number": 13},
                "Status": {"status": {"name": "Done"}},
                "Dates": {"date": None},
            },
            "icon": {"type": "emoji", "emoji": "✅"},
        },
        page_id=epic["id"],
    )
    schema = send("GET", "/v1/data_sources/{data_source_id}", data_source_id=epics)["properties"]
    for name in (
        "Label",
        "Due dates",
        "Task names",
        "Median points",
        "Name",
        "Tasks",
        "Estimate",
        "Owner",
        "Summary",
        "Points",
        "Double",
        "Status",
        "Dates",
    ):
        send(
            "GET",
            "/v1/pages/{page_id}/properties/{property_id}",
            page_id=epic["id"],
            property_id=schema[name]["id"],
        )
    send(
        "GET",
        "/v1/pages/{page_id}/properties/{property_id}",
        query={"page_size": "1"},
        page_id=epic["id"],
        property_id=schema["Name"]["id"],
    )
    return {"epics": epics, "tasks": tasks, "epic": epic["id"], "task": task["id"]}


def _queries(session: Session, epics: str, tasks: str, person: str) -> None:
    send = session.send
    send("POST", "/v1/data_sources/{data_source_id}/query", {}, data_source_id=tasks)
    send(
        "POST",
        "/v1/data_sources/{data_source_id}/query",
        {
            "filter": {
                "and": [
                    {"property": "Estimate", "number": {"greater_than_or_equal_to": 5}},
                    {
                        "or": [
                            {"property": "Status", "status": {"equals": "Done"}},
                            {"property": "Priority", "select": {"equals": "P0"}},
                            {"property": "Tags", "multi_select": {"contains": "Growth"}},
                        ]
                    },
                    {"property": "Owner", "people": {"contains": person}},
                    {"property": "Dates", "date": {"on_or_after": "2026-09-01"}},
                    {"property": "Name", "title": {"contains": "checkout"}},
                    {"property": "Done", "checkbox": {"equals": False}},
                ]
            },
            "sorts": [
                {"property": "Estimate", "direction": "descending"},
                {"timestamp": "created_time", "direction": "ascending"},
            ],
            "page_size": 10,
        },
        data_source_id=epics,
    )
    first = send(
        "POST",
        "/v1/data_sources/{data_source_id}/query",
        {
            "filter": {"timestamp": "last_edited_time", "last_edited_time": {"past_week": {}}},
            "sorts": [{"property": "Task", "direction": "ascending"}],
            "page_size": 1,
        },
        data_source_id=tasks,
    )
    send(
        "POST",
        "/v1/data_sources/{data_source_id}/query",
        {
            "filter": {"timestamp": "last_edited_time", "last_edited_time": {"past_week": {}}},
            "sorts": [{"property": "Task", "direction": "ascending"}],
            "page_size": 1,
            "start_cursor": first["next_cursor"],
        },
        data_source_id=tasks,
    )
    send(
        "POST",
        "/v1/data_sources/{data_source_id}/query",
        {"filter": {"property": "Epic", "relation": {"is_not_empty": True}}},
        query=[("filter_properties", "title")],
        data_source_id=tasks,
    )


def _blocks(session: Session, root: str, person: str) -> None:
    send = session.send
    page = send(
        "POST",
        "/v1/pages",
        {
            "parent": {"type": "page_id", "page_id": root},
            "properties": {"title": {"title": text("Plan")}},
        },
    )["id"]
    appended = send(
        "PATCH",
        "/v1/blocks/{block_id}/children",
        {
            "children": [
                {"type": "heading_2", "heading_2": {"rich_text": text("Goals")}},
                {
                    "type": "paragraph",
                    "paragraph": {"rich_text": text("Ship it."), "color": "blue"},
                },
                {"type": "to_do", "to_do": {"rich_text": text("Review"), "checked": True}},
                {"type": "bulleted_list_item", "bulleted_list_item": {"rich_text": text("One")}},
                {"type": "numbered_list_item", "numbered_list_item": {"rich_text": text("Two")}},
                {"type": "quote", "quote": {"rich_text": text("Less is more.")}},
                {
                    "type": "callout",
                    "callout": {
                        "rich_text": text("Heads up"),
                        "icon": {"type": "emoji", "emoji": "⚠️"},
                    },
                },
                {"type": "code", "code": {"rich_text": text("print(1)"), "language": "python"}},
                {"type": "divider", "divider": {}},
                {"type": "equation", "equation": {"expression": "e = mc^2"}},
                {"type": "bookmark", "bookmark": {"url": "https://example.com"}},
                {
                    "type": "toggle",
                    "toggle": {
                        "rich_text": text("Details"),
                        "children": [
                            {"type": "paragraph", "paragraph": {"rich_text": text("Inside")}}
                        ],
                    },
                },
                {
                    "type": "table",
                    "table": {
                        "table_width": 2,
                        "has_column_header": True,
                        "children": [
                            {"type": "table_row", "table_row": {"cells": [text("a"), text("b")]}},
                            {"type": "table_row", "table_row": {"cells": [text("1"), text("2")]}},
                        ],
                    },
                },
                {
                    "type": "paragraph",
                    "paragraph": {
                        "rich_text": [
                            {"type": "mention", "mention": {"type": "page", "page": {"id": root}}},
                            {
                                "type": "mention",
                                "mention": {"type": "date", "date": {"start": "2026-10-01"}},
                            },
                            {"type": "equation", "equation": {"expression": "x^2"}},
                            {
                                "type": "text",
                                "text": {"content": "link", "link": {"url": "https://example.com"}},
                                "annotations": {"bold": True},
                            },
                        ]
                    },
                },
            ]
        },
        block_id=page,
    )["results"]
    send(
        "PATCH",
        "/v1/blocks/{block_id}/children",
        {
            "children": [
                {
                    "type": "heading_1",
                    "heading_1": {"rich_text": text("Big"), "is_toggleable": True},
                },
                {"type": "heading_3", "heading_3": {"rich_text": text("Small"), "color": "gray"}},
                {"type": "table_of_contents", "table_of_contents": {}},
                {"type": "breadcrumb", "breadcrumb": {}},
                {
                    "type": "column_list",
                    "column_list": {
                        "children": [
                            {
                                "type": "column",
                                "column": {
                                    "children": [
                                        {"type": "paragraph", "paragraph": {"rich_text": text("L")}}
                                    ]
                                },
                            },
                            {
                                "type": "column",
                                "column": {
                                    "children": [
                                        {"type": "paragraph", "paragraph": {"rich_text": text("R")}}
                                    ]
                                },
                            },
                        ]
                    },
                },
                {"type": "link_to_page", "link_to_page": {"type": "page_id", "page_id": root}},
                {"type": "embed", "embed": {"url": "https://example.com/embed"}},
                {
                    "type": "image",
                    "image": {"type": "external", "external": {"url": "https://example.com/a.png"}},
                },
                {
                    "type": "synced_block",
                    "synced_block": {
                        "synced_from": None,
                        "children": [{"type": "paragraph", "paragraph": {"rich_text": text("S")}}],
                    },
                },
                {
                    "type": "quote",
                    "quote": {
                        "rich_text": [
                            {
                                "type": "mention",
                                "mention": {"type": "user", "user": {"id": person}},
                            },
                        ]
                    },
                },
            ]
        },
        block_id=page,
    )
    first, second = appended[0]["id"], appended[1]["id"]
    send(
        "PATCH",
        "/v1/blocks/{block_id}/children",
        {
            "children": [{"type": "paragraph", "paragraph": {"rich_text": text("Inserted")}}],
            "position": {"type": "after_block", "after_block": {"id": first}},
        },
        block_id=page,
    )
    send(
        "PATCH",
        "/v1/blocks/{block_id}/children",
        {
            "children": [{"type": "paragraph", "paragraph": {"rich_text": text("Legacy after")}}],
            "after": second,
        },
        block_id=page,
    )
    send("GET", "/v1/blocks/{block_id}/children", block_id=page)
    send("GET", "/v1/blocks/{block_id}/children", query={"page_size": "2"}, block_id=page)
    send("GET", "/v1/blocks/{block_id}", block_id=first)
    send("GET", "/v1/blocks/{block_id}", block_id=page)
    send(
        "PATCH",
        "/v1/blocks/{block_id}",
        {"paragraph": {"rich_text": text("Ship it now."), "color": "red"}},
        block_id=second,
    )
    send("DELETE", "/v1/blocks/{block_id}", block_id=second)
    send("PATCH", "/v1/blocks/{block_id}", {"in_trash": False}, block_id=second)
    send("PATCH", "/v1/blocks/{block_id}", {"archived": True}, block_id=second)


def _comments_and_search(session: Session, page: str) -> None:
    send = session.send
    comment = send(
        "POST", "/v1/comments", {"parent": {"page_id": page}, "rich_text": text("Looks good.")}
    )
    send(
        "POST",
        "/v1/comments",
        {"discussion_id": comment["discussion_id"], "rich_text": text("Thanks!")},
    )
    send("GET", "/v1/comments", query={"block_id": page})
    send("GET", "/v1/comments/{comment_id}", comment_id=comment["id"])
    send("POST", "/v1/search", {})
    send(
        "POST",
        "/v1/search",
        {"query": "Epics", "filter": {"property": "object", "value": "data_source"}},
    )
    send(
        "POST",
        "/v1/search",
        {
            "query": "checkout",
            "filter": {"property": "object", "value": "page"},
            "sort": {"timestamp": "last_edited_time", "direction": "ascending"},
            "page_size": 5,
        },
    )


def _archive(session: Session, epics: str, epic: str) -> None:
    """The archived state (pages' ``is_archived``), apart from the trash."""
    send = session.send
    send("PATCH", "/v1/pages/{page_id}", {"is_archived": True}, page_id=epic)
    send("GET", "/v1/pages/{page_id}", page_id=epic)
    query = "/v1/data_sources/{data_source_id}/query"
    assert send("POST", query, {"is_archived": True}, data_source_id=epics)["results"]
    send("POST", query, {"in_trash": True, "page_size": 5}, data_source_id=epics)
    send("PATCH", "/v1/pages/{page_id}", {"is_archived": False}, page_id=epic)


def _errors(session: Session, page: str) -> None:
    send = session.send
    send("GET", "/v1/pages/{page_id}", expect=404, page_id="00000000-0000-4000-8000-000000000000")
    send("GET", "/v1/users", expect=401, token="not-the-token")
    send("GET", "/v1/users", expect=400, version=None)
    send("POST", "/v1/search", {"page_size": 101}, expect=400)
    for status in (409, 429, 500, 503, 504, 529):
        session.emulator.inject(Fault(status=status, retry_after=2, path="/v1/pages/"))
        send("GET", "/v1/pages/{page_id}", expect=status, page_id=page)
    session.emulator.inject(Fault(kind="committed_503", method="PATCH", path="/children$"))
    send(
        "PATCH",
        "/v1/blocks/{block_id}/children",
        {"children": [{"type": "paragraph", "paragraph": {"rich_text": text("Saved anyway")}}]},
        expect=503,
        block_id=page,
    )
    send(
        "PATCH",
        "/v1/pages/{page_id}",
        {"properties": {"Nope": {"number": 1}}},
        expect=400,
        page_id=page,
    )


def run_session() -> list[Exchange]:
    """The whole session against a fresh emulator, in order."""
    clock = ManualClock(START)
    workshop = empty_workshop()
    workshop.store.clock = clock
    root = next(p.id for p in workshop.workspace.pages.values() if p.shared)
    person = next(u.id for u in workshop.workspace.users.values() if u.type == "person")
    emulator = Emulator(
        workshop.workspace, token="secret", clock=clock, rate_limit=RateLimit(budget=None)
    )
    session = Session(emulator, clock)
    me = session.send("GET", "/v1/users/me")
    session.send("GET", "/v1/users")
    session.send("GET", "/v1/users", query={"page_size": "1"})
    session.send("GET", "/v1/users/{user_id}", user_id=person)
    session.send("GET", "/v1/users/{user_id}", user_id=me["id"])
    made = _roadmap(session, root, person)
    _queries(session, made["epics"], made["tasks"], person)
    _blocks(session, root, person)
    session.send("GET", "/v1/blocks/{block_id}/children", block_id=root)
    _comments_and_search(session, made["epic"])
    session.send("PATCH", "/v1/pages/{page_id}", {"in_trash": True}, page_id=made["task"])
    session.send("PATCH", "/v1/pages/{page_id}", {"archived": False}, page_id=made["task"])
    _archive(session, made["epics"], made["epic"])
    session.send(
        "PATCH",
        "/v1/data_sources/{data_source_id}",
        {"in_trash": True},
        data_source_id=made["tasks"],
    )
    _errors(session, made["epic"])
    return session.exchanges


@pytest.fixture(scope="module")
def exchanges() -> list[Exchange]:
    return run_session()


def _of(exchanges: list[Exchange], method: str, path_template: str) -> Iterator[Exchange]:
    return (e for e in exchanges if (e.method, e.template) == (method, path_template))


def _endpoint_id(endpoint: tuple[str, str]) -> str:
    return f"{endpoint[0]} {endpoint[1]}"


@pytest.mark.parametrize("endpoint", SERVED, ids=_endpoint_id)
def test_answers_match_the_description(
    exchanges: list[Exchange], endpoint: tuple[str, str]
) -> None:
    seen = list(_of(exchanges, *endpoint))
    assert seen, f"{_endpoint_id(endpoint)} is never exercised"
    problems = [
        f"{exchange}:\n    " + "\n    ".join(errors)
        for exchange in seen
        if (
            errors := openapi.response_errors(
                exchange.method, exchange.template, exchange.status, exchange.answer
            )
        )
    ]
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize(
    "endpoint", [e for e in SERVED if e[0] in ("POST", "PATCH")], ids=_endpoint_id
)
def test_requests_match_the_description(
    exchanges: list[Exchange], endpoint: tuple[str, str]
) -> None:
    seen = [e for e in _of(exchanges, *endpoint) if e.status == 200]
    assert seen
    problems = [
        f"{exchange}:\n    " + "\n    ".join(errors)
        for exchange in seen
        if (errors := openapi.request_errors(exchange.method, exchange.template, exchange.body))
    ]
    assert not problems, "\n".join(problems)


def test_page_is_archived_rule_excuses_nothing_the_emulator_answers(
    exchanges: list[Exchange],
) -> None:
    """``page-is-archived`` fills the key for Oct 2025 recordings only: every page the
    emulator answers carries ``is_archived`` itself, some of them ``true``."""
    pages = [page for exchange in exchanges for page in openapi.objects(exchange.answer, "page")]
    assert pages
    assert all(isinstance(page.get("is_archived"), bool) for page in pages)
    assert any(page["is_archived"] for page in pages)


def test_error_answers_are_exercised(exchanges: list[Exchange]) -> None:
    assert {e.status for e in exchanges} >= {200, 400, 401, 404}


def test_recorded_answers_match_the_description() -> None:
    """Notion's own 2025-09-03 answers (Oct 2025 - Apr 2026) pass with the same normalization.

    The Dec 2024 cassettes are left out: they predate 2025-09-03 (see ``recordings.py``).
    """
    problems = []
    checked = 0
    for cassette in all_cassettes():
        if cassette.era == "2024-12":
            continue
        for interaction in cassette.interactions:
            path_template = template_of(interaction.method, interaction.path)
            if path_template is None or interaction.host != "api.notion.com":
                continue
            checked += 1
            errors = openapi.response_errors(
                interaction.method, path_template, interaction.status, interaction.response
            )
            if interaction.body.strip() and interaction.status == 200:
                errors += openapi.request_errors(
                    interaction.method, path_template, json.loads(interaction.body)
                )
            if errors:
                problems.append(
                    f"{cassette.name} {interaction.describe()}:\n    " + "\n    ".join(errors)
                )
    assert checked > 100
    assert not problems, "\n".join(problems)


def test_the_description_is_read_literally_except_for_intersections() -> None:
    """Without :func:`openapi.close_intersections` even Notion's own rich text is refused."""
    recorded = {
        "type": "text",
        "text": {"content": "Test", "link": None},
        "annotations": {
            "bold": False,
            "italic": False,
            "strikethrough": False,
            "underline": False,
            "code": False,
            "color": "default",
        },
        "plain_text": "Test",
        "href": None,
    }
    literal = Draft202012Validator(
        {
            "$ref": "#/components/schemas/richTextItemResponse",
            "components": openapi.raw_spec()["components"],
        }
    )
    assert not literal.is_valid(recorded)
    fixed = openapi.validator_for("#/components/schemas/richTextItemResponse")
    assert fixed.is_valid(recorded)
    assert not fixed.is_valid({**recorded, "unexpected": 1})


README = Path(__file__).resolve().parents[2] / "emulator" / "README.md"


def test_readme_lists_every_endpoint_and_normalization_rule() -> None:
    """``emulator/README.md`` documents what is served and every rule used to validate it."""
    readme = README.read_text(encoding="utf-8")
    missing = [f"{m} {p}" for m, p in SERVED if f"| `{m}` | `{p}` |" not in readme]
    missing += [
        rule.name
        for rule in (*openapi.RESPONSE_RULES, *openapi.REQUEST_RULES)
        if f"`{rule.name}`" not in readme
    ]
    assert not missing


def test_template_for_finds_the_operation_of_a_concrete_path() -> None:
    assert openapi.template_for("GET", "/v1/users/me") == "/v1/users/me"
    assert openapi.template_for("GET", "/v1/users/5b8183bd") == "/v1/users/{user_id}"
    assert (
        openapi.template_for("GET", "/v1/pages/28399f72/properties/%3AUPp")
        == "/v1/pages/{page_id}/properties/{property_id}"
    )
    with pytest.raises(KeyError):
        openapi.template_for("PUT", "/v1/pages/28399f72")


def test_every_served_endpoint_is_described() -> None:
    assert [openapi.template_for(m, p) for m, p in SERVED] == [p for _, p in SERVED]


def test_the_helpers_refuse_what_the_description_refuses(exchanges: list[Exchange]) -> None:
    page = next(
        e
        for e in exchanges
        if (e.method, e.template, e.status) == ("GET", "/v1/pages/{page_id}", 200)
    )
    openapi.assert_response_valid("GET", page.template, 200, page.answer)
    broken = {**page.answer, "unknown": 1}
    with pytest.raises(AssertionError, match="'unknown' was unexpected"):
        openapi.assert_response_valid("GET", page.template, 200, broken)
    with pytest.raises(AssertionError, match="is not of type 'boolean'"):
        openapi.assert_response_valid("GET", page.template, 200, {**page.answer, "in_trash": "no"})
    with pytest.raises(AssertionError, match="is not a 'uuid'"):
        openapi.assert_response_valid("GET", page.template, 200, {**page.answer, "id": "nope"})
    with pytest.raises(AssertionError, match="'propertiez' was unexpected"):
        openapi.assert_request_valid(
            "POST", "/v1/pages", {"parent": {"page_id": page.answer["id"]}, "propertiez": {}}
        )
