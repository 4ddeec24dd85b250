"""Small builders of domain objects: clean by default, so a case states only what is wrong.

Ids are derived from titles (``epic-lead-scoring-v1``) so that expectations read like the
roadmap. Every date is relative to :data:`TODAY`, a Monday in the middle of 2026-Q4.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from typing import Any

from schemas.models import (
    DateSpan,
    Epic,
    KeyResult,
    MissingPage,
    Person,
    Snapshot,
    State,
    Stream,
    Task,
    ValueProblem,
)
from schemas.settings import DatabaseSettings, RuleOptions, RuleSettings, Settings

TODAY = date(2026, 11, 16)
NOW = datetime(2026, 11, 16, 9, 0, tzinfo=UTC)
RECENTLY = NOW - timedelta(days=1)
PLANNED = datetime(2026, 9, 24, 10, 0, tzinfo=UTC)

CAMILLE = Person("person-camille", "Camille Martin", "camille@example.com")
JULIEN = Person("person-julien", "Julien Moreau", "julien.moreau@example.com")
LUCIA = Person("person-lucia", "Lucía Fernández")
PEOPLE = (CAMILLE, JULIEN, LUCIA)

_DATABASES = DatabaseSettings(
    streams="11111111111111111111111111111111",
    epics="22222222222222222222222222222222",
    tasks="33333333333333333333333333333333",
)


def slug(title: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", title.casefold()).strip("-") or "untitled"


def day(offset: int) -> date:
    """The day ``offset`` days from :data:`TODAY`."""
    return TODAY + timedelta(days=offset)


def span(start: int, end: int | None = None) -> DateSpan:
    """Dates ``start``..``end`` days from :data:`TODAY`."""
    return DateSpan(day(start), None if end is None else day(end))


def _page(kind: str, title: str) -> dict[str, Any]:
    page_id = f"{kind}-{slug(title)}"
    return {
        "id": page_id,
        "title": title,
        "url": f"https://www.notion.so/{page_id}",
        "created_time": PLANNED,
        "last_edited_time": RECENTLY,
    }


def stream(title: str = "Pipeline & forecasting", **changes: Any) -> Stream:
    return Stream(**(_page("stream", title) | {"owner_ids": (CAMILLE.id,)} | changes))


PIPELINE = stream("Pipeline & forecasting")
ROUTING = stream("Lead routing & hand-offs")
REPORTING = stream("Reporting")


def epic(title: str = "Lead scoring v1", **changes: Any) -> Epic:
    """An epic of 2026-Q4 in progress, owned, in the Pipeline stream, with a full KPI."""
    clean: dict[str, Any] = {
        "stream_ids": (PIPELINE.id,),
        "owner_ids": (CAMILLE.id,),
        "status": "In progress",
        "state": State.IN_PROGRESS,
        "dates": span(-30, 30),
        "quarter": "2026-Q4",
        "kpi": "MQL to SQL conversion from 12% to 20%",
        "kpi_baseline": 12.0,
        "kpi_target": 20.0,
        "kpi_current": 15.0,
    }
    return Epic(**(_page("epic", title) | clean | changes))


def task(title: str = "Backtest weights", of: Epic | str | None = None, **changes: Any) -> Task:
    """An open, assigned task due in a week, in ``of`` (an epic or an epic id)."""
    epic_id = of.id if isinstance(of, Epic) else of
    clean: dict[str, Any] = {
        "epic_ids": (epic_id,) if epic_id else (),
        "assignee_ids": (JULIEN.id,),
        "status": "To do",
        "state": State.NOT_STARTED,
        "due": span(7),
    }
    return Task(**(_page("task", title) | clean | changes))


def key_result(title: str = "Forecast accuracy", **changes: Any) -> KeyResult:
    clean: dict[str, Any] = {"level": "Epic", "baseline": 68.0, "target": 85.0, "current": 76.0}
    return KeyResult(**(_page("kr", title) | clean | changes))


def done(item: Epic | Task) -> Any:
    return replace(item, status="Done", state=State.DONE)


def dropped(item: Epic | Task) -> Any:
    return replace(item, status="Dropped", state=State.DROPPED)


def snapshot(
    *pages: Stream | Epic | Task | KeyResult,
    problems: Iterable[ValueProblem] = (),
    missing: Iterable[MissingPage] = (),
    has_key_results: bool | None = None,
    **changes: Any,
) -> Snapshot:
    """A snapshot holding ``pages``, sorted into their databases, and the usual people."""
    results = tuple(page for page in pages if isinstance(page, KeyResult))
    return Snapshot(
        streams=tuple(page for page in pages if isinstance(page, Stream)),
        epics=tuple(page for page in pages if isinstance(page, Epic)),
        tasks=tuple(page for page in pages if isinstance(page, Task)),
        key_results=results,
        people={person.id: person for person in PEOPLE},
        problems=tuple(problems),
        missing={page.id: page for page in missing},
        read_at=NOW,
        has_key_results=bool(results) if has_key_results is None else has_key_results,
        **changes,
    )


def clean_roadmap() -> Snapshot:
    """Three streams, each with a sound epic and its tasks, and a North Star."""
    scoring = epic("Lead scoring v1")
    routing = epic("Round-robin routing", stream_ids=(ROUTING.id,))
    dashboard = done(epic("Forecast dashboard", stream_ids=(REPORTING.id,), dates=span(-40, -5)))
    return snapshot(
        PIPELINE, ROUTING, REPORTING, scoring, routing, dashboard,
        task("Backtest weights", of=scoring),
        task("Score decay rules", of=scoring, due=span(20)),
        task("Routing table", of=routing),
        done(task("Dashboard mock-up", of=dashboard, due=span(-20))),
        key_result("Forecast accuracy at quarter end", level="North Star"),
        key_result("MQL to SQL conversion"),
    )  # fmt: skip


def messy_roadmap() -> Snapshot:
    """A few problems of every family at once."""
    scoring = epic("Lead scoring v1", owner_ids=(), kpi="")
    twin = epic("Lead scoring V1", id="epic-twin", kpi_target=None, dates=span(-30, -2))
    return snapshot(
        PIPELINE, scoring, twin,
        task("Orphan", assignee_ids=()),
        task("Late", of=twin, due=span(-3)),
        task("Later", of=twin, due=span(-1)),
    )  # fmt: skip


def settings(
    *,
    select: tuple[str, ...] = (),
    ignore: tuple[str, ...] = (),
    locale: str = "en",
    start_month: int = 1,
    time_zone: str = "UTC",
    rule_options: Mapping[str, int] | None = None,
    **options: int,
) -> Settings:
    """Settings for checks: rule selection, options, locale and quarter."""
    thresholds = RuleOptions(**{**(rule_options or {}), **options})
    return Settings.model_validate(
        {
            "databases": _DATABASES,
            "rules": RuleSettings(select=select, ignore=ignore, options=thresholds),
            "locale": locale,
            "quarter": {"fiscal_year_start_month": start_month, "time_zone": time_zone},
        }
    )
