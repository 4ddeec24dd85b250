"""The smallest workspace every seed starts from."""

from __future__ import annotations

from emulator.clock import Clock, system_clock
from emulator.workshop import Workshop

ROOT_PAGE_TITLE = "Quarterdeck"


def empty_workshop(clock: Clock = system_clock) -> Workshop:
    """The integration's bot, one person and a shared "Quarterdeck" page to build under."""
    workshop = Workshop.new(seed="empty", clock=clock)
    workshop.add_user("Camille Martin", "camille@example.com")
    workshop.add_page(ROOT_PAGE_TITLE)
    return workshop
