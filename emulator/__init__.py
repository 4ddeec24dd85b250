"""A stateful local Notion API (version 2025-09-03) for the demo, the tests and the benchmarks.

One pure core (:class:`Emulator`, request -> response) with two faces: an httpx transport
(:func:`emulator_transport`) and a real HTTP server (:class:`EmulatorServer`). It imports
nothing from Quarterdeck's own packages: a stand-in that shares the client's code would
share its misunderstandings. Differences from Notion are listed in ``emulator/README.md``.
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
