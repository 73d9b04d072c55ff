"""The wire formats and the input guards, without a request: whatever text reached the database through another
face, the XML stays well-formed and the JSON opens no tag; a lone surrogate or NUL never passes the guards."""

from __future__ import annotations

from xml.etree import ElementTree as ET

import pytest

from sixia.core.errors import InvalidInput
from sixia.open311 import formats, inputs


def test_xml_and_json_survive_any_stored_text():
    hostile = {"description": "a\x00b\x0c<script>&\ud800\U0001f600</script>", "lat": None, "flag": True}
    root = ET.fromstring(formats.to_xml("service_requests", [hostile]))
    assert root.find("request/description").text == "ab<script>&\U0001f600</script>"
    assert root.find("request/flag").text == "true" and root.find("request/lat").text is None
    body = formats.to_json([hostile]).decode("utf-8")
    assert "<" not in body and "\\u003cscript\\u003e" in body and "\x00" not in body


@pytest.mark.parametrize("value", ["\ud800", "a\x00", "\x1b[31m", "a\u0085b", "\ufffe"])
def test_control_characters_and_lone_surrogates_are_refused(value):
    with pytest.raises(InvalidInput):
        inputs.text(value, "description", multiline=True)


def test_one_line_fields_refuse_line_breaks_and_multiline_fields_keep_them():
    with pytest.raises(InvalidInput):
        inputs.text("a\nb", "address_string")
    assert inputs.text("a\nb", "description", multiline=True) == "a\nb"


@pytest.mark.parametrize("value, kept", [("=1+2", "＝1+2"), ("+86", "＋86"), ("-x", "－x"), ("@SUM(A1)", "＠SUM(A1)"),
                                         ("ok\n=cmd", "ok\n＝cmd"), ("<b>x</b>", "＜b＞x＜/b＞"), ("a-b", "a-b")])
def test_formula_starts_and_markup_become_full_width(value, kept):
    assert inputs.text(value, "description", multiline=True) == kept


@pytest.mark.parametrize("value", ["2026-01-01", "2026-01-01T00:00:00", "yesterday", "2026-13-01T00:00:00Z"])
def test_dates_without_a_zone_or_malformed_are_refused(value):
    with pytest.raises(InvalidInput):
        inputs.date_time(value, "start_date")


def test_dates_with_a_zone_are_read():
    assert inputs.date_time("2010-01-01T00:00:00Z", "start_date").utcoffset().total_seconds() == 0
    assert inputs.date_time("1994-11-05T08:15:30-05:00", "start_date").utcoffset().total_seconds() == -5 * 3600
    assert inputs.date_time("", "start_date") is None
