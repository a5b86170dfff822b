"""``python build.py review``: the readers' panel command.

``python build.py review <slug> [pages…]`` makes the review pack for a panel session (see
:mod:`pressroom.outputs.reviewpack`); with ``--record DATE --group NAME --readers N`` it adds the
session to ``content/<slug>/co-production.yml`` instead, with each page's fingerprint as it is
now, for
the facilitator to fill in what the readers said. Pages are named by their file name without
``.md`` (``030-welcome``) or by their number (``030``); no pages means every page.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Sequence
from pathlib import Path

from .model import Page, Publication, Severity
from .source import record
from .source.load import Sources, load_publication

EXIT_CONTENT = 1
EXIT_USAGE = 2

DESCRIPTION = """Work with the readers' panel of a publication.

Without --record: make the review pack to print for a panel session,
output/<name>/review/<name>-review-pack.pdf (and a tagged version for screen readers).
With --record: add the session to content/<name>/co-production.yml, with each page
as it is now, then write in that file what the readers said and what you changed."""

EPILOG = """pages are file names without .md (030-welcome) or numbers (030); none = every page.
examples:
  python build.py review my-rights 030 040              a pack for two pages
  python build.py review my-rights 030 040 --record 2026-11-20 --group "Speak Up" --readers 6"""


def make_parser() -> argparse.ArgumentParser:
    """The parser of ``python build.py review`` (also read by the README test)."""
    parser = argparse.ArgumentParser(
        prog="python build.py review",
        usage="python build.py review NAME [PAGE …] [--record DATE --group GROUP --readers N]",
        description=DESCRIPTION,
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("name", help="the publication's folder name in content/")
    parser.add_argument("pages", nargs="*", help="the pages to review (default: every page)")
    parser.add_argument(
        "--record", metavar="DATE", help="record a session held on DATE (YYYY-MM-DD)"
    )
    parser.add_argument("--group", help="with --record: the group or panel that met")
    parser.add_argument("--readers", type=int, help="with --record: how many readers came")
    parser.add_argument("--facilitator", default="", help="with --record: who ran the session")
    parser.add_argument("--root", type=Path, default=None, help=argparse.SUPPRESS)
    return parser


def main(argv: Sequence[str], default_root: Path | None) -> int:
    """Run ``python build.py review …`` and return the exit code."""
    parser = make_parser()
    try:
        args = parser.parse_args(list(argv))
    except SystemExit as exc:
        return int(exc.code or 0)
    root = (args.root or default_root or Path.cwd()).resolve()
    src = Sources(root)
    if not (src.content / args.name / "publication.yml").is_file():
        return _usage(f"there is no publication content/{args.name}/.")
    pub, findings = load_publication(src, args.name)
    if pub is None:
        for finding in findings:
            print(finding.as_line())
        print(f"{args.name} cannot be loaded; fix the errors above first.")
        return EXIT_CONTENT
    pages, unknown = select_pages(pub, args.pages)
    if unknown:
        names = ", ".join(record.page_key(p) for p in pub.pages)
        return _usage(f"{args.name} has no page '{unknown}'. Its pages are: {names}.")
    if args.record is None:
        if args.group or args.readers or args.facilitator:
            return _usage("--group, --readers and --facilitator go with --record DATE.")
        from .outputs.reviewpack import make_pack

        return make_pack(root, pub, pages)
    return _record(root, pub, pages, args)


def select_pages(pub: Publication, wanted: Sequence[str]) -> tuple[list[Page], str]:
    """The pages named (by ``030-welcome``, ``030`` or ``030-welcome.md``), in book order, and
    the first name that matches no page."""
    if not wanted:
        return list(pub.pages), ""
    chosen: set[str] = set()
    for name in wanted:
        name = name.removesuffix(".md")
        found = [
            p
            for p in pub.pages
            if record.page_key(p) == name or (name.isdigit() and p.number == int(name))
        ]
        if not found:
            return [], name
        chosen.update(record.page_key(p) for p in found)
    return [p for p in pub.pages if record.page_key(p) in chosen], ""


def _record(root: Path, pub: Publication, pages: list[Page], args: argparse.Namespace) -> int:
    try:
        date = dt.date.fromisoformat(args.record)
    except ValueError:
        return _usage(f"--record wants the session's date as YYYY-MM-DD, not '{args.record}'.")
    if not args.group or not args.group.strip():
        return _usage("say which group met: --group NAME.")
    if args.readers is None or args.readers < 1:
        return _usage("say how many readers came: --readers N (1 or more).")
    path = root / "content" / pub.slug / record.RECORD_FILE
    text = path.read_text(encoding="utf-8") if path.exists() else record.RECORD_HEADER
    if text and not text.endswith("\n"):
        text += "\n"
    problems = [f for f in record.parse_record(text, "x")[1] if f.severity is Severity.ERROR]
    if problems:
        return _usage(
            f"content/{pub.slug}/{record.RECORD_FILE} has errors; fix them before adding a "
            "session (python build.py --check shows them)."
        )
    if "sessions:" not in text:
        text += "sessions:\n"
    prints = {record.page_key(p): pub.fingerprints[record.page_key(p)] for p in pages}
    text += record.session_text(date, args.group.strip(), args.readers, args.facilitator, prints)
    path.write_text(text, encoding="utf-8")
    print(
        f"Recorded the session of {date.isoformat()} for {len(prints)} page(s) in "
        f"content/{pub.slug}/{record.RECORD_FILE}. Write there what the readers said "
        "and what you changed."
    )
    return 0


def _usage(message: str) -> int:
    print(f"python build.py review: {message}", file=sys.stderr)
    return EXIT_USAGE
