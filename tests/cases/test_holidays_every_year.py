"""Issue 11: statutory holidays for every year, warnings that say so, and entering a year's arrangement.

2027 is not shipped by chinese-calendar 1.11: its deadlines count the statutory holidays of the 2024 放假办法
(元旦 01-01; 春节 02-05…02-08; 中秋 09-15; 国庆 10-01…03) and carry a warning until the arrangement is imported.
The hypothetical arrangement imported below makes Mon 2027-01-04 a rest day.
"""

from __future__ import annotations

from datetime import date

import pytest
import time_machine
from django.core.management import call_command

from sixia.cases.models import Assignment, Case, CaseEvent, HolidayOverride, HolidayYear
from sixia.cases.services import holidays
from sixia.core.errors import Forbidden, InvalidInput
from sixia.core.models import AuditEntry
from tests.cases.conftest import at
from tests.conftest import COUNTY

ARRANGEMENT = "# 2027（示例）\n2027-01-01,休,元旦\n2027-01-04,休,元旦调休\n"
TODAY = at(2026, 12, 2, 9, 0)


@pytest.fixture
def desk(make_user, units):
    return make_user("desk", ["dispatcher"], COUNTY, units["county_gov"])


@pytest.fixture
def arrangement(tmp_path):
    path = tmp_path / "2027.txt"
    path.write_text(ARRANGEMENT, encoding="utf-8")
    return str(path)


def deadline(api, headers, start, days, kind):
    response = api.get("/calendar/deadline", headers=headers, start=start, days=days, kind=kind)
    assert response.status_code == 200, response.content
    return response.json()


@pytest.mark.parametrize(("start", "days", "kind", "due"), [
    ("2026-12-28", 5, "working", "2027-01-05"),
    ("2027-02-04", 1, "working", "2027-02-09"),
    ("2027-09-14", 1, "working", "2027-09-16"),
    ("2027-09-16", 15, "calendar", "2027-10-04"),
])
def test_deadlines_in_2027_count_the_statutory_holidays_and_warn(api, owner, token_for, start, days, kind, due):
    body = deadline(api, token_for(owner), start, days, kind)
    assert body["due"] == due
    assert body["warnings"] == ["2027年放假安排未发布，按法定节假日推算（未含调休） (2027 holiday arrangement not "
                                "published: statutory holidays only, without weekend swaps)"]


def test_a_deadline_inside_a_shipped_year_has_no_warning(api, owner, token_for):
    body = deadline(api, token_for(owner), "2026-09-30", 5, "working")
    assert (body["due"], body["warnings"]) == ("2026-10-13", [])


@pytest.fixture
def open_cases(new_case, act, owner, units):
    """A petition waiting for acceptance due 2027-01-04 (15 days from 12-20), and a hotline consult accepted and
    assigned on 12-30 whose 3 working days end 2027-01-05 (12-31, 元旦 off, 01-04, 01-05)."""
    petition = new_case(now=at(2026, 12, 20, 10, 0))
    consult = new_case(channel="hotline", petition_class="", demand_type="consult", now=at(2026, 12, 30, 9, 0))
    act(owner, consult, "accept", now=at(2026, 12, 30, 10, 0))
    consult = act(owner, consult, "assign", now=at(2026, 12, 30, 11, 0), unit_id=units["housing"].pk)
    return Case.objects.get(pk=petition.pk), consult


@time_machine.travel(at(2026, 12, 31, 9, 0), tick=False)  # after the cases' events, before their due dates
def test_cases_carry_the_estimate_before_and_move_after_the_import(api, owner, token_for, open_cases, arrangement):
    petition, consult = open_cases
    assert (petition.accept_due.date(), petition.due_at.date()) == (date(2027, 1, 4), date(2027, 1, 4))
    assert (consult.handle_due.date(), consult.due_at.date()) == (date(2027, 1, 5), date(2027, 1, 5))
    headers = token_for(owner)
    detail = api.get(f"/cases/{consult.pk}", headers=headers).json()
    assert detail["deadline_warnings"] and "2027年放假安排未发布" in detail["deadline_warnings"][0]
    events_before = CaseEvent.objects.count()
    approaching_before = consult.approaching_at

    call_command("import_holidays", arrangement)

    assert deadline(api, headers, "2026-12-28", 5, "working") == {
        "start": "2026-12-28", "days": 5, "kind": "working", "due": "2027-01-06", "warnings": []}
    petition, consult = Case.objects.get(pk=petition.pk), Case.objects.get(pk=consult.pk)
    assert (petition.accept_due.date(), petition.due_at.date()) == (date(2027, 1, 5), date(2027, 1, 5))
    assert (consult.handle_due.date(), consult.due_at.date()) == (date(2027, 1, 6), date(2027, 1, 6))
    assert consult.approaching_at > approaching_before  # the thresholds move with the due date
    assignment = Assignment.objects.get(case=consult)
    assert assignment.due_at == consult.handle_due
    assert assignment.dispute_due.date() == date(2026, 12, 31)  # 1 working day: untouched
    adjusted = CaseEvent.objects.filter(action="holiday_adjust")
    assert sorted(adjusted.values_list("case_id", flat=True)) == sorted([petition.pk, consult.pk])
    timeline = api.get(f"/cases/{consult.pk}/timeline", headers=headers).json()
    assert timeline[-1]["action_label"] == "期限因节假日安排调整"
    assert {c["field"] for c in timeline[-1]["data"]["changes"]} == {"handle_due", "due_at", "assignment.due_at"}
    assert api.get(f"/cases/{consult.pk}", headers=headers).json()["deadline_warnings"] == []
    assert HolidayYear.objects.filter(year=2027).exists()
    assert CaseEvent.objects.count() == events_before + 2
    audits = AuditEntry.objects.filter(object_type="cases.holidayoverride").count()
    assert audits == 1

    call_command("import_holidays", arrangement)  # the same file again: nothing new

    assert CaseEvent.objects.count() == events_before + 2
    assert AuditEntry.objects.filter(object_type="cases.holidayoverride").count() == audits
    assert Case.objects.get(pk=consult.pk).handle_due == consult.handle_due


def test_the_preview_lists_the_moves_and_writes_nothing(api, owner, token_for, open_cases):
    petition, consult = open_cases
    response = api.post("/calendar/holidays/preview", {"text": ARRANGEMENT}, headers=token_for(owner))
    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["years"], body["new_years"], body["cases"], body["applied"]) == ([2027], [2027], 2, False)
    moved = {(m["tracking_no"], m["field"]): (m["before"][:10], m["after"][:10]) for m in body["moves"]}
    assert moved[(consult.tracking_no, "handle_due")] == ("2027-01-05", "2027-01-06")
    assert moved[(petition.tracking_no, "accept_due")] == ("2027-01-04", "2027-01-05")
    assert not HolidayOverride.objects.exists() and not CaseEvent.objects.filter(action="holiday_adjust").exists()


def test_applying_through_the_api_twice_changes_nothing_the_second_time(api, owner, token_for, open_cases):
    headers = token_for(owner)
    first = api.post("/calendar/holidays/apply", {"text": ARRANGEMENT}, headers=headers).json()
    assert (first["applied"], first["cases"]) == (True, 2)
    second = api.post("/calendar/holidays/apply", {"text": ARRANGEMENT}, headers=headers).json()
    assert (second["applied"], second["cases"], second["changed_days"]) == (False, 0, [])
    assert CaseEvent.objects.filter(action="holiday_adjust").count() == 2
    year = api.get("/calendar/holidays", headers=headers, year=2027).json()
    assert (year["status"], year["known"]) == ("imported", True)
    assert [o["date"] for o in year["overrides"]] == ["2027-01-01", "2027-01-04"]


def test_a_year_without_arrangement_lists_its_statutory_days(api, owner, token_for):
    body = api.get("/calendar/holidays", headers=token_for(owner), year=2028).json()
    assert (body["status"], body["known"], body["overrides"]) == ("estimate", False, [])
    assert body["statutory"][0] == {"date": "2028-01-01", "name": "元旦"}
    assert api.get("/calendar/holidays", headers=token_for(owner), year=2026).json()["status"] == "shipped"


def test_a_suspended_clock_keeps_its_paused_time(new_case, act, owner, arrangement):
    case = new_case(channel="hotline", petition_class="", demand_type="consult", now=at(2026, 12, 23, 9, 0))
    act(owner, case, "accept", now=at(2026, 12, 23, 10, 0))  # 12-24, 12-25, 12-28 → due 12-28
    act(owner, case, "suspend", now=at(2026, 12, 24, 10, 0), reason="等待鉴定")
    case = act(owner, case, "resume", now=at(2027, 1, 1, 10, 0))  # 8 days paused → due 2027-01-05
    assert case.handle_due.date() == date(2027, 1, 5)
    call_command("import_holidays", arrangement)
    # 2026's days did not change, so the clock's own count did not move: the paused time stays, nothing moves
    assert Case.objects.get(pk=case.pk).handle_due == case.handle_due


def test_bad_input_is_a_clear_422(api, owner, token_for):
    headers = token_for(owner)
    response = api.post("/calendar/holidays/preview", {"text": "2027-01-04,休\n2027-13-01,休\n"}, headers=headers)
    assert response.status_code == 422
    assert response.json()["code"] == "invalid_holidays" and "第2行" in response.json()["message"]
    assert api.post("/calendar/holidays/apply", {"text": "2027-01-04,放假"}, headers=headers).status_code == 422
    assert api.post("/calendar/holidays/apply", {"text": "# nothing"}, headers=headers).status_code == 422
    assert api.post("/calendar/holidays/apply", {}, headers=headers).status_code == 422
    assert api.get("/calendar/holidays", headers=headers, year=1800).status_code == 422
    assert api.get("/calendar/holidays", headers=headers, year="abc").status_code == 422
    assert not HolidayOverride.objects.exists()


def test_only_an_administrator_enters_holidays(api, token_for, client, owner, colleague, desk):
    for user in (colleague, desk):
        headers = token_for(user)
        assert api.get("/calendar/holidays", headers=headers).status_code == 403
        assert api.post("/calendar/holidays/preview", {"text": ARRANGEMENT}, headers=headers).status_code == 403
        assert api.post("/calendar/holidays/apply", {"text": ARRANGEMENT}, headers=headers).status_code == 403
        with pytest.raises(Forbidden):
            holidays.apply_arrangement(actor=user, text=ARRANGEMENT)
        client.force_login(user)
        assert client.get("/cases/holidays/").status_code == 403
        assert client.post("/cases/holidays/", {"text": ARRANGEMENT, "op": "apply"}).status_code == 403
    client.logout()
    response = client.get("/cases/holidays/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert not HolidayOverride.objects.exists()
    with pytest.raises(InvalidInput):
        holidays.apply_arrangement(actor=owner, text="")


@time_machine.travel(TODAY, tick=False)
def test_the_page_previews_and_imports(client, owner, open_cases):
    _petition, consult = open_cases
    client.force_login(owner)
    page = client.get("/cases/holidays/").content.decode()
    assert 'data-year="2027" data-status="estimate"' in page and 'data-year="2026" data-status="shipped"' in page
    preview = client.post("/cases/holidays/", {"text": ARRANGEMENT, "op": "preview"}).content.decode()
    assert consult.tracking_no in preview and "2027-01-06" in preview
    assert not HolidayOverride.objects.exists()
    response = client.post("/cases/holidays/", {"text": ARRANGEMENT, "op": "apply"})
    assert response.status_code == 302
    page = client.get("/cases/holidays/").content.decode()
    assert 'data-year="2027" data-status="imported"' in page and "元旦调休" in page
    bad = client.post("/cases/holidays/", {"text": "2027-02-30,休", "op": "apply"})
    assert bad.status_code == 422 and "第1行" in bad.content.decode()


@time_machine.travel(TODAY, tick=False)
def test_the_case_page_and_the_queue_mark_estimated_deadlines(client, owner, open_cases, arrangement):
    _petition, consult = open_cases
    client.force_login(owner)
    page = client.get(f"/cases/{consult.pk}/").content.decode()
    assert 'data-testid="deadline-estimate"' in page and "2027年放假安排未发布，按法定节假日推算（未含调休）" in page
    queue = client.get("/cases/").content.decode()
    assert queue.count('data-testid="due-estimated"') == 2
    call_command("import_holidays", arrangement)
    assert 'data-testid="deadline-estimate"' not in client.get(f"/cases/{consult.pk}/").content.decode()
    assert 'data-testid="due-estimated"' not in client.get("/cases/").content.decode()


def test_the_home_page_warns_the_desk_and_the_admin_from_november(client, owner, colleague, desk, arrangement):
    marker = 'data-testid="holiday-arrangement-missing"'
    with time_machine.travel(TODAY, tick=False):
        for user, warned in ((owner, True), (desk, True), (colleague, False)):
            client.force_login(user)
            page = client.get("/").content.decode()
            assert (marker in page) is warned, user.username
        client.force_login(owner)
        assert "2027年放假安排尚未录入" in client.get("/").content.decode()
    with time_machine.travel(at(2026, 10, 15, 9, 0), tick=False):
        assert marker not in client.get("/").content.decode()  # before November: not yet
    with time_machine.travel(TODAY, tick=False):
        call_command("import_holidays", arrangement)
        assert marker not in client.get("/").content.decode()


@time_machine.travel(TODAY, tick=False)
def test_the_page_speaks_english(client, owner):
    from tests.conftest import to_english

    client.force_login(owner)
    to_english(client)
    page = client.get("/cases/holidays/").content.decode()
    assert "Holiday arrangements" in page and "Not published: estimated from the statutory holidays" in page
    assert "The 2027 holiday arrangement has not been entered" in client.get("/").content.decode()


def test_the_migration_marks_the_years_the_old_import_filled(db):
    from importlib import import_module

    from django.apps import apps

    HolidayOverride.objects.create(date=date(2026, 3, 3), is_workday=False, name="地方假日")  # a shipped year
    HolidayOverride.objects.create(date=date(2027, 1, 1), is_workday=False, name="元旦")
    import_module("sixia.cases.migrations.0003_holiday_years").backfill(apps, None)
    assert list(HolidayYear.objects.values_list("year", flat=True)) == [2027]


def test_the_preview_reads_a_fixed_number_of_queries_however_many_cases_move(open_cases, new_case):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as two:
        assert holidays.preview_arrangement(actor=None, text=ARRANGEMENT).cases == 2
    for day in (20, 21, 22):
        new_case(now=at(2026, 12, day, 10, 0))  # acceptance due 01-04, 01-05, 01-06: the first one moves
    with CaptureQueriesContext(connection) as more:
        assert holidays.preview_arrangement(actor=None, text=ARRANGEMENT).cases == 3
    assert len(more) == len(two) <= 10
