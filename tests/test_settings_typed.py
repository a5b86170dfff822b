"""The typed settings are built by the schema: one dataclass field per schema ``Field``."""

from __future__ import annotations

import dataclasses
import typing

from pressroom.model import (
    ContactSettings,
    CoProductionSettings,
    Location,
    PageGeometry,
    PrintSettings,
    Settings,
    WebSettings,
)
from pressroom.source import config

PAIRS = [
    (config.PUBLICATION, Settings),
    (config.PRINT, PrintSettings),
    (config.CONTACT, ContactSettings),
    (config.CO_PRODUCTION, CoProductionSettings),
    (config.WEB, WebSettings),
]


def test_every_schema_field_is_a_typed_setting_and_nothing_else() -> None:
    for schema, cls in PAIRS:
        assert [f.name for f in schema] == [f.name for f in dataclasses.fields(cls)], cls.__name__


def test_validated_settings_become_typed_values_with_their_defaults() -> None:
    data = {"title": "T", "profile": "easy-read", "version": "1", "date": "2026-01-01"}
    validated, findings = config.validate(
        data, config.PUBLICATION, lambda _key: Location("publication.yml"), "publication.yml"
    )
    assert not findings
    settings = config.typed_settings(validated)
    assert settings.title == "T"
    assert isinstance(settings.print, PrintSettings)
    assert settings.print.bleed_mm == 3
    assert settings.web.fragment_cover_title is True
    assert settings.our_words == ()
    assert typing.get_type_hints(Settings)["co_production"] is CoProductionSettings


def test_page_geometry_is_the_trim_and_the_bleed_around_it() -> None:
    a5 = PageGeometry("A5", 3.0)
    assert a5.trim_mm == (148.0, 210.0)
    assert a5.media_mm(with_bleed=True) == (154.0, 216.0)
    assert a5.media_mm(with_bleed=False) == (148.0, 210.0)
