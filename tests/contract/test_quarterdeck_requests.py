"""Every request Quarterdeck itself sends is valid for Notion's official OpenAPI description.

The emulator accepting a request proves little if the emulator is lenient; the published
description is the second, independent referee.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import httpx

from emulator import Emulator, RateLimit, build, emulator_transport
from tests.cli_support import run_cli, write_config
from tests.contract.openapi import assert_request_valid, assert_response_valid, template_for


@dataclass(frozen=True)
class Exchange:
    method: str
    path: str
    body: bytes
    status: int
    answer: bytes


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


def _validate(exchanges: list[Exchange]) -> None:
    assert exchanges
    for exchange in exchanges:
        template = template_for(exchange.method, exchange.path)
        if exchange.body:
            assert_request_valid(exchange.method, template, json.loads(exchange.body))
        assert_response_valid(
            exchange.method, template, exchange.status, json.loads(exchange.answer)
        )


def test_check_doctor_and_sync_send_only_valid_requests(tmp_path: Path) -> None:
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
    methods = {(e.method, template_for(e.method, e.path)) for e in recorder.exchanges}
    assert ("POST", "/v1/data_sources/{data_source_id}/query") in methods
    assert ("GET", "/v1/pages/{page_id}") in methods  # the trashed epic, looked up
    for written in ("/v1/pages/{page_id}", "/v1/blocks/{block_id}/children"):
        assert ("PATCH", written) in methods
    assert ("POST", "/v1/pages") in methods  # the dashboard
    _validate(recorder.exchanges)
