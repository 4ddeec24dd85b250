"""The only code that talks to Notion.

- ``client``: builds the one notion-client ``Client`` (never ``with Client(...)``).
- ``budget``: the client-side request budget (180 per 60 s by default), so runs meet no 429.
- ``gateway``: :class:`~sync.gateway.Gateway`, typed calls with the budget, tenacity retries
  for reads, never-repeated writes, call counts, errors translated into ``sync.errors``.
- ``errors``: the exception tree; every message is one actionable line without the token.
- ``schema``: database -> data source resolution and :class:`~sync.schema.DatabaseSchema`
  (what ``doctor`` inspects); logical fields bound to properties.
- ``rows``: one page object -> one domain entity (the mapping layer).
- ``reader``: :func:`~sync.reader.read` / :func:`~sync.reader.read_snapshot`, the read path.
- ``progress``: a bar on a terminal, plain lines in CI, :class:`~sync.progress.Silent` in tests.
"""
