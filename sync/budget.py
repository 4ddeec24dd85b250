"""The request budget: stay under Notion's limit instead of running into its 429s.

Notion grants each integration a fixed budget per 60-second window (180 on most plans, 600
on Business and Enterprise) that may be spent in a burst. Its windows are not ours to see,
so the budget here slides: a request goes out only if fewer than ``limit`` went out in the
last ``window + margin`` seconds, which keeps every 60-second span of the server's under the
limit whatever its alignment; the margin absorbs network latency. It sleeps only when the
budget is spent, so small runs never wait.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable

Clock = Callable[[], float]
"""Seconds on a monotonic scale (``time.monotonic``; a fake one in tests)."""
Sleep = Callable[[float], None]

WINDOW_SECONDS = 60.0
MARGIN_SECONDS = 1.0
"""Slack added to the window: a request late on the wire still lands in the right one."""


class RequestBudget:
    """At most ``limit`` requests in any ``window + margin`` seconds."""

    def __init__(
        self,
        limit: int,
        window: float = WINDOW_SECONDS,
        *,
        margin: float = MARGIN_SECONDS,
        clock: Clock = time.monotonic,
        sleep: Sleep = time.sleep,
    ) -> None:
        if limit < 1:
            raise ValueError(f"a request budget needs at least 1 request, got {limit}")
        self.limit = limit
        self.span = window + margin
        self.clock = clock
        self.sleep = sleep
        self.slept = 0.0
        """Seconds spent waiting for the budget (for the run's report)."""
        self._sent: deque[float] = deque()

    def acquire(self) -> None:
        """Wait until one more request fits the budget, and count it."""
        while True:
            now = self.clock()
            while self._sent and self._sent[0] <= now - self.span:
                self._sent.popleft()
            if len(self._sent) < self.limit:
                self._sent.append(now)
                return
            wait = self._sent[0] + self.span - now
            self.slept += wait
            self.sleep(wait)
