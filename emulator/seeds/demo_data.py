"""The demo quarter as data: a six-person RevOps team, its streams, epics, tasks and key results.

Dates are timeline marks (see :class:`emulator.seeds.schema.Timeline`): -45 is the quarter's
first day, 0 today, +45 its last day. Task due dates, statuses and assignees are derived from
their epic (spread over its window; past means done, the first future task is in progress,
the rest to do; assignees rotate over owner and contributors) unless a :class:`Task` says
otherwise. Those exceptions are the planted problems listed in ``demo.PLANTED_PROBLEMS``.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Kpi:
    text: str | None
    baseline: float | None
    target: float | None
    current: float | None
    unit: str | None


NO_KPI = Kpi(None, None, None, None, None)


@dataclass(frozen=True)
class Task:
    """A task that does not follow its epic's defaults."""

    title: str
    status: str | None = None
    due: int | None = None
    assignee: str | None = None
    unassigned: bool = False
    stale: bool = False
    """Last edited more than three weeks ago."""


@dataclass(frozen=True)
class Epic:
    key: str
    title: str
    streams: tuple[str, ...]
    owner: str | None
    contributors: tuple[str, ...]
    status: str
    dates: tuple[int, int] | None
    type: str
    priority: str
    estimate: float
    deliverables: str
    kpi: Kpi
    tasks: tuple[str | Task, ...] = ()
    task_window: tuple[int, int] | None = None
    """Where the tasks' due dates fall when ``dates`` cannot say (missing or reversed)."""
    previous_quarter: bool = False
    """Then ``dates`` count days from the previous quarter's first day."""
    key_result: bool = False
    trashed: bool = False


# key, name, email — Paris, Lyon, Madrid, Barcelona, London, Manchester
PEOPLE = (
    ("camille", "Camille Martin", "camille@example.com"),
    ("julien", "Julien Moreau", "julien.moreau@example.com"),
    ("lucia", "Lucía Fernández", "lucia.fernandez@example.com"),
    ("javier", "Javier Ruiz", "javier.ruiz@example.com"),
    ("amelia", "Amelia Clarke", "amelia.clarke@example.com"),
    ("oliver", "Oliver Bennett", "oliver.bennett@example.com"),
)
LEAD = "camille"
"""Who acts on rows nobody owns."""

# key, name, owner, description
STREAMS = (
    ("pipeline", "Pipeline & forecasting", "camille",
     "Stages, forecast categories and the weekly forecast call: one pipeline everybody trusts."),
    ("routing", "Lead routing & hand-offs", "lucia",
     "From marketing to sales to customer success without losing a lead or a promise."),
    ("crm", "CRM data quality", "julien",
     "Accounts, contacts and opportunities that are complete, deduplicated and owned."),
    ("tooling", "Sales tooling & enablement", "javier",
     "The tools sales uses every day, and the training to use them well."),
    ("success", "Customer success ops", "amelia",
     "Renewals, health scores and the playbooks CSMs follow with their accounts."),
    ("reporting", "Reporting & North Star", "oliver",
     "The North Star, its drivers and the dashboards leadership reads every week."),
)  # fmt: skip

HYGIENE_CHORES = (
    "Merge duplicate accounts",
    "Clean bounced contact emails",
    "Reassign ownerless records",
)
HYGIENE_TASKS = tuple(f"{chore} — week {week}" for week in range(1, 11) for chore in HYGIENE_CHORES)

EPICS = (
    Epic("forecast", "Weighted pipeline forecast", ("pipeline",), "camille", ("oliver", "lucia"),
         "In progress", (-40, 25), "Build", "P0", 20,
         "Forecast categories and weights in the CRM; weekly forecast call template; "
         "rep-level forecast view",
         Kpi("Reps submitting their forecast every Monday from 40% to 90%", 40, 90, 65, "%"),
         ("Agree forecast categories with sales leadership",
          "Add forecast category to opportunities", "Set stage weights per country",
          Task("Backtest weights on the last two quarters", "To do", -3),
          "Weekly forecast call template", "Rep-level forecast view in the CRM",
          "Train managers on the forecast call", "Forecast accuracy report v1"),
         key_result=True),
    Epic("scoring-pipeline", "Lead scoring v1", ("pipeline",), "camille", ("oliver",),
         "Planned", (6, 40), "Build", "P2", 8,
         "Scoring model on firmographics and intent; score field on leads; weekly recalculation",
         Kpi("MQL-to-opportunity conversion from 12% to 18%", 12, 18, None, "%"),
         ("Pull twelve months of converted leads", "Pick scoring signals with marketing",
          "Score field and weekly recalculation", "Pilot with the French SDR team")),
    Epic("routing-rules", "Inbound lead routing rules", ("routing",), "lucia", ("julien",),
         "Done", (-42, -10), "Build", "P1", 10,
         "Territory-based round robin; routing for partner-sourced leads; reassignment audit log",
         Kpi("Leads routed to the right owner at first assignment from 70% to 95%",
             70, 95, 96, "%"),
         ("Map territories to owners", "Round-robin queues per country",
          "Routing rules for partner-sourced leads", "Audit log of reassignments",
          "Go live and monitor for a week",
          Task("Document routing exceptions for partners", "To do"))),
    Epic("sla", "Lead response SLA", ("routing",), "lucia", ("javier",),
         "In progress", (-30, 30), "Build", "P0", 12,
         "SLA policy signed off by sales and marketing; Slack alerts; SLA breach dashboard",
         Kpi("Median lead response time from 36h to 4h", 36, 4, 11, "hours"),
         ("Measure current response time by lead source",
          "Write the SLA policy with sales managers",
          Task("Slack alert for leads untouched after 2 hours", "In progress", -2),
          "SLA breach dashboard", "Escalate to the team lead after 8 hours",
          "Review SLA results with marketing"),
         key_result=True),
    Epic("scoring-routing", "Lead scoring v1", ("routing",), "lucia", ("amelia",),
         "Planned", (10, 42), "Build", "P2", 6,
         "Lead score used in routing; score reasons on the lead page",
         Kpi("Leads with a score at assignment from 0% to 90%", 0, 90, None, "%"),
         ("Define score thresholds for routing", "Show score reasons on the lead page",
          "Route hot leads straight to account executives")),
    Epic("handoff", "Sales-to-CS hand-off checklist", ("routing",), "amelia", ("lucia",),
         "In progress", (-20, 35), "Build", "P1", 8,
         "Hand-off checklist on closed-won deals; kickoff meeting template; "
         "hand-off quality survey",
         Kpi("Closed-won deals with complete hand-off notes within 48h from 40% to 90%",
             40, 90, 62, "%"),
         ("Interview CSMs about missing information",
          "Hand-off checklist on closed-won opportunities",
          "Kickoff meeting template", "Block stage change until the checklist is complete",
          "Hand-off quality survey to CSMs")),
    Epic("mql", "MQL to SQL definition with marketing", ("routing",), None, ("lucia", "javier"),
         "In progress", (-25, 20), "Build", "P1", 5,
         "Written MQL and SQL definitions; lifecycle stage fields; conversion report",
         Kpi("Leads rejected by sales as not qualified from 35% to 15%", 35, 15, 27, "%"),
         ("Workshop with marketing on MQL criteria", "Lifecycle stage field and automation",
          "Rejection reason picklist for SDRs", "MQL-to-SQL conversion report")),
    Epic("partners", "Partner deal registration", ("routing",), "lucia", ("javier",),
         "In progress", (-5, 30), "Build", "P2", 6,
         "Deal registration form; partner field on opportunities; conflict rules",
         Kpi("Partner deals registered before the first meeting from 10% to 60%", 10, 60, 10, "%")),
    Epic("hygiene", "CRM data hygiene (run)", ("crm",), "julien", ("lucia", "oliver"),
         "In progress", (-44, 44), "Run", "P1", 26,
         "Weekly duplicate merge; bounced email clean-up; ownerless records reassigned",
         Kpi("Duplicate accounts from 1,800 to 200", 1800, 200, 950, "accounts"),
         HYGIENE_TASKS, key_result=True),
    Epic("fields", "Required fields & validation rules", ("crm",), "julien", ("javier",),
         "In progress", (-35, 15), "Build", "P1", 8,
         "Close reason and competitor required on closed deals; validation rules per stage; "
         "field usage audit",
         Kpi("Closed opportunities missing a close reason from 45% to 5%", 45, 5, 18, "%"),
         ("Field usage audit on opportunities", "Close reason picklist with sales managers",
          "Validation rules per stage", "Backfill close reasons for last quarter",
          "Announce the new rules at the sales all-hands", "Remove twenty unused fields")),
    Epic("enrichment", "Company data enrichment", ("crm",), "julien", ("oliver",),
         "Planned", (12, 44), "Build", "P2", 10,
         "Enrichment provider chosen; industry and headcount on accounts; monthly refresh",
         Kpi("Accounts with industry and headcount from 55% to 90%", 55, 90, None, "%"),
         ("Compare three enrichment providers", "Security review of the chosen provider",
          "Map enrichment fields to account fields", "First full enrichment run")),
    Epic("scorecard", "Data quality scorecard", ("crm",), "julien", ("oliver",),
         "In progress", (-15, 30), "Build", "P2", 6,
         "Data quality score per team; weekly scorecard email to managers",
         Kpi("CRM data quality score (0-100)", 61, None, 66, "score"),
         ("Define the data quality score", "Scorecard per team in the BI tool",
          "Weekly scorecard email to managers", "Add the scorecard to the North Star dashboard")),
    Epic("capture", "Email and meeting capture in the CRM", ("crm",), "julien", ("javier",),
         "Not started", (15, 44), "Build", "P2", 8,
         "Capture tool connected to mail and calendars; activity timeline on accounts",
         Kpi("Customer meetings logged in the CRM from 30% to 80%", 30, 80, None, "%"),
         ("Pick the capture tool", "Pilot with five account executives",
          "Roll out to all sales teams")),
    Epic("contact-roles", "Contact roles migration", ("crm",), "julien", ("lucia",),
         "Planned", (5, 30), "Build", "P3", 4,
         "Legacy contact roles mapped; contact role required on opportunities",
         Kpi("Opportunities with a contact role from 50% to 85%", 50, 85, None, "%"),
         (Task("Map legacy contact roles", "To do", 10),), trashed=True),
    Epic("usage", "Product usage data in the CRM", (), "julien", ("amelia",),
         "In progress", (-18, 28), "Build", "P1", 10,
         "Nightly usage sync from the warehouse; usage panel on accounts; first health score",
         Kpi("Accounts with product usage visible to CSMs from 0% to 80%", 0, 80, 25, "%"),
         ("List the usage signals CSMs need", "Nightly sync from the data warehouse",
          "Usage panel on the account page", "Health score draft with CS leads",
          "Usage alerts for accounts going quiet")),
    Epic("cpq", "CPQ quote templates", ("tooling",), "javier", ("julien",),
         "Blocked", (-30, 25), "Build", "P1", 12,
         "Quote templates per country; discount approval flow; e-signature",
         Kpi("Quotes created in CPQ instead of spreadsheets from 20% to 75%", 20, 75, 34, "%"),
         ("Quote template for France", "Quote templates for Spain and the UK",
          "Discount approval matrix with finance", "E-signature integration (waiting on legal)",
          "Train account executives on CPQ")),
    Epic("onboarding", "Sales onboarding path in Notion", ("tooling",), "javier",
         ("amelia", "camille"), "In progress", (-38, 12), "Build", "P1", 10,
         "Onboarding path for new AEs and SDRs; CRM how-to guides; monthly tooling office hours",
         Kpi("Internal NPS of sales team from 21 to 40", 21, 40, 29, "score"),
         ("Survey the sales team on tooling pain points", "Onboarding checklist for new AEs",
          "CRM how-to guides with screenshots", "Monthly tooling office hours",
          Task("Recorded demo of the quoting process", stale=True), "Second tooling NPS survey"),
         key_result=True),
    Epic("dialer", "Dialer rollout for SDRs", ("tooling",), "javier", ("lucia",),
         "In progress", (-40, -6), "Build", "P1", 8,
         "Dialer connected to the CRM; call dispositions; recording consent per country",
         Kpi("SDR calls logged automatically from 30% to 95%", 30, 95, 70, "%"),
         ("Choose the dialer and sign the contract", "CRM integration and call dispositions",
          "Recording consent rules for France, Spain and the UK",
          Task("Train the SDR team in Madrid", "In progress"),
          Task("Retire manual call logging", "To do"))),
    Epic("territory", "Territory planning tool evaluation", ("tooling",), "javier", ("camille",),
         "Dropped", (-30, 10), "Build", "P3", 6,
         "Tool shortlist; pricing comparison; pilot on one territory",
         Kpi("Days to rebalance territories from 5 to 1", 5, 1, 5, "days"),
         ("Requirements with sales leadership", "Demo three vendors", "Pricing comparison",
          "Pilot on the UK territory")),
    Epic("adhoc", "Ad hoc requests from sales leadership", ("pipeline", "tooling"), "camille",
         ("julien", "oliver"), "In progress", (-44, 44), "Ad hoc", "P3", 10,
         "Requests answered within a week; recurring requests turned into self-serve reports",
         NO_KPI,
         ("Commission report fix for Spain", "Pipeline numbers for the board deck",
          "Export of UK renewals for finance",
          Task("New picklist value for lost reasons", "Cancelled"),
          "Quarterly quota upload", "Sales kickoff attendance list")),
    Epic("northstar", "North Star dashboard for leadership", ("reporting", "pipeline"), "oliver",
         ("camille",), "In progress", (-30, 20), "Build", "P0", 10,
         "One dashboard with the North Star and its drivers; weekly snapshot email; "
         "metric definitions",
         Kpi("Leaders opening the weekly dashboard from 3 to 12 of 15", 3, 12, 8, "count"),
         ("Agree the North Star definition with the CRO", "Metric definitions page",
          "Dashboard v1 in the BI tool", "Weekly snapshot email",
          Task("Driver metrics per stream", unassigned=True), "Review with leadership"),
         key_result=True),
    Epic("weekly-report", "Weekly revenue report automation", ("reporting",), "oliver", ("julien",),
         "Done", (-44, -15), "Build", "P1", 6,
         "Pipeline and bookings extracts automated; report template; Monday delivery",
         Kpi("Hours spent on the weekly report from 6 to 1", 6, 1, 1, "hours"),
         ("List the numbers in the current report", "Automate pipeline and bookings extracts",
          "Report template in the BI tool", "Schedule Monday morning delivery",
          "Retire the spreadsheet version"),
         key_result=True),
    Epic("win-loss", "Win/loss analysis", ("reporting",), "oliver", ("camille",),
         "In progress", (-12, 35), "Build", "P2", 6,
         "Interview guide; ten lost-deal interviews; competitor field; readout to sales leadership",
         Kpi("Win rate on competitive deals", 24, 24, 25, "%"),
         ("Win/loss interview guide", "Interview ten lost deals",
          "Competitor field on opportunities", "Win/loss readout to sales leadership")),
    Epic("churn", "Churn signals report", ("reporting",), "amelia", ("oliver",),
         "Planned", None, "Build", "P2", 5,
         "Churn signals agreed with CSMs; churn risk report; monthly churn review",
         Kpi("Churned accounts flagged 60 days ahead from 20% to 70%", 20, 70, None, "%"),
         ("List churn signals with CSMs", "Churn risk report v1",
          "Monthly churn review with CS leads"),
         task_window=(15, 40)),
    Epic("qbr", "Quarterly business review pack", ("reporting",), "oliver", ("amelia",),
         "Planned", (30, 12), "Build", "P2", 5,
         "QBR template; usage and support data filled in automatically; pilot with key accounts",
         Kpi("QBRs held with the standard pack from 30% to 80%", 30, 80, None, "%"),
         ("QBR template with CS leads", "Auto-fill usage and support data",
          "Pilot with five key accounts"),
         task_window=(6, 12)),
    Epic("renewals", "Renewal forecasting playbook", ("success",), "amelia", ("camille",),
         "Done", (10, 75), "Build", "P1", 8,
         "Renewal stages in the CRM; 90-day renewal pipeline view; renewal call script",
         Kpi("Renewals forecast 90 days ahead from 50% to 85%", 50, 85, 88, "%"),
         ("Renewal stages in the CRM", "90-day renewal pipeline view", "Renewal call script",
          "Renewal forecast review in the CS weekly"),
         previous_quarter=True),
)  # fmt: skip

# title, assignee, status, due mark: tasks nobody linked to an epic
ORPHAN_TASKS = (
    Task("Check VAT field on Spanish accounts", "To do", 9, "lucia"),
    Task("Fix broken links in the sales handbook", "In progress", 3, "javier"),
    Task("Update UK bank holidays in the dialer", "To do", 14, "amelia"),
)
NORTH_STAR = Kpi("Forecast accuracy at quarter end (within ±10%)", 68, 85, 76, "%")
