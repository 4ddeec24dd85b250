"""Helpers the plan and render tests share (no tests here).

- :func:`hand_rollups`: rollups worked out by hand, simple enough to check by eye, so the
  rendering tests pin down rendering alone;
- :func:`limit_problems`: every request limit a block list could break;
- :func:`readable`: a block's rich text as a person reads it, mentions as ``@Title``.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping, Sequence
from datetime import date
from typing import Any

from jobs.figures import EpicRollup, HealthVerdict, QuarterRollup, Rollups, StreamRollup
from jobs.index import RoadmapIndex, is_open
from schemas.health import Health
from schemas.limits import MAX_TEXT, utf16_length
from schemas.models import Epic, Snapshot, State, Stream

Json = dict[str, Any]
_BY_STATE = {State.DONE: Health.DONE, State.DROPPED: Health.DROPPED}
_WORST_FIRST = (Health.OFF_TRACK, Health.AT_RISK, Health.ON_TRACK)


def hand_rollups(index: RoadmapIndex, today: date) -> Rollups:
    """Count-based rollups: one overdue task puts an epic at risk, two off track."""
    epics = {epic.id: _epic(index, epic, today) for epic in index.snapshot.epics}
    streams = {stream.id: _stream(index, stream, epics) for stream in index.snapshot.streams}
    shares = [r.progress for r in epics.values() if r.progress is not None]
    north_star = next((kr for kr in index.snapshot.key_results if kr.level == "North Star"), None)
    quarter = QuarterRollup(
        index.quarter.label,
        sum(shares) / len(shares) if shares else None,
        north_star.id if north_star else None,
        0.35 if north_star else None,
    )
    return Rollups(epics, streams, quarter)


def _epic(index: RoadmapIndex, epic: Epic, today: date) -> EpicRollup:
    tasks = [task for task in index.tasks_of(epic) if task.state is not State.DROPPED]
    done = sum(task.state is State.DONE for task in tasks)
    open_tasks = [task for task in tasks if is_open(task)]
    dues = [task.due.last_day for task in open_tasks if task.due is not None]
    overdue = sum(due < today for due in dues)
    progress = done / len(tasks) if tasks else None
    base, target, current = epic.kpi_baseline, epic.kpi_target, epic.kpi_current
    kpi = None
    if base is not None and target is not None and current is not None and target != base:
        kpi = (current - base) / (target - base)
    health = _BY_STATE.get(epic.state) if epic.state else None
    if health is None:
        health = (Health.ON_TRACK, Health.AT_RISK)[overdue] if overdue < 2 else Health.OFF_TRACK
    if progress is None and health not in _BY_STATE.values():
        health = Health.NO_DATA
    reason = f"{done} of {len(tasks)} tasks done; {overdue} overdue"
    verdict = HealthVerdict(health, reason)
    next_due = min((due for due in dues if due >= today), default=None)
    return EpicRollup(
        len(tasks), done, len(open_tasks), overdue, progress, None, kpi, epic.id, next_due, verdict
    )


def _stream(index: RoadmapIndex, stream: Stream, epics: Mapping[str, EpicRollup]) -> StreamRollup:
    ids = tuple(
        epic.id
        for epic in index.epics_of(stream)
        if index.epic_quarters.get(epic.id) == index.quarter and epic.state is not State.DROPPED
    )
    shares = [epics[i].progress for i in ids if epics[i].progress is not None]
    progress = sum(s for s in shares if s is not None) / len(shares) if shares else None
    healths = {epics[i].health.health for i in ids}
    health = next((h for h in _WORST_FIRST if h in healths), Health.NO_DATA)
    overdue = sum(epics[i].tasks_overdue for i in ids)
    return StreamRollup(
        stream.id, ids, progress, overdue, HealthVerdict(health, f"{len(ids)} epics")
    )


def _walk(value: Any, path: str) -> Iterator[tuple[str, Any]]:
    yield path, value
    if isinstance(value, dict):
        for key, inner in value.items():
            yield from _walk(inner, f"{path}.{key}")
    elif isinstance(value, list):
        for position, inner in enumerate(value):
            yield from _walk(inner, f"{path}[{position}]")


def _depth(block: Json) -> int:
    children = block[block["type"]].get("children", [])
    return 1 + max((_depth(child) for child in children), default=0)


def _count(block: Json) -> int:
    return 1 + sum(_count(child) for child in block[block["type"]].get("children", []))


def limit_problems(blocks: Sequence[Json]) -> list[str]:
    """What in ``{"children": blocks}`` breaks NOTION_API.md §1.2 or our two-level rule."""
    problems = []
    body = {"children": list(blocks)}
    for path, value in _walk(body, "body"):
        if isinstance(value, list) and len(value) > 100:
            problems.append(f"{path}: {len(value)} elements")
        if path.endswith((".text.content", ".link.url")) and utf16_length(value) > MAX_TEXT:
            problems.append(f"{path}: {utf16_length(value)} characters")
    problems += [f"children[{i}]: too deep" for i, b in enumerate(blocks) if _depth(b) > 2]
    size = len(json.dumps(body, ensure_ascii=False).encode())
    count = sum(_count(block) for block in blocks)
    if size > 500_000 or count > 1000:
        problems.append(f"{size} bytes, {count} objects")
    return problems


def readable(items: Sequence[Json], snapshot: Snapshot) -> str:
    """Rich text as Notion shows it: ``@Title`` for pages and people, dates as ISO days."""
    titles = {
        page.id: page.title
        for page in (*snapshot.streams, *snapshot.epics, *snapshot.tasks, *snapshot.key_results)
    }
    parts = []
    for item in items:
        if item["type"] == "text":
            content = item["text"]["content"]
            link = item["text"].get("link")
            parts.append(f"[{content}]({link['url']})" if link else content)
            continue
        mention = item["mention"]
        kind = mention["type"]
        if kind == "page":
            parts.append("@" + titles.get(mention["page"]["id"], "?"))
        elif kind == "user":
            parts.append("@" + snapshot.person_name(mention["user"]["id"]))
        else:
            parts.append(mention["date"]["start"])
    return "".join(parts)
