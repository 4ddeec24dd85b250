"""Errors the emulator answers with, shaped exactly like Notion's error object.

Every failure inside a handler is an :class:`ApiError`; the core turns it into::

    {"object": "error", "status": 400, "code": "validation_error",
     "message": "...", "request_id": "...", "additional_data": {...}}

The constructors below carry Notion's own wording so that clients which match on
messages (as people do) behave the same against the emulator and against Notion.
"""

from __future__ import annotations

import json
from typing import Any


class ApiError(Exception):
    """A request Notion would refuse; rendered as Notion's error object."""

    def __init__(
        self,
        status: int,
        code: str,
        message: str,
        *,
        additional_data: dict[str, Any] | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.additional_data = additional_data
        self.headers = headers or {}

    def body(self, request_id: str) -> dict[str, Any]:
        """The JSON body Notion sends for this error."""
        body: dict[str, Any] = {
            "object": "error",
            "status": self.status,
            "code": self.code,
            "message": self.message,
        }
        if self.additional_data is not None:
            body["additional_data"] = self.additional_data
        body["request_id"] = request_id
        return body


def describe(value: Any) -> str:
    """Render a value the way Notion's validator quotes it in messages."""
    if value is None:
        return "`null`"
    if isinstance(value, str):
        return f"`{value}`"
    return f"`{json.dumps(value, ensure_ascii=False, separators=(',', ':'))}`"


def validation(message: str) -> ApiError:
    """400 ``validation_error`` with a free-form message."""
    return ApiError(400, "validation_error", message)


def body_invalid(path: str, expectation: str, found: Any = ...) -> ApiError:
    """400 in Notion's validator style.

    ``body failed validation: body.x should be ..., instead was `y`.``
    """
    if found is ...:
        return validation(f"body failed validation: {path} {expectation}.")
    shown = "`undefined`" if found is _UNDEFINED else describe(found)
    return validation(f"body failed validation: {path} {expectation}, instead was {shown}.")


class _Undefined:
    """Marks a key that is absent from the request (Notion says `undefined`)."""


_UNDEFINED = _Undefined()
UNDEFINED: Any = _UNDEFINED


def missing(path: str) -> ApiError:
    """A required key is absent."""
    return body_invalid(path, "should be defined", UNDEFINED)


def too_long(path: str, limit: int, length: int) -> ApiError:
    """A string or array over one of Notion's request limits."""
    return validation(
        f"body failed validation: {path}.length should be ≤ `{limit}`, instead was `{length}`."
    )


def not_found(kind: str, object_id: str) -> ApiError:
    """404 for an unknown object and for one the integration cannot see.

    Notion does not tell the two apart, so neither do we.
    """
    return ApiError(
        404,
        "object_not_found",
        f"Could not find {kind} with ID: {object_id}. "
        "Make sure the relevant pages and databases are shared with your integration.",
    )


def archived() -> ApiError:
    """Editing something that is in the trash."""
    return validation(
        "Can't edit block that is archived. You must unarchive the block before editing."
    )


def invalid_url() -> ApiError:
    return ApiError(400, "invalid_request_url", "Invalid request URL.")


def invalid_json() -> ApiError:
    return ApiError(400, "invalid_json", "Error parsing JSON body.")


def unauthorized() -> ApiError:
    return ApiError(401, "unauthorized", "API token is invalid.")


def missing_version() -> ApiError:
    return ApiError(
        400,
        "missing_version",
        "Notion-Version header failed validation: Notion-Version header should be defined, "
        "instead was `undefined`.",
    )
