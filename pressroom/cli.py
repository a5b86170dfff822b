"""The command line: the only place that prints and exits.

``python build.py [slug …] [--check] [--strict] [--debug]``. Exit codes: 0 clean, 1 content
errors (or warnings under ``--strict``), 2 usage or configuration error.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
import traceback
from collections.abc import Sequence
from pathlib import Path

from .pipeline import EXIT_USAGE, BuildOptions, build
from .report import summary_line

DESCRIPTION = """Build accessible publications from content/.

Each publication is a folder content/<name>/ with a publication.yml and page files.
The outputs go to output/<name>/: a print PDF, a digital PDF, a web page and a job sheet.
Findings are listed as  file:line:column: severity[rule]: message — how to fix."""

EPILOG = """exit codes: 0 = no errors, 1 = content errors (or warnings with --strict),
2 = a usage or settings error.  Examples:
  python build.py                      build everything
  python build.py my-rights --check    check one publication without building it"""


def make_parser() -> argparse.ArgumentParser:
    """The argument parser (also used by the README's command list)."""
    parser = argparse.ArgumentParser(
        prog="python build.py",
        description=DESCRIPTION,
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "slugs", nargs="*", metavar="publication", help="publications to build (default: all)"
    )
    parser.add_argument(
        "--check", action="store_true", help="only load and check the content; build nothing (fast)"
    )
    parser.add_argument("--strict", action="store_true", help="treat warnings as errors")
    parser.add_argument(
        "-q", "--quiet", action="store_true", help="print only findings and the summary"
    )
    parser.add_argument(
        "--debug", action="store_true", help="show a full traceback if pressroom itself fails"
    )
    parser.add_argument("--root", type=Path, default=None, help=argparse.SUPPRESS)
    return parser


def main(argv: Sequence[str] | None = None, default_root: Path | None = None) -> int:
    """Run the command line and return the exit code. ``--root`` or ``default_root`` or the cwd."""
    parser = make_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse exits 2 on usage errors and 0 on --help
        return int(exc.code or 0)
    root = (args.root or default_root or Path.cwd()).resolve()
    options = BuildOptions(
        root=root,
        slugs=tuple(args.slugs),
        check_only=args.check,
        strict=args.strict,
        progress=None if args.quiet or not _interactive() else _progress,
    )
    started = time.monotonic()
    try:
        result = build(options)
    except KeyboardInterrupt:
        print("\nStopped. output/ was left as it was before this build.", file=sys.stderr)
        return 130
    except Exception:  # a bug in pressroom, not a content problem
        if args.debug:
            traceback.print_exc()
        else:
            print(
                "pressroom failed because of a bug (not because of your content). "
                "Run again with --debug and send the output to the developers.",
                file=sys.stderr,
            )
        return 3
    _clear_progress()
    if result.usage_error:
        print(f"python build.py: {result.usage_error}", file=sys.stderr)
        return EXIT_USAGE
    for finding in result.findings:
        print(finding.as_line())
    seconds = time.monotonic() - started
    print(f"{summary_line(result.findings, result.publications, result.wrote)} ({seconds:.1f} s)")
    return result.exit_code


def _interactive() -> bool:
    return sys.stderr.isatty() and not os.environ.get("CI")


_last_width = 0


def _progress(message: str) -> None:
    global _last_width
    text = f"… {message}"
    sys.stderr.write("\r" + text.ljust(_last_width))
    sys.stderr.flush()
    _last_width = len(text)


def _clear_progress() -> None:
    if _last_width and _interactive():
        sys.stderr.write("\r" + " " * _last_width + "\r")
        sys.stderr.flush()
