"""Time: an injectable clock and Notion's two timestamp styles."""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import UTC, datetime

Clock = Callable[[], float]
"""Seconds since the epoch; ``time.time`` in production, a settable value in tests."""


class ManualClock:
    """A clock tests move by hand."""

    def __init__(self, start: float) -> None:
        self.now = start

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


def system_clock() -> float:
    return time.time()


def minute_stamp(epoch: float) -> str:
    """Page, block and data source times: rounded down to the minute, like Notion."""
    moment = datetime.fromtimestamp(epoch, UTC).replace(second=0, microsecond=0)
    return moment.strftime("%Y-%m-%dT%H:%M:00.000Z")


def millis_stamp(epoch: float) -> str:
    """Database object times, which Notion keeps at millisecond precision."""
    moment = datetime.fromtimestamp(epoch, UTC)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}+00:00"
