"""What the scheduled jobs compute, as pure functions of a snapshot, the date and settings.

No I/O, no clock, no environment: callers pass ``today`` (the team's local date) and the
settings in. Checks: :func:`jobs.check.run_checks` over the catalog in :mod:`jobs.rules`.
"""
