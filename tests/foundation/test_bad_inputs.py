"""Issue 14 item 2: inputs that used to answer 500 answer 4xx with a clear error, and nothing is written.

Each input of the issue is sent to the endpoints that take it: a cursor that is not a base64 JSON number on every
paged list, a case action's ``version``/``unit_id``/``reason``/``days`` of the wrong type, an absurd date, a
negative head count (a CHECK constraint), a lone surrogate or NUL in a text, ``year=abc`` on an export and a
superscript digit in the anonymous booking form (``"²".isdigit()`` is true, ``int("²")`` fails).
"""

from __future__ import annotations

import json

import pytest

from tests.conftest import COUNTY, TOWNSHIP

PAGED = ["/audit", "/units", "/officials", "/users", "/linkages", "/persons", "/cases", "/notifications",
         "/activities/reception-days", "/activities/visits", "/activities/onsite-meetings",
         "/activities/research-trips", "/activities/lectures"]
BAD_CURSORS = ["abc", "WzFd", "bnVsbA", "eyJhIjoxfQ", "OTk5OTk5OTk5OTk5OTk5OTk5OTk5", "LTE", "MS41", "%00"]
# abc: not base64 JSON; WzFd = [1]; bnVsbA = null; eyJhIjoxfQ = {"a":1}; 99…9 beyond int64; LTE = -1; MS41 = 1.5


def raw_post(client, path: str, body: str, headers: dict):
    return client.post(f"/api/v1{path}", body, content_type="application/json", headers=headers)


def assert_refused(response, *codes: int):
    assert 400 <= response.status_code < 500, (response.status_code, response.content[:500])
    if codes:
        assert response.status_code in codes, (response.status_code, response.content[:500])
    if response["Content-Type"].startswith("application/json"):
        body = response.json()
        assert body["code"] and body["message"], body


@pytest.mark.parametrize("path", PAGED)
def test_a_bad_cursor_is_a_422_on_every_paged_list(api, owner, token_for, path):
    headers = token_for(owner)
    for cursor in BAD_CURSORS:
        response = api.get(path, headers=headers, cursor=cursor)
        assert_refused(response, 422)
        assert response.json()["code"] in ("bad_cursor", "invalid_input"), (cursor, response.json())
    assert api.get(path, headers=headers).status_code == 200


@pytest.fixture
def case_id(api, owner, token_for, case_payload):
    created = api.post("/cases", case_payload, headers=token_for(owner))
    assert created.status_code == 201, created.content
    return created.json()["id"]


@pytest.fixture
def case_payload():
    return {"channel": "visit", "petition_class": "appeal", "title": "小区电梯长期停运", "content": "电梯停运三个月无人维修。",
            "region_code": TOWNSHIP, "category": "", "petitioners": []}


@pytest.mark.parametrize(("action", "args"), [
    ("accept", {"version": "abc"}),
    ("accept", {"version": [1]}),
    ("accept", {"version": 1.5}),
    ("assign", {"unit_id": [1]}),
    ("assign", {"unit_id": "abc"}),
    ("assign", {"unit_id": 10 ** 30}),
    ("assign", {"unit_id": {"a": 1}}),
    ("not_accept", {"reason": 123}),
    ("not_accept", {"reason": ["x"]}),
    ("not_accept", {"reason": "\ud800"}),
    ("not_accept", {"reason": "a\x00b"}),
    ("accept", {"due_date": "9999-12-31"}),
])
def test_a_case_action_with_a_bad_argument_is_a_4xx(client, owner, token_for, case_id, action, args):
    from sixia.cases.models import Case, CaseEvent

    before = CaseEvent.objects.count(), Case.objects.get(pk=case_id).version
    response = raw_post(client, f"/cases/{case_id}/actions/{action}", json.dumps(args), token_for(owner))
    assert_refused(response)
    assert (CaseEvent.objects.count(), Case.objects.get(pk=case_id).version) == before


@pytest.mark.parametrize("days", ['"NaN"', "NaN", "Infinity", "-Infinity", '"1e400"', "1e400", "[1]", '"abc"'])
def test_an_extension_of_nan_days_is_a_4xx(client, owner, token_for, case_id, days):
    response = raw_post(client, f"/cases/{case_id}/actions/extend", '{"days": ' + days + ', "reason": "x"}',
                        token_for(owner))
    assert_refused(response)


@pytest.mark.parametrize("query", [
    {"start": "9999-12-31", "days": 400}, {"start": "0001-01-01", "days": 5}, {"start": "2026-01-05", "days": 10 ** 6},
    {"start": "2026-01-05", "days": -10 ** 6}, {"start": "2026-01-05", "days": "NaN"}, {"start": "abc", "days": 1},
])
def test_an_absurd_deadline_query_is_a_4xx(api, owner, token_for, query):
    assert_refused(api.get("/calendar/deadline", headers=token_for(owner), **query))


@pytest.mark.parametrize("field,value", [
    ("title", "\ud800"), ("title", "a\x00b"), ("title", "长" * 100_000), ("content", "\udfff"),
    ("occurred_at", "0001-01-01T00:00:00"), ("occurred_at", "9999-12-31T23:59:59"), ("region_code", "\x00"),
])
def test_a_case_with_a_bad_text_or_date_is_a_4xx(client, owner, token_for, case_payload, field, value):
    from sixia.cases.models import Case

    before = Case.objects.count()
    body = json.dumps(case_payload | {field: value})  # json.dumps writes the lone surrogate as \ud800
    response = raw_post(client, "/cases", body, token_for(owner))
    assert_refused(response)
    assert Case.objects.count() == before


def test_a_name_longer_than_its_column_is_a_4xx_also_on_sqlite(api, owner, token_for):
    from sixia.org.models import Unit

    response = api.post("/units", {"name": "长" * 100_000, "kind": "department", "region_code": COUNTY},
                        headers=token_for(owner))
    assert_refused(response, 422)
    assert response.json()["field"] == "name"
    assert not Unit.objects.filter(name__startswith="长长长").exists()


@pytest.fixture
def leader(units):
    from sixia.org.models import Rank
    from sixia.org.services import create_official

    return create_official(actor=None, name="陈建华", unit=units["county_gov"], rank=Rank.COUNTY, title="县长",
                           is_leader=True)


@pytest.mark.parametrize("problem", [{"headcount": -5}, {"headcount": 10 ** 12}, {"headcount": "NaN"},
                                     {"description": "\ud800"}])
def test_a_reception_day_with_a_negative_headcount_is_a_4xx(client, owner, token_for, leader, problem):
    from sixia.activities.models import Activity

    visitor = {"description": "反映路灯损坏", "outcome": "solved", "visitor_name": "郑一"} | problem
    body = {"title": "接待日", "region_code": TOWNSHIP, "start_day": "2026-03-02", "official_ids": [leader.pk],
            "visitors": [visitor]}
    response = raw_post(client, "/activities/reception-days", json.dumps(body), token_for(owner))
    assert_refused(response)
    assert not Activity.objects.exists()


@pytest.mark.parametrize("body", [
    '{"title": "x", "region_code": "%s", "start_day": "0001-01-01", "official_ids": [%s]}',
    '{"title": "x", "region_code": "%s", "start_day": "2026-03-02", "days": NaN, "official_ids": [%s]}',
    '{"title": "x", "region_code": "%s", "start_day": "2026-03-02", "days": 1e309, "official_ids": [%s]}',
])
def test_an_activity_with_an_absurd_day_or_number_is_a_4xx(client, owner, token_for, leader, body):
    response = raw_post(client, "/activities/visits", body % (TOWNSHIP, leader.pk), token_for(owner))
    assert_refused(response)


@pytest.mark.parametrize("year", ["abc", "²", "99999", "-1", "0"])
def test_an_export_with_a_bad_year_is_a_4xx(client, owner, year):
    client.force_login(owner)
    response = client.get("/activities/export/reception.xlsx", {"year": year})
    assert_refused(response)


@pytest.mark.parametrize("day_id", ["²", "١", "99999999999999999999999", "-1", "\x00"])
def test_the_anonymous_booking_form_refuses_a_strange_day_id(client, regions, day_id):
    response = client.post("/activities/public/", {"day_id": day_id, "slot": "09:00", "name": "郑一",
                                                   "phone": "13900001111", "matter": "路灯"})
    assert_refused(response)


@pytest.mark.parametrize("path", ["/cases/", "/activities/", "/org/officials/", "/reports/ledger/"])
def test_a_nul_in_a_page_query_is_a_4xx(client, owner, path):
    client.force_login(owner)
    response = client.get(path, {"q": "a\x00b", "unit": "²", "page": "²"})
    assert response.status_code < 500, (path, response.status_code)


@pytest.mark.parametrize("path", ["/cases/abc", "/cases/99999999999999999999999", "/units/-1"])
def test_a_path_id_out_of_range_is_a_4xx(api, owner, token_for, path):
    assert_refused(api.get(path, headers=token_for(owner)))


def test_a_page_form_refuses_an_absurd_date_as_a_field_error(db):
    from sixia.cases.forms import QueueFilterForm

    form = QueueFilterForm({"date_from": "0001-01-01", "date_to": "2026-01-05"}, regions=[], units=[])
    assert not form.is_valid()
    assert list(form.errors) == ["date_from"]


@pytest.mark.parametrize("raw,expected", [("12", 12), (" 7 ", 7), ("", None), (None, None)])
def test_parse_int_reads_ascii_digits(raw, expected):
    from sixia.core.validation import parse_int

    assert parse_int(raw, field="n") == expected


@pytest.mark.parametrize("raw", ["²", "١", "1.5", "1e3", "abc", "9" * 30, "\x00", True])
def test_parse_int_refuses_everything_else(raw):
    from sixia.core.errors import InvalidInput
    from sixia.core.validation import parse_int

    with pytest.raises(InvalidInput) as err:
        parse_int(raw, field="n")
    assert err.value.field == "n"
