"""The only code that talks to Notion.

- ``client``: builds the one notion-client ``Client`` (never ``with Client(...)``).
- ``budget``: the client-side request budget (180 per 60 s by default), so runs meet no 429.
- ``gateway``: :class:`~sync.gateway.Gateway`, typed calls with the budget, tenacity retries
  for reads, never-repeated writes, call counts, errors translated into ``sync.errors``.
- ``errors``: the exception tree; every message is one actionable line without the token.
- ``progress``: a bar on a terminal, plain lines in CI, :class:`~sync.progress.Silent` in tests.

Reading:

- ``schema``: database -> data source resolution, :class:`~sync.schema.DatabaseSchema` (what
  ``doctor`` inspects), and :func:`~sync.schema.bind`, each field matched with its property.
- ``rows``: one page object -> one domain entity (the mapping layer).
- ``reader``: :func:`~sync.reader.read`, the databases -> a snapshot, in the fewest calls.
- ``read_cache``: what a read keeps in the run state (schemas, people, the bot's id, people's
  last edits, missing pages) so that the next costs only its queries.
- ``run_state``: :class:`~sync.run_state.RunState`, the file one run leaves for the next.

Writing:

- ``writer``: :func:`~sync.writer.apply_plan`, a Plan diffed against Notion and applied.
- ``properties``: output property values, compared and written; missing outputs created.
- ``sections``: the managed status section of each page, found by its marker.
- ``dashboard``: the roadmap dashboard page.
- ``session``: one apply's writes, read back instead of repeated when unconfirmed.
- ``blocks``: blocks fitted to Notion's limits, batched into requests, compared when read back.
"""
