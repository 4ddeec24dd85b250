"""Replay Notion's real recordings against the emulator and compare the answers' structure.

Each cassette in ``notion-recordings/`` (see :mod:`tests.contract.recordings`) is one test.
Its interactions are replayed in order against a fresh emulator, with the recorded method,
path, query, headers and body. What is compared is the **structure** of each answer: the
status, the keys (recursively, order ignored), the JSON type of every value, and the tag
values ``object`` and ``type`` (plus ``code`` in error bodies). Ids, times and text are not
compared: they cannot agree between two workspaces. Answers recorded in Apr 2026, the newest
2025-09-03 shapes the emulator renders, must also list their keys in the recorded **order**.

Ids: every id in a recorded answer is mapped to the id the emulator returned at the same
place; later request paths, queries and bodies are rewritten with the map (ids appear
dashed and undashed). Pages the cassettes build under but never create (the recording
workspace's root pages) are made first with their recorded ids, as a person would in the app.

Tokens are redacted (``ntn_...``). Every emulator here accepts only ``VALID_TOKEN``; an
interaction recorded as 401 is sent with the redacted token, which it rejects.

Where the recorded workspace legitimately differs from the emulator's (``GET /v1/users``
lists the recording workspace's 31 users; ``POST /v1/search`` without a narrow query finds
whatever that workspace held), the ``results`` arrays are not compared pairwise: each
element the emulator returns must have the structure of some recorded element of the same
``object``/``type``, and the envelope is compared as usual.

Keys or tags that legitimately differ are listed in :data:`ALLOWED`, each with its reason.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any, Literal

import pytest

from emulator import Emulator, ManualClock, RateLimit, Request
from emulator.core import ROUTES
from emulator.seeds import empty_workshop
from tests.contract.recordings import Cassette, Era, Interaction, all_cassettes

VALID_TOKEN = "the-valid-one"
START = 1_796_000_000.0
"""A fixed "now"; the clock moves one second per request so that edit order is preserved."""

# -- what is not replayed -------------------------------------------------------------------

NOT_SERVED: tuple[tuple[str, str, str], ...] = (
    ("*", r"^/v1/file_uploads(/.*)?$", "file uploads are not emulated"),
    ("*", r"^/v1/views(/.*)?$", "views are not emulated"),
    ("GET", r"^/v1/data_sources/[^/]+/templates$", "data source templates are not emulated"),
    ("GET", r"^/v1/custom_emojis$", "custom emojis are not emulated"),
    ("POST", r"^/v1/blocks/meeting_notes/query$", "meeting notes are not emulated"),
    ("POST", r"^/v1/pages/[^/]+/move$", "moving pages is not emulated"),
    ("PATCH", r"^/v1/comments/[^/]+$", "updating comments is not emulated"),
    ("DELETE", r"^/v1/comments/[^/]+$", "deleting comments is not emulated"),
)
"""``(method or *, path regex, reason)`` of recorded endpoints the emulator does not serve."""


def skip_reason(interaction: Interaction) -> str | None:
    if interaction.host != "api.notion.com":
        return f"{interaction.host} is not Notion (the SDK's HTTP error tests)"
    for method, pattern, reason in NOT_SERVED:
        if method in ("*", interaction.method) and re.match(pattern, interaction.path):
            return reason
    return None


def _served(interaction: Interaction) -> bool:
    return any(r.method == interaction.method and r.pattern.match(interaction.path) for r in ROUTES)


# -- what may differ -----------------------------------------------------------------------


@dataclass(frozen=True)
class Allowed:
    side: Literal["recording", "emulator", "tag", "nullable"]
    """The key is only in the recording / only in the emulator's answer; a tag value differs;
    the value is null on one side and not on the other."""
    object: str | None
    """The ``object`` tag of the JSON object holding the key (None: any object)."""
    key: str
    reason: str
    era: Era | None = None
    """Only for cassettes recorded then (None: any)."""


ALLOWED: tuple[Allowed, ...] = (
    *(
        Allowed(
            "emulator",
            "page",
            "is_archived",
            "The emulator renders 2025-09-03 as recorded in Apr 2026: pages carry `is_archived` "
            "(archived, a state apart from the trash; NOTION_API.md §2.3, SDK-JS "
            "`PageObjectResponse`). Pages recorded before then do not have it yet.",
            era,
        )
        for era in ("2024-12", "2025")
    ),
    Allowed(
        "emulator",
        "database",
        "archived",
        "The emulator renders 2025-09-03 as recorded in Apr 2026: database objects carry "
        "`archived`, the deprecated alias of `in_trash` (NOTION_API.md §2.1, SDK-JS "
        "`DatabaseObjectResponse`). Oct 2025 databases do not have it yet.",
        "2025",
    ),
    Allowed(
        "nullable",
        "user",
        "avatar_url",
        "`avatar_url` is null for a user without a picture; the emulator's users have none.",
    ),
    # Dec 2024 cassettes: recorded before 2025-09-03 existed, in the 2022-06-28 shapes.
    Allowed("emulator", "page", "is_locked", "Dec 2024 pages had no `is_locked` yet.", "2024-12"),
    Allowed(
        "emulator",
        "comment",
        "display_name",
        "Dec 2024 comments had no `display_name` yet.",
        "2024-12",
    ),
    Allowed(
        "emulator",
        None,
        "workspace_limits",
        "Dec 2024 bots had no `bot.workspace_limits` yet.",
        "2024-12",
    ),
    Allowed(
        "tag",
        "list",
        "type",
        "Dec 2024 search answered `type: page_or_database`; 2025-09-03 answers `page_or_data_source`.",
        "2024-12",
    ),
    Allowed(
        "recording", "list", "page_or_database", "Dec 2024 search envelope (see `type`).", "2024-12"
    ),
    Allowed(
        "emulator",
        "list",
        "page_or_data_source",
        "2025-09-03 search envelope (see `type`).",
        "2024-12",
    ),
    *(
        Allowed(
            "recording",
            "database",
            key,
            f"Dec 2024 (2022-06-28) database objects carried `{key}`; 2025-09-03 moved the schema "
            "to data sources and dropped the user stamps from databases.",
            "2024-12",
        )
        for key in ("properties", "created_by", "last_edited_by")
    ),
    *(
        Allowed(
            "emulator",
            "database",
            key,
            f"2025-09-03 database objects carry `{key}`; Dec 2024 (2022-06-28) ones did not.",
            "2024-12",
        )
        for key in ("data_sources", "is_locked")
    ),
)


USED: set[Allowed] = set()
"""Allowances that excused a difference in this process (see the last test)."""


def allowed(side: str, holder: dict[str, Any], key: str, era: Era) -> bool:
    kind = holder.get("object")
    for allowance in ALLOWED:
        if (allowance.side, allowance.key) != (side, key):
            continue
        if allowance.object in (None, kind) and allowance.era in (None, era):
            USED.add(allowance)
            return True
    return False


def legacy_request(cassette: Cassette, interaction: Interaction, body: str) -> str:
    """The 2025-09-03 form of a Dec 2024 request the SDK of the time sent in 2022-06-28 form.

    Only one rewrite: ``POST /v1/databases`` with a top-level ``properties`` (2022-06-28) sends
    them as ``initial_data_source.properties``, as the 2025-09-03 upgrade guide says; the
    emulator (like notion-client 3.1.0, which does not pass ``properties``) refuses the old form.
    """
    if cassette.era != "2024-12" or (interaction.method, interaction.path) != (
        "POST",
        "/v1/databases",
    ):
        return body
    parsed = json.loads(body)
    if "properties" in parsed:
        parsed["initial_data_source"] = {"properties": parsed.pop("properties")}
    return json.dumps(parsed)


# -- ids -------------------------------------------------------------------------------------

_ID = re.compile(
    r"(?<![0-9a-fA-F])[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}(?![0-9a-fA-F])"
)
_EXACT_ID = re.compile(r"^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$")
_NOT_MAPPED = frozenset({"request_id"})
"""Keys whose ids are per request, never referred to again."""


def _dashed(raw: str) -> str:
    compact = raw.replace("-", "")
    return f"{compact[:8]}-{compact[8:12]}-{compact[12:16]}-{compact[16:20]}-{compact[20:]}"


@dataclass
class IdMap:
    """Recorded id -> emulator id (both dashed)."""

    ids: dict[str, str] = field(default_factory=dict)

    def learn(self, recorded: str, emulated: str) -> None:
        self.ids.setdefault(_dashed(recorded), _dashed(emulated))

    def rewrite(self, text: str) -> str:
        def swap(found: re.Match[str]) -> str:
            raw = found.group(0)
            mapped = self.ids.get(_dashed(raw))
            if mapped is None:
                return raw
            return mapped if "-" in raw else mapped.replace("-", "")

        return _ID.sub(swap, text)


# -- structure -------------------------------------------------------------------------------

ORDERED_ERAS: frozenset[Era] = frozenset({"2026-04"})
"""Eras whose key order the emulator follows (``render.py``: the newest 2025-09-03 shapes).
Older answers list some keys elsewhere (``archived`` before ``in_trash``), so only their key
sets are compared."""


def kind_of(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int | float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    return "object"


@dataclass
class Comparison:
    """Structural comparison of one recorded answer with the emulator's, learning ids on the way."""

    era: Era
    ids: IdMap
    workspace_lists: frozenset[str] = frozenset()
    """Paths of arrays whose content depends on the recording workspace."""
    differences: list[str] = field(default_factory=list)

    def run(self, recorded: Any, emulated: Any, path: str = "$", *, learn: bool = True) -> None:
        rk, ek = kind_of(recorded), kind_of(emulated)
        if rk != ek:
            self.differences.append(f"{path}: recorded {rk}, emulator {ek}")
        elif rk == "string" and learn and path.rsplit(".", 1)[-1] not in _NOT_MAPPED:
            if _EXACT_ID.match(recorded) and _EXACT_ID.match(emulated):
                self.ids.learn(recorded, emulated)
        elif rk == "object":
            self._objects(recorded, emulated, path, learn=learn)
        elif rk == "array":
            self._arrays(recorded, emulated, path, learn=learn)

    def _objects(
        self, recorded: dict[str, Any], emulated: dict[str, Any], path: str, *, learn: bool
    ) -> None:
        tags = ["object", "type"] + (["code"] if recorded.get("object") == "error" else [])
        for tag in tags:
            differs = tag in recorded and tag in emulated and recorded[tag] != emulated[tag]
            if differs and not allowed("tag", recorded, tag, self.era):
                self.differences.append(
                    f"{path}.{tag}: recorded {recorded[tag]!r}, emulator {emulated[tag]!r}"
                )
        if self.era in ORDERED_ERAS:
            self._order(recorded, emulated, path)
        for key in sorted(recorded.keys() - emulated.keys()):
            if not allowed("recording", recorded, key, self.era):
                self.differences.append(f"{path}.{key}: only in the recording")
        for key in sorted(emulated.keys() - recorded.keys()):
            if not allowed("emulator", emulated, key, self.era):
                self.differences.append(f"{path}.{key}: only in the emulator's answer")
        for key in sorted(recorded.keys() & emulated.keys()):
            one_null = (recorded[key] is None) != (emulated[key] is None)
            if one_null and allowed("nullable", recorded, key, self.era):
                continue
            self.run(recorded[key], emulated[key], f"{path}.{key}", learn=learn)

    def _order(self, recorded: dict[str, Any], emulated: dict[str, Any], path: str) -> None:
        """The keys both sides have come in the same order (keys only one side has are
        reported, or allowed, by :meth:`_objects`)."""
        in_recording = [key for key in recorded if key in emulated]
        in_answer = [key for key in emulated if key in recorded]
        if in_recording != in_answer:
            self.differences.append(
                f"{path}: keys recorded in the order {in_recording}, emulator {in_answer}"
            )

    def _arrays(self, recorded: list[Any], emulated: list[Any], path: str, *, learn: bool) -> None:
        if path in self.workspace_lists or path.startswith(_WORKSPACE_ITEM):
            prefix = "" if path.startswith(_WORKSPACE_ITEM) else _WORKSPACE_ITEM
            for index, item in enumerate(emulated):
                self._like_some(recorded, item, f"{prefix}{path}[{index}]")
            return
        if len(recorded) != len(emulated):
            self.differences.append(
                f"{path}: recorded {len(recorded)} items, emulator {len(emulated)}"
            )
            return
        for r, e in zip(recorded, emulated, strict=True):
            self.run(r, e, f"{path}[]", learn=learn)

    def _like_some(self, recorded: list[Any], item: Any, path: str) -> None:
        """``item`` must have the structure of some recorded element of its object/type.

        An empty recorded array is no evidence either way (the recording workspace's page had
        no title, say), so it accepts any element.
        """
        if not recorded:
            return
        same = [r for r in recorded if _tags(r) == _tags(item)]
        if not same:
            self.differences.append(f"{path}: no recorded element is a {_tags(item)}")
            return
        attempts: list[list[str]] = []
        for candidate in same:
            trial = Comparison(self.era, IdMap(), self.workspace_lists)
            trial.run(candidate, item, path, learn=False)
            if not trial.differences:
                return
            attempts.append(trial.differences)
        closest: list[str] = min(attempts, key=len)
        self.differences.extend(closest)


_WORKSPACE_ITEM = "~"
"""Prefix of paths inside a workspace-dependent list: nested arrays are matched by kind too."""


def _tags(value: Any) -> tuple[Any, Any]:
    return (
        (value.get("object"), value.get("type"))
        if isinstance(value, dict)
        else (kind_of(value), None)
    )


def workspace_lists(interaction: Interaction) -> frozenset[str]:
    """``results`` of the users list and of search hold what the recording workspace held."""
    if (interaction.method, interaction.path) in (("GET", "/v1/users"), ("POST", "/v1/search")):
        return frozenset({"$.results"})
    return frozenset()


# -- replay ----------------------------------------------------------------------------------


def root_pages(cassette: Cassette) -> list[str]:
    """Page ids the cassette builds under (``parent.page_id``) but never creates."""
    created = set()
    for interaction in cassette.interactions:
        answer = interaction.response
        if isinstance(answer, dict) and isinstance(answer.get("id"), str):
            created.add(_dashed(answer["id"]))
    roots: list[str] = []
    for interaction in replayed(cassette):
        body = json.loads(interaction.body) if interaction.body.strip() else {}
        parent = body.get("parent") if isinstance(body, dict) else None
        page_id = parent.get("page_id") if isinstance(parent, dict) else None
        if (
            isinstance(page_id, str)
            and _dashed(page_id) not in created
            and _dashed(page_id) not in roots
        ):
            roots.append(_dashed(page_id))
    return roots


def replayed(cassette: Cassette) -> list[Interaction]:
    return [i for i in cassette.interactions if skip_reason(i) is None]


def _headers(interaction: Interaction) -> dict[str, str]:
    headers = {k: v for k, v in interaction.headers.items() if k not in ("content-length", "host")}
    token = (
        interaction.headers.get("authorization", "") if interaction.status == 401 else VALID_TOKEN
    )
    headers["authorization"] = f"Bearer {token}"
    return headers


def replay(cassette: Cassette) -> list[str]:
    """Replay the cassette; the structural differences found, one line each."""
    clock = ManualClock(START)
    workshop = empty_workshop()
    workshop.store.clock = clock
    ids = IdMap()
    for root in root_pages(cassette):
        workshop.add_page("Recording root", page_id=root)
        ids.learn(root, root)
    emulator = Emulator(
        workshop.workspace, token=VALID_TOKEN, clock=clock, rate_limit=RateLimit(budget=None)
    )
    differences: list[str] = []
    for interaction in replayed(cassette):
        clock.advance(1.0)
        body = legacy_request(cassette, interaction, ids.rewrite(interaction.body))
        response = emulator.handle(
            Request(
                method=interaction.method,
                path=ids.rewrite(interaction.path),
                query=ids.rewrite(interaction.query),
                headers=_headers(interaction),
                body=body.encode(),
            )
        )
        where = interaction.describe()
        if response.status != interaction.status:
            differences.append(f"{where}: status {response.status} ({response.body[:300]!r})")
            continue
        comparison = Comparison(cassette.era, ids, workspace_lists(interaction))
        comparison.run(interaction.response, response.json())
        differences.extend(f"{where}: {d}" for d in comparison.differences)
    return differences


# -- the tests -------------------------------------------------------------------------------


def _params() -> list[Any]:
    params = []
    for cassette in all_cassettes():
        reasons = sorted({r for i in cassette.interactions if (r := skip_reason(i)) is not None})
        marks = []
        if not replayed(cassette):
            marks.append(
                pytest.mark.skip(reason="nothing the emulator serves: " + "; ".join(reasons))
            )
        params.append(pytest.param(cassette, id=cassette.name.removeprefix("test_"), marks=marks))
    return params


@pytest.mark.parametrize("cassette", _params())
def test_recording_replays_with_the_same_structure(cassette: Cassette) -> None:
    differences = replay(cassette)
    assert not differences, f"{cassette.name} ({cassette.era}):\n  " + "\n  ".join(differences)


def test_every_replayed_interaction_is_one_the_emulator_serves() -> None:
    """Guards the skip list: what is replayed is a served route or a recorded bad URL."""
    unexpected = [
        f"{c.name} {i.describe()}"
        for c in all_cassettes()
        for i in replayed(c)
        if not _served(i) and not (i.status == 400 and '"invalid_request_url"' in i.response_text)
    ]
    assert not unexpected


def _recorded_objects() -> list[dict[str, Any]]:
    """Every JSON object with an ``object`` tag in every recorded answer."""
    found: list[dict[str, Any]] = []

    def walk(value: Any) -> None:
        if isinstance(value, dict):
            if isinstance(value.get("object"), str):
                found.append(value)
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    for cassette in all_cassettes():
        for interaction in cassette.interactions:
            walk(interaction.response)
    return found


def test_recordings_back_the_archive_shapes_the_emulator_renders() -> None:
    """The evidence behind ``render.py``: ``archived`` always equals ``in_trash`` (its alias),
    and only pages carry ``is_archived`` (their own state)."""
    objects = _recorded_objects()
    both = [o for o in objects if "archived" in o and "in_trash" in o]
    assert both
    assert all(o["archived"] == o["in_trash"] for o in both)
    assert {o["object"] for o in objects if "is_archived" in o} == {"page"}


def test_the_recordings_are_there() -> None:
    assert len(all_cassettes()) >= 70


def test_every_allowance_is_still_needed() -> None:
    """An allowance no recording needs any more must go (the emulator changed, say)."""
    USED.clear()
    for cassette in all_cassettes():
        replay(cassette)
    unused = [f"{a.side} {a.object}.{a.key} ({a.era})" for a in ALLOWED if a not in USED]
    assert not unused
