"""The in-process face: an ``httpx`` transport that hands requests to the core.

    client = notion_client.Client(auth="secret", base_url="http://emulator",
                                  client=httpx.Client(transport=emulator_transport(emulator)))

Faults that break the exchange surface as the exceptions httpx raises for real networks:
``httpx.ReadTimeout`` and ``httpx.RemoteProtocolError``.
"""

from __future__ import annotations

import httpx

from emulator.core import Emulator, Request


class EmulatorTransport(httpx.BaseTransport):
    def __init__(self, emulator: Emulator) -> None:
        self.emulator = emulator

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        url = request.url
        core_request = Request(
            method=request.method,
            path=url.raw_path.decode("ascii").split("?", 1)[0],
            query=url.query.decode("ascii"),
            headers={k.lower(): v for k, v in request.headers.items()},
            body=request.read(),
            base_url=f"{url.scheme}://{url.netloc.decode('ascii')}",
        )
        response = self.emulator.handle(core_request)
        if response.failure == "timeout":
            raise httpx.ReadTimeout(
                "The emulator was told to time out this request.", request=request
            )
        if response.failure == "disconnect":
            raise httpx.RemoteProtocolError(
                "Server disconnected without sending a response.", request=request
            )
        return httpx.Response(
            response.status, headers=response.headers, content=response.body, request=request
        )


def emulator_transport(emulator: Emulator) -> EmulatorTransport:
    return EmulatorTransport(emulator)
