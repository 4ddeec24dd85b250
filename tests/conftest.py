"""Fixtures shared by every test: an emulated workspace and clients talking to it."""

from __future__ import annotations

import logging
from collections.abc import Iterator

import httpx
import notion_client
import pytest

from emulator import Emulator, ManualClock, RateLimit, Workshop, emulator_transport
from emulator.seeds import empty_workshop

START = 1_796_000_000.0  # 2026-11-30T...: a fixed "now" so stamps are stable


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock(START)


@pytest.fixture
def workshop(clock: ManualClock) -> Workshop:
    made = empty_workshop()
    made.store.clock = clock
    return made


@pytest.fixture
def root_page(workshop: Workshop) -> str:
    return next(p.id for p in workshop.workspace.pages.values() if p.shared)


@pytest.fixture
def emulator(workshop: Workshop, clock: ManualClock) -> Emulator:
    return Emulator(workshop.workspace, clock=clock, rate_limit=RateLimit(budget=None))


def make_client(emulator: Emulator, *, retries: bool = True) -> notion_client.Client:
    quiet = logging.getLogger("tests.notion_client")
    quiet.addHandler(logging.NullHandler())
    quiet.propagate = False
    return notion_client.Client(
        auth="secret-token",
        base_url="http://emulator.test",
        client=httpx.Client(transport=emulator_transport(emulator)),
        logger=quiet,
        retry=retries,
    )


@pytest.fixture
def client(emulator: Emulator) -> Iterator[notion_client.Client]:
    made = make_client(emulator)
    yield made
    made.close()
