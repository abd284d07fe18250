"""党建台账: with no command, open the window on the default (or --db) database; else run the command."""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    from dangjian_desktop.cli import parse_args, run

    args = parse_args(argv)
    if args.command is None:
        from ui.app import run_app

        return run_app(args.db)
    return run(args)


if __name__ == "__main__":
    sys.exit(main())
