"""The value types a settings file can hold: how to recognise each one, and how to name it in a
finding ("a whole number", "a date like 2026-11-21"). :mod:`config` validates with these."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any


def describe(value: Any) -> str:
    if isinstance(value, bool):
        return f"yes/no ({str(value).lower()})"
    if isinstance(value, (int, float)):
        return f"a number ({value})"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a set of keys"
    if isinstance(value, dt.date):
        return f"a date ({value.isoformat()})"
    return "empty"


def _is_text(value: Any) -> tuple[bool, Any]:
    if isinstance(value, (bool, list, dict)):
        return False, None
    if isinstance(value, dt.date):
        return True, value.isoformat()
    if isinstance(value, (int, float)):
        return True, str(value)
    return isinstance(value, str), value


def _is_number(value: Any) -> tuple[bool, Any]:
    ok = isinstance(value, (int, float)) and not isinstance(value, bool)
    return ok, value


def _is_integer(value: Any) -> tuple[bool, Any]:
    return isinstance(value, int) and not isinstance(value, bool), value


def _is_bool(value: Any) -> tuple[bool, Any]:
    return isinstance(value, bool), value


def _is_date(value: Any) -> tuple[bool, Any]:
    if isinstance(value, dt.datetime):
        return True, value.date()
    if isinstance(value, dt.date):
        return True, value
    if isinstance(value, str):  # a date written in quotes
        try:
            return True, dt.date.fromisoformat(value.strip())
        except ValueError:
            return False, None
    return False, None


def _is_list(value: Any) -> tuple[bool, Any]:
    if isinstance(value, str):
        return True, [value]
    if isinstance(value, list) and all(isinstance(v, (str, int, float)) for v in value):
        return True, [str(v) for v in value]
    return False, None


def _is_mapping(value: Any) -> tuple[bool, Any]:
    return isinstance(value, dict), value


def _is_any(value: Any) -> tuple[bool, Any]:
    return True, value


CHECKERS: dict[str, Callable[[Any], tuple[bool, Any]]] = {
    "text": _is_text,
    "number": _is_number,
    "integer": _is_integer,
    "boolean": _is_bool,
    "date": _is_date,
    "list": _is_list,
    "mapping": _is_mapping,
    "any": _is_any,
}

KIND_WORDS = {
    "text": "text",
    "number": "a number",
    "integer": "a whole number",
    "boolean": "yes or no (true/false)",
    "date": "a date like 2026-11-21",
    "list": "a list of names",
    "mapping": "a set of keys",
    "any": "a value",
}
