"""The command line: the only place that prints and exits (with :mod:`pressroom.review`).

``python build.py [slug …] [--check] [--strict] [--timings] [--debug]`` builds;
``python build.py new <name> --profile <audience>`` starts a publication;
``python build.py pictures WORD…`` finds pictures; ``python build.py review <name> …`` is for
the readers' panel (:mod:`pressroom.review`). ``--profile`` only ever means the audience; step
timings are ``--timings``. Exit codes: 0 clean, 1 content errors (or warnings under
``--strict``), 2 usage or configuration error.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
import traceback
from collections.abc import Sequence
from pathlib import Path

from .pipeline import EXIT_USAGE, BuildOptions, build
from .publish.report import summary_line
from .source.profiles import SHIPPED, profile_names

DESCRIPTION = """Build accessible publications from content/.

Each publication is a folder content/<name>/ with a publication.yml and page files.
The outputs go to output/<name>/: a print PDF, a digital PDF, a web page and a job sheet.
Findings are listed as  file:line:column: severity[rule]: message — how to fix."""

EPILOG = """start a new publication (a working example to edit):
{profiles}
  (python build.py new --help tells who each profile is for)

find a picture (prints the name to paste, and writes output/pictures.html):
  python build.py pictures nurse listening

the readers' panel (python build.py review --help tells more):
  python build.py review <name> [pages]                 a review pack to print
  python build.py review <name> [pages] --record DATE --group NAME --readers N

exit codes: 0 = no errors, 1 = content errors (or warnings with --strict),
2 = a usage or settings error.  Examples:
  python build.py                      build everything
  python build.py my-rights --check    check one publication without building it"""

NEW_DESCRIPTION = """Start a new publication in content/<name>/ from a working example: settings, a
glossary and a few pages that pass the checks. Edit them, then run: python build.py <name>"""


def make_parser() -> argparse.ArgumentParser:
    """The argument parser (also used by the README's command list)."""
    parser = argparse.ArgumentParser(
        prog="python build.py",
        description=DESCRIPTION,
        epilog=EPILOG.replace(
            "{profiles}",
            "\n".join(
                f"  python build.py new <name> --profile {name}"
                for name in profile_names(SHIPPED.parent)
            ),
        ),
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
        "--force", action="store_true", help="render everything again, even what has not changed"
    )
    parser.add_argument(
        "--emit-html",
        action="store_true",
        help="keep the HTML and CSS given to WeasyPrint in output/<name>/debug/",
    )
    parser.add_argument(
        "--timings",
        action="store_true",
        help="print how long each step took, and peak memory (for the benchmark)",
    )
    parser.add_argument(
        "--watch",
        action="store_true",
        help="serve a live preview on 127.0.0.1 and rebuild whenever a file is saved",
    )
    parser.add_argument("--port", type=int, default=8000, help="the preview's port (default 8000)")
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
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["new"]:
        return new_publication(argv[1:], default_root)
    if argv[:1] == ["pictures"]:
        return find_pictures(argv[1:], default_root)
    if argv[:1] == ["review"]:
        from . import review

        return review.main(argv[1:], default_root)
    if any(arg == "--profile" or arg.startswith("--profile=") for arg in argv):
        print(
            "python build.py: error: --profile says who a new publication is for, and only "
            "goes with 'new' (python build.py new <name> --profile <profile>). "
            "For how long each step took, use --timings.",
            file=sys.stderr,
        )
        return EXIT_USAGE
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
        force=args.force,
        emit_html=args.emit_html,
        progress=None if args.quiet or not _interactive() else _progress,
    )
    if args.watch:
        from .watch import watch

        return watch(root, tuple(args.slugs), args.port, _say_line, options)
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
    for line in result.panel:
        print(line)
    seconds = time.monotonic() - started
    rendered = [] if args.check else result.rendered
    wrote = result.wrote or (not args.check and result.exit_code == 0)
    summary = summary_line(result.findings, result.publications, rendered, wrote, args.check)
    print(f"{summary} ({seconds:.1f} s)")
    if args.timings:
        _print_timings(result.timings, seconds)
    return result.exit_code


def make_new_parser(root: Path | None = None) -> argparse.ArgumentParser:
    """The parser of ``python build.py new`` (also read by the README test), listing the
    profiles of the project at ``root`` (pressroom's own without one)."""
    from .source.profiles import profile_abouts

    abouts = profile_abouts(root or SHIPPED.parent)
    parser = argparse.ArgumentParser(
        prog="python build.py new",
        usage="python build.py new NAME --profile PROFILE",
        description=NEW_DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="profiles:\n" + "\n".join(f"  {name:<14}{about}" for name, about in abouts.items()),
    )
    parser.add_argument("name", help="the folder name in content/, e.g. my-new-booklet")
    parser.add_argument(
        "--profile", metavar="PROFILE", help=f"who it is for: {' or '.join(abouts)}"
    )
    parser.add_argument("--root", type=Path, default=None, help=argparse.SUPPRESS)
    return parser


def new_publication(argv: Sequence[str], default_root: Path | None) -> int:
    """``python build.py new <name> --profile <a profile in profiles/>``."""
    from .scaffold import create
    from .source.config import did_you_mean
    from .source.profiles import load_profile, profile_abouts

    early = argparse.ArgumentParser(add_help=False)
    early.add_argument("--root", type=Path, default=None)
    root = (early.parse_known_args(argv)[0].root or default_root or Path.cwd()).resolve()
    parser = make_new_parser(root)
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return int(exc.code or 0)
    abouts = profile_abouts(root)
    if args.profile not in abouts:
        known = "\n".join(f"  --profile {name:<14}{about}" for name, about in abouts.items())
        said = (
            f"There is no profile '{args.profile}'.{did_you_mean(args.profile, list(abouts))}"
            if args.profile is not None
            else "Say who the publication is for with --profile."
        )
        print(f"python build.py new: {said} The profiles are:\n{known}", file=sys.stderr)
        return EXIT_USAGE
    audience, problems = load_profile(root, args.profile)
    for problem in problems:
        print(problem.as_line(), file=sys.stderr)
    if audience is None:
        return EXIT_USAGE
    try:
        folder = create(root / "content", args.name, audience)
    except ValueError as exc:
        print(f"python build.py new: {exc}", file=sys.stderr)
        return 2
    print(f"Made content/{folder.name}/. Edit its pages, then run: python build.py {folder.name}")
    return 0


def find_pictures(argv: Sequence[str], default_root: Path | None) -> int:
    """``python build.py pictures WORD…``: print pictures to paste; write output/pictures.html."""
    from .source.picture_search import main as search_main

    parser = make_pictures_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return int(exc.code or 0)
    root = (args.root or default_root or Path.cwd()).resolve()
    return search_main(list(args.words), root)


def make_pictures_parser() -> argparse.ArgumentParser:
    """The parser of ``python build.py pictures``."""
    parser = argparse.ArgumentParser(
        prog="python build.py pictures",
        description="Find a picture by what it means. Prints the name to paste, a suggested alt "
        "text and what each picture shows (easy read index first, then images/, then OpenMoji), "
        "and writes output/pictures.html to see them large.",
    )
    parser.add_argument("words", nargs="*", metavar="WORD", help="what the picture should show")
    parser.add_argument("--root", type=Path, default=None, help=argparse.SUPPRESS)
    return parser


def parsers() -> dict[str, argparse.ArgumentParser]:
    """Every parser of the command line by its first word ("" for the build itself), as
    :func:`main` chooses them; the README test reads every option from here."""
    from . import review

    return {
        "": make_parser(),
        "new": make_new_parser(),
        "pictures": make_pictures_parser(),
        "review": review.make_parser(),
    }


def _print_timings(timings: dict[str, float], seconds: float) -> None:
    """One line for the benchmark: seconds per step, and peak memory (this process, workers)."""
    import resource

    figures = {name: round(value, 3) for name, value in timings.items()}
    figures["total"] = round(seconds, 3)
    figures["peak_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    workers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    figures["peak_worker_mb"] = round(workers, 1)
    print("timings: " + json.dumps(figures), file=sys.stderr)


def _say_line(message: str) -> None:
    print(message, flush=True)


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
