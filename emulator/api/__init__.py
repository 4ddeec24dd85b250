"""Endpoint handlers, one module per resource. Each handler is ``(call) -> Json``.

- ``common``: what every handler receives, and cursor pagination;
- ``pages``: pages and the property-item endpoint; ``query``: data source queries;
- ``databases``: databases and data sources; ``blockops``: blocks and their children;
- ``comments``, ``search``, ``users``.
"""
