"""Each package's docstring is a true map of its modules: a new module must be placed on it."""

from __future__ import annotations

import importlib
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).parent.parent
PACKAGES = (
    "schemas",
    "sync",
    "jobs",
    "jobs.render",
    "jobs.rules",
    "quarterdeck",
    "emulator",
    "emulator.api",
    "emulator.seeds",
)


@pytest.mark.parametrize("package", PACKAGES)
def test_the_package_docstring_names_every_module(package: str) -> None:
    doc = importlib.import_module(package).__doc__ or ""
    folder = ROOT.joinpath(*package.split("."))
    modules = sorted(p.stem for p in folder.glob("*.py") if not p.stem.startswith("__"))
    unnamed = [m for m in modules if f"``{m}``" not in doc and f"{package}.{m}`" not in doc]
    assert not unnamed, f"{package}/__init__.py does not say what these hold: {unnamed}"


ARCHITECTURE = ROOT / "docs" / "architecture.md"
_PATH = re.compile(r"`((?:[a-z_]+/)+[a-z_]+\.(?:py|md|toml))`")
_NAMED = re.compile(r"`((?:[a-z_]+/)+[a-z_]+)\.py` \(([^)]*)\)")
_NAME = re.compile(r"`([A-Za-z_][A-Za-z_.]*)`")


def test_every_path_the_architecture_page_names_exists() -> None:
    text = ARCHITECTURE.read_text(encoding="utf-8")
    paths = set(_PATH.findall(text))
    assert paths
    assert [path for path in sorted(paths) if not (ROOT / path).exists()] == []


def test_every_name_the_architecture_page_places_in_a_module_is_there() -> None:
    text = ARCHITECTURE.read_text(encoding="utf-8")
    placed = [
        (module.replace("/", "."), name)
        for module, inside in _NAMED.findall(text)
        for name in _NAME.findall(inside)
    ]
    assert len(placed) >= 8
    missing = [f"{module}.{name}" for module, name in placed if not _defines(module, name)]
    assert missing == []


def _defines(module: str, dotted: str) -> bool:
    found: object = importlib.import_module(module)
    for part in dotted.split("."):
        if not hasattr(found, part):
            return False
        found = getattr(found, part)
    return True
