"""The gateway's request budget, its retries of reads, and writes that are never repeated."""

from __future__ import annotations

import logging
from collections.abc import Callable

import pytest

from emulator import Emulator, Fault, ManualClock, RateLimit, build
from sync import errors
from sync.budget import RequestBudget
from sync.gateway import Gateway
from sync.progress import Silent
from sync.reader import read
from tests.sync.workspaces import (
    START,
    TODAY,
    TOKEN,
    Board,
    budgeted_gateway,
    gateway_for,
    settings_for,
    unlimited,
)

QUERY = r"/v1/data_sources/[^/]+/query$"
DEMO_CALLS = 15


def demo_emulator(clock: ManualClock, budget: int | None, window_scale: float = 1.0) -> Emulator:
    limit = RateLimit(budget=budget, time_scale=window_scale, clock=clock)
    return Emulator(build("demo", today=TODAY), clock=clock, rate_limit=limit)


def busiest_window(emulator: Emulator, seconds: float) -> int:
    stamps = [r.at for r in emulator.log]
    return max(sum(1 for t in stamps if start <= t < start + seconds) for start in stamps)


# -- the budget ----------------------------------------------------------------------------


def test_a_burst_larger_than_the_budget_is_throttled_without_a_single_429() -> None:
    clock = ManualClock(START)
    emulator = demo_emulator(clock, budget=5, window_scale=0.05)  # 5 per 3-second window
    gateway = budgeted_gateway(emulator, clock, limit=5, window=3.0)
    settings = settings_for(emulator.store.workspace)

    snapshot = read(gateway, settings, progress=Silent()).snapshot

    assert len(snapshot.tasks) == 143
    assert [r.status for r in emulator.log] == [200] * DEMO_CALLS
    assert busiest_window(emulator, 3.0) == 5
    assert clock.now - START >= 2 * 3.0  # 15 calls, 5 per window: it waited twice
    assert gateway.budget.slept > 0


def test_a_budget_that_is_not_spent_never_sleeps() -> None:
    slept: list[float] = []
    budget = RequestBudget(180, clock=lambda: 0.0, sleep=slept.append)
    for _ in range(180):
        budget.acquire()
    assert slept == []


def test_budget_waits_for_the_oldest_request_to_leave_the_window() -> None:
    clock = ManualClock(100.0)
    budget = RequestBudget(2, 60.0, margin=1.0, clock=clock, sleep=clock.advance)
    budget.acquire()
    clock.advance(10)
    budget.acquire()
    budget.acquire()  # the first left the window 61 s after it went out
    assert clock.now == pytest.approx(161.0)


def test_a_429_is_retried_after_retry_after() -> None:
    clock = ManualClock(START)
    emulator = demo_emulator(clock, budget=5, window_scale=0.05)
    gateway = budgeted_gateway(emulator, clock, limit=1000, window=60.0)  # budget too generous
    settings = settings_for(emulator.store.workspace)

    snapshot = read(gateway, settings, progress=Silent()).snapshot

    assert len(snapshot.tasks) == 143
    statuses = [r.status for r in emulator.log]
    assert statuses.count(429) >= 2
    assert statuses.count(200) == DEMO_CALLS
    for refused, following in zip(emulator.log, emulator.log[1:], strict=False):
        if refused.status == 429:  # Retry-After: whole seconds to the end of the window
            assert following.at - refused.at >= 1


# -- retries of reads ----------------------------------------------------------------------

FAULTS = [
    pytest.param(Fault(status=502, method="POST", path=QUERY, nth=2), id="502"),
    pytest.param(Fault(status=529, method="POST", path=QUERY, nth=2), id="529"),
    pytest.param(Fault(status=503, method="POST", path=QUERY, nth=2), id="503-on-a-query"),
    pytest.param(Fault(status=500, method="POST", path=QUERY, nth=2), id="500-on-a-query"),
    pytest.param(Fault(status=504, method="GET", path="/v1/databases/", nth=2), id="504"),
    pytest.param(Fault(status=429, retry_after=2, path=QUERY), id="429"),
    pytest.param(Fault(kind="timeout", method="POST", path=QUERY, nth=3), id="timeout"),
    pytest.param(Fault(kind="disconnect", method="POST", path=QUERY, nth=3), id="disconnect"),
    pytest.param(Fault(kind="disconnect", method="GET", path="/v1/users"), id="disconnect-users"),
]


@pytest.mark.parametrize("fault", FAULTS)
def test_a_failed_read_is_retried_and_the_read_succeeds(fault: Fault) -> None:
    emulator = unlimited(build("demo", today=TODAY))
    settings = settings_for(emulator.store.workspace)
    armed = emulator.inject(fault)
    gateway = gateway_for(emulator, settings)

    reading = read(gateway, settings, progress=Silent())

    assert len(reading.snapshot.tasks) == 143
    assert armed.seen >= 2  # failed once, then answered
    assert len(emulator.log) == reading.calls == DEMO_CALLS + 1
    assert [r.status for r in emulator.log].count(200) == DEMO_CALLS


def test_a_read_that_keeps_failing_names_what_failed_after_the_retries() -> None:
    emulator = unlimited(build("demo", today=TODAY))
    settings = settings_for(emulator.store.workspace, notion={"max_retries": 2})
    emulator.inject(Fault(status=502, method="POST", path=QUERY, times=100))

    with pytest.raises(errors.NotionUnavailable) as raised:
        read(gateway_for(emulator, settings), settings, progress=Silent())

    streams = next(iter(emulator.store.workspace.databases.values())).data_source_ids[0]
    assert str(raised.value) == (
        f"POST /v1/data_sources/{streams}/query failed after 3 attempts (502 bad_gateway: "
        "Request to Notion API failed with status: 502): Notion or the network is having "
        "trouble (https://status.notion.so); run again later."
    )
    assert len(emulator.requests("POST", QUERY)) == 3


def test_retries_are_logged_without_the_token(caplog: pytest.LogCaptureFixture) -> None:
    emulator = unlimited(build("demo", today=TODAY))
    settings = settings_for(emulator.store.workspace)
    emulator.inject(Fault(kind="timeout", method="POST", path=QUERY))
    with caplog.at_level(logging.DEBUG):
        read(gateway_for(emulator, settings), settings, progress=Silent())
    assert "POST /v1/data_sources/{id}/query failed (timed out); attempt 2 of 6" in caplog.text
    assert TOKEN not in caplog.text


# -- writes --------------------------------------------------------------------------------


@pytest.fixture
def board_gateway() -> tuple[Board, Emulator, Gateway, str]:
    board = Board.new()
    epic = board.epic("Written to", [])
    emulator = unlimited(board.workshop.workspace)
    return board, emulator, gateway_for(emulator, board.settings()), epic


PROGRESS = {"Progress": {"number": 0.5}}


def progress_of(gateway: Gateway, page_id: str) -> object:
    return gateway.retrieve_page(page_id)["properties"]["Progress"]["number"]


WRITE_FAULTS: list[tuple[str, Callable[[], Fault]]] = [
    ("500", lambda: Fault(status=500, method="PATCH")),
    ("502", lambda: Fault(status=502, method="PATCH")),
    ("timeout", lambda: Fault(kind="timeout", method="PATCH")),
    ("disconnect", lambda: Fault(kind="disconnect", method="PATCH")),
]


@pytest.mark.parametrize(("name", "fault"), WRITE_FAULTS, ids=[n for n, _ in WRITE_FAULTS])
def test_a_failed_write_is_never_repeated(
    board_gateway: tuple[Board, Emulator, Gateway, str], name: str, fault: Callable[[], Fault]
) -> None:
    _, emulator, gateway, epic = board_gateway
    emulator.inject(fault())
    with pytest.raises(errors.WriteNotConfirmed) as raised:
        gateway.update_page(epic, PROGRESS)
    assert len(emulator.requests("PATCH")) == 1
    assert raised.value.object_id == epic
    assert "Quarterdeck never sends a write twice: it reads the page back" in str(raised.value)


def test_a_write_saved_but_not_answered_names_the_saved_page_for_reading_back(
    board_gateway: tuple[Board, Emulator, Gateway, str],
) -> None:
    _, emulator, gateway, epic = board_gateway
    emulator.inject(Fault(kind="committed_503", method="PATCH"))
    with pytest.raises(errors.WriteNotConfirmed) as raised:
        gateway.update_page(epic, PROGRESS)
    assert raised.value.committed_id == epic
    assert len(emulator.requests("PATCH")) == 1
    assert progress_of(gateway, epic) == 0.5  # read back: it was saved


def test_a_rate_limited_write_is_sent_again_since_notion_did_nothing(
    board_gateway: tuple[Board, Emulator, Gateway, str],
) -> None:
    _, emulator, gateway, epic = board_gateway
    emulator.inject(Fault(status=429, method="PATCH", retry_after=1))
    gateway.update_page(epic, PROGRESS)
    assert [r.status for r in emulator.requests("PATCH")] == [429, 200]
    assert progress_of(gateway, epic) == 0.5


def test_a_refused_write_says_why(board_gateway: tuple[Board, Emulator, Gateway, str]) -> None:
    _, emulator, gateway, epic = board_gateway
    with pytest.raises(errors.RequestRefused, match=f"PATCH /v1/pages/{epic} was refused: 400"):
        gateway.update_page(epic, {"Progress": {"number": "half"}})
    assert len(emulator.requests("PATCH")) == 1
