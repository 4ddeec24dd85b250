"""What the data is: settings, fields, domain models, the Plan, and Notion's limits. Pure.

- ``settings``: :class:`~schemas.settings.Settings`, the configuration (``quarterdeck.toml``,
  ``QUARTERDECK_*``, ``NOTION_TOKEN``), validated.
- ``fields``: each logical field of each database, described once (default property name,
  what it holds, how it is parsed, what Quarterdeck writes), and the database registry.
- ``ids``: Notion ids and links as people paste them.
- ``models``: the frozen domain models jobs reason about (Stream, Epic, Task, KeyResult,
  Snapshot) and the problems a read reports.
- ``values``: Notion property values parsed into domain values.
- ``health``: the Health vocabulary, its labels and colours.
- ``plan``: the Plan of writes jobs build and ``sync.writer`` applies;
- ``limits``: Notion's request and answer limits, shared by rendering and writing;
- ``wire``: the JSON object aliases (built, or only read) every layer uses.
"""
