"""The message catalog: every rule worded in English and French, values written per locale."""

from __future__ import annotations

import string
from datetime import date

import pytest

from jobs.check import run_checks
from jobs.messages import FIXES, MESSAGES, message_key, render
from jobs.rules.registry import RULES
from jobs.wording import format_number, format_titles, format_value
from tests.jobs.builders import JULIEN, TODAY, epic, messy_roadmap, settings, snapshot, span, task
from tests.jobs.case import Case
from tests.jobs.cases import ALL_CASES as CASES

KEYS = [message_key(rule.code, variant) for rule in RULES.values() for variant in rule.variants]


def placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


@pytest.mark.parametrize("key", KEYS)
def test_every_wording_exists_in_both_languages_with_the_same_placeholders(key: str) -> None:
    text = MESSAGES[key]
    assert text.en.strip()
    assert text.fr.strip()
    assert placeholders(text.en) == placeholders(text.fr)


def test_the_catalog_holds_nothing_but_the_rules_wordings() -> None:
    assert set(MESSAGES) == set(KEYS)
    assert set(FIXES) == set(RULES)


@pytest.mark.parametrize("code", list(RULES))
def test_every_fix_has_the_same_placeholders_in_both_languages(code: str) -> None:
    fix = FIXES[code]
    assert fix.en.strip()
    assert fix.fr.strip()
    assert placeholders(fix.fr) == placeholders(fix.en)


FAILING = [case for case in CASES if case.flagged]


@pytest.mark.parametrize("case", FAILING, ids=[case.id for case in FAILING])
def test_every_failing_case_words_its_findings_in_french(case: Case) -> None:
    configured = settings(
        select=(case.code,), locale="fr", start_month=case.start_month,
        time_zone=case.time_zone, rule_options=case.options,
    )  # fmt: skip
    for finding in run_checks(case.snapshot, configured, case.today):
        assert "{" not in finding.message + finding.fix
        assert "“" not in finding.message.replace("“about 20”", "")
        assert finding.fix


def test_the_brief_example_in_both_languages() -> None:
    owner_less = snapshot(epic("Lead scoring v1", owner_ids=()))
    (english,) = run_checks(owner_less, settings(select=("QD201",)), TODAY)
    (french,) = run_checks(owner_less, settings(select=("QD201",), locale="fr"), TODAY)
    assert english.message == "Epic “Lead scoring v1” has no owner."
    assert french.message == "L’epic « Lead scoring v1 » n’a pas de responsable."
    assert (
        french.fix
        == "Désignez un responsable dans « Owner » ; gardez les autres dans « Contributors »."
    )


def test_every_finding_of_a_messy_roadmap_renders_in_french() -> None:
    findings = run_checks(messy_roadmap(), settings(locale="fr"), TODAY)
    assert findings
    for finding in findings:
        assert "{" not in finding.message
        assert "“" not in finding.message
        assert finding.fix


def test_french_overdue_task_message() -> None:
    late = snapshot(task("Former l’équipe SDR", due=span(-7)))
    (finding,) = run_checks(late, settings(select=("QD404",), locale="fr"), TODAY)
    assert finding.message == (
        "La tâche « Former l’équipe SDR » est toujours ouverte alors qu’elle était due le"
        " 9 nov. 2026."
    )
    assert finding.fix == (
        "Terminez la tâche, déplacez « Due » à une date réaliste, ou clôturez-la."
    )


def test_french_overloaded_owner_lists_the_epics() -> None:
    epics = [epic(f"Epic {n}", owner_ids=(JULIEN.id,)) for n in range(2)]
    findings = run_checks(
        snapshot(*epics),
        settings(select=("QD203",), locale="fr", max_open_epics_per_owner=1),
        TODAY,
    )
    assert [finding.message for finding in findings] == [
        "Julien Moreau est responsable de 2 epics ouverts en 2026-Q4, au-delà de la limite de 1"
        " : « Epic 0 », « Epic 1 »."
    ]


def test_french_kpi_baseline_uses_a_decimal_comma() -> None:
    odd = snapshot(epic("Taux de réponse", kpi_baseline=2.5, kpi_target=2.5))
    (finding,) = run_checks(odd, settings(select=("QD304",), locale="fr"), TODAY)
    assert finding.message.endswith("égale à sa valeur de départ (2,5).")


def test_untitled_pages_are_named_untitled() -> None:
    nameless = snapshot(epic("", owner_ids=()))
    (english,) = run_checks(nameless, settings(select=("QD201",)), TODAY)
    (french,) = run_checks(nameless, settings(select=("QD201",), locale="fr"), TODAY)
    assert english.message == "Epic “Untitled” has no owner."
    assert french.message == "L’epic « Sans titre » n’a pas de responsable."


def test_fixes_name_the_teams_own_property() -> None:
    configured = settings(select=("QD201",), locale="fr").model_copy(
        update={"fields": settings().fields.model_copy(
            update={"epics": settings().fields.epics.model_copy(update={"owner": "Responsable"})}
        )}
    )  # fmt: skip
    (finding,) = run_checks(snapshot(epic(owner_ids=())), configured, TODAY)
    assert finding.fix.startswith("Désignez un responsable dans « Responsable »")


@pytest.mark.parametrize(
    ("value", "english", "french"),
    [
        (24.0, "24", "24"),
        (24.5, "24.5", "24,5"),
        (-0.0, "0", "0"),
        (1_250_000.0, "1250000", "1250000"),
        (0.125, "0.125", "0,125"),
        (-3.25, "-3.25", "-3,25"),
    ],
)
def test_numbers_have_no_exponent_and_no_trailing_zeros(
    value: float, english: str, french: str
) -> None:
    assert format_number(value, "en") == english
    assert format_number(value, "fr") == french


def test_dates_spell_the_month() -> None:
    assert format_value(date(2026, 8, 3), "en") == "3 Aug 2026"
    assert format_value(date(2026, 8, 3), "fr") == "3 août 2026"


def test_long_lists_say_how_many_more() -> None:
    titles = tuple(f"T{n}" for n in range(10))
    assert format_titles(titles, "en").endswith("“T7”, and 2 more")
    assert format_titles(titles, "fr").endswith("« T7 », et 2 autres")


def test_render_fails_loudly_on_a_missing_value() -> None:
    with pytest.raises(KeyError):
        render("QD404", "", {"title": "No due"}, "en")
