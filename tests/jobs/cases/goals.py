"""QD3xx KPIs and goals cases."""

from __future__ import annotations

from schemas.models import State
from tests.jobs.builders import done, dropped, epic, key_result, snapshot
from tests.jobs.case import Case, fails, passes

NORTH_STAR = key_result("Forecast accuracy at quarter end", level="North Star")
NOT_STARTED = {"status": "Planned", "state": State.NOT_STARTED}

CASES: tuple[Case, ...] = (
    passes("QD301", "epic-with-kpi", snapshot(epic())),
    fails("QD301", "no-kpi", snapshot(epic("Ad hoc requests", kpi="", kpi_baseline=None,
                                           kpi_target=None, kpi_current=None)),
          "Ad hoc requests", says="Epic “Ad hoc requests” has no KPI."),
    fails("QD301", "blank-kpi", snapshot(epic("Blank", kpi="   ")), "Blank"),
    passes("QD301", "dropped-epic-is-exempt", snapshot(dropped(epic(kpi="")))),
    passes("QD302", "kpi-with-target", snapshot(epic())),
    fails("QD302", "kpi-without-target", snapshot(epic("Data quality scorecard",
                                                       kpi_target=None)),
          "Data quality scorecard", says="has a KPI (“MQL to SQL conversion from 12% to 20%”)"),
    passes("QD302", "no-kpi-is-left-to-QD301", snapshot(epic(kpi="", kpi_target=None))),
    passes("QD303", "in-progress-with-current", snapshot(epic())),
    fails("QD303", "in-progress-without-current", snapshot(epic("Scoring", kpi_current=None)),
          "Scoring", says="is in progress but its KPI has no current value"),
    fails("QD303", "done-without-final-value", snapshot(done(epic("Shipped", kpi_current=None))),
          "Shipped", says="is done but its KPI has no final value"),
    passes("QD303", "not-started-is-exempt", snapshot(epic(kpi_current=None, **NOT_STARTED))),
    passes("QD303", "dropped-is-exempt", snapshot(dropped(epic(kpi_current=None)))),
    passes("QD304", "target-differs", snapshot(epic())),
    fails("QD304", "target-equals-baseline",
          snapshot(epic("Win/loss analysis", kpi_baseline=24.0, kpi_target=24.0)),
          "Win/loss analysis", says="equal to its baseline (24)"),
    passes("QD304", "no-baseline", snapshot(epic(kpi_baseline=None, kpi_target=24.0))),
    passes("QD305", "north-star-present", snapshot(key_result(), NORTH_STAR)),
    passes("QD305", "north-star-any-case", snapshot(key_result(level="north-star"))),
    passes("QD305", "etoile-du-nord", snapshot(key_result(level="Étoile du Nord"))),
    fails("QD305", "epic-levels-only", snapshot(key_result(), key_result("Lead response time")),
          "workspace", says="No key result has the level “North Star”"),
    fails("QD305", "key-results-database-empty", snapshot(has_key_results=True), "workspace"),
    passes("QD305", "no-key-results-database", snapshot(epic(), has_key_results=False)),
    passes("QD306", "key-result-with-target", snapshot(NORTH_STAR)),
    fails("QD306", "key-result-without-target", snapshot(NORTH_STAR, key_result(target=None)),
          "Forecast accuracy", says="Key result “Forecast accuracy” has no target."),
    passes("QD306", "no-key-results-database",
           snapshot(key_result(target=None), has_key_results=False)),
)  # fmt: skip
