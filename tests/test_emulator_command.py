"""``quarterdeck emulator`` as a user runs it: a real process serving HTTP on loopback."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
from pathlib import Path

import httpx

HEADERS = {"Authorization": "Bearer local", "Notion-Version": "2025-09-03"}


def _start(*arguments: str) -> tuple[subprocess.Popen[str], str]:
    process = subprocess.Popen(
        [sys.executable, "-m", "quarterdeck", "emulator", "--port", "0", *arguments],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None
    first_line = process.stdout.readline()
    url = first_line.split(" on ", 1)[1].split(" with ", 1)[0]
    return process, url


def _stop(process: subprocess.Popen[str]) -> str:
    process.send_signal(signal.SIGINT)
    out, _ = process.communicate(timeout=10)
    return out


def test_serves_the_empty_seed_and_saves_state(tmp_path: Path) -> None:
    state = tmp_path / "workspace.json"
    process, url = _start("--seed", "empty", "--state", str(state), "--token", "local")
    try:
        me = httpx.get(f"{url}/v1/users/me", headers=HEADERS)
        assert me.status_code == 200
        assert me.json()["type"] == "bot"
        refused = httpx.get(
            f"{url}/v1/users/me", headers={**HEADERS, "Authorization": "Bearer other"}
        )
        assert refused.status_code == 401
        root = httpx.post(f"{url}/v1/search", headers=HEADERS, json={}).json()["results"][0]["id"]
        created = httpx.post(
            f"{url}/v1/pages",
            headers=HEADERS,
            json={
                "parent": {"page_id": root},
                "properties": {"title": [{"text": {"content": "Kept"}}]},
            },
        )
        assert created.status_code == 200
    finally:
        assert "Stopping." in _stop(process)
    saved = json.loads(state.read_text())
    assert created.json()["id"] in saved["pages"]


def test_unknown_seed_is_a_clear_error() -> None:
    finished = subprocess.run(
        [sys.executable, "-m", "quarterdeck", "emulator", "--seed", "nope"],
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )
    assert finished.returncode == 2
    assert "unknown seed 'nope'" in finished.stderr
