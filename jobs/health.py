"""Health: whether an epic or a stream will deliver on time, and why, in one line.

The rule is documented, with its thresholds and worked examples, in ``docs/health.md``; this
module is that document in code. An epic is judged in order, the first step that applies
deciding:

1. done -> Done; dropped -> Dropped;
2. no dates, or dates that end before they start -> No data;
3. still open after its end date -> Off track;
4. one date only (no start -> end period) -> No data;
5. not started (or no status) and no time gone yet -> Not started;
6. no live task and no KPI attainment -> No data;
7. otherwise the worst of three signals: the schedule gap, the share of open tasks overdue
   and the KPI trailing the time gone (``[health]`` thresholds, all "strictly above").

A stream follows its live epics of the quarter (:func:`stream_health`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from datetime import date

from jobs.figures import EpicFigures, HealthVerdict
from jobs.health_wording import counted, join, percent, phrase, points
from jobs.index import is_overdue
from jobs.wording import Locale
from schemas.health import Health
from schemas.models import Epic, State
from schemas.settings import HealthSettings

STREAM_OFF_TRACK_SHARE = 25.0
"""Percent of a stream's live epics off track above which the stream is off track."""
STREAM_AT_RISK_SHARE = 25.0
"""Percent of a stream's live epics at risk or off track above which the stream is at risk
(a single off-track epic makes it at risk whatever the share)."""

_SEVERITY = (Health.ON_TRACK, Health.AT_RISK, Health.OFF_TRACK)
"""Measured healths, from best to worst."""
_STREAM_COUNT_ORDER = (
    Health.AT_RISK,
    Health.OFF_TRACK,
    Health.ON_TRACK,
    Health.NOT_STARTED,
    Health.NO_DATA,
    Health.DONE,
)
"""The order a stream's reason counts its epics in: "2 of 5 epics at risk, 1 off track"."""


def epic_health(
    epic: Epic, figures: EpicFigures, today: date, thresholds: HealthSettings, locale: Locale
) -> HealthVerdict:
    """The health of ``epic`` today, with its reason in ``locale``."""
    return (
        _closed(epic, figures, locale)
        or _calendar(epic, figures, today, locale)
        or _measured(figures, thresholds, locale)
    )


def _closed(epic: Epic, figures: EpicFigures, locale: Locale) -> HealthVerdict | None:
    if epic.state is State.DROPPED:
        return HealthVerdict(Health.DROPPED, phrase("dropped", locale))
    if epic.state is not State.DONE:
        return None
    if figures.tasks_total:
        done = counted("done", figures.tasks_done, locale)
        total = counted("total", figures.tasks_total, locale)
        phrases = [phrase("done", locale, done=done, total=total)]
    else:
        phrases = [phrase("done.no_tasks", locale)]
    if figures.kpi_attainment is not None:
        phrases.append(_kpi_phrase(figures.kpi_attainment, locale))
    return HealthVerdict(Health.DONE, join(phrases, locale))


def _calendar(
    epic: Epic, figures: EpicFigures, today: date, locale: Locale
) -> HealthVerdict | None:
    """Steps 2 to 6: what the dates and the status decide before anything is measured."""
    dates = epic.dates
    if dates is None:
        return _no_data("no_data.no_dates", locale)
    if dates.end is not None and dates.end < dates.start:
        return _no_data("no_data.reversed", locale)
    if is_overdue(epic, today):
        return _past_end(dates.last_day, figures, today, locale)
    if dates.end is None:
        return _no_data("no_data.one_date", locale)
    if epic.state in (State.NOT_STARTED, None) and today <= dates.start:
        key = "not_started.today" if today == dates.start else "not_started"
        return HealthVerdict(Health.NOT_STARTED, phrase(key, locale, start=dates.start))
    if figures.progress is None and figures.kpi_attainment is None:
        return _no_data("no_data.nothing", locale)
    return None


def _no_data(key: str, locale: Locale) -> HealthVerdict:
    return HealthVerdict(Health.NO_DATA, phrase(key, locale))


def _past_end(end: date, figures: EpicFigures, today: date, locale: Locale) -> HealthVerdict:
    days = counted("days", (today - end).days, locale)
    phrases = [phrase("past_end", locale, days=days, end=end)]
    if figures.progress is not None:
        phrases.append(phrase("progress", locale, done=percent(figures.progress, locale)))
    if figures.tasks_overdue:
        phrases.append(_overdue_phrase(figures, locale))
    return HealthVerdict(Health.OFF_TRACK, join(phrases, locale))


def _measured(figures: EpicFigures, thresholds: HealthSettings, locale: Locale) -> HealthVerdict:
    """Step 7: the worst of the schedule, overdue and KPI signals, each a measured health."""
    if figures.time_elapsed is None:  # only when the figures were measured on other dates
        return _no_data("no_data.one_date", locale)
    elapsed = points(figures.time_elapsed)
    signals = [_overdue_signal(figures, thresholds)]
    if figures.progress is not None:
        gap = elapsed - points(figures.progress)
        signals.append(_level(gap, thresholds.at_risk_gap, thresholds.off_track_gap))
    kpi = Health.ON_TRACK
    if figures.kpi_attainment is not None:
        trailing = elapsed - points(figures.kpi_attainment)
        kpi = Health.AT_RISK if trailing > thresholds.kpi_at_risk_gap else Health.ON_TRACK
    signals.append(kpi)
    # The KPI is quoted when it weighs on the verdict, or when it is all there is to measure.
    show_kpi = kpi is not Health.ON_TRACK or figures.progress is None
    reason = _reason(figures, figures.time_elapsed, show_kpi, locale)
    return HealthVerdict(max(signals, key=_SEVERITY.index), reason)


def _overdue_signal(figures: EpicFigures, thresholds: HealthSettings) -> Health:
    if not figures.tasks_open:
        return Health.ON_TRACK
    share = 100 * figures.tasks_overdue / figures.tasks_open
    return _level(share, thresholds.at_risk_overdue_share, thresholds.off_track_overdue_share)


def _level(value: float, at_risk: float, off_track: float) -> Health:
    if value > off_track:
        return Health.OFF_TRACK
    if value > at_risk:
        return Health.AT_RISK
    return Health.ON_TRACK


def _reason(figures: EpicFigures, time_elapsed: float, show_kpi: bool, locale: Locale) -> str:
    elapsed = percent(time_elapsed, locale)
    if figures.progress is None:
        phrases = [phrase("schedule.no_tasks", locale, elapsed=elapsed)]
    else:
        done = percent(figures.progress, locale)
        phrases = [phrase("schedule", locale, done=done, elapsed=elapsed)]
    if figures.tasks_overdue:
        phrases.append(_overdue_phrase(figures, locale))
    if show_kpi and figures.kpi_attainment is not None:
        phrases.append(_kpi_phrase(figures.kpi_attainment, locale))
    return join(phrases, locale)


def _overdue_phrase(figures: EpicFigures, locale: Locale) -> str:
    overdue = counted("overdue", figures.tasks_overdue, locale)
    open_tasks = counted("open", figures.tasks_open, locale)
    return phrase("overdue", locale, overdue=overdue, open=open_tasks)


def _kpi_phrase(attainment: float, locale: Locale) -> str:
    return phrase("kpi", locale, attainment=percent(attainment, locale))


def stream_health(
    epic_healths: Iterable[Health], tasks_overdue: int, quarter: str, locale: Locale
) -> HealthVerdict:
    """A stream's health from the healths of its live epics of ``quarter``.

    Dropped epics do not count. Done when every epic is done; off track when more than
    :data:`STREAM_OFF_TRACK_SHARE` percent of the epics are off track; at risk when any is
    off track or more than :data:`STREAM_AT_RISK_SHARE` percent are at risk or off track;
    on track when some epic is being measured; else not started when some epic is not
    started; else no data.
    """
    counts: Counter[Health] = Counter(
        health for health in epic_healths if health is not Health.DROPPED
    )
    total = sum(counts.values())
    if not total:
        return HealthVerdict(Health.NO_DATA, phrase("stream.none", locale, quarter=quarter))
    reason = _stream_reason(counts, tasks_overdue, locale)
    return HealthVerdict(_stream_level(counts, total), reason)


def _stream_level(counts: Counter[Health], total: int) -> Health:
    off_track = counts[Health.OFF_TRACK]
    troubled = off_track + counts[Health.AT_RISK]
    if counts[Health.DONE] == total:
        return Health.DONE
    if 100 * off_track / total > STREAM_OFF_TRACK_SHARE:
        return Health.OFF_TRACK
    if off_track or 100 * troubled / total > STREAM_AT_RISK_SHARE:
        return Health.AT_RISK
    if counts[Health.ON_TRACK] or counts[Health.AT_RISK]:
        return Health.ON_TRACK
    if counts[Health.NOT_STARTED]:
        return Health.NOT_STARTED
    return Health.NO_DATA


def _stream_reason(counts: Counter[Health], tasks_overdue: int, locale: Locale) -> str:
    total = sum(counts.values())
    parts: list[str] = []
    for health in _STREAM_COUNT_ORDER:
        count = counts[health]
        if not count:
            continue
        label = counted(f"label.{health.value}", count, locale)
        if parts:
            parts.append(phrase("stream.next", locale, count=count, label=label))
        else:
            first = counted("epics.first", count, locale)
            of = counted("epics.total", total, locale)
            parts.append(phrase("stream.first", locale, count=first, total=of, label=label))
    phrases = [", ".join(parts)]
    if tasks_overdue:
        tasks = counted("tasks", tasks_overdue, locale)
        phrases.append(phrase("stream.overdue", locale, tasks=tasks))
    return join(phrases, locale)
