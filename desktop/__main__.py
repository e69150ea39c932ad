"""`python -m desktop`: the window, or a command-line operation when one is named."""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    from desktop.cli import build_parser, run

    args = build_parser().parse_args(argv)
    if args.command is None and args.check_windows:
        from desktop.ui.window_check import run as check_windows

        return check_windows(args)
    if args.command is None:
        # the register's modules before Qt: PySide6, once loaded, reads the source of every module imported after
        # it to look for its own name (its __feature__ switch, PYSIDE-2029), 80 ms of the start from the sources
        import desktop.services.desk  # noqa: F401
        from desktop.ui.app import run_window  # Qt is loaded only for the window

        return run_window(args)
    return run(args)


if __name__ == "__main__":
    sys.exit(main())
