"""The gateway: every Notion call Quarterdeck makes, typed, budgeted, retried and counted.

notion-client annotates its sync calls ``Any | Awaitable[Any]``; they are narrowed to JSON
objects here, once. Each attempt first takes a slot of the :class:`RequestBudget`, so a
steady run never meets a 429.

Retries (tenacity) cover what notion-client does not retry itself, and it is built with its
own retry off so that every attempt goes through the budget:

- **reads** (GET, and the data source query, a POST that changes nothing) are retried on
  429 (after ``Retry-After``), 500, 502, 503, 504, 529, timeouts and dropped connections;
- **writes** are retried only when Notion certainly did nothing: 429, or a connection that
  could not be opened. Any other failure (a 5xx, the 503 "saved, but the response could not
  be built", a timeout, a dropped connection) may have been saved: it raises
  :class:`WriteNotConfirmed` and the writer reads the object back instead of repeating it.

Failures that outlast the retries become :mod:`sync.errors` with one-line messages, the
token scrubbed out of anything Notion or the network said.
"""

from __future__ import annotations

import json
import logging
import time
from collections import Counter
from collections.abc import Callable, Iterator, Mapping
from functools import partial
from typing import Any

import httpx
from notion_client import Client
from notion_client.errors import HTTPResponseError, RequestTimeoutError
from tenacity import RetryCallState, Retrying, retry_if_exception, stop_after_attempt
from tenacity.wait import wait_random_exponential

from schemas.limits import PAGE_SIZE
from schemas.settings import TOKEN_VARIABLE, Settings
from schemas.wire import Json
from sync import errors
from sync.budget import WINDOW_SECONDS, Clock, RequestBudget, Sleep
from sync.client import build_client

RETRYABLE_STATUSES = frozenset({429, 500, 502, 503, 504, 529})
MAX_WAIT_SECONDS = WINDOW_SECONDS
"""Longest single wait between attempts (Notion's Retry-After is at most a window)."""
INTEGRATIONS_PAGE = "https://www.notion.so/profile/integrations"
INVALID_TOKEN = (
    f"{TOKEN_VARIABLE} is not a valid integration token (Notion answered 401 unauthorized): "
    f"copy the Internal Integration Secret of your integration from {INTEGRATIONS_PAGE} "
    f"into the {TOKEN_VARIABLE} environment variable (a repository secret in GitHub Actions)."
)
_LOG = logging.getLogger(__name__)
_Send = Callable[[], Any]


def _status(error: BaseException) -> int | None:
    return error.status if isinstance(error, HTTPResponseError) else None


def _code(error: HTTPResponseError) -> str:
    """Notion's error code, also for those notion-client does not know (``bad_gateway``)."""
    try:
        body = json.loads(error.body)
    except ValueError:
        body = None
    code = body.get("code") if isinstance(body, dict) else None
    return str(code) if code else f"status {error.status}"


def _blocked(error: BaseException) -> bool:
    data = error.additional_data if isinstance(error, HTTPResponseError) else None
    return (data or {}).get("rate_limit_reason") == "public_api_request_blocked"


def _retryable_read(error: BaseException) -> bool:
    if isinstance(error, RequestTimeoutError | httpx.TransportError):
        return True
    return _status(error) in RETRYABLE_STATUSES and not _blocked(error)


def _retryable_write(error: BaseException) -> bool:
    # Only when nothing reached Notion: a 429 is refused before anything is done.
    if isinstance(error, httpx.ConnectError):
        return True
    return _status(error) == 429 and not _blocked(error)


def _retry_after(error: BaseException) -> float | None:
    if not isinstance(error, HTTPResponseError):
        return None
    raw = error.headers.get("retry-after") or (error.additional_data or {}).get("retry_after")
    try:
        return max(0.0, float(raw)) if raw is not None else None
    except ValueError:
        return None


class Gateway:
    """Notion's API as Quarterdeck uses it. ``calls`` counts every request sent."""

    def __init__(
        self,
        client: Client,
        *,
        budget: RequestBudget | None = None,
        max_retries: int = 5,
        sleep: Sleep = time.sleep,
    ) -> None:
        self.client = client
        self.budget = budget or RequestBudget(180, sleep=sleep)
        self.max_retries = max_retries
        self.sleep = sleep
        self.calls = 0
        self.calls_by: Counter[str] = Counter()
        """Requests sent per route (``POST /v1/data_sources/{id}/query``)."""
        self._secret = client.options.auth if isinstance(client.options.auth, str) else None
        self._backoff = wait_random_exponential(multiplier=0.5, max=30)

    @classmethod
    def from_settings(
        cls,
        settings: Settings,
        *,
        http: httpx.Client | None = None,
        clock: Clock = time.monotonic,
        sleep: Sleep = time.sleep,
    ) -> Gateway:
        """The gateway ``settings`` describe; ``http`` e.g. over the emulator's transport."""
        if settings.token is None or not settings.token.get_secret_value():
            raise errors.InvalidToken(
                f"{TOKEN_VARIABLE} is not set: create an internal integration at "
                f"{INTEGRATIONS_PAGE} and put its secret in the {TOKEN_VARIABLE} environment "
                "variable (a repository secret in GitHub Actions)."
            )
        notion = settings.notion
        client = build_client(
            settings.token.get_secret_value(),
            base_url=notion.base_url,
            http=http,
            timeout_ms=round(notion.timeout_seconds * 1000),
            retry=False,
            logger=logging.getLogger("sync.notion_client"),
        )
        budget = RequestBudget(notion.requests_per_minute, clock=clock, sleep=sleep)
        return cls(client, budget=budget, max_retries=notion.max_retries, sleep=sleep)

    # -- reads ---------------------------------------------------------------------------

    def retrieve_database(self, database_id: str) -> Json:
        send = partial(self.client.databases.retrieve, database_id)
        return self._read("GET /v1/databases/{id}", database_id, send)

    def retrieve_data_source(self, data_source_id: str) -> Json:
        send = partial(self.client.data_sources.retrieve, data_source_id)
        return self._read("GET /v1/data_sources/{id}", data_source_id, send)

    def query_data_source(
        self,
        data_source_id: str,
        start_cursor: str | None = None,
        *,
        sorts: list[Json] | None = None,
        filter: Json | None = None,
    ) -> Json:
        """One page of rows (100), trashed rows left out by Notion."""
        extra: Json = {}
        if sorts is not None:
            extra["sorts"] = sorts
        if filter is not None:
            extra["filter"] = filter
        send = partial(
            self.client.data_sources.query,
            data_source_id,
            page_size=PAGE_SIZE,
            start_cursor=start_cursor,
            **extra,
        )
        return self._read("POST /v1/data_sources/{id}/query", data_source_id, send)

    def retrieve_page(self, page_id: str) -> Json:
        send = partial(self.client.pages.retrieve, page_id)
        return self._read("GET /v1/pages/{id}", page_id, send)

    def property_items(self, page_id: str, property_id: str, start_cursor: str | None) -> Json:
        """One page of a property's values (all of them, past the 25 a page object lists)."""
        send = partial(
            self.client.pages.properties.retrieve,
            page_id,
            property_id,
            page_size=PAGE_SIZE,
            start_cursor=start_cursor,
        )
        return self._read("GET /v1/pages/{id}/properties/{property}", page_id, send)

    def list_users(self, start_cursor: str | None = None) -> Json:
        send = partial(self.client.users.list, page_size=PAGE_SIZE, start_cursor=start_cursor)
        return self._read("GET /v1/users", "", send)

    def me(self) -> Json:
        """The integration's own bot user (its name is what people look for in Connections)."""
        return self._read("GET /v1/users/me", "", self.client.users.me)

    def every(self, fetch: Callable[[str | None], Json]) -> Iterator[Json]:
        """Each list answer of a paginated read, following ``next_cursor`` to the end."""
        cursor: str | None = None
        while True:
            answer = fetch(cursor)
            yield answer
            cursor = answer.get("next_cursor")
            if not answer.get("has_more") or not cursor:
                return

    # -- writes --------------------------------------------------------------------------

    def update_page(self, page_id: str, properties: Mapping[str, Any]) -> Json:
        """One PATCH carrying every changed property of a page; never sent twice."""
        send = partial(self.client.pages.update, page_id, properties=dict(properties))
        return self._write("PATCH /v1/pages/{id}", page_id, send)

    # -- blocks and pages the writer manages ----------------------------------------------

    def retrieve_block(self, block_id: str) -> Json:
        send = partial(self.client.blocks.retrieve, block_id)
        return self._read("GET /v1/blocks/{id}", block_id, send)

    def list_children(self, block_id: str, start_cursor: str | None = None) -> Json:
        """One page (100) of the first-level children of a page or block."""
        send = partial(
            self.client.blocks.children.list,
            block_id,
            page_size=PAGE_SIZE,
            start_cursor=start_cursor,
        )
        return self._read("GET /v1/blocks/{id}/children", block_id, send)

    def append_children(
        self, block_id: str, children: list[Json], position: Json | None = None
    ) -> Json:
        """At most 100 blocks under a page or block, at the end unless ``position`` says."""
        extra = {"position": position} if position is not None else {}
        send = partial(self.client.blocks.children.append, block_id, children=children, **extra)
        return self._write("PATCH /v1/blocks/{id}/children", block_id, send)

    def update_block(self, block_id: str, kind: str, content: Mapping[str, Any]) -> Json:
        """Replace the fields of a block's ``kind`` payload given in ``content``."""
        send = partial(self.client.blocks.update, block_id, **{kind: dict(content)})
        return self._write("PATCH /v1/blocks/{id}", block_id, send)

    def delete_block(self, block_id: str) -> Json:
        send = partial(self.client.blocks.delete, block_id)
        return self._write("DELETE /v1/blocks/{id}", block_id, send)

    def create_page(self, parent_page_id: str, title: str, children: list[Json]) -> Json:
        """A page under a page, with at most 100 blocks of content."""
        send = partial(
            self.client.pages.create,
            parent={"type": "page_id", "page_id": parent_page_id},
            properties={"title": _title(title)},
            children=children,
        )
        return self._write("POST /v1/pages", parent_page_id, send)

    def erase_content(self, page_id: str, title: str | None = None) -> Json:
        """Remove every block of a page's content, and set its title if given (same call)."""
        extra = {"properties": {"title": _title(title)}} if title is not None else {}
        send = partial(self.client.pages.update, page_id, erase_content=True, **extra)
        return self._write("PATCH /v1/pages/{id}", page_id, send)

    def update_data_source(self, data_source_id: str, properties: Mapping[str, Any]) -> Json:
        """Add or change properties of a data source's schema."""
        send = partial(self.client.data_sources.update, data_source_id, properties=dict(properties))
        return self._write("PATCH /v1/data_sources/{id}", data_source_id, send)

    # -- machinery -----------------------------------------------------------------------

    def _read(self, route: str, object_id: str, send: _Send) -> Json:
        return self._attempt(route, object_id, send, _retryable_read, write=False)

    def _write(self, route: str, object_id: str, send: _Send) -> Json:
        return self._attempt(route, object_id, send, _retryable_write, write=True)

    def _attempt(
        self,
        route: str,
        object_id: str,
        send: _Send,
        retryable: Callable[[BaseException], bool],
        *,
        write: bool,
    ) -> Json:
        retrying = Retrying(
            stop=stop_after_attempt(self.max_retries + 1),
            retry=retry_if_exception(retryable),
            wait=self._wait,
            sleep=self.sleep,
            before_sleep=self._log_retry,
            reraise=True,
        )
        try:
            return retrying(self._send, route, send)
        except (HTTPResponseError, RequestTimeoutError, httpx.TransportError) as error:
            attempts = retrying.statistics.get("attempt_number", 1)
            what = route.replace("{id}", object_id).replace("/{property}", "/…")
            raise self._failure(error, what, object_id, attempts, write=write) from error

    def _send(self, route: str, send: _Send) -> Json:
        self.budget.acquire()
        self.calls += 1
        self.calls_by[route] += 1
        answer = send()
        if not isinstance(answer, dict):
            raise errors.RequestRefused(f"{route}: Notion answered {type(answer).__name__}")
        return answer

    def _wait(self, state: RetryCallState) -> float:
        error = state.outcome.exception() if state.outcome else None
        told = _retry_after(error) if error is not None else None
        wait = told if told is not None else self._backoff(state)
        return min(wait, MAX_WAIT_SECONDS)

    def _log_retry(self, state: RetryCallState) -> None:
        error = state.outcome.exception() if state.outcome else None
        wait = state.next_action.sleep if state.next_action else 0.0
        _LOG.warning(
            "%s failed (%s); attempt %d of %d in %.1f s",
            state.args[0] if state.args else "a Notion call",
            self._scrub(_reason(error)),
            state.attempt_number + 1,
            self.max_retries + 1,
            wait,
        )

    def _scrub(self, text: str) -> str:
        return text.replace(self._secret, "[token]") if self._secret else text

    def _failure(
        self, error: BaseException, what: str, object_id: str, attempts: int, *, write: bool
    ) -> errors.SyncError:
        status = _status(error)
        reason = self._scrub(_reason(error))
        if status == 401:
            return errors.InvalidToken(INVALID_TOKEN)
        if write and not _retryable_write(error) and (status is None or status >= 500):
            data = error.additional_data if isinstance(error, HTTPResponseError) else None
            committed = (data or {}).get("committed_resource_id")
            return errors.WriteNotConfirmed(
                f"{what}: Notion may have saved this change without confirming it ({reason}); "
                "Quarterdeck never sends a write twice: it reads the page back and goes on "
                "from what Notion holds.",
                object_id,
                str(committed) if committed else None,
            )
        return _classified(status, what, object_id, reason, attempts, blocked=_blocked(error))


def _title(title: str) -> Json:
    return {"title": [{"type": "text", "text": {"content": title}}]}


def _reason(error: BaseException | None) -> str:
    if isinstance(error, HTTPResponseError):
        return f"{error.status} {_code(error)}: {error}"
    if isinstance(error, RequestTimeoutError):
        return "timed out"
    return f"{type(error).__name__}: {error}" if error is not None else "unknown error"


def _classified(
    status: int | None, what: str, object_id: str, reason: str, attempts: int, *, blocked: bool
) -> errors.SyncError:
    tries = f"{attempts} attempt{'s' if attempts > 1 else ''}"
    if status == 404:
        return errors.ObjectNotFound(
            f"{what}: not found, or not shared with the integration ({reason})", object_id
        )
    if status == 403:
        return errors.AccessDenied(
            f"{what}: the integration may not do this ({reason}): give it the capability it "
            f"needs (Read content, Update content, Read user information) in {INTEGRATIONS_PAGE}."
        )
    if status == 429:
        fix = (
            "Notion has restricted this integration's API access; retrying won't help."
            if blocked
            else "another job may share the token: lower [notion] requests_per_minute or run later."
        )
        return errors.RateLimited(f"{what}: still rate limited after {tries} ({reason}); {fix}")
    if status is None or status >= 500:
        return errors.NotionUnavailable(
            f"{what} failed after {tries} ({reason}): Notion or the network is having trouble "
            "(https://status.notion.so); run again later."
        )
    return errors.RequestRefused(f"{what} was refused: {reason}")
