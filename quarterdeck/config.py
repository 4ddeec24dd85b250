"""Loading ``quarterdeck.toml`` and the environment into :class:`~schemas.settings.Settings`.

Every problem becomes one :class:`ConfigError` whose lines each say which key, what was
expected and what was found, so a person can fix the file without reading a traceback.
"""

from __future__ import annotations

import difflib
import os
import re
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError
from pydantic_settings import SettingsError

from schemas.settings import ENV_PREFIX, TOKEN_VARIABLE, Settings

DEFAULT_PATH = Path("quarterdeck.toml")
_TOKEN_KEYS = frozenset({"token", "notion_token", TOKEN_VARIABLE.lower(), "auth", "secret"})


class ConfigError(Exception):
    """The configuration cannot be used; ``str()`` is the message for the person."""


def load_settings(path: Path | None = None, environ: Mapping[str, str] | None = None) -> Settings:
    """Settings from ``path`` (default ``./quarterdeck.toml``) and ``environ`` (``os.environ``).

    ``environ`` is only read; the process environment is never modified, whichever is passed.

    Raises:
        ConfigError: the file is missing, is not valid TOML, holds a token, or has values
            of the wrong kind; the message names each key at fault.
    """
    env = os.environ if environ is None else environ
    file = path or DEFAULT_PATH
    data = _read_toml(file, explicit=path is not None)
    _refuse_token(data, file)
    _refuse_options(data, file)
    try:
        settings = Settings.from_sources(data, env)
    except ValidationError as problem:
        raise ConfigError(_describe(problem, file, env)) from None
    except SettingsError as problem:  # a list or table variable that is not JSON
        raise ConfigError(_not_json(problem, env)) from None
    return _anchor_state_file(settings, file)


def _anchor_state_file(settings: Settings, file: Path) -> Settings:
    """A relative ``[sync] state_file`` lives beside the configuration, wherever the run starts."""
    state = Path(settings.sync.state_file)
    if state.is_absolute():
        return settings
    anchored = settings.sync.model_copy(update={"state_file": str(file.parent / state)})
    return settings.model_copy(update={"sync": anchored})


def _read_toml(file: Path, *, explicit: bool) -> dict[str, Any]:
    if not file.exists():
        if explicit:
            raise ConfigError(f"{file}: no such file. Give the path of your quarterdeck.toml.")
        return {}
    try:
        return tomllib.loads(file.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as problem:
        raise ConfigError(f"{file}: not valid TOML: {problem}.") from None
    except UnicodeDecodeError:
        raise ConfigError(f"{file}: not UTF-8 text.") from None


def _refuse_token(data: Mapping[str, Any], file: Path, prefix: str = "") -> None:
    for key, value in data.items():
        if key.lower() in _TOKEN_KEYS:
            raise ConfigError(
                f"{file}: [{prefix or 'top level'}] {key}: the integration token never goes in a "
                f"file. Remove it and set the {TOKEN_VARIABLE} environment variable instead "
                "(a GitHub Actions secret in CI)."
            )
        if isinstance(value, dict):
            _refuse_token(value, file, f"{prefix}.{key}" if prefix else key)


def _refuse_options(data: Mapping[str, Any], file: Path) -> None:
    """pydantic-settings takes top-level keys starting with ``_`` (``_cli_parse_args``) as
    options of its own, not as settings: none is a setting, so none may come from the file."""
    options = sorted(key for key in data if key.startswith("_"))
    if options:
        listed = ", ".join(options)
        raise ConfigError(f"{file}: {listed}: not a setting Quarterdeck knows; remove it.")


def _describe(problem: ValidationError, file: Path, env: Mapping[str, str]) -> str:
    lines = [f"{file}: {problem.error_count()} problem(s) in the configuration:"]
    for error in problem.errors():
        location = [str(part) for part in error["loc"]]
        variable = ENV_PREFIX + "__".join(location).upper()
        source = f"environment variable {variable}" if variable in env else _key(location)
        lines.append(f"  - {source}: {_explain(error, location)}")
    return "\n".join(lines)


def _not_json(problem: SettingsError, env: Mapping[str, str]) -> str:
    """pydantic-settings names only the setting (``rules``): name the variables that set it."""
    field = re.search(r'field "([^"]+)"', str(problem))
    setting = ENV_PREFIX + field.group(1).upper() if field else ENV_PREFIX
    names = sorted(
        name for name in env if name.upper() == setting or name.upper().startswith(setting + "_")
    )
    where = ", ".join(names) or f"a {ENV_PREFIX}* environment variable"
    return (
        f"{where}: not valid JSON. A list or a table set from the environment is written in "
        f'JSON, such as {ENV_PREFIX}RULES__SELECT=\'["QD201", "QD3"]\'.'
    )


def _key(location: list[str]) -> str:
    if len(location) == 1:
        return location[0]
    return f"[{'.'.join(location[:-1])}] {location[-1]}"


def _did_you_mean(location: list[str]) -> str:
    model: Any = Settings
    for part in location[:-1]:
        field = model.model_fields.get(part)
        model = field.annotation if field is not None else None
        if not isinstance(model, type) or not issubclass(model, BaseModel):
            return ""
    close = difflib.get_close_matches(location[-1], list(model.model_fields), n=1)
    return f"; did you mean {close[0]!r}?" if close else ""


def _explain(error: Any, location: list[str]) -> str:
    kind = error["type"]
    found = error.get("input")
    if kind == "missing":
        return "is required but missing"
    if kind == "extra_forbidden":
        return "is not a setting Quarterdeck knows" + _did_you_mean(location)
    message = str(error["msg"]).removeprefix("Value error, ")
    if kind in ("value_error", "assertion_error"):
        return message
    return f"{message[0].lower()}{message[1:]}, found {found!r}"
