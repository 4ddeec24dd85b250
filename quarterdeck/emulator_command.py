"""``quarterdeck emulator``: serve the local Notion API until interrupted."""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path
from typing import TextIO

from emulator import Emulator, EmulatorServer, RateLimit, build
from emulator.state import Workspace


def add_arguments(serve: argparse.ArgumentParser) -> None:
    serve.add_argument(
        "--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1)"
    )
    serve.add_argument("--port", type=int, default=8787, help="port to listen on (default: 8787)")
    serve.add_argument("--seed", default="demo", help="demo, empty or scale:N (default: demo)")
    serve.add_argument(
        "--token", help="accept only this bearer token (default: any non-empty token)"
    )
    serve.add_argument("--state", help="JSON file to load the workspace from and save it to")
    serve.add_argument(
        "--rate-limit",
        type=int,
        default=180,
        metavar="N",
        help="requests per 60 s per token (default: 180)",
    )
    serve.add_argument("--no-rate-limit", action="store_true", help="switch the request budget off")
    serve.add_argument("--verbose", action="store_true", help="log every request")


def _workspace(seed: str, state: Path | None, errors: TextIO) -> Workspace | None:
    if state is not None and state.exists():
        return Workspace.load(state)
    try:
        return build(seed, today=date.today())
    except ValueError as problem:
        print(f"quarterdeck emulator: {problem}", file=errors)
        return None


def run(arguments: argparse.Namespace, out: TextIO, errors: TextIO) -> int:
    state = Path(arguments.state) if arguments.state else None
    workspace = _workspace(arguments.seed, state, errors)
    if workspace is None:
        return 2
    budget = None if arguments.no_rate_limit else arguments.rate_limit
    emulator = Emulator(
        workspace, token=arguments.token, rate_limit=RateLimit(budget=budget), state_path=state
    )
    try:
        server = EmulatorServer(emulator, arguments.host, arguments.port, verbose=arguments.verbose)
    except OSError as problem:
        where = f"{arguments.host}:{arguments.port}"
        print(f"quarterdeck emulator: cannot listen on {where}: {problem.strerror}", file=errors)
        return 2
    source = (
        f"state file {state}" if state is not None and state.exists() else f"seed {arguments.seed}"
    )
    print(f"Notion API emulator (version 2025-09-03) on {server.base_url} with {source}.", file=out)
    print(f'Point Quarterdeck at it with: [notion] base_url = "{server.base_url}"', file=out)
    print("Press Ctrl-C to stop.", file=out, flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        print("Stopping.", file=out)
    finally:
        server.stop()
    return 0
