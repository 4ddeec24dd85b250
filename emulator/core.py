"""The emulator's pure core: one request in, one response out.

Both faces (``transport.py`` for in-process httpx clients, ``server.py`` for real HTTP)
hand requests here. The order of checks follows Notion: route, token, version, request
budget, then the endpoint itself. Every request, failed or not, lands in the request log
that tests and benchmarks count API calls with.
"""

from __future__ import annotations

import json
import re
import threading
import time
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qs

from emulator import errors
from emulator.api import blockops, comments, databases, pages, query, search, users
from emulator.api.common import Call, Handler
from emulator.clock import Clock, system_clock
from emulator.errors import ApiError
from emulator.faults import Fault, FaultPlan, committed_503, rate_limited
from emulator.ids import IdFactory
from emulator.ratelimit import RateLimit
from emulator.render import Renderer
from emulator.seeds import build
from emulator.state import Json, Workspace
from emulator.store import Store

API_VERSION = "2025-09-03"
KNOWN_VERSIONS = (
    "2021-05-11",
    "2021-05-13",
    "2021-08-16",
    "2022-02-22",
    "2022-06-28",
    "2025-09-03",
    "2026-03-11",
)
MAX_BODY_BYTES = 500 * 1024
"""Notion's overall payload limit (500 KB)."""


@dataclass(frozen=True)
class Route:
    method: str
    pattern: re.Pattern[str]
    handler: Handler
    writes: bool


def _route(method: str, template: str, handler: Handler, *, writes: bool | None = None) -> Route:
    pattern = re.compile("^" + re.sub(r"\{(\w+)\}", r"(?P<\1>[^/]+)", template) + "$")
    return Route(method, pattern, handler, method != "GET" if writes is None else writes)


ROUTES: tuple[Route, ...] = (
    _route("GET", "/v1/users/me", users.me),
    _route("GET", "/v1/users/{user_id}", users.retrieve),
    _route("GET", "/v1/users", users.list_all),
    _route("POST", "/v1/databases", databases.create_database),
    _route("GET", "/v1/databases/{database_id}", databases.retrieve_database),
    _route("PATCH", "/v1/databases/{database_id}", databases.update_database),
    _route("POST", "/v1/data_sources", databases.create_source),
    _route("GET", "/v1/data_sources/{data_source_id}", databases.retrieve_source),
    _route("PATCH", "/v1/data_sources/{data_source_id}", databases.update_source),
    _route("POST", "/v1/data_sources/{data_source_id}/query", query.query, writes=False),
    _route("POST", "/v1/pages", pages.create),
    _route("GET", "/v1/pages/{page_id}", pages.retrieve),
    _route("PATCH", "/v1/pages/{page_id}", pages.update),
    _route("GET", "/v1/pages/{page_id}/properties/{property_id}", pages.property_item),
    _route("GET", "/v1/blocks/{block_id}", blockops.retrieve),
    _route("PATCH", "/v1/blocks/{block_id}", blockops.update),
    _route("DELETE", "/v1/blocks/{block_id}", blockops.delete),
    _route("GET", "/v1/blocks/{block_id}/children", blockops.list_children),
    _route("PATCH", "/v1/blocks/{block_id}/children", blockops.append),
    _route("POST", "/v1/comments", comments.create),
    _route("GET", "/v1/comments", comments.list_for_block),
    _route("GET", "/v1/comments/{comment_id}", comments.retrieve),
    _route("POST", "/v1/search", search.search, writes=False),
)


@dataclass(frozen=True)
class Request:
    method: str
    path: str
    """Raw path, percent-encoding kept (property ids are sent encoded)."""
    query: str = ""
    headers: Mapping[str, str] = field(default_factory=dict)
    """Header names in lower case."""
    body: bytes = b""
    base_url: str = "https://api.notion.com"


@dataclass(frozen=True)
class Response:
    status: int
    headers: dict[str, str]
    body: bytes
    failure: str | None = None
    """``timeout`` or ``disconnect``: the face must fail the exchange instead of answering."""

    def json(self) -> Json:
        parsed: Json = json.loads(self.body)
        return parsed


@dataclass(frozen=True)
class LoggedRequest:
    method: str
    path: str
    status: int
    at: float
    duration_ms: float
    fault: str | None = None


class Emulator:
    """A stateful Notion API. Thread-safe: requests are served one at a time."""

    def __init__(
        self,
        workspace: Workspace | None = None,
        *,
        token: str | None = None,
        clock: Clock = system_clock,
        rate_limit: RateLimit | None = None,
        state_path: Path | None = None,
        id_seed: int | str = "emulator",
    ) -> None:
        if workspace is None:
            workspace = build("empty")
        self.store = Store(workspace, IdFactory(id_seed), clock)
        self.render = Renderer(self.store)
        self.token = token
        self.rate_limit = rate_limit if rate_limit is not None else RateLimit(clock=clock)
        self.faults = FaultPlan()
        self.log: list[LoggedRequest] = []
        self.state_path = state_path
        self._lock = threading.RLock()
        self._dirty = False
        self._saved_at = 0.0

    # -- the one entry point -------------------------------------------------------------

    def handle(self, request: Request) -> Response:
        started = time.perf_counter()
        with self._lock:
            response, fault = self._answer(request)
            self.log.append(
                LoggedRequest(
                    request.method.upper(),
                    request.path + (f"?{request.query}" if request.query else ""),
                    response.status,
                    self.store.now(),
                    (time.perf_counter() - started) * 1000,
                    fault,
                )
            )
            return response

    def _answer(self, request: Request) -> tuple[Response, str | None]:
        request_id = str(uuid.uuid4())
        method = request.method.upper()
        try:
            route, params = self._match(method, request.path)
            token = self._authenticate(request.headers)
            self._check_version(request.headers)
            wait = self.rate_limit.admit(token)
            if wait is not None:
                raise rate_limited(wait)
            fault = self.faults.pick(method, request.path)
            if fault is not None and fault.kind == "status":
                raise fault.error()
            if fault is not None and not fault.commit and fault.kind in ("timeout", "disconnect"):
                return Response(0, {}, b"", failure=fault.kind), fault.kind
            call = Call(
                store=self.store,
                render=self.render,
                method=method,
                params=params,
                query=parse_qs(request.query, keep_blank_values=True),
                body=_body(method, request.body),
                base_url=request.base_url,
            )
            body = route.handler(call)
            if route.writes:
                self.store.version += 1
                self._dirty = True
            if fault is not None:
                if fault.kind == "committed_503":
                    raise committed_503(call.touched, call.appended)
                return Response(0, {}, b"", failure=fault.kind), fault.kind
            body["request_id"] = request_id
            return _json_response(200, body, request_id), None
        except ApiError as error:
            headers = dict(error.headers)
            return _json_response(error.status, error.body(request_id), request_id, headers), None

    def _match(self, method: str, path: str) -> tuple[Route, dict[str, str]]:
        for route in ROUTES:
            found = route.pattern.match(path)
            if found and route.method == method:
                return route, found.groupdict()
        raise errors.invalid_url()

    def _authenticate(self, headers: Mapping[str, str]) -> str:
        value = headers.get("authorization", "")
        scheme, _, token = value.partition(" ")
        token = token.strip()
        if scheme.lower() != "bearer" or not token:
            raise errors.unauthorized()
        if self.token is not None and token != self.token:
            raise errors.unauthorized()
        return token

    @staticmethod
    def _check_version(headers: Mapping[str, str]) -> None:
        version = headers.get("notion-version")
        if version is None:
            raise errors.missing_version()
        if version not in KNOWN_VERSIONS:
            allowed = (
                ", ".join(f'"{v}"' for v in KNOWN_VERSIONS[:-1]) + f', or "{KNOWN_VERSIONS[-1]}"'
            )
            raise errors.ApiError(
                400,
                "validation_error",
                "Notion-Version header failed validation: Notion-Version header should be "
                f'{allowed}, instead was "{version}".',
            )
        if version != API_VERSION:
            raise errors.ApiError(
                400,
                "validation_error",
                f"This emulator serves Notion-Version {API_VERSION} only; "
                f"the request asked for {version}.",
            )

    # -- helpers for tests, benchmarks and the server ------------------------------------

    def inject(self, fault: Fault) -> Fault:
        """Arm a fault (see ``faults.py``); returns it so a test can inspect ``seen``."""
        with self._lock:
            return self.faults.add(fault)

    def requests(self, method: str | None = None, path: str | None = None) -> list[LoggedRequest]:
        """Logged requests, optionally of one method and/or with a path matching a regex."""
        with self._lock:
            return [
                r
                for r in self.log
                if (method is None or r.method == method.upper())
                and (path is None or re.search(path, r.path))
            ]

    def clear_log(self) -> None:
        with self._lock:
            self.log.clear()

    def flush(self, *, min_interval: float = 0.0) -> None:
        """Persist the workspace if it changed and a state file was given."""
        with self._lock:
            if self.state_path is None or not self._dirty:
                return
            if min_interval and time.monotonic() - self._saved_at < min_interval:
                return
            self.store.workspace.save(self.state_path)
            self._saved_at = time.monotonic()
            self._dirty = False


def _body(method: str, raw: bytes) -> Json:
    if method in ("GET", "DELETE") or not raw.strip():
        return {}
    if len(raw) > MAX_BODY_BYTES:
        raise errors.validation(
            f"Request body too large: {len(raw)} bytes; Notion accepts at most 500KB per request."
        )
    try:
        parsed = json.loads(raw)
    except (ValueError, UnicodeDecodeError):
        raise errors.invalid_json() from None
    if not isinstance(parsed, dict):
        raise errors.body_invalid("body", "should be an object", parsed)
    return parsed


def _json_response(
    status: int, body: Json, request_id: str, headers: dict[str, str] | None = None
) -> Response:
    payload = json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode()
    all_headers = {
        "Content-Type": "application/json; charset=utf-8",
        "x-notion-request-id": request_id,
        **(headers or {}),
    }
    return Response(status, all_headers, payload)
