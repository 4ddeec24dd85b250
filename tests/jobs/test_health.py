"""Health: each verdict and its reason, in English and French, case by named case.

The tables of epic and stream cases, with the thresholds they assume, are in
:mod:`tests.jobs.fixtures.health_cases`.
"""

from __future__ import annotations

import string
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from jobs.figures import HealthVerdict
from jobs.health import STREAM_AT_RISK_SHARE, STREAM_OFF_TRACK_SHARE, epic_health, stream_health
from jobs.health_wording import COUNTED, PHRASES, counted, percent, points
from jobs.index import RoadmapIndex
from jobs.rollups import compute_rollups
from schemas.health import Health
from schemas.settings import HealthSettings
from tests.jobs.builders import PIPELINE, TODAY, done, epic, snapshot, span, task
from tests.jobs.fixtures.health_cases import EPIC_CASES, NBSP, STREAM_CASES, HealthCase, figures
from tests.jobs.fixtures.roadmap import NOVEMBER, rollup_settings


@pytest.mark.parametrize("case", EPIC_CASES, ids=[case.name for case in EPIC_CASES])
def test_epic_health(case: HealthCase) -> None:
    thresholds = HealthSettings(**case.thresholds)
    verdict = epic_health(case.epic, case.figures, TODAY, thresholds, "en")
    assert (verdict.health, verdict.reason) == (case.health, case.reason)
    french = epic_health(case.epic, case.figures, TODAY, thresholds, "fr")
    assert french.health is case.health
    if case.french:
        assert french.reason == case.french


def test_case_names_are_unique() -> None:
    names = [case.name for case in EPIC_CASES]
    assert len(names) == len(set(names))


# --- end to end: from a snapshot to the verdict ----------------------------------------------


def verdict_of(*pages: Any, locale: str = "en", **options: Any) -> Any:
    index = RoadmapIndex.build(snapshot(*pages), TODAY)
    return compute_rollups(index, rollup_settings(locale=locale, **options), TODAY)


def test_a_decreasing_kpi_halfway_is_on_track() -> None:
    response = epic("Lead response time", dates=NOVEMBER, kpi_baseline=36.0, kpi_target=4.0,
                    kpi_current=20.0)  # fmt: skip
    rollups = verdict_of(response, done(task("Routing rules", of=response)))
    assert rollups.epics[response.id].kpi_attainment == 0.5
    assert rollups.epics[response.id].health.health is Health.ON_TRACK


def test_thresholds_come_from_the_settings() -> None:
    scoring = epic("Lead scoring v1", dates=NOVEMBER, kpi_current=None)
    pages = (scoring, done(task("A", of=scoring)), task("B", of=scoring), task("C", of=scoring))
    assert verdict_of(*pages).epics[scoring.id].health.health is Health.AT_RISK
    relaxed = verdict_of(*pages, at_risk_gap=20.0).epics[scoring.id].health
    assert relaxed.health is Health.ON_TRACK
    assert relaxed.reason == "33% done with 50% of the time gone"


def test_the_reason_follows_the_locale() -> None:
    scoring = epic("Lead scoring v1", dates=NOVEMBER, kpi_current=None)
    rollups = verdict_of(PIPELINE, scoring, task("Late", of=scoring, due=span(-2)), locale="fr")
    assert rollups.epics[scoring.id].health.reason == (
        f"0{NBSP}% fait pour 50{NBSP}% du temps écoulé ; 1 tâche en retard sur 1 ouverte"
    )
    assert rollups.streams[PIPELINE.id].health.reason == (
        "1 epic sur 1 hors piste ; 1 tâche en retard"
    )


# --- streams --------------------------------------------------------------------------------


@pytest.mark.parametrize(("healths", "overdue", "health", "reason", "french"), STREAM_CASES)
def test_stream_health(
    healths: tuple[Health, ...], overdue: int, health: Health, reason: str, french: str
) -> None:
    verdict = stream_health(healths, overdue, "2026-Q4", "en")
    assert (verdict.health, verdict.reason) == (health, reason)
    assert stream_health(healths, overdue, "2026-Q4", "fr") == HealthVerdict(health, french)


def test_a_stream_follows_its_epics_of_the_quarter() -> None:
    late = epic("Late", dates=span(-40, -10))
    fine = epic("Fine", dates=NOVEMBER)
    other = epic("Next quarter", quarter="2027-Q1", dates=span(50, 80))
    rollups = verdict_of(PIPELINE, late, fine, other, done(task("A", of=fine)), task("B", of=fine))
    assert rollups.streams[PIPELINE.id].health.health is Health.OFF_TRACK
    assert rollups.streams[PIPELINE.id].health.reason == "1 of 2 epics off track, 1 on track"


# --- the wording ------------------------------------------------------------------------------


def placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


@pytest.mark.parametrize("key", list(PHRASES))
def test_every_phrase_has_both_languages_and_the_same_placeholders(key: str) -> None:
    text = PHRASES[key]
    assert text.en.strip()
    assert text.fr.strip()
    assert placeholders(text.en) == placeholders(text.fr)


@pytest.mark.parametrize("key", list(COUNTED))
def test_every_counted_word_has_a_singular_and_a_plural(key: str) -> None:
    for forms in (COUNTED[key].en, COUNTED[key].fr):
        assert forms.count("|") == 1
        assert all(form.strip() for form in forms.split("|"))


@pytest.mark.parametrize(
    ("count", "english", "french"),
    [(0, "0 tasks", "0 tâche"), (1, "1 task", "1 tâche"), (2, "2 tasks", "2 tâches")],
)
def test_french_takes_the_singular_for_zero(count: int, english: str, french: str) -> None:
    assert (counted("tasks", count, "en"), counted("tasks", count, "fr")) == (english, french)


@pytest.mark.parametrize(
    ("share", "shown"),
    [(0.0, 0), (0.29, 29), (0.995, 99), (0.5099, 50), (1.0, 100), (1.25, 125), (-0.125, -13)],
)
def test_percentages_are_whole_points_rounded_down(share: float, shown: int) -> None:
    assert points(share) == shown
    assert percent(share, "en") == f"{shown}%"
    assert percent(share, "fr") == f"{shown}{NBSP}%"


def test_no_reason_is_left_with_a_placeholder() -> None:
    for case in EPIC_CASES:
        for locale in ("en", "fr"):
            reason = epic_health(case.epic, case.figures, TODAY, HealthSettings(), locale).reason
            assert "{" not in reason
            assert "|" not in reason
            assert reason[:1] == reason[:1].upper()


def test_the_verdict_moves_with_today_alone() -> None:
    late = epic("Late", dates=span(-40, -10))
    before = epic_health(late, figures(), date(2026, 11, 1), HealthSettings(), "en")
    assert before.health is Health.ON_TRACK


def test_the_documented_thresholds_are_the_defaults() -> None:
    doc = (Path(__file__).parents[2] / "docs" / "health.md").read_text(encoding="utf-8")
    for name, default in HealthSettings().model_dump().items():
        assert f"{name} = {default}" in doc, f"docs/health.md should give {name} = {default}"
    for share in (STREAM_OFF_TRACK_SHARE, STREAM_AT_RISK_SHARE):
        assert f"more than **{share:g}%**" in doc
