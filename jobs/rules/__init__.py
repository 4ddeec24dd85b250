"""The check catalog: one module per family, one class per rule, one table of codes.

Families: ``QD1`` structure, ``QD2`` ownership, ``QD3`` KPIs and goals, ``QD4`` schedule,
``QD5`` consistency and hygiene. :data:`jobs.rules.registry.RULES` lists them all;
``docs/rules.md`` is generated from their docstrings by :mod:`jobs.rules.docs`.
"""
