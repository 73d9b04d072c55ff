"""Deadlines through the calendar endpoint and on real cases (database: overrides, policies, clocks).

The counting itself is tested without a database in tests/engines/test_deadline_calendar.py; the endpoint must
agree with the same hand-computed table (2026 Spring Festival and National Day, 调休 working days included).
"""

from datetime import date

import pytest

from sixia.cases.models import HolidayOverride
from tests.cases.conftest import at
from tests.engines.test_deadline_calendar import HAND_COMPUTED


@pytest.mark.parametrize(("start", "days", "kind", "due"), HAND_COMPUTED)
def test_the_calendar_endpoint_matches_hand_computed_dates(api, owner, token_for, start, days, kind, due):
    response = api.get("/calendar/deadline", headers=token_for(owner), start=start, days=days, kind=kind)
    assert response.status_code == 200, response.content
    assert response.json()["due"] == due
    assert response.json()["warnings"] == []


def test_a_year_without_data_falls_back_to_the_statutory_holidays_with_a_warning(api, owner, token_for):
    response = api.get("/calendar/deadline", headers=token_for(owner), start="2027-01-04", days=5, kind="working")
    assert response.status_code == 200
    assert response.json()["due"] == "2027-01-11"
    assert "2027" in response.json()["warnings"][0]


def test_overrides_in_the_database_win(api, owner, token_for):
    HolidayOverride.objects.create(date=date(2026, 3, 2), is_workday=False, name="地方假日")
    response = api.get("/calendar/deadline", headers=token_for(owner), start="2026-02-27", days=1, kind="working")
    assert response.json()["due"] == "2026-02-28"  # the 调休 Saturday
    response = api.get("/calendar/deadline", headers=token_for(owner), start="2026-02-28", days=1, kind="working")
    assert response.json()["due"] == "2026-03-03"


def test_a_bad_kind_is_refused(api, owner, token_for):
    response = api.get("/calendar/deadline", headers=token_for(owner), start="2026-02-27", days=1, kind="lunar")
    assert response.status_code == 422


def test_a_petition_registered_before_the_festival_gets_its_15_day_acceptance_clock(new_case):
    case = new_case(now=at(2026, 2, 5, 10, 0))
    assert case.accept_due.date() == date(2026, 2, 24)
    assert case.step == "accept" and case.warning == "normal"


def test_acceptance_starts_the_60_day_handling_clock(new_case, act, owner):
    case = new_case(now=at(2026, 8, 2, 9, 0))
    case = act(owner, case, "accept", now=at(2026, 8, 2, 10, 0))
    assert case.handle_due.date() == date(2026, 10, 8)


def test_a_hotline_complaint_gets_13_working_days(new_case, act, owner):
    case = new_case(channel="hotline", petition_class="", demand_type="complaint", now=at(2026, 9, 28, 9))
    case = act(owner, case, "accept", now=at(2026, 9, 28, 9, 30))
    # 09-29, 09-30, 10-08, 10-09, 10-10 (调休), 10-12…16, 10-19…21: the 13th working day is 10-21
    assert case.handle_due.date() == date(2026, 10, 21)


def test_suspension_pauses_the_clock(new_case, act, owner):
    case = act(owner, new_case(now=at(2026, 3, 2)), "accept", now=at(2026, 3, 2, 10))
    due = case.due_at
    act(owner, case, "suspend", now=at(2026, 3, 10, 10), reason="等待司法鉴定")
    case = act(owner, case, "resume", now=at(2026, 3, 20, 10))
    # 60 calendar days from 03-02 end on 05-01, a holiday, moved to 05-06; suspended on 03-10 with 57 days left
    # to 05-06, the clock restarts on 03-20: 03-20 + 57 = Saturday 05-16, which moves to Monday 05-18
    assert due.date() == date(2026, 5, 6) and case.due_at.date() == date(2026, 5, 18)
    assert case.state == "accepted"
