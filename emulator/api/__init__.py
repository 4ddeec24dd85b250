"""Endpoint handlers, one module per resource. Each handler is ``(call) -> Json``."""
