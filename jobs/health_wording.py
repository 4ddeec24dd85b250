"""How health reasons are worded, in English and French (``docs/health.md``).

A reason is one line built from short phrases joined by ``; `` (`` ; `` in French). Counted
words agree with their number, and each language picks which number a word follows: English
says "3 of 5 open tasks overdue", French "3 tâches en retard sur 5 ouvertes". So a counted
placeholder is worded per locale from :data:`COUNTED` (``one|other`` forms), then dropped into
the phrase from :data:`PHRASES`.

Percentages are whole points rounded down, as the status section shows them (99.6% is never
"100% done"); the health rules compare these very points, so the numbers a reason quotes
always agree with its verdict.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping

from jobs.messages import Text
from jobs.wording import Locale, Value, format_value

PERCENT_SIGN: Mapping[Locale, str] = {"en": "%", "fr": "\u202f%"}
"""French sets the percent sign apart with a narrow no-break space."""

PHRASES: Mapping[str, Text] = {
    # epics being measured
    "schedule": Text("{done} done with {elapsed} of the time gone",
                     "{done} fait pour {elapsed} du temps écoulé"),
    "schedule.no_tasks": Text("No tasks, {elapsed} of the time gone",
                              "Aucune tâche, {elapsed} du temps écoulé"),
    "overdue": Text("{overdue} of {open} overdue", "{overdue} en retard sur {open}"),
    "kpi": Text("KPI {attainment} of the way to target",
                "KPI à {attainment} du chemin vers la cible"),
    "progress": Text("{done} done", "{done} fait"),
    "past_end": Text("Still open {days} after its end date, {end}",
                     "Toujours ouvert {days} après sa date de fin, le {end}"),
    # epics not measured
    "not_started": Text("Starts on {start}", "Commence le {start}"),
    "not_started.today": Text("Starts today", "Commence aujourd’hui"),
    "no_data.no_dates": Text("No dates to measure progress against",
                             "Pas de dates pour mesurer l’avancement"),
    "no_data.one_date": Text("One date only: give the epic a start and an end",
                             "Une seule date : donnez à l’epic un début et une fin"),
    "no_data.reversed": Text("Its dates end before they start",
                             "Ses dates se terminent avant de commencer"),
    "no_data.nothing": Text("No tasks, and no KPI value to measure",
                            "Aucune tâche, et aucune valeur de KPI à mesurer"),
    # closed epics
    "done": Text("{done} of {total} done", "{done} sur {total}"),
    "done.no_tasks": Text("Marked done", "Marqué terminé"),
    "dropped": Text("Left out of its stream’s progress and health",
                    "Exclu de l’avancement et de la santé de son stream"),
    # streams
    "stream.none": Text("No epic in {quarter}", "Aucun epic en {quarter}"),
    "stream.first": Text("{count} of {total} {label}", "{count} sur {total} {label}"),
    "stream.next": Text("{count} {label}", "{count} {label}"),
    "stream.overdue": Text("{tasks} overdue", "{tasks} en retard"),
}  # fmt: skip
"""The phrases reasons are made of."""

COUNTED: Mapping[str, Text] = {
    "overdue": Text("{count}|{count}", "{count} tâche|{count} tâches"),
    "open": Text("{count} open task|{count} open tasks", "{count} ouverte|{count} ouvertes"),
    "done": Text("{count}|{count}", "{count} tâche terminée|{count} tâches terminées"),
    "total": Text("{count} task|{count} tasks", "{count}|{count}"),
    "tasks": Text("{count} task|{count} tasks", "{count} tâche|{count} tâches"),
    "days": Text("{count} day|{count} days", "{count} jour|{count} jours"),
    "epics.first": Text("{count}|{count}", "{count} epic|{count} epics"),
    "epics.total": Text("{count} epic|{count} epics", "{count}|{count}"),
    "label.at_risk": Text("at risk|at risk", "à risque|à risque"),
    "label.off_track": Text("off track|off track", "hors piste|hors piste"),
    "label.on_track": Text("on track|on track", "en bonne voie|en bonne voie"),
    "label.not_started": Text("not started|not started", "pas commencé|pas commencés"),
    "label.no_data": Text("without data|without data", "sans données|sans données"),
    "label.done": Text("done|done", "terminé|terminés"),
}  # fmt: skip
"""Words that agree with a number, as ``one|other``; labels hold no ``{count}``."""

_SEPARATOR: Mapping[Locale, str] = {"en": "; ", "fr": " ; "}


def points(share: float) -> int:
    """A share (0..1) as whole percentage points, rounded down: ``0.659`` -> ``65``."""
    # Rounding to 6 places first keeps float noise (0.29 * 100 = 28.999...) from losing a point.
    return math.floor(round(share * 100, 6))


def percent(share: float, locale: Locale) -> str:
    """``65%`` (``65 %``): a share as the reasons and the status section write it."""
    return f"{points(share)}{PERCENT_SIGN[locale]}"


def counted(key: str, count: int, locale: Locale) -> str:
    """``3 tasks`` / ``1 tâche``: the form of :data:`COUNTED` ``key`` that agrees with ``count``."""
    one, other = COUNTED[key].get(locale).split("|")
    # French takes the singular for 0 and 1 ("0 tâche"), English only for 1.
    singular = count < 2 if locale == "fr" else count == 1
    return (one if singular else other).format(count=count)


def phrase(key: str, locale: Locale, **values: Value) -> str:
    """One phrase of :data:`PHRASES` with ``values`` written as ``locale`` writes them."""
    formatted = {name: format_value(value, locale) for name, value in values.items()}
    return PHRASES[key].get(locale).format_map(formatted)


def join(phrases: Iterable[str], locale: Locale) -> str:
    """Phrases as one line: ``a; b`` (``a ; b``), the first letter capitalized."""
    line = _SEPARATOR[locale].join(phrases)
    return line[:1].upper() + line[1:]
