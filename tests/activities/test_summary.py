"""Summary sentences of a reception day and of a period, generated from the records, and the follow-up."""

from __future__ import annotations

from datetime import date

from sixia.activities import rules
from sixia.activities.rules import ReceptionTally


def test_the_1988_sentence():
    t = ReceptionTally(days=1, leaders=9, received=102, accepted=86, solved=12, cases=74, open_cases=74)
    assert rules.day_sentence(t, 30) == "接待群众102名，受理问题86件，其中12件当场解决，其余限期一个月内办结"


def test_sentences_for_other_shapes():
    all_solved = ReceptionTally(1, 1, 5, 2, 2, 0, 0)
    assert rules.day_sentence(all_solved) == "接待群众5名，受理问题2件，其中2件当场解决"
    assert rules.day_sentence(ReceptionTally(1, 1, 0, 0, 0, 0, 0)) == "接待群众0名，受理问题0件"
    assert rules.day_sentence(ReceptionTally(1, 1, 4, 3, 0, 3, 3), 15).endswith("其余限期15天内办结")
    assert rules.day_sentence(ReceptionTally(1, 1, 4, 3, 0, 3, 3), 60).endswith("其余限期二个月内办结")
    assert rules.followup_sentence(ReceptionTally(1, 1, 4, 3, 0, 3, 0)) == "转办的3件已全部办结"
    assert rules.period_sentence("2026年2月", ReceptionTally(0, 0, 0, 0, 0, 0, 0)) == "2026年2月未举办领导接待日"


def _visitors(n_case: int, n_solved: int, headcount: int = 1) -> list[dict]:
    return ([{"visitor_name": f"来访{i}", "description": f"反映问题{i}", "headcount": headcount}
             for i in range(n_case)]
            + [{"visitor_name": f"咨询{i}", "description": f"咨询{i}", "outcome": "solved", "action_taken": "当场答复"}
               for i in range(n_solved)])


def test_a_day_and_a_period_from_the_records(api, headers, county_leader, township_leader, owner, units):
    from sixia.cases.models import Case
    from sixia.cases.services import perform_action

    first = api.post("/activities/reception-days", {
        "region_code": "350921101", "start_day": "2026-01-15", "official_ids": [county_leader.pk],
        "visitors": _visitors(2, 1, headcount=3)}, headers).json()
    assert first["summary"] == "接待群众7名，受理问题3件，其中1件当场解决，其余限期一个月内办结"
    second = api.post("/activities/reception-days", {
        "region_code": "350921", "start_day": "2026-02-24", "official_ids": [county_leader.pk, township_leader.pk],
        "visitors": _visitors(1, 2)}, headers).json()
    # a walk-in added later on the same day changes the day's summary
    more = api.post(f"/activities/reception-days/{second['id']}/visitors",
                    {"visitors": [{"visitor_name": "补登", "description": "宅基地纠纷", "explained": True,
                                   "outcome": "explained", "action_taken": "解释政策"}]}, headers)
    assert more.status_code == 201 and more.json()["cases"] == []
    assert more.json()["summary"] == "接待群众4名，受理问题3件，其中2件当场解决，其余限期一个月内办结"

    period = api.get("/activities/reception-summary", headers, start="2026-01-01", end="2026-03-31").json()
    assert period["sentence"] == ("2026年1月1日至2026年3月31日共举办领导接待日2次，领导干部接访3人次，"
                                  "接待群众11名，受理问题6件，其中3件当场解决，其余限期一个月内办结；"
                                  "转办的3件中已办结0件，尚有3件在办")

    # follow-up: close the first day's cases one by one until the day is done
    for ref in first["cases"]:
        case = Case.objects.get(pk=ref["id"])
        for action, args in [("accept", {}), ("assign", {"unit_id": units["housing"].pk})]:
            case = perform_action(actor=owner, case=case, action=action, args=args)
        case = perform_action(actor=None, case=case, action="sign", args={})
        case = perform_action(actor=None, case=case, action="reply", args={"outcome": "supported", "text": "已修复"})
        assert api.get(f"/activities/reception-days/{first['id']}", headers).json()["all_closed"] is False
        perform_action(actor=owner, case=case, action="close", args={})
    done = api.get(f"/activities/reception-days/{first['id']}", headers).json()
    assert done["followup"] == "转办的2件已全部办结" and done["all_closed"] is True


def test_planned_days_do_not_count(county_leader, owner):
    from sixia.activities import selectors, services

    services.record_activity(actor=owner, kind="reception", title="3月领导接待日", region_code="350921",
                             start_day=date(2026, 3, 16), official_ids=[county_leader.pk], status="planned")
    summary = selectors.period_summary(owner, date(2026, 3, 1), date(2026, 3, 31), label="2026年3月")
    assert summary["sentence"] == "2026年3月未举办领导接待日"
    assert selectors.participations(None, date(2026, 3, 1), date(2026, 3, 31)) == []
