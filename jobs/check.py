"""Run the check catalog over a snapshot: pick the rules, run them, word and sort the findings.

Selection follows ``[rules]``: ``select`` (empty: every rule) minus ``ignore``, each entry a
code (``QD201``), a code prefix or family (``QD2``), a rule name (``epic-without-owner``) or
a family name (``ownership``). A page opts out of rules by listing any of those in its
opt-out property (``Quarterdeck ignore``); entries there that name no rule are skipped, since
they come from people's pages rather than from the configuration.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from datetime import date
from zoneinfo import ZoneInfo

from jobs.findings import Finding, sort_findings
from jobs.index import RoadmapIndex
from jobs.messages import render
from jobs.rules.base import CheckContext, Rule, Violation
from jobs.rules.registry import RETIRED, RULES, known_selectors, rules_matching
from jobs.wording import Locale, untitled
from schemas.models import Snapshot
from schemas.settings import RuleSettings, Settings


class UnknownRule(ValueError):
    """Raised when ``rules.select`` or ``rules.ignore`` names no rule; says what might be meant."""

    def __init__(self, selector: str, setting: str, suggestions: tuple[str, ...] = ()) -> None:
        self.selector = selector
        self.setting = setting
        self.suggestions = suggestions
        retired = RETIRED.get(selector.strip().upper())
        if retired is not None:
            problem = f"rules.{setting}: {selector!r} was the rule {retired!r}, which was removed"
        else:
            problem = f"rules.{setting}: {selector!r} names no rule"
        if suggestions:
            quoted = [repr(suggestion) for suggestion in suggestions]
            options = " or ".join(filter(None, (", ".join(quoted[:-1]), quoted[-1])))
            problem += f"; did you mean {options}?"
        else:
            problem += "."
        super().__init__(
            f"{problem} Name rules by code (QD201), name (epic-without-owner) or family"
            " (QD2, ownership); docs/rules.md lists them all."
        )


def close_matches(selector: str) -> tuple[str, ...]:
    """Up to three known selectors that look like ``selector``, best first.

    Names that contain it come first (``stale`` → ``stale-in-progress``), then the ones
    difflib finds alike (``epic-without-owners`` → ``epic-without-owner``).
    """
    text = selector.strip().lower()
    by_lower = {known.lower(): known for known in known_selectors()}
    containing = [known for known in by_lower if len(text) >= 3 and text in known]
    alike = difflib.get_close_matches(text, by_lower, n=3, cutoff=0.6)
    found = dict.fromkeys([*containing, *alike])
    return tuple(by_lower[match] for match in list(found)[:3])


def _resolve(selectors: Iterable[str], setting: str) -> set[str]:
    codes: set[str] = set()
    for selector in selectors:
        matched = rules_matching(selector)
        if matched is None:
            raise UnknownRule(selector, setting, close_matches(selector))
        codes.update(rule.code for rule in matched)
    return codes


def selected_rules(settings: RuleSettings) -> tuple[Rule, ...]:
    """The rules to run, in code order.

    Raises:
        UnknownRule: when a ``select`` or ``ignore`` entry names no rule.
    """
    chosen = _resolve(settings.select, "select") if settings.select else set(RULES)
    chosen -= _resolve(settings.ignore, "ignore")
    return tuple(rule for code, rule in RULES.items() if code in chosen)


def run_checks(snapshot: Snapshot, settings: Settings, today: date) -> tuple[Finding, ...]:
    """Every finding of the selected rules, worded in ``settings.locale``, in stable order.

    Args:
        snapshot: what the read returned.
        settings: ``rules`` (selection, options), ``quarter``, ``fields`` and ``locale``.
        today: the team's local date (in ``settings.quarter.time_zone``).

    Raises:
        UnknownRule: when the rule selection names no rule.
    """
    rules = selected_rules(settings.rules)
    index = RoadmapIndex.build(snapshot, today, settings.quarter.fiscal_year_start_month)
    context = CheckContext(
        index=index,
        today=today,
        time_zone=ZoneInfo(settings.quarter.time_zone),
        options=settings.rules.options,
        fields=settings.fields,
    )
    opt_outs = _OptOuts(index)
    findings = [
        _finding(rule, violation, settings.locale)
        for rule in rules
        for violation in rule.check(context)
        if not opt_outs.excludes(violation, rule)
    ]
    return sort_findings(findings)


def _finding(rule: Rule, violation: Violation, locale: Locale) -> Finding:
    values = {"title": untitled(violation.entity.title, locale), **violation.values}
    message, fix = render(rule.code, violation.variant, values, locale)
    severity = violation.severity or rule.severity
    return Finding(rule.code, rule.name, severity, violation.entity, message, fix)


class _OptOuts:
    """Which rule codes each page opted out of, resolved once per distinct opt-out list."""

    def __init__(self, index: RoadmapIndex) -> None:
        self._index = index
        self._resolved: dict[frozenset[str], frozenset[str]] = {}

    def excludes(self, violation: Violation, rule: Rule) -> bool:
        if violation.entity.kind.page_kind is None:
            return False
        page = self._index.page(violation.entity.id)
        if page is None or not page.ignored_rules:
            return False
        return rule.code in self._codes(page.ignored_rules)

    def _codes(self, entries: frozenset[str]) -> frozenset[str]:
        if entries not in self._resolved:
            matched = (rules_matching(entry) or () for entry in entries)
            self._resolved[entries] = frozenset(rule.code for rules in matched for rule in rules)
        return self._resolved[entries]
