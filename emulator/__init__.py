"""A stateful local Notion API (version 2025-09-03) for the demo, the tests and the benchmarks.

One pure core (:class:`Emulator`, request -> response) with two faces: an httpx transport
(:func:`emulator_transport`) and a real HTTP server (:class:`EmulatorServer`). It imports
nothing from Quarterdeck's own packages: a stand-in that shares the client's code would
share its misunderstandings. Differences from Notion are listed in ``emulator/README.md``.

- The faces and the core: ``transport`` (in-process, httpx), ``server`` (HTTP on loopback),
  ``core`` (routing, authentication, the request log), ``ratelimit`` (the per-token budget),
  ``faults`` (failures injected on purpose), ``errors`` (Notion's error objects).
- The workspace: ``state`` (records, saved as JSON), ``store`` (lookups every handler needs),
  ``ids``, ``clock``; ``workshop`` acts on it as a person in the app would.
- Endpoints: ``emulator.api``, one module per resource; ``render`` shapes every answer.
- What requests carry: ``checks`` (shape checks with Notion's messages), ``richtext``,
  ``blocks``, ``values`` (property values), ``dates``, ``colors``, ``schema`` (data source
  properties); what Notion computes: ``computed`` (formulas, rollups).
- Queries: ``filters`` and ``filter_values``, ``sorts``.
- ``emulator.seeds``: ready-made workspaces (``empty``, ``demo``, ``scale:N``).
"""

from emulator.clock import ManualClock
from emulator.core import Emulator, LoggedRequest, Request, Response
from emulator.faults import Fault
from emulator.ratelimit import RateLimit
from emulator.seeds import build
from emulator.server import EmulatorServer
from emulator.transport import EmulatorTransport, emulator_transport
from emulator.workshop import Workshop

__all__ = [
    "Emulator",
    "EmulatorServer",
    "EmulatorTransport",
    "Fault",
    "LoggedRequest",
    "ManualClock",
    "RateLimit",
    "Request",
    "Response",
    "Workshop",
    "build",
    "emulator_transport",
]
