"""One apply's access to Notion: writes refused in a dry run, never repeated blindly.

Every write goes through :meth:`Session.write`: on :class:`~sync.errors.WriteNotConfirmed`
(a 5xx, a timeout, a dropped connection after the request left) it reads back what Notion
holds and sends the write again only when the read shows it did not land.
:meth:`Session.append_tree` appends blocks of any size and depth, batched to Notion's
limits (:mod:`sync.blocks`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial

from schemas.limits import MAX_ITEMS
from schemas.wire import Json
from sync import errors
from sync.blocks import after, batches, children_of, overflows, same_block, trimmed
from sync.gateway import Gateway

Check = Callable[[errors.WriteNotConfirmed], Json | None]
"""What Notion holds after an unconfirmed write: the saved object, or None if it did not land."""


class Session:
    """One apply's access to Notion: writes refused in a dry run, never blindly repeated."""

    def __init__(self, gateway: Gateway, *, dry_run: bool = False) -> None:
        self.gateway = gateway
        self.dry_run = dry_run

    def write(self, send: Callable[[], Json], check: Check) -> Json:
        """Send a write; when its outcome is unknown, trust what Notion holds (``check``)
        and send it once more only when the read shows it did not land."""
        if self.dry_run:
            raise AssertionError("a dry run sends no write")  # a bug, not a Notion failure
        try:
            return send()
        except errors.WriteNotConfirmed as unsure:
            found = check(unsure)
            if found is not None:
                return found
        return send()

    def children(self, block_id: str) -> list[Json]:
        """Every live child of a page or block, paged through (100 per call)."""
        pages = self.gateway.every(partial(self.gateway.list_children, block_id))
        return [block for answer in pages for block in answer.get("results", [])]

    def block(self, block_id: str) -> Json | None:
        """The block, or None when it is gone (deleted, trashed, no longer shared)."""
        try:
            found = self.gateway.retrieve_block(block_id)
        except errors.ObjectNotFound:
            return None
        return None if found.get("in_trash") or found.get("archived") else found

    def append_tree(
        self, container_id: str, blocks: Sequence[Json], position: Json | None = None
    ) -> list[Json]:
        """Append ``blocks`` (any size, any depth) at ``position``; the top-level blocks
        created, as Notion answered them."""
        created: list[Json] = []
        for batch in batches(blocks):
            request = [trimmed(block, levels) for block, levels in batch]
            made = self._append(container_id, request, position)
            for (block, levels), answer in zip(batch, made, strict=True):
                self.finish(str(answer["id"]), block, levels)
            created.extend(made)
            if position is not None:  # the next batch goes after this one, not at the start
                position = after(str(made[-1]["id"]))
        return created

    def finish(self, block_id: str, block: Json, levels: int) -> None:
        """Append what the request that created ``block_id`` could not carry."""
        kids = children_of(block)
        if not kids:
            return
        if levels <= 1:
            self.append_tree(block_id, kids)
            return
        sent = kids[:MAX_ITEMS]
        if any(overflows(kid, levels - 1) for kid in sent):
            listed = self.children(block_id)[: len(sent)]
            for kid, answer in zip(sent, listed, strict=True):
                self.finish(str(answer["id"]), kid, levels - 1)
        if len(kids) > MAX_ITEMS:
            self.append_tree(block_id, kids[MAX_ITEMS:])

    def holds(self, listed: Sequence[Json], blocks: Sequence[Json]) -> bool:
        """Whether ``listed`` (children as read) are ``blocks``, reading nested children."""
        if len(listed) != len(blocks):
            return False
        for want, got in zip(blocks, listed, strict=True):
            if not same_block(want, got):
                return False
            kids = children_of(want)
            if (kids or got.get("has_children")) and not self.holds(
                self.children(str(got["id"])), kids
            ):
                return False
        return True

    def _append(self, container_id: str, request: list[Json], position: Json | None) -> list[Json]:
        def send() -> Json:
            return self.gateway.append_children(container_id, request, position)

        def check(_: errors.WriteNotConfirmed) -> Json | None:
            landed = self._landed(container_id, request, position)
            return None if landed is None else {"results": landed}

        return list(self.write(send, check)["results"])

    def _landed(
        self, container_id: str, request: list[Json], position: Json | None
    ) -> list[Json] | None:
        """The blocks of ``request`` if the container now holds them where they were sent."""
        listed = self.children(container_id)
        if position is None:
            start = len(listed) - len(request)
        elif position["type"] == "start":
            start = 0
        else:
            anchor = position["after_block"]["id"]
            ids = [str(b["id"]) for b in listed]
            start = ids.index(anchor) + 1 if anchor in ids else -1
        window = listed[start : start + len(request)] if start >= 0 else []
        if len(window) == len(request) and all(map(same_block, request, window)):
            return window
        return None
