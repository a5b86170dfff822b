"""The schemas of ``publication.yml``, page front matter and ``glossary.yml``, and their validation.

Adding a setting means adding one ``Field`` to a table here. Validation collects every problem
(unknown keys with a did-you-mean, wrong types, missing keys) before anything else runs, and fills
in defaults so that later stages can rely on every key being present.
"""

from __future__ import annotations

import datetime as dt
import difflib
import typing
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, fields, is_dataclass, replace
from typing import Any, TypeVar

from ..model import Finding, Location, Settings, Severity
from . import kinds, yamltypes

PAGE_KINDS = tuple(kinds.PAGE_KINDS)
BINDINGS = ("saddle-stitch",)
PAGE_SIZES = ("A5", "A4")
FORMATS = ("booklet", "leaflet", "magazine", "guide")
SIGN_OFF_STATES = ("draft", "checked", "signed-off")


@dataclass(frozen=True)
class Field:
    """One allowed key: its type, whether it must be there, its default and allowed values."""

    name: str
    kind: str  # text, number, integer, boolean, date, list, mapping, any
    doc: str
    required: bool = False
    default: Any = None
    choices: tuple[str, ...] = ()
    children: tuple[Field, ...] = ()
    minimum: float | None = None
    maximum: float | None = None


CO_PRODUCTION = (
    Field("made_with", "list", "Groups and people who made this with you.", default=[]),
    Field(
        "checked_by",
        "list",
        "Not printed: the credits say who checked it from co-production.yml.",
        default=[],
    ),
    Field(
        "status", "text", "draft, checked or signed-off.", default="draft", choices=SIGN_OFF_STATES
    ),
    Field("signed_off_by", "text", "Who signed it off.", default=""),
    Field("signed_off_on", "date", "When it was signed off.", default=None),
    Field("notes", "text", "Anything the panel asked for.", default=""),
)

CONTACT = (
    Field("organisation", "text", "Who publishes this.", default=""),
    Field("email", "text", "Email for questions and other formats.", default=""),
    Field("phone", "text", "Phone number for questions and other formats.", default=""),
    Field("address", "text", "Postal address.", default=""),
    Field("website", "text", "Website (https://…).", default=""),
)

PRINT = (
    Field("bleed_mm", "number", "Bleed on every side, in mm.", default=3, minimum=0, maximum=5),
    Field(
        "binding",
        "text",
        "How it is bound (default: the profile's).",
        default=None,
        choices=BINDINGS,
    ),
    Field("crop_marks", "boolean", "Draw crop marks outside the bleed.", default=False),
    Field(
        "paper", "text", "Paper advice for the printer.", default="uncoated or matt, 120-150 gsm"
    ),
    Field("quantity", "text", "How many copies (the print shop fills this in).", default=""),
    Field(
        "proofs", "text", "Proofs you want before the run.", default="a PDF proof before printing"
    ),
    Field("icc_profile", "text", "The print shop's CMYK ICC file, in the project.", default=""),
    Field("output_condition", "text", "Its output condition name, e.g. FOGRA52.", default=""),
)

WEB = (
    Field(
        "fragment_heading_shift",
        "integer",
        "Move the CMS fragment's headings down this many levels (1: its h1 becomes an h2).",
        default=0,
        minimum=0,
        maximum=4,
    ),
    Field(
        "fragment_cover_title",
        "boolean",
        "Keep the cover's h1 in the CMS fragment (false when the host page has its own h1).",
        default=True,
    ),
)

PUBLICATION = (
    Field("title", "text", "The title on the cover.", required=True),
    Field("subtitle", "text", "A short line under the title.", default=""),
    Field("profile", "text", "Who it is for (a file in profiles/).", required=True),
    Field("lang", "text", "Language tag.", default="en-GB"),
    Field("page_size", "text", "Trim size.", default="A5", choices=PAGE_SIZES),
    Field("format", "text", "What pressroom's own words call it.", default="", choices=FORMATS),
    Field("version", "text", "Version shown on the back and in the job sheet.", required=True),
    Field("date", "date", "Publication date (YYYY-MM-DD).", required=True),
    Field("review_date", "date", "When to review it next.", default=None),
    Field("description", "text", "One or two sentences about the publication.", default=""),
    Field(
        "co_production", "mapping", "Who made and checked it.", children=CO_PRODUCTION, default={}
    ),
    Field("contact", "mapping", "How to reach the publisher.", children=CONTACT, default={}),
    Field("print", "mapping", "Print settings.", children=PRINT, default={}),
    Field("web", "mapping", "Web page and CMS fragment settings.", children=WEB, default={}),
    Field("checks", "any", "Rule settings: thresholds or 'off' per rule id.", default={}),
    Field("our_words", "list", "Words readers know well, not to flag as hard.", default=[]),
)


def publication_schema(profiles: Sequence[str]) -> tuple[Field, ...]:
    """The schema of ``publication.yml`` in a project whose profiles are ``profiles``."""
    return tuple(
        replace(f, choices=tuple(profiles)) if f.name == "profile" else f for f in PUBLICATION
    )


def page_schema() -> tuple[Field, ...]:
    """The schema of a page's front matter, with the kinds of :mod:`kinds` as they are now."""
    return tuple(
        replace(f, choices=tuple(kinds.PAGE_KINDS)) if f.name == "kind" else f for f in PAGE
    )


PAGE = (
    Field("kind", "text", "What sort of page this is.", required=True, choices=PAGE_KINDS),
    Field("title", "text", "The page heading.", default=""),
    Field("picture", "text", "A picture for the page heading (magazine sections).", default=""),
    Field("picture_alt", "text", "Alt text for that picture.", default=""),
    Field("in_contents", "boolean", "List this page in the contents.", default=True),
    Field("card", "text", "File name for this tear-out card's own PDF.", default=""),
    Field("lines", "integer", "Writing lines on a notes page.", default=0, minimum=0, maximum=40),
    Field("pages", "integer", "Printed pages it may fill.", default=0, minimum=1, maximum=6),
)

TERM = (
    Field("word", "text", "The hard word, as it appears in the text.", required=True),
    Field("meaning", "text", "What it means, in one or two short sentences.", required=True),
    Field("picture", "text", "A picture for the word.", default=""),
    Field("picture_alt", "text", "Alt text for that picture.", default=""),
    Field("forms", "list", "Other forms of the word (plural, verb).", default=[]),
    Field("say", "text", "How to say it, for the audio script (sih-KLOO-zhun).", default=""),
)


T = TypeVar("T")


def typed_settings(validated: Mapping[str, Any]) -> Settings:
    """The typed :class:`Settings` of a validated ``publication.yml`` (see :func:`validate`)."""
    return _typed(Settings, validated)


def _typed(cls: type[T], data: Mapping[str, Any]) -> T:
    """Build dataclass ``cls`` from a validated mapping: same names, lists as tuples."""
    hints = typing.get_type_hints(cls)
    values: dict[str, Any] = {}
    for f in fields(cls):  # type: ignore[arg-type]
        value = data.get(f.name)
        kind = hints[f.name]
        if is_dataclass(kind):
            value = _typed(kind, value or {})  # type: ignore[arg-type]
        elif isinstance(value, list):
            value = tuple(str(item) for item in value)
        values[f.name] = value
    return cls(**values)


def did_you_mean(word: str, options: Sequence[str]) -> str:
    """' Did you mean "x"?' for the closest option, or an empty string."""
    close = difflib.get_close_matches(word, list(options), n=1, cutoff=0.6)
    return f' Did you mean "{close[0]}"?' if close else ""


Where = Callable[[str], Location]


def validate(
    data: Any,
    fields: tuple[Field, ...],
    where: Where,
    what: str,
    path: str = "",
    raw: Mapping[str, str] | None = None,
) -> tuple[dict[str, Any], list[Finding]]:
    """Check ``data`` against ``fields``; return it with defaults filled in, and the findings.

    ``raw`` holds the text as written of values YAML did not read as text (``YamlDoc.raw``): a
    text setting written as a number that YAML would change (``version: 1.10``) is an error.
    """
    raw = raw or {}
    findings: list[Finding] = []
    if data is None:
        data = {}
    if not isinstance(data, dict):
        loc = where(path)
        return {}, [_type_error(loc, path or what, "a list of keys", data)]
    known = {f.name: f for f in fields}
    for key in data:
        if key not in known:
            findings.append(
                Finding(
                    where(_join(path, key)),
                    Severity.ERROR,
                    "unknown-key",
                    f"Unknown key '{key}' in {what}.{did_you_mean(key, list(known))}",
                    f"Allowed keys: {', '.join(known)}.",
                )
            )
    result: dict[str, Any] = {}
    for f in fields:
        sub = _join(path, f.name)
        if f.name not in data or data[f.name] is None:
            if f.required:
                findings.append(
                    Finding(
                        where(path),
                        Severity.ERROR,
                        "missing-key",
                        f"{what} needs '{f.name}' ({f.doc.rstrip('.').lower()}).",
                        f"Add a line '{f.name}: …'.",
                    )
                )
            # a missing mapping that must be there is one finding, not one per key inside it
            result[f.name] = _default(f, where, what, sub, [] if f.required else findings)
            continue
        value, problems = _check_value(data[f.name], f, where(sub), what, sub, raw.get(sub))
        problems.extend(_as_written(data[f.name], f, where, sub, raw))
        findings.extend(problems)
        if f.kind == "mapping" and not problems:
            value, nested = validate(value, f.children, where, what, sub, raw)
            findings.extend(nested)
        result[f.name] = value
    return result, findings


def _default(f: Field, where: Where, what: str, sub: str, findings: list[Finding]) -> Any:
    if f.kind == "mapping":
        value, nested = validate({}, f.children, where, what, sub)
        findings.extend(nested)
        return value
    if isinstance(f.default, (list, dict)):
        return type(f.default)()
    return f.default


def _check_value(
    value: Any, f: Field, loc: Location, what: str, sub: str, written: str | None = None
) -> tuple[Any, list[Finding]]:
    checker = yamltypes.CHECKERS[f.kind]
    ok, converted = checker(value)
    if not ok:
        return _default_value(f), [
            _type_error(loc, sub, yamltypes.KIND_WORDS[f.kind], value, written)
        ]
    if f.choices and converted not in f.choices:
        hint = did_you_mean(str(converted), f.choices)
        return _default_value(f), [
            Finding(
                loc,
                Severity.ERROR,
                "bad-value",
                f"'{sub}' cannot be '{converted}'.{hint}",
                f"Use one of: {', '.join(f.choices)}.",
            )
        ]
    if f.kind in ("number", "integer"):
        low, high = f.minimum, f.maximum
        if (low is not None and converted < low) or (high is not None and converted > high):
            return _default_value(f), [
                Finding(
                    loc,
                    Severity.ERROR,
                    "bad-value",
                    f"'{sub}' is {converted}; it must be between {low} and {high}.",
                    f"Use a number from {low} to {high}.",
                )
            ]
    return converted, []


def _as_written(
    value: Any, f: Field, where: Where, sub: str, raw: Mapping[str, str]
) -> list[Finding]:
    """Text values that YAML read as something else and would print differently (1.10 → 1.1)."""
    if f.kind == "text":
        items = [(sub, value, f"{f.name}: ")]
    elif f.kind == "list" and isinstance(value, list):
        items = [(f"{sub}.{i}", item, "") for i, item in enumerate(value)]
    else:
        return []
    findings = []
    for key, item, prefix in items:
        written = raw.get(key)
        if written is None or isinstance(item, str):
            continue
        fix = f'Put it in quotes: {prefix}"{written}"'
        if isinstance(item, bool):
            if f.kind == "list":  # a single yes/no in text is already a bad-type error
                findings.append(
                    Finding(
                        where(key),
                        Severity.ERROR,
                        "bad-type",
                        f"'{written}' in '{sub}' is read as yes/no ({str(item).lower()}), "
                        "not as text.",
                        fix + ".",
                    )
                )
            continue
        shown = item.isoformat() if isinstance(item, dt.date) else str(item)
        if shown == written:
            continue
        kind = "a date" if isinstance(item, dt.date) else "a number"
        findings.append(
            Finding(
                where(key),
                Severity.ERROR,
                "yaml-number",
                f"'{sub}' is written {written}, which YAML reads as {kind}: it would be "
                f"printed as '{shown}'.",
                fix + ".",
            )
        )
    return findings


def _default_value(f: Field) -> Any:
    return type(f.default)() if isinstance(f.default, (list, dict)) else f.default


def _type_error(
    loc: Location, key: str, expected: str, value: Any, written: str | None = None
) -> Finding:
    received = yamltypes.describe(value)
    name = key.rsplit(".", 1)[-1]
    fix = f"Write {expected} after '{name}:'."
    if expected == "text" and written is not None:  # yes, no, on, off: YAML's yes/no words
        fix = f'Put it in quotes: {name}: "{written}".'
    return Finding(
        loc, Severity.ERROR, "bad-type", f"'{key}' should be {expected}, but it is {received}.", fix
    )


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key
