"""The request budget (429 + Retry-After) and injected faults, seen through notion-client."""

from __future__ import annotations

import time
from collections.abc import Iterator

import httpx
import notion_client
import pytest
from notion_client import APIResponseError
from notion_client.client import RetryOptions
from notion_client.errors import RequestTimeoutError, UnknownHTTPResponseError

from emulator import (
    Emulator,
    EmulatorServer,
    Fault,
    ManualClock,
    RateLimit,
    Workshop,
    emulator_transport,
)
from emulator.server import wait_until_ready
from tests.emulator.builders import roadmap, title

FAST_RETRY = RetryOptions(max_retries=2, initial_retry_delay_ms=10, max_retry_delay_ms=2000)


def _client(emulator: Emulator, *, retry: RetryOptions | bool = FAST_RETRY) -> notion_client.Client:
    return notion_client.Client(
        auth="t",
        base_url="http://emulator.test",
        client=httpx.Client(transport=emulator_transport(emulator)),
        retry=retry,
    )


def test_budget_allows_a_burst_then_answers_429(workshop: Workshop, clock: ManualClock) -> None:
    emulator = Emulator(
        workshop.workspace, clock=clock, rate_limit=RateLimit(budget=3, clock=clock)
    )
    client = _client(emulator, retry=False)
    for _ in range(3):
        client.users.me()
    with pytest.raises(APIResponseError) as raised:
        client.users.me()
    error = raised.value
    assert (error.status, error.code) == (429, "rate_limited")
    assert error.headers["retry-after"] == "60"
    assert error.additional_data == {
        "rate_limit_reason": "public_api_request_rate_limit",
        "retry_after": "60",
    }
    clock.advance(60)
    client.users.me()


def test_budget_is_per_token(workshop: Workshop, clock: ManualClock) -> None:
    emulator = Emulator(
        workshop.workspace, clock=clock, rate_limit=RateLimit(budget=1, clock=clock)
    )
    _client(emulator, retry=False).users.me()
    other = notion_client.Client(
        auth="other",
        base_url="http://e",
        client=httpx.Client(transport=emulator_transport(emulator)),
        retry=False,
    )
    other.users.me()


def test_notion_client_retry_gets_through_after_retry_after(workshop: Workshop) -> None:
    emulator = Emulator(workshop.workspace, rate_limit=RateLimit(budget=5, time_scale=1 / 60))
    client = _client(emulator)
    started = time.monotonic()
    for _ in range(6):
        client.users.me()
    statuses = [r.status for r in emulator.log]
    assert statuses.count(429) == 1
    assert statuses[-1] == 200
    assert time.monotonic() - started >= 0.9  # it honoured Retry-After: 1


def test_no_budget_means_no_429(workshop: Workshop) -> None:
    emulator = Emulator(workshop.workspace, rate_limit=RateLimit(budget=None))
    client = _client(emulator, retry=False)
    for _ in range(300):
        client.users.me()


@pytest.mark.parametrize(
    ("status", "code"),
    [
        (500, "internal_server_error"),
        (503, "service_unavailable"),
        (504, "gateway_timeout"),
        (409, "conflict_error"),
    ],
)
def test_injected_status_has_notions_error_shape(
    emulator: Emulator, status: int, code: str
) -> None:
    emulator.inject(Fault(status=status, path="/v1/users/me"))
    with pytest.raises(APIResponseError) as raised:
        _client(emulator, retry=False).users.me()
    assert (raised.value.status, raised.value.code) == (status, code)


@pytest.mark.parametrize("status", [502, 529])
def test_502_and_529_are_unknown_to_notion_client(emulator: Emulator, status: int) -> None:
    emulator.inject(Fault(status=status))
    with pytest.raises(UnknownHTTPResponseError):
        _client(emulator).users.me()
    assert len(emulator.log) == 1  # notion-client does not retry them: Quarterdeck must


def test_nth_matching_request_fails_and_get_is_retried(emulator: Emulator) -> None:
    fault = emulator.inject(Fault(status=500, method="GET", path="^/v1/users$", nth=2))
    client = _client(emulator)
    client.users.list()
    client.users.list()  # second: fails once, notion-client retries the GET
    assert [r.status for r in emulator.log] == [200, 500, 200]
    assert fault.seen == 3


def test_timeout_and_disconnect_reach_the_client(emulator: Emulator) -> None:
    emulator.inject(Fault(kind="timeout", nth=1))
    emulator.inject(Fault(kind="disconnect", nth=2))
    client = _client(emulator)
    with pytest.raises(RequestTimeoutError):
        client.users.me()
    with pytest.raises(httpx.RemoteProtocolError):
        client.users.me()


def test_503_after_a_committed_write_names_the_saved_page(
    workshop: Workshop, root_page: str, emulator: Emulator
) -> None:
    board = roadmap(workshop, root_page)
    emulator.inject(Fault(kind="committed_503", method="POST", path="^/v1/pages$"))
    client = _client(emulator)
    with pytest.raises(APIResponseError) as raised:
        client.pages.create(
            parent={"data_source_id": board.epics}, properties={"Name": title("Saved anyway")}
        )
    assert raised.value.status == 503
    saved = raised.value.additional_data["committed_resource_id"]
    assert (
        client.pages.retrieve(saved)["properties"]["Name"]["title"][0]["plain_text"]
        == "Saved anyway"
    )
    assert len(emulator.requests("POST")) == 1  # a write is never retried by notion-client


def test_committed_timeout_still_applies_the_write(
    workshop: Workshop, root_page: str, emulator: Emulator
) -> None:
    board = roadmap(workshop, root_page)
    emulator.inject(Fault(kind="timeout", method="POST", commit=True))
    with pytest.raises(RequestTimeoutError):
        _client(emulator).pages.create(
            parent={"data_source_id": board.epics}, properties={"Name": title("Landed")}
        )
    assert any(workshop.render.page_title(p) == "Landed" for p in workshop.workspace.pages.values())


@pytest.fixture
def server(emulator: Emulator) -> Iterator[EmulatorServer]:
    served = EmulatorServer(emulator, port=0)
    served.start()
    wait_until_ready(served)
    yield served
    served.stop()


def test_server_faults_break_the_connection(server: EmulatorServer) -> None:
    httpx.post(
        f"{server.base_url}/_emulator/faults", json={"kind": "disconnect", "path": "/v1/users/me"}
    )
    client = notion_client.Client(auth="t", base_url=server.base_url, timeout_ms=500)
    with pytest.raises(httpx.RemoteProtocolError):
        client.users.me()
    httpx.post(
        f"{server.base_url}/_emulator/faults", json={"kind": "timeout", "path": "/v1/users$"}
    )
    with pytest.raises(RequestTimeoutError):
        client.users.list()
    client.close()
    log = httpx.get(f"{server.base_url}/_emulator/requests").json()
    assert [entry["fault"] for entry in log] == ["disconnect", "timeout"]
