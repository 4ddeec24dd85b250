"""What can go wrong talking to Notion, as Quarterdeck tells it: one actionable line each.

Every failure of a Notion call surfaces as a :class:`SyncError` (after the retries the call
allows); ``str(error)`` names the thing at fault and how to fix it, and never holds the
token. The command line shows it and exits with status 2.

    SyncError                 any Notion call that failed for good
    ├── InvalidToken          401: NOTION_TOKEN is not a valid integration token
    ├── ObjectNotFound        404: the object does not exist or is not shared
    │   └── NotShared         ... and it is a configured database (named, with the fix)
    ├── AccessDenied          403: the integration lacks a capability
    ├── DataSourceChoice      a database's data sources do not match [data_sources]
    ├── RateLimited           429 still answered after every retry (or access blocked)
    ├── NotionUnavailable     5xx, timeouts, disconnects that outlasted the retries
    ├── WriteNotConfirmed     a write whose outcome is unknown: read back, never repeat
    ├── IncompleteRead        a query reached Notion's 10,000-row cap
    └── RequestRefused        any other refusal (400 validation_error...), Notion's words
"""

from __future__ import annotations


class SyncError(Exception):
    """A Notion call failed for good; the message says what and how to fix it."""


class InvalidToken(SyncError):
    """Raised on 401 ``unauthorized``: the token is wrong, revoked, or for another workspace."""


class ObjectNotFound(SyncError):
    """Raised on 404 ``object_not_found``: Notion answers it for unshared objects too."""

    def __init__(self, message: str, object_id: str) -> None:
        super().__init__(message)
        self.object_id = object_id


class NotShared(ObjectNotFound):
    """Raised when a configured database (or its data source) answers 404."""


class AccessDenied(SyncError):
    """Raised on 403 ``restricted_resource``: a capability of the integration is off."""


class DataSourceChoice(SyncError):
    """Raised when a database has no data source, or several and none is named in
    ``[data_sources]``, or the configured name is not among them (the message lists them)."""


class RateLimited(SyncError):
    """Raised when 429 ``rate_limited`` outlasts the retries, or access is blocked."""


class NotionUnavailable(SyncError):
    """Raised when 5xx answers, timeouts or dropped connections outlast the retries."""


class WriteNotConfirmed(SyncError):
    """Raised when a write may or may not have been saved (a 5xx, a 503 "saved but not
    answered", a timeout, a dropped connection). A write is never sent twice: the caller
    reads the object back (``committed_resource_id`` when Notion gave it) and carries on
    from what Notion actually holds."""

    def __init__(self, message: str, object_id: str, committed_id: str | None = None) -> None:
        super().__init__(message)
        self.object_id = object_id
        self.committed_id = committed_id


class IncompleteRead(SyncError):
    """Raised when a query stops at Notion's 10,000-result cap: reading on would miss rows."""


class RequestRefused(SyncError):
    """Raised for any other error answer (``validation_error``, ``conflict_error``...)."""
