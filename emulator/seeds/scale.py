"""The ``scale:N`` seed: N tasks in the demo's proportions, for benchmarks and load tests.

Eight streams, ``max(1, N // 33)`` epics of uneven size (most above the 25 references a page
object lists), N tasks and 6 to 20 people, with the demo's schema. A small share of problems
comes at fixed intervals (see the ``*_EVERY`` constants): orphan tasks, epics without owner,
stream or KPI, overdue epics and tasks, stale and unassigned tasks. The same ``(N, today)``
always builds the same workspace.
"""

from __future__ import annotations

import random
import unicodedata
from dataclasses import dataclass
from datetime import date, timedelta

from emulator.seeds.demo_data import PEOPLE
from emulator.seeds.schema import (
    NOMINAL_DAYS,
    Roadmap,
    Seeder,
    Timeline,
    dates,
    moment,
    number,
    people,
    relation,
    select,
    status,
    text,
    title,
)
from emulator.state import Json, Workspace

STREAMS = (
    "Pipeline & forecasting", "Lead routing & hand-offs", "CRM data quality",
    "Sales tooling & enablement", "Customer success ops", "Reporting & North Star",
    "Partner & channel ops", "Quote-to-cash",
)  # fmt: skip
MORE_PEOPLE = (
    "Élodie Laurent", "Thomas Girard", "Claire Dubois", "Antoine Lefèvre", "Marta Sánchez",
    "Pablo Navarro", "Carmen López", "Diego Romero", "Harriet Walsh", "George Patel",
    "Sophie Turner", "Daniel Hughes", "Isabel Castro", "Hugo Bernard",
)  # fmt: skip
SUBJECTS = (
    "Forecast hygiene", "Lead routing", "Account dedupe", "Quote templates", "Renewal pipeline",
    "Board reporting", "Partner onboarding", "Billing hand-off", "Territory rules", "Field audit",
)  # fmt: skip
ACTIONS = ("Draft", "Review", "Automate", "Clean up", "Document", "Test", "Roll out", "Train on")
OBJECTS = (
    "account fields", "lead queues", "quote templates", "renewal views", "pipeline dashboard",
    "stage rules", "partner records", "invoice sync", "territory map", "validation rules",
)  # fmt: skip

HOUR = 3600.0
DAY = 24 * HOUR
ORPHAN_EVERY = 100
"""One task in this many has no epic."""
UNOWNED_EVERY = 23
NO_STREAM_EVERY = 29
NO_KPI_EVERY = 19
OVERDUE_EPIC_EVERY = 11
"""Among epics whose end is past, one in this many is still in progress."""
OVERDUE_TASK_EVERY = 47
"""Among past tasks of open epics, one in this many is still to do."""
STALE_EVERY = 13
"""Among in-progress tasks, one in this many was last edited 25 days ago."""
UNASSIGNED_EVERY = 89


def epic_count(tasks: int) -> int:
    return max(1, tasks // 33)


def people_count(tasks: int) -> int:
    return min(20, 6 + tasks // 1500)


@dataclass(frozen=True)
class _Epic:
    index: int
    title: str
    stream: int | None
    owner: str | None
    rotation: tuple[str, ...]
    status: str
    start: int
    end: int
    kpi: tuple[float, float, float | None] | None


def build_scale(n: int, today: date) -> Workspace:
    """N tasks in the demo's proportions for the quarter holding ``today``."""
    if n < 1:
        raise ValueError(f"scale seed needs a positive task count, got {n}")
    timeline = Timeline.around(today)
    seeder = Seeder(f"scale:{n}", timeline)
    rng = random.Random(f"scale:{n}:{today.isoformat()}")
    team = [seeder.person(name, email) for name, email in _team(people_count(n))]
    roadmap = seeder.roadmap()
    streams = [_add_stream(seeder, roadmap, name, team, i) for i, name in enumerate(STREAMS)]
    epics = [_plan_epic(i, rng, team) for i in range(epic_count(n))]
    epic_ids = [_add_epic(seeder, roadmap, epic, streams) for epic in epics]
    orphans = n // ORPHAN_EVERY
    sizes = _task_counts(n - orphans, [rng.uniform(0.3, 1.7) for _ in epics])
    tasks = _Tasks(seeder, roadmap)
    for epic, epic_id, size in zip(epics, epic_ids, sizes, strict=True):
        tasks.add_for_epic(epic, epic_id, size)
    for index in range(orphans):
        tasks.add_orphan(index, team[index % len(team)])
    for epic, epic_id in zip(epics, epic_ids, strict=True):
        _settle_epic(seeder, epic, epic_id)
    _add_key_results(seeder, roadmap, epics, epic_ids, team[0])
    return seeder.finish()


def _team(count: int) -> list[tuple[str, str]]:
    names = [(name, email) for _, name, email in PEOPLE]
    for name in MORE_PEOPLE[: max(0, count - len(names))]:
        first, last = (part.lower() for part in name.split(" ", 1))
        names.append((name, f"{_ascii(first)}.{_ascii(last)}@example.com"))
    return names[:count]


def _ascii(word: str) -> str:
    return unicodedata.normalize("NFKD", word).encode("ascii", "ignore").decode()


def _add_stream(seeder: Seeder, roadmap: Roadmap, name: str, team: list[str], index: int) -> str:
    values = {"Name": title(name), "Owner": people(team[index % len(team)])}
    values["Description"] = text(f"Everything the team does for {name.lower()}.")
    at = seeder.clock.now + DAY + index * 600
    return seeder.row(roadmap.streams, values, actor=team[0], at=at)


def _plan_epic(index: int, rng: random.Random, team: list[str]) -> _Epic:
    start = rng.randint(-NOMINAL_DAYS, 35)
    end = min(NOMINAL_DAYS, start + rng.randint(14, 60))
    if end < 0:
        state = "In progress" if index % OVERDUE_EPIC_EVERY == 0 else "Done"
    elif start > 0:
        state = "Planned"
    else:
        state = "Blocked" if index % 17 == 16 else "Dropped" if index % 31 == 30 else "In progress"
    owner = None if index % UNOWNED_EVERY == UNOWNED_EVERY - 1 else team[index % len(team)]
    helpers = (team[(index + 1) % len(team)], team[(index + 3) % len(team)])
    kpi = None
    if index % NO_KPI_EVERY != NO_KPI_EVERY - 1:
        baseline = float(rng.randint(10, 60))
        target = baseline + rng.randint(10, 40)
        current = (
            None if state == "Planned" else baseline + round(rng.random() * (target - baseline))
        )
        kpi = (baseline, target, current)
    return _Epic(
        index, f"{SUBJECTS[index % len(SUBJECTS)]} #{index + 1}",
        None if index % NO_STREAM_EVERY == NO_STREAM_EVERY - 1 else index % len(STREAMS),
        owner, tuple(p for p in (owner, *helpers) if p), state, start, end, kpi,
    )  # fmt: skip


def _add_epic(seeder: Seeder, roadmap: Roadmap, epic: _Epic, streams: list[str]) -> str:
    timeline = seeder.timeline
    baseline, target, current = epic.kpi or (None, None, None)
    subject = SUBJECTS[epic.index % len(SUBJECTS)]
    values: Json = {
        "Name": title(epic.title), "Owner": people(epic.owner),
        "Stream": relation(None if epic.stream is None else streams[epic.stream]),
        "Contributors": people(*epic.rotation[1:]), "Status": status(epic.status),
        "Dates": dates(timeline.day(epic.start), timeline.day(epic.end)),
        "Quarter": select(timeline.quarter), "Priority": select(f"P{epic.index % 4}"),
        "Type": select("Run" if epic.index % 5 == 4 else "Build"),
        "Estimate": number(5 + epic.index % 16),
        "Deliverables": text(f"{subject} shipped and adopted"),
        "KPI": text(f"{subject} adoption (%)" if epic.kpi else None),
        "KPI baseline": number(baseline), "KPI target": number(target),
        "KPI current": number(current),
    }  # fmt: skip
    at = moment(timeline.planning, 10) + epic.index * 60
    return seeder.row(roadmap.epics, values, actor=epic.owner or epic.rotation[0], at=at)


def _settle_epic(seeder: Seeder, epic: _Epic, epic_id: str) -> None:
    """The epic's last edit: recent while it runs, the day after it ended once closed."""
    timeline, record = seeder.timeline, seeder.workshop.workspace.pages[epic_id]
    if epic.status in ("In progress", "Blocked"):
        edited = timeline.now - (1 + epic.index % 4) * DAY
    elif epic.status == "Done":
        edited = min(moment(timeline.day(epic.end) + timedelta(days=1), 11), timeline.now)
    elif epic.status == "Dropped":
        edited = timeline.now - 5 * DAY
    else:
        return
    record.last_edited_time = max(record.last_edited_time, edited)


class _Tasks:
    """Adds tasks, counting them so the problem shares fall at fixed intervals."""

    def __init__(self, seeder: Seeder, roadmap: Roadmap) -> None:
        self.seeder = seeder
        self.roadmap = roadmap
        self.timeline = seeder.timeline
        self.past_open_epic = 0
        self.in_progress = 0
        self.count = 0

    def add_for_epic(self, epic: _Epic, epic_id: str, size: int) -> None:
        first_due = self.timeline.day(epic.start)
        epic_created = self.seeder.workshop.workspace.pages[epic_id].created_time
        created = max(epic_created + HOUR, moment(first_due - timedelta(days=4), 10))
        created = min(created, moment(self.timeline.today - timedelta(days=3), 11))
        started = False
        for k in range(size):
            mark = epic.start + round((k + 1) * (epic.end - epic.start) / size) or 1
            due = self.timeline.day(mark)
            state = self._status(epic.status, due < self.timeline.today, started)
            started = started or state == "In progress"
            assignee = epic.rotation[k % len(epic.rotation)]
            tag = f"({epic.index + 1}.{k + 1})"
            self._add(tag, epic_id, assignee, state=state, due=due, created=created + k * 60)

    def _status(self, epic_status: str, past: bool, started: bool) -> str:
        if epic_status == "Done":
            return "Done"
        if epic_status == "Planned":
            return "To do"
        if epic_status == "Dropped":
            return "Done" if past else "Cancelled"
        if past:
            self.past_open_epic += 1
            return "To do" if self.past_open_epic % OVERDUE_TASK_EVERY == 0 else "Done"
        return "To do" if started else "In progress"

    def add_orphan(self, index: int, assignee: str) -> None:
        due = self.timeline.day(5 + index % 40)
        created = self.timeline.now - (2 + index % 10) * DAY
        self._add(f"(orphan {index + 1})", None, assignee, state="To do", due=due, created=created)

    def _add(
        self, tag: str, epic_id: str | None, assignee: str, *, state: str, due: date, created: float
    ) -> None:
        self.count += 1
        action = ACTIONS[self.count % len(ACTIONS)]
        name = f"{action} {OBJECTS[self.count // len(ACTIONS) % len(OBJECTS)]} {tag}"
        who = None if self.count % UNASSIGNED_EVERY == 0 and state != "Done" else assignee
        values = {
            "Name": title(name), "Epic": relation(epic_id), "Assignee": people(who),
            "Status": status(state), "Due": dates(due), "Estimate": number(1 + self.count % 3),
        }  # fmt: skip
        edited = self._edited(state, due, created)
        self.seeder.row(self.roadmap.tasks, values, actor=assignee, at=created, edited=edited)

    def _edited(self, state: str, due: date, created: float) -> float | None:
        now = self.timeline.now
        if state == "Done":
            edited = moment(due, 16, 30)
        elif state == "Cancelled":
            edited = now - 5 * DAY
        elif state == "In progress":
            self.in_progress += 1
            stale = self.in_progress % STALE_EVERY == 0
            edited = now - 25 * DAY if stale else now - (1 + self.count % 3) * DAY + 3 * HOUR
        else:
            return None
        return max(edited, created + 600)


def _task_counts(total: int, weights: list[float]) -> list[int]:
    """``total`` split in proportion to ``weights``, largest remainders first."""
    shares = [weight * total / sum(weights) for weight in weights]
    counts = [int(share) for share in shares]
    by_remainder = sorted(range(len(shares)), key=lambda i: (counts[i] - shares[i], i))
    for i in by_remainder[: total - sum(counts)]:
        counts[i] += 1
    return counts


def _add_key_results(
    seeder: Seeder, roadmap: Roadmap, epics: list[_Epic], ids: list[str], lead: str
) -> None:
    """A North Star, and a key result for every tenth epic that has a KPI."""
    at = moment(seeder.timeline.planning, 15)
    check_in = dates(seeder.timeline.today - timedelta(days=3))
    north_star = {
        "Name": title("Forecast accuracy at quarter end (within ±10%)"),
        "Level": select("North Star"), "Baseline": number(68), "Target": number(85),
        "Current": number(76), "Unit": select("%"), "Check-in date": check_in,
    }  # fmt: skip
    seeder.row(roadmap.key_results, north_star, actor=lead, at=at)
    for epic, epic_id in zip(epics, ids, strict=True):
        if epic.index % 10 or epic.kpi is None:
            continue
        baseline, target, current = epic.kpi
        values = {
            "Name": title(f"{epic.title} adoption"), "Level": select("Epic"),
            "Epic": relation(epic_id), "Baseline": number(baseline), "Target": number(target),
            "Current": number(current), "Unit": select("%"),
            "Check-in date": check_in if current is not None else dates(None),
        }  # fmt: skip
        seeder.row(roadmap.key_results, values, actor=epic.rotation[0], at=at + epic.index)
