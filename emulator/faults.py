"""Fault injection: make the Nth matching request fail the way Notion or the network can.

Kinds:

``status``
    answer with Notion's error body for ``status`` (500, 502, 503, 504, 529, 409...) without
    running the request.
``timeout``
    the client sees a read timeout (``commit=True``: the request was carried out first).
``disconnect``
    the connection drops without a response (``commit=True`` likewise).
``committed_503``
    the request is carried out, then answered with the 503 Notion sends when "The change
    was saved, but the response could not be built in time".
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from emulator.errors import ApiError

KINDS = ("status", "timeout", "disconnect", "committed_503")
_STATUS_CODES = {
    409: (
        "conflict_error",
        "The transaction could not be completed, potentially due to a data collision. "
        "Make sure the parameters are up to date and try again.",
    ),
    500: ("internal_server_error", "Unexpected error occurred."),
    502: ("bad_gateway", "Bad gateway."),
    503: (
        "service_unavailable",
        "Notion is unavailable. Please try again later. This can occur when the time to respond "
        "to a request takes longer than 60 seconds, the maximum request timeout.",
    ),
    504: (
        "gateway_timeout",
        "Notion timed out while processing the request. Please try again later.",
    ),
    529: ("service_overload", "Notion is experiencing high load. Please try again later."),
}


@dataclass
class Fault:
    """Fail matching requests number ``nth`` .. ``nth + times - 1`` (1-based)."""

    kind: str = "status"
    status: int = 500
    method: str | None = None
    path: str | None = None
    """A regular expression searched in the request path (``/v1/pages/.*``)."""
    nth: int = 1
    times: int = 1
    commit: bool = False
    retry_after: int | None = None
    seen: int = 0

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(
                f"unknown fault kind {self.kind!r}; expected one of {', '.join(KINDS)}"
            )
        if self.kind == "status" and self.status not in _STATUS_CODES and self.status != 429:
            raise ValueError(f"no Notion error is known for status {self.status}")

    def matches(self, method: str, path: str) -> bool:
        if self.method is not None and self.method.upper() != method.upper():
            return False
        return self.path is None or re.search(self.path, path) is not None

    def error(self) -> ApiError:
        if self.status == 429:
            wait = self.retry_after or 1
            return rate_limited(wait)
        code, message = _STATUS_CODES[self.status]
        headers = {"Retry-After": str(self.retry_after)} if self.retry_after else None
        return ApiError(self.status, code, message, headers=headers)


@dataclass
class FaultPlan:
    faults: list[Fault] = field(default_factory=list)

    def add(self, fault: Fault) -> Fault:
        self.faults.append(fault)
        return fault

    def clear(self) -> None:
        self.faults.clear()

    def pick(self, method: str, path: str) -> Fault | None:
        """The fault this request triggers, if any (every matching fault counts the request)."""
        chosen = None
        for fault in self.faults:
            if not fault.matches(method, path):
                continue
            fault.seen += 1
            if chosen is None and fault.nth <= fault.seen < fault.nth + fault.times:
                chosen = fault
        return chosen


def rate_limited(wait: int) -> ApiError:
    """429 as Notion sends it: ``Retry-After`` in whole seconds, repeated in the body."""
    return ApiError(
        429,
        "rate_limited",
        "You have been rate limited. Please try again later.",
        additional_data={
            "rate_limit_reason": "public_api_request_rate_limit",
            "retry_after": str(wait),
        },
        headers={"Retry-After": str(wait)},
    )


def committed_503(touched: list[str], appended: list[str]) -> ApiError:
    """Notion's answer when a write was saved but its response was not built in time."""
    data: dict[str, object] = {
        "retry_guidance": [
            "Read the object again to confirm the saved change.",
            "Do not repeat the write.",
        ],
    }
    if touched:
        data["committed_resource_id"] = touched[0]
    if appended:
        data["committed_child_ids"] = appended
    return ApiError(
        503,
        "service_unavailable",
        "The change was saved, but the response could not be built in time. "
        "Read the object again instead of repeating the write.",
        additional_data=data,
    )
