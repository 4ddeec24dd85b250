"""Seeds: ready-made workspaces for the demo, the tests and the benchmarks.

- ``empty``: the integration's bot, one person and a shared "Quarterdeck" page to build under.
- ``demo``: a realistic RevOps quarter with deliberate problems (see ``demo.py``).
- ``scale:N``: N tasks in proportion (8 streams, N/33 epics), deterministic (see ``scale.py``).

Modules: ``base`` (the smallest workspace), ``schema`` (the four databases, value forms and a
lived-in timeline both seeds use), ``demo`` and ``demo_data`` (the demo quarter), ``scale``.
"""

from __future__ import annotations

from datetime import date

from emulator.seeds.base import ROOT_PAGE_TITLE, empty_workshop
from emulator.seeds.demo import build_demo
from emulator.seeds.scale import build_scale
from emulator.state import Workspace

__all__ = ["ROOT_PAGE_TITLE", "build", "empty_workshop"]


def build(name: str, *, today: date | None = None) -> Workspace:
    """The workspace a seed name describes: ``empty``, ``demo`` or ``scale:N``."""
    if name == "empty":
        return empty_workshop().workspace
    if name == "demo":
        return build_demo(today or date.today())
    if name.startswith("scale:"):
        count = name.partition(":")[2]
        if not count.isdigit() or int(count) < 1:
            raise ValueError(f"seed {name!r}: scale needs a positive task count, e.g. scale:2000")
        return build_scale(int(count), today or date.today())
    raise ValueError(f"unknown seed {name!r}: expected empty, demo or scale:N")
