"""The network face: a threaded HTTP/1.1 server on loopback in front of the core.

Besides the Notion API under ``/v1``, it answers a small control API for end-to-end tests
(nothing Notion has, hence the ``/_emulator`` prefix):

- ``GET /_emulator/health`` -> ``{"ok": true}``
- ``GET /_emulator/requests`` -> the request log; ``DELETE`` clears it
- ``POST /_emulator/faults`` with a JSON ``Fault`` (kind, status, method, path, nth, times,
  commit); ``DELETE`` clears them
"""

from __future__ import annotations

import json
import socket
import threading
import time
from dataclasses import asdict
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from emulator.core import Emulator, Request
from emulator.faults import Fault

TIMEOUT_HOLD_SECONDS = 90.0
"""How long a ``timeout`` fault keeps the connection silent: longer than any client waits."""


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: EmulatorServer

    def do_GET(self) -> None:
        self._serve()

    def do_POST(self) -> None:
        self._serve()

    def do_PATCH(self) -> None:
        self._serve()

    def do_DELETE(self) -> None:
        self._serve()

    def _serve(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        path, _, query = self.path.partition("?")
        if path.startswith("/_emulator/"):
            self._control(path, body)
            return
        host = self.headers.get("Host") or f"127.0.0.1:{self.server.server_address[1]}"
        request = Request(
            method=self.command,
            path=path,
            query=query,
            headers={k.lower(): v for k, v in self.headers.items()},
            body=body,
            base_url=f"http://{host}",
        )
        emulator = self.server.emulator
        response = emulator.handle(request)
        emulator.flush(min_interval=1.0)
        if response.failure == "timeout":
            self.server.hold(TIMEOUT_HOLD_SECONDS)
            self.close_connection = True
            return
        if response.failure == "disconnect":
            self.connection.shutdown(socket.SHUT_RDWR)
            self.close_connection = True
            return
        self._send(response.status, response.headers, response.body)

    def _control(self, path: str, body: bytes) -> None:
        emulator = self.server.emulator
        answer: Any = {"ok": True}
        if path == "/_emulator/health":
            pass
        elif path == "/_emulator/requests" and self.command == "GET":
            answer = [asdict(r) for r in emulator.requests()]
        elif path == "/_emulator/requests" and self.command == "DELETE":
            emulator.clear_log()
        elif path == "/_emulator/faults" and self.command == "POST":
            fault = emulator.inject(Fault(**json.loads(body or b"{}")))
            answer = asdict(fault)
        elif path == "/_emulator/faults" and self.command == "DELETE":
            emulator.faults.clear()
        else:
            self._send(404, {"Content-Type": "application/json"}, b'{"ok":false}')
            return
        self._send(200, {"Content-Type": "application/json"}, json.dumps(answer).encode())

    def _send(self, status: int, headers: dict[str, str], body: bytes) -> None:
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:
        if self.server.verbose:
            super().log_message(format, *args)


class EmulatorServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(
        self,
        emulator: Emulator,
        host: str = "127.0.0.1",
        port: int = 8787,
        *,
        verbose: bool = False,
    ) -> None:
        self.emulator = emulator
        self.verbose = verbose
        self._stopping = threading.Event()
        super().__init__((host, port), _Handler)

    @property
    def base_url(self) -> str:
        host, port = self.server_address[:2]
        return f"http://{host!s}:{port}"

    def hold(self, seconds: float) -> None:
        """Stay silent (a timed-out request) unless the server is shutting down."""
        self._stopping.wait(seconds)

    def start(self) -> threading.Thread:
        """Serve in a background thread (tests, the demo)."""
        thread = threading.Thread(target=self.serve_forever, name="notion-emulator", daemon=True)
        thread.start()
        return thread

    def stop(self) -> None:
        self._stopping.set()
        self.shutdown()
        self.server_close()
        self.emulator.flush()


def wait_until_ready(server: EmulatorServer, timeout: float = 5.0) -> None:
    deadline = time.monotonic() + timeout
    host, port = str(server.server_address[0]), int(server.server_address[1])
    while time.monotonic() < deadline:
        try:
            with socket.create_connection((host, port), timeout=0.2):
                return
        except OSError:
            time.sleep(0.02)
    raise TimeoutError(f"emulator did not start on {server.base_url}")
