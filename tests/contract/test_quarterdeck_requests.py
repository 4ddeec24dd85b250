"""Every request Quarterdeck itself sends is valid for Notion's official OpenAPI description.

The emulator accepting a request proves little if the emulator is lenient; the published
description is the second, independent referee. **Every** request body is validated.

Of the answers, only the first of each route (method + path template) and status is: the
emulator's answers are what ``test_openapi.py`` validates, every route of them, and
validating all of Quarterdeck's (a hundred-row query answer takes a tenth of a second)
made this one test most of the suite's time. One per route still catches an answer shape
Quarterdeck relies on drifting from the description.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import httpx

from emulator import Emulator, RateLimit, build, emulator_transport
from tests.cli_support import run_cli, write_config
from tests.contract.openapi import request_errors, response_errors, template_for
from tests.contract.test_openapi import SERVED


@dataclass(frozen=True)
class Exchange:
    method: str
    path: str
    body: bytes
    status: int
    answer: bytes

    @property
    def template(self) -> str:
        return template_for(self.method, self.path)

    def __str__(self) -> str:
        return f"{self.method} {self.path} -> {self.status}"


class Recorder(httpx.BaseTransport):
    """Passes requests to the emulator and keeps both sides of each exchange."""

    def __init__(self, emulator: Emulator) -> None:
        self.inner = emulator_transport(emulator)
        self.exchanges: list[Exchange] = []

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        response = self.inner.handle_request(request)
        path = request.url.raw_path.decode().split("?", 1)[0]
        self.exchanges.append(
            Exchange(request.method, path, request.read(), response.status_code, response.read())
        )
        return response


def _report(exchange: Exchange, errors: list[str]) -> list[str]:
    return [f"{exchange}:\n    " + "\n    ".join(errors)] if errors else []


def request_problems(exchanges: Iterable[Exchange]) -> list[str]:
    """What is wrong with each request body sent (all of them), one entry per bad request."""
    return [
        problem
        for exchange in exchanges
        if exchange.body
        for problem in _report(
            exchange, request_errors(exchange.method, exchange.template, json.loads(exchange.body))
        )
    ]


def sampled_answers(exchanges: Iterable[Exchange]) -> list[Exchange]:
    """The first exchange of each route and status (an error body has a schema of its own)."""
    first: dict[tuple[str, str, int], Exchange] = {}
    for exchange in exchanges:
        first.setdefault((exchange.method, exchange.template, exchange.status), exchange)
    return list(first.values())


def answer_problems(exchanges: Iterable[Exchange]) -> list[str]:
    """What is wrong with the sampled answers (:func:`sampled_answers`)."""
    return [
        problem
        for exchange in sampled_answers(exchanges)
        for problem in _report(
            exchange,
            response_errors(
                exchange.method, exchange.template, exchange.status, json.loads(exchange.answer)
            ),
        )
    ]


def _run_check_doctor_and_sync(tmp_path: Path) -> list[Exchange]:
    workspace = build("demo", today=date(2026, 11, 16))
    emulator = Emulator(workspace, rate_limit=RateLimit(budget=None))
    recorder = Recorder(emulator)
    root = next(p.id for p in workspace.pages.values() if p.shared)
    extra = f'[sync]\nreports_page = "{root}"\nstate_file = "state.json"\n'
    config = str(write_config(tmp_path / "q.toml", workspace, extra))
    assert run_cli(emulator, "check", "--config", config, transport=recorder).code == 1
    assert run_cli(emulator, "doctor", "--config", config, transport=recorder).code == 0
    assert run_cli(emulator, "sync", "--config", config, transport=recorder).code == 0
    epic = next(
        p for p in workspace.pages.values() if p.children and p.parent.get("data_source_id")
    )
    epic.last_edited_time += 3600  # a person touched it: the next sync looks at its section
    (tmp_path / "state.json").unlink()  # and without state it searches for its sections
    assert run_cli(emulator, "sync", "--config", config, transport=recorder).code == 0
    return recorder.exchanges


def test_check_doctor_and_sync_send_only_valid_requests(tmp_path: Path) -> None:
    exchanges = _run_check_doctor_and_sync(tmp_path)
    routes = {(e.method, e.template) for e in exchanges}
    assert ("POST", "/v1/data_sources/{data_source_id}/query") in routes
    assert ("GET", "/v1/pages/{page_id}") in routes  # the trashed epic, looked up
    for written in ("/v1/pages/{page_id}", "/v1/blocks/{block_id}/children"):
        assert ("PATCH", written) in routes
    assert ("POST", "/v1/pages") in routes  # the dashboard
    assert sum(1 for e in exchanges if e.body) > len(routes)  # requests are not sampled
    assert routes <= set(SERVED)  # so test_openapi.py validates every answer of these routes
    problems = request_problems(exchanges) + answer_problems(exchanges)
    assert not problems, "\n".join(problems)


# -- the checks themselves ------------------------------------------------------------------

PAGE = "/v1/pages/59833787-2cf9-4fdf-8782-e53db20768a5"


def _exchange(method: str, path: str, body: object, answer: object = None) -> Exchange:
    return Exchange(method, path, json.dumps(body).encode(), 200, json.dumps(answer).encode())


def test_an_invalid_request_fails_the_check_even_after_a_valid_one_of_its_route() -> None:
    exchanges = [
        _exchange("PATCH", PAGE, {"in_trash": True}),
        _exchange("PATCH", PAGE, {"propertiez": {}}),
        _exchange("PATCH", PAGE, {"is_archived": "yes"}),
    ]
    problems = request_problems(exchanges)
    assert len(problems) == 2
    assert "'propertiez' was unexpected" in problems[0]
    assert "is not of type 'boolean'" in problems[1]


def test_requests_without_a_body_are_not_checked() -> None:
    assert request_problems([Exchange("GET", PAGE, b"", 200, b"{}")]) == []


def test_one_answer_per_route_and_status_is_checked() -> None:
    exchanges = [
        _exchange("GET", PAGE, None, {"object": "page"}),
        _exchange("GET", PAGE.replace("5983", "0000"), None, {"object": "page"}),
        _exchange("PATCH", PAGE, {}, {"object": "page"}),
        Exchange("GET", PAGE, b"", 404, b"{}"),
    ]
    sampled = sampled_answers(exchanges)
    assert sampled == [exchanges[0], exchanges[2], exchanges[3]]


def test_an_invalid_sampled_answer_fails_the_check() -> None:
    problems = answer_problems([_exchange("GET", PAGE, None, {"object": "page", "id": "nope"})])
    assert len(problems) == 1
    assert "is not a 'uuid'" in problems[0]
