"""``quarterdeck doctor``: is everything in place? A checklist with the fix for each failure.

It checks, in order: the configuration, the token, each configured database (shared with the
integration, data source resolved), each mapped property (present, with a type its field
accepts, with the nearest existing name when it is not found) and each status value the
configuration names. Exit 2 on any failure, 0 otherwise; warnings do not fail.
"""

from __future__ import annotations

import argparse
import difflib
from collections.abc import Iterator
from dataclasses import dataclass

from jobs.check import UnknownRule, selected_rules
from jobs.rules.registry import RULES
from quarterdeck.config import ConfigError
from quarterdeck.context import EXIT_CONFIG, EXIT_OK, Context
from schemas.fields import SPECS, FieldSpec
from schemas.settings import Settings
from sync.errors import SyncError
from sync.gateway import Gateway
from sync.schema import DATABASES, DatabaseSchema, PropertyInfo, resolve

PASS, WARN, FAIL = "✓", "!", "✗"
STATE_FIELDS = {"epics": "status", "tasks": "status"}


@dataclass(frozen=True)
class Line:
    mark: str
    text: str
    fix: str = ""


def run(arguments: argparse.Namespace, context: Context) -> int:
    lines = list(_checklist(arguments, context))
    for line in lines:
        print(f"{line.mark} {line.text}", file=context.out)
        if line.fix:
            print(f"    fix: {line.fix}", file=context.out)
    failures = sum(line.mark == FAIL for line in lines)
    warnings = sum(line.mark == WARN for line in lines)
    verdict = "everything is in place" if not failures else f"{failures} problem(s) to fix"
    print(f"\ndoctor: {verdict} ({warnings} warning(s)).", file=context.out)
    return EXIT_CONFIG if failures else EXIT_OK


def _checklist(arguments: argparse.Namespace, context: Context) -> Iterator[Line]:
    try:
        settings = context.settings(arguments.config)
    except ConfigError as problem:
        yield Line(FAIL, "configuration", str(problem))
        return
    yield Line(PASS, f"configuration read ({arguments.config or 'quarterdeck.toml'}, locale {settings.locale})")
    try:
        rules = selected_rules(settings.rules)
    except UnknownRule as problem:
        yield Line(FAIL, "rule selection", str(problem))
    else:
        yield Line(PASS, f"rules: {len(rules)} of {len(RULES)} selected")
    try:
        gateway = Gateway.from_settings(settings, http=context.http)
        me = gateway.me()
    except SyncError as problem:
        yield Line(FAIL, "token", str(problem))
        return
    workspace = me.get("bot", {}).get("workspace_name") or "its workspace"
    yield Line(PASS, f"token valid: integration “{me.get('name')}” in {workspace}")
    for key, kind in DATABASES.items():
        database_id = getattr(settings.databases, key)
        if database_id is None:
            continue
        try:
            schema = resolve(gateway, key, kind, database_id, settings)
        except SyncError as problem:
            yield Line(FAIL, f"{key}: database {database_id} not readable", str(problem))
            continue
        yield Line(PASS, f"{key}: “{schema.title}” reachable (data source “{schema.data_source_name}”)")
        yield from _properties(schema, settings)
        yield from _statuses(schema, settings)


def _properties(schema: DatabaseSchema, settings: Settings) -> Iterator[Line]:
    names = getattr(settings.fields, schema.key)
    for spec in SPECS[schema.key]:
        wanted = str(getattr(names, spec.attribute))
        info = schema.property(wanted)
        if info is not None and info.type in spec.types:
            continue
        yield _property_problem(schema, spec, wanted, info)


def _property_problem(schema: DatabaseSchema, spec: FieldSpec, wanted: str, info: PropertyInfo | None) -> Line:
    setting = f"[fields.{schema.key}] {spec.attribute}"
    accepted = " or ".join(spec.types)
    mark = FAIL if spec.required else WARN
    if info is not None:
        return Line(
            mark,
            f"{schema.key}: “{wanted}” is a {info.type} property; {spec.attribute} needs {accepted}",
            f"change its type in Notion, or point {setting} at a {accepted} property",
        )
    fitting = [name for name, p in schema.properties.items() if p.type in spec.types]
    nearest = difflib.get_close_matches(wanted, fitting, n=1, cutoff=0.5) or [
        name for name in fitting if name.casefold() == wanted.casefold()
    ]
    hint = f"; the nearest existing property is “{nearest[0]}”" if nearest else ""
    if spec.output:
        return Line(
            WARN,
            f"{schema.key}: no property “{wanted}” for Quarterdeck's {spec.attribute} output{hint}",
            f"add a {accepted} property named “{wanted}” (Quarterdeck writes it), or set {setting}",
        )
    what = "required" if spec.required else "optional: the field reads as empty"
    if nearest:
        fix = f'set {setting} = "{nearest[0]}"'
    elif fitting:
        listed = ", ".join(f"“{name}”" for name in fitting)
        fix = f"set {setting} to one of {listed}, or add a {accepted} property named “{wanted}”"
    else:
        fix = f"add a {accepted} property named “{wanted}”"
    return Line(mark, f"{schema.key}: no property “{wanted}” ({spec.attribute}, {what}){hint}", fix)


def _statuses(schema: DatabaseSchema, settings: Settings) -> Iterator[Line]:
    """The status values ``[statuses]`` names must exist where statuses are read."""
    attribute = STATE_FIELDS.get(schema.key)
    if attribute is None:
        return
    info = schema.property(str(getattr(getattr(settings.fields, schema.key), attribute)))
    if info is None or info.type == "checkbox":
        return
    options = set(info.options)
    configured = {"done": settings.statuses.done, "not_started": settings.statuses.not_started}
    for meaning, values in configured.items():
        for value in values:
            if value not in options:
                yield Line(
                    FAIL,
                    f"{schema.key}: [statuses] {meaning} names “{value}”, which “{info.name}” does not have",
                    f"use one of: {', '.join(info.options) or '(none)'}",
                )
    if info.type == "select" and not (set(settings.statuses.done) & options):
        yield Line(
            WARN,
            f"{schema.key}: “{info.name}” is a select, so Quarterdeck cannot tell which values mean done",
            "list them in [statuses] done (and not_started), or use a Notion status property",
        )
