"""Rendering what ``sync`` computed as Notion-native content: rich text, callouts, tables.

- :mod:`jobs.render.pages` turns rollups and findings into the Plan: every page's outputs,
  its status section, the dashboard;
- :mod:`jobs.render.context` is what every renderer needs (the index, the rollups, the day,
  the language);
- :mod:`jobs.render.blocks` builds rich-text and block request objects within Notion's limits;
- :mod:`jobs.render.labels` names and styles each :class:`~schemas.health.Health`;
- :mod:`jobs.render.flags` turns findings into each page's Flags labels;
- :mod:`jobs.render.sections` renders the status callout of an epic or stream page;
- :mod:`jobs.render.dashboard` renders the roadmap dashboard.

Everything is pure and deterministic: the same snapshot renders the same JSON, so digests say
whether anything needs writing. Nothing here reads the clock: a run's own time never shows.
"""
