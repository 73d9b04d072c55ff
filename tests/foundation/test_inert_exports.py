"""Issue 14 item 3: every text cell of every Excel export that starts with ``= + - @``, a tab or a CR is a text
cell, never a formula — read back with openpyxl as the very string that was typed (``data_type == "s"``).

Shown end to end on the ledger (台账), the case file (一案一档), an activity ledger, the organisation chart export
and the shared writer itself. (The quotas app has no Excel export; its compliance is read through pages and the
API.)
"""

from __future__ import annotations

import io
import json

import pytest
from openpyxl import load_workbook

from tests.conftest import TOWNSHIP

EVIL = '=HYPERLINK("http://x","y")'
STARTS = [EVIL, "+1+2", "-2+3", "@SUM(A1)", "\t=1", "\r=1"]


def _cells(content: bytes) -> list:
    wb = load_workbook(io.BytesIO(content))
    return [cell for ws in wb.worksheets for row in ws.iter_rows() for cell in row]


def _body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def assert_inert(content: bytes, *texts: str) -> None:
    cells = _cells(content)
    assert not [c.coordinate for c in cells if c.data_type == "f"], "a formula cell was written"
    for text in texts:
        found = [c for c in cells if isinstance(c.value, str) and text in c.value]
        assert found, f"{text!r} not in the export"
        assert all(c.data_type == "s" for c in found)


def test_the_shared_writer_writes_every_formula_start_as_text():
    from sixia.core.xlsx import Column, Sheet, new_workbook

    wb = new_workbook()
    sheet = Sheet(wb, "t", heading=EVIL, subtitle="-subtitle", columns=[Column("a", "A", 10)])
    for text in STARTS:
        sheet.row([text])
    out = io.BytesIO()
    wb.save(out)
    cells = _cells(out.getvalue())
    assert [c.value for c in cells[3:]] == STARTS  # the value is unchanged, not quoted or stripped
    assert all(c.data_type == "s" for c in cells if isinstance(c.value, str))
    assert cells[0].value == EVIL and cells[0].data_type == "s"


@pytest.fixture
def evil_case(api, owner, token_for):
    payload = {"channel": "visit", "petition_class": "appeal", "title": EVIL, "content": "@SUM(1+1)",
               "region_code": TOWNSHIP, "petitioners": []}
    created = api.post("/cases", payload, headers=token_for(owner))
    assert created.status_code == 201, created.content
    return created.json()["id"]


def test_a_formula_title_is_text_in_the_ledger(api, owner, token_for, evil_case):
    response = api.get("/reports/ledger.xlsx", headers=token_for(owner))
    assert response.status_code == 200
    assert_inert(_body(response), EVIL, "@SUM(1+1)")


def test_a_formula_title_is_text_in_the_case_file(api, owner, token_for, evil_case):
    response = api.get(f"/reports/cases/{evil_case}/file.xlsx", headers=token_for(owner))
    assert response.status_code == 200
    assert_inert(_body(response), EVIL)


def test_a_formula_title_is_text_in_the_ledger_page_export(client, owner, evil_case):
    client.force_login(owner)
    response = client.get("/reports/ledger/export/", {"personal": "full"})
    if response.status_code == 200:
        assert_inert(_body(response), EVIL)
    else:  # the full-data export needs its own right; the masked one is the same writer
        response = client.get("/reports/ledger/export/")
        assert response.status_code == 200
        assert_inert(_body(response), EVIL)


def test_a_formula_title_is_text_in_an_activity_ledger(client, owner, token_for, units):
    from sixia.org.models import Rank
    from sixia.org.services import create_official

    leader = create_official(actor=None, name="陈建华", unit=units["county_gov"], rank=Rank.COUNTY, title="县长",
                             is_leader=True)
    body = {"title": EVIL, "region_code": TOWNSHIP, "start_day": "2026-03-02", "official_ids": [leader.pk],
            "place": "-村委会", "households": [{"name": "+郑一"}]}
    created = client.post("/api/v1/activities/visits", json.dumps(body), content_type="application/json",
                          headers=token_for(owner))
    assert created.status_code == 201, created.content
    client.force_login(owner)
    response = client.get("/activities/export/visit.xlsx", {"year": "2026"})
    assert response.status_code == 200
    assert_inert(response.content, EVIL, "+郑一")


def test_a_formula_unit_name_is_text_in_the_organisation_export(client, owner, units):
    from sixia.org.models import Unit
    from sixia.org.services import create_unit

    create_unit(actor=None, name="=1+1 局", kind=Unit.Kind.DEPARTMENT, region_code="350921")
    client.force_login(owner)
    response = client.get("/org/export.xlsx")
    assert response.status_code == 200
    assert_inert(_body(response), "=1+1 局")
