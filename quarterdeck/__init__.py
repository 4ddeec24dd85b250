"""Quarterdeck: keeps a revenue-operations team's quarterly roadmap in Notion honest."""

__version__ = "0.1.0"
