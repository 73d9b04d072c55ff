"""The notice texts are data in both languages: every kind has a Chinese default with its source and an English
default with the same placeholders, the migrations seed a row of each, and a region's row of one language does
not change the other language's text."""

from __future__ import annotations

from string import Formatter

import pytest

from sixia.cases import defaults
from sixia.cases.models import MessageTemplate
from sixia.cases.services import notices

pytestmark = pytest.mark.django_db


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in Formatter().parse(text) if name}


def test_every_kind_has_a_source_and_an_english_text_with_the_same_placeholders():
    assert set(defaults.MESSAGE_TEMPLATES) == set(defaults.MESSAGE_TEMPLATES_EN)
    for kind, (text, source) in defaults.MESSAGE_TEMPLATES.items():
        assert source.strip(), kind
        assert _fields(text) == _fields(defaults.MESSAGE_TEMPLATES_EN[kind]), kind
    assert {"return_visit", "booking_confirmed", "booking_cancelled"} <= set(defaults.MESSAGE_TEMPLATES)


def test_the_migrations_seed_both_languages():
    seeded = set(MessageTemplate.objects.filter(region_prefix="").values_list("kind", "language"))
    assert seeded == {(kind, language) for kind in defaults.MESSAGE_TEMPLATES for language in ("zh-hans", "en")}


def test_a_regions_row_overrides_its_own_language_only():
    MessageTemplate.objects.create(kind="accepted", region_prefix="3509", language="en", text="OK {tracking_no}")
    assert notices.template_for("accepted", "350921", "en") == "OK {tracking_no}"
    assert notices.template_for("accepted", "350921", "zh-hans").startswith("您反映的")
    assert notices.template_for("accepted", "110101", "en").startswith("Your matter")
    MessageTemplate.objects.filter(kind="booking_confirmed", language="en").delete()
    assert notices.template_for("booking_confirmed", "", "en") == defaults.MESSAGE_TEMPLATES_EN["booking_confirmed"]
    assert notices.language_of("en-GB") == "en" and notices.language_of("fr") == notices.language_of(None) == "zh-hans"
