"""What the scheduled jobs compute, as pure functions of a snapshot, the date and settings.

No I/O, no clock, no environment: callers pass ``today`` (the team's local date) and the
settings in.

- ``check``: :func:`~jobs.check.run_checks`, the check catalog (``jobs.rules``) run over a
  snapshot, findings worded and sorted; ``findings``: what a check reports.
- ``plan``: :func:`~jobs.plan.build_plan`, ``sync``'s job: checks, rollups, health, rendered
  into the Plan of writes (``jobs.render``).
- ``index``: the roadmap indexed once per run (links, the quarter in view), and what "open"
  and "overdue" mean.
- ``quarters``: quarter labels, bounds, and an epic's quarter.
- ``rollups``: the figures Notion cannot compute; ``figures``: their types.
- ``health``: whether an epic or a stream will deliver, and why.
- ``messages``, ``wording``, ``health_wording``: every sentence, in English and French.
"""
