"""The check catalog: one module per family, one class per rule, one table of codes.

- ``base``: what every rule is (code, name, family, severity, scope, check) and what it sees;
- ``structure`` (``QD1``), ``ownership`` (``QD2``), ``goals`` (``QD3``, KPIs and goals),
  ``schedule`` (``QD4``), ``hygiene`` (``QD5``, consistency and hygiene): the rules;
- ``registry``: :data:`~jobs.rules.registry.RULES`, code -> rule, and retired codes;
- ``docs``: ``docs/rules.md``, generated from the rules' docstrings.
"""
