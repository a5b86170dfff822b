"""pyphen's hyphenation patterns, prepared once and read back fast (for textstat's syllables).

textstat counts the syllables of a word that is not in the pronunciation dictionary (numbers,
names, new words) by hyphenating it with pyphen, and pyphen reads its pattern file (about 14,000
patterns for English) anew in every process: some 0.09 s of CPU, most of a check's readability
scores. Here the patterns pyphen parsed are kept in the folder of prepared data (see
:mod:`pressroom.prepared`) as plain data (``marshal``: strings, numbers and tuples, nothing
that runs), named by pyphen's version, the pattern file and the Python version, and put in
pyphen's own cache of parsed files before textstat asks for them; so pyphen hyphenates exactly
as it would after parsing the file itself. Patterns with pyphen's "alternative" spellings (not
plain numbers) are never kept: those are parsed every time.
"""

from __future__ import annotations

import marshal
import sys
from pathlib import Path
from typing import Any

from ..prepared import keep


def prepare(lang: str, folder: Path) -> None:
    """Put pyphen's parsed patterns for ``lang`` in its cache, from ``folder`` when they were
    kept there (else parse them, and keep them there for the next run)."""
    import pyphen

    path = pyphen.LANGUAGES[pyphen.language_fallback(lang)]
    if path in pyphen.hdcache:
        return
    kept = folder / f"hyphenation-pyphen-{pyphen.__version__}-{Path(str(path)).name}-{_python()}"
    parsed = _read(kept, pyphen.HyphDict)
    if parsed is None:
        parsed = pyphen.HyphDict(path)
        if _plain(parsed.patterns):
            keep(kept, marshal.dumps((parsed.patterns, parsed.maxlen)))
    pyphen.hdcache[path] = parsed


def _python() -> str:
    return "py" + "".join(str(n) for n in sys.version_info[:2])


def _read(kept: Path, kind: Any) -> Any:
    try:
        patterns, maxlen = marshal.loads(kept.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        return None
    if not isinstance(patterns, dict) or not isinstance(maxlen, int):
        return None
    parsed = kind.__new__(kind)  # what HyphDict.__init__ leaves, without reading the file
    parsed.patterns, parsed.cache, parsed.maxlen = patterns, {}, maxlen
    return parsed


def _plain(patterns: dict[str, Any]) -> bool:
    """Every pattern is an offset and a tuple of plain numbers (nothing marshal cannot keep)."""
    return all(
        type(start) is int and type(values) is tuple and all(type(v) is int for v in values)
        for start, values in patterns.values()
    )
