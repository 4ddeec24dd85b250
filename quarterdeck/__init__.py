"""Quarterdeck: keeps a revenue-operations team's quarterly roadmap in Notion honest.

The command line, and the one place reader, jobs and writer are joined:

- ``cli``: argument parsing and dispatch; ``context``: what a command runs with (streams,
  environment, clock, an HTTP client in tests); ``config``: ``quarterdeck.toml`` and the
  environment loaded into settings, every problem one clear message.
- ``doctor``, ``check_command``, ``sync_command``, ``emulator_command``, ``demo``: the
  commands; ``pipeline``: read -> check -> plan -> write, as the cron job runs it.
- ``formats``: ``check``'s outputs (text, JSON, Markdown, GitHub); ``sync_report``: what
  ``sync`` says it did; ``markdown``: Notion pages as Markdown for the demo's folder.
"""

__version__ = "0.1.0"
