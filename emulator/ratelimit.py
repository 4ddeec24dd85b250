"""Notion's request budget: a fixed number of requests per 60-second window, per token.

This is the newest documented model ("180 requests per minute (an average of 3 per
second)", 600 on Business and Enterprise): the budget may be spent in a burst; past it,
429 ``rate_limited`` with ``Retry-After`` = whole seconds until the window resets.
``time_scale`` shrinks the window for tests (0.05 makes a 3-second window).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from emulator.clock import Clock, system_clock

DEFAULT_BUDGET = 180
WINDOW_SECONDS = 60.0


@dataclass
class RateLimit:
    """Per-token fixed-window counter. ``budget=None`` switches limiting off."""

    budget: int | None = DEFAULT_BUDGET
    time_scale: float = 1.0
    clock: Clock = system_clock
    _windows: dict[str, tuple[float, int]] = field(default_factory=dict)

    @property
    def window(self) -> float:
        return WINDOW_SECONDS * self.time_scale

    def admit(self, token: str) -> int | None:
        """Count one request; None if admitted, else the seconds to wait (>= 1)."""
        if self.budget is None:
            return None
        now = self.clock()
        started, used = self._windows.get(token, (now, 0))
        if now - started >= self.window:
            started, used = now, 0
        if used >= self.budget:
            return max(1, math.ceil(started + self.window - now))
        self._windows[token] = (started, used + 1)
        return None
