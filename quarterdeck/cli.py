"""The ``quarterdeck`` command line: argument parsing and wiring, nothing else.

Exit codes (the user-facing contract): 0 ok, 1 findings at or above ``--fail-on``,
2 configuration or access error.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from quarterdeck import demo, emulator_command

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_CONFIG = 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="quarterdeck",
        description="Keeps a RevOps team's quarterly roadmap in Notion honest.",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    commands.add_parser(
        "demo",
        help="run Quarterdeck on an emulated Notion workspace with a sample quarter",
        description=(
            "Starts the local Notion emulator with the demo quarter in-process "
            "and shows the result."
        ),
    )

    serve = commands.add_parser(
        "emulator",
        help="serve the local Notion API emulator over HTTP",
        description=(
            "A local Notion API (version 2025-09-03) for trying Quarterdeck "
            "and for end-to-end tests."
        ),
    )
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
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    arguments = _parser().parse_args(argv)
    if arguments.command == "demo":
        return demo.run(sys.stdout)
    if arguments.command == "emulator":
        return emulator_command.run(arguments, sys.stdout, sys.stderr)
    return EXIT_CONFIG  # unreachable: argparse requires a known command
