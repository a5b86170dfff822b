"""``python -m pressroom.rules``: how often the writing rules are right, on a labelled corpus.

Owns scoring the rules against ``tests/corpus/sentences.txt`` (or another corpus in the same
format, see ``tests/corpus/README.md``): each item is written as a small publication of its own
(a picture row in easy read, a paragraph in the magazine, with the corpus glossary and a
words-to-know page), every rule runs, and each rule's findings are compared with the item's
labels. Only rules that judge words and sentences are scored (:data:`SCORED`); rules about pages,
rows, pictures and settings say nothing useful about one sentence.

A rule's precision is the share of the items it reported that were labelled with it; its recall
is the share of the items labelled with it that it reported.
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .checks import run_checks
from .source.load import Sources, load_publication
from .source.profiles import shipped_profiles

REPO = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = REPO / "tests" / "corpus" / "sentences.txt"
SCORED = (
    "sentence-length",
    "hard-words",
    "glossary-terms",
    "acronyms",
    "number-words",
    "percentages",
    "roman-numerals",
    "semicolons",
    "ampersands",
    "latin-abbreviations",
    "brackets",
    "emphasis",
    "all-caps",
    "passive-voice",
    "double-negatives",
    "negative-contractions",
    "raw-html",
    "unsafe-link",
    "invisible-characters",
)
ESCAPE_RE = re.compile(r"\\u([0-9a-fA-F]{4})")


@dataclass(frozen=True)
class Item:
    """One labelled piece of text: where it is written, its profile, text and expected rules."""

    line: int
    profile: str
    labels: frozenset[str]
    text: str


@dataclass
class Tally:
    """True positives, false alarms and misses of one rule (or of all rules together)."""

    hits: int = 0
    false_alarms: int = 0
    misses: int = 0

    @property
    def precision(self) -> float:
        found = self.hits + self.false_alarms
        return self.hits / found if found else 1.0

    @property
    def recall(self) -> float:
        wanted = self.hits + self.misses
        return self.hits / wanted if wanted else 1.0


@dataclass
class Score:
    """Per-rule tallies, the overall tally, and the items each rule got wrong."""

    rules: dict[str, Tally] = field(default_factory=dict)
    overall: Tally = field(default_factory=Tally)
    wrong: list[str] = field(default_factory=list)


def read_corpus(path: Path) -> list[Item]:
    """The items of a corpus file (``profile | labels | text`` lines; ``#`` starts a comment)."""
    items: list[Item] = []
    by_code = {a.short.lower(): a.name for a in shipped_profiles().values()}  # er: easy-read
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        profile, labels, text = (part.strip() for part in raw.split("|", 2))
        names = frozenset() if labels == "-" else frozenset(x.strip() for x in labels.split(","))
        unknown = names - set(SCORED)
        if profile not in by_code or unknown:
            raise ValueError(f"{path}:{number}: bad profile or unscored rule {sorted(unknown)}")
        text = ESCAPE_RE.sub(lambda m: chr(int(m.group(1), 16)), text)
        items.append(Item(number, by_code[profile], names, text))
    return items


def glossary_for(corpus: Path) -> list[dict[str, object]]:
    """The glossary kept next to the corpus (``glossary.yml``), or none."""
    path = corpus.with_name("glossary.yml")
    if not path.is_file():
        return []
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    return list(data)


def _page(item: Item) -> str:
    lines = item.text.split(" // ")
    if shipped_profiles()[item.profile].row_pictures:
        lines.insert(0, "![A nurse smiling](openmoji:hospital)")
    return "---\nkind: content\ntitle: A page\n---\n" + "\n".join(lines) + "\n"


def findings_for(items: Iterable[Item], glossary: list[dict[str, object]]) -> list[set[str]]:
    """For each item, the scored rules that reported something."""
    result: list[set[str]] = []
    with tempfile.TemporaryDirectory(prefix="pressroom-corpus-") as tmp:
        root = Path(tmp)
        (root / "images").mkdir()
        for index, item in enumerate(items):
            slug = f"item-{index:04d}"
            folder = root / "content" / slug
            folder.mkdir(parents=True)
            settings = {"title": "Corpus", "profile": item.profile, "version": "1"}
            settings["date"] = "2026-01-01"
            (folder / "publication.yml").write_text(yaml.safe_dump(settings), encoding="utf-8")
            (folder / "glossary.yml").write_text(yaml.safe_dump(glossary), encoding="utf-8")
            (folder / "010-page.md").write_text(_page(item), encoding="utf-8")
            words = "---\nkind: glossary\ntitle: Words to know\n---\n"
            (folder / "020-words.md").write_text(words, encoding="utf-8")
            pub, problems = load_publication(Sources(root), slug)
            problems = [p for p in problems if p.rule != "not-reviewed"]  # no panel for a corpus
            if pub is None or problems:
                lines = [p.as_line() for p in problems]
                raise ValueError(f"item on line {item.line} does not load: {lines}")
            result.append({f.rule for f in run_checks(pub, only=SCORED)} & set(SCORED))
    return result


def score(items: list[Item], found: list[set[str]]) -> Score:
    """Compare what the rules reported with the labels."""
    result = Score({rule: Tally() for rule in SCORED})
    for item, rules in zip(items, found, strict=True):
        for rule in SCORED:
            tally = result.rules[rule]
            if rule in rules and rule in item.labels:
                tally.hits += 1
                result.overall.hits += 1
            elif rule in rules:
                tally.false_alarms += 1
                result.overall.false_alarms += 1
                result.wrong.append(f"line {item.line}: false alarm {rule}: {item.text}")
            elif rule in item.labels:
                tally.misses += 1
                result.overall.misses += 1
                result.wrong.append(f"line {item.line}: missed {rule}: {item.text}")
    return result


def measure(corpus: Path = DEFAULT_CORPUS) -> Score:
    """Score every rule on ``corpus``."""
    items = read_corpus(corpus)
    return score(items, findings_for(items, glossary_for(corpus)))


def report(result: Score, show_wrong: bool = False) -> str:
    """A table of precision and recall per rule, then overall (and the mistakes if asked)."""
    rows = [f"{'rule':<24} {'precision':>9} {'recall':>7} {'hits':>5} {'false':>6} {'missed':>7}"]
    tallies = [*sorted(result.rules.items()), ("overall", result.overall)]
    for name, t in tallies:
        rows.append(
            f"{name:<24} {t.precision:>9.2f} {t.recall:>7.2f} {t.hits:>5} "
            f"{t.false_alarms:>6} {t.misses:>7}"
        )
    if show_wrong:
        rows.extend(["", *result.wrong])
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    """Print the precision and recall of every scored rule on a corpus."""
    parser = argparse.ArgumentParser(prog="python -m pressroom.rules", description=__doc__)
    parser.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--wrong", action="store_true", help="also list every mistake")
    args = parser.parse_args(argv)
    if not args.corpus.is_file():
        print(f"No corpus at {args.corpus}.", file=sys.stderr)
        return 2
    print(report(measure(args.corpus), args.wrong))
    return 0


if __name__ == "__main__":
    sys.exit(main())
