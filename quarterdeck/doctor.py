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
from schemas.fields import DATABASES, Holds
from schemas.models import State
from schemas.settings import Settings, StatusSettings
from schemas.values import StatusRules, fold
from sync.errors import SyncError
from sync.gateway import Gateway
from sync.schema import Binding, DatabaseSchema, PropertyInfo, bind, resolve

PASS, WARN, FAIL = "✓", "!", "✗"


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
    yield Line(
        PASS,
        f"configuration read ({arguments.config or 'quarterdeck.toml'}, locale {settings.locale})",
    )
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
    states: list[PropertyInfo] = []
    for key in DATABASES:
        database_id = settings.databases.of(key)
        if database_id is None:
            continue
        try:
            schema = resolve(gateway, key, database_id, settings)
        except SyncError as problem:
            yield Line(FAIL, f"{key}: database {database_id} not readable", str(problem))
            continue
        yield Line(
            PASS, f"{key}: “{schema.title}” reachable (data source “{schema.data_source_name}”)"
        )
        bindings = bind(schema, settings)
        yield from (_property_problem(schema, b) for b in bindings if b.info is None)
        for binding in bindings:
            if binding.spec.holds is Holds.STATE and binding.info is not None:
                states.append(binding.info)
                yield from _statuses(key, binding.info, settings)
    yield from _unknown_status_names(states, settings)


def _property_problem(schema: DatabaseSchema, binding: Binding) -> Line:
    spec, wanted, info = binding.spec, binding.property_name, binding.found
    setting = f"[fields.{schema.key}] {spec.key}"
    accepted = " or ".join(spec.types)
    mark = FAIL if spec.required else WARN
    if info is not None:
        return Line(
            mark,
            f"{schema.key}: “{wanted}” is a {info.type} property; {spec.key} needs {accepted}",
            f"change its type in Notion, or point {setting} at a {accepted} property",
        )
    fitting = [name for name, p in schema.properties.items() if p.type in spec.types]
    nearest = difflib.get_close_matches(wanted, fitting, n=1, cutoff=0.5) or [
        name for name in fitting if name.casefold() == wanted.casefold()
    ]
    hint = f"; the nearest existing property is “{nearest[0]}”" if nearest else ""
    if spec.output is not None:
        return Line(
            WARN,
            f"{schema.key}: no property “{wanted}” for Quarterdeck's {spec.key} output{hint}",
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
    return Line(mark, f"{schema.key}: no property “{wanted}” ({spec.key}, {what}){hint}", fix)


def _statuses(key: str, info: PropertyInfo, settings: Settings) -> Iterator[Line]:
    """What each value of a status (or select) will be read as."""
    if info.type == "checkbox":
        return
    rules = StatusRules.from_settings(settings.statuses)
    meanings = {
        state: [o for o in info.options if rules.state_of(o, info.groups.get(o)) is state]
        for state in State
    }
    shown = "; ".join(
        f"{state.value.replace('_', ' ')}: {', '.join(names)}"
        for state, names in meanings.items()
        if names
    )
    yield Line(PASS, f"{key}: “{info.name}” values read as {shown or '(no options)'}")
    if not meanings[State.DONE]:
        yield Line(
            WARN,
            f"{key}: no “{info.name}” value means done",
            "list the values that mean done in [statuses] done",
        )


def _unknown_status_names(states: list[PropertyInfo], settings: Settings) -> Iterator[Line]:
    """A ``[statuses]`` name no status property has is likely a typo."""
    options = {fold(option) for info in states for option in info.options}
    configured = {"done": settings.statuses.done, "not_started": settings.statuses.not_started}
    if settings.statuses.dropped != StatusSettings().dropped:  # the defaults name several languages
        configured["dropped"] = settings.statuses.dropped
    for meaning, values in configured.items():
        for value in values:
            if fold(value) not in options:
                yield Line(
                    WARN,
                    f"[statuses] {meaning} names “{value}”, which no status property has",
                    "correct the spelling, or remove it from quarterdeck.toml",
                )
