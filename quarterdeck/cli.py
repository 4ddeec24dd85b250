"""The ``quarterdeck`` command line: argument parsing and wiring, nothing else.

Exit codes (the user-facing contract): 0 ok, 1 findings at or above ``--fail-on``,
2 configuration or access error.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from pathlib import Path

from quarterdeck import check_command, demo, doctor, emulator_command, sync_command
from quarterdeck.context import EXIT_CONFIG, Context


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="quarterdeck",
        description="Keeps a RevOps team's quarterly roadmap in Notion honest.",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    demo_command = commands.add_parser(
        "demo",
        help="run Quarterdeck on an emulated Notion workspace with a sample quarter",
        description=(
            "Starts the local Notion emulator with the demo quarter in-process, runs check and "
            "sync on it, and writes the pages sync changed as Markdown."
        ),
    )
    demo_command.add_argument(
        "--output", default=str(demo.DEFAULT_OUTPUT), metavar="DIR", help="where the Markdown goes"
    )
    for name, summary in (
        ("doctor", "check the configuration, token, access and database schemas"),
        ("check", "list what is broken in the roadmap (orphan tasks, missing owners...)"),
        ("sync", "write rollups, health, flags, status sections and the dashboard back"),
    ):
        command = commands.add_parser(
            name, help=summary, description=summary[0].upper() + summary[1:] + "."
        )
        command.add_argument(
            "--config", metavar="PATH", help="settings file (default: ./quarterdeck.toml)"
        )
        if name == "check":
            check_command.add_arguments(command)
        if name == "sync":
            sync_command.add_arguments(command)
    emulator_command.add_arguments(
        commands.add_parser(
            "emulator",
            help="serve the local Notion API emulator over HTTP",
            description=(
                "A local Notion API (version 2025-09-03) for trying Quarterdeck "
                "and for end-to-end tests."
            ),
        )
    )
    return parser


def main(argv: Sequence[str] | None = None, context: Context | None = None) -> int:
    arguments = _parser().parse_args(argv)
    world = context or Context()
    if arguments.command == "demo":
        return demo.run(world.out, output=Path(arguments.output))
    if arguments.command == "doctor":
        return doctor.run(arguments, world)
    if arguments.command == "check":
        return check_command.run(arguments, world)
    if arguments.command == "sync":
        return sync_command.run(arguments, world)
    if arguments.command == "emulator":
        return emulator_command.run(arguments, world.out, world.err)
    return EXIT_CONFIG  # unreachable: argparse requires a known command
