"""The issue's scripted scenario through the API, reusable by other tests (quotas compliance builds on it).

A county leader (1) holds a reception day: 3 visitors, 2 cases created, 1 matter solved on the spot;
(2) holds an on-site meeting: 4 problems, 1 solved on the spot, 3 assigned with deadlines; (3) makes a
two-day research trip flagged 四不两直; (4) gives a lecture to 120 people. All in one month.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

SCENARIO_TOWNSHIP = "350921101"  # 长春镇 (the leader's linked township in the fixtures)


@dataclass
class ScenarioResult:
    reception: dict
    onsite: dict
    trip: dict
    lecture: dict
    topic: dict
    case_ids: list[int] = field(default_factory=list)


def _ok(response, status: int = 201) -> dict:
    assert response.status_code == status, (response.status_code, response.content.decode())
    return response.json()


def run_scenario(api, headers: dict, *, leader_id: int, unit_ids: list[int], region_code: str = SCENARIO_TOWNSHIP,
                 reception_day: date = date(2026, 1, 15), onsite_day: date = date(2026, 1, 20),
                 trip_day: date = date(2026, 1, 22), lecture_day: date = date(2026, 1, 27)) -> ScenarioResult:
    """Run the four activities for ``leader_id`` through ``/api/v1/activities``; ``unit_ids`` are the units the
    on-site meeting assigns its problems to (cycled). ``api`` is the ``api`` fixture of tests/conftest.py."""
    reception = _ok(api.post("/activities/reception-days", {
        "region_code": region_code, "start_day": reception_day.isoformat(), "place": "长春镇信访接待室",
        "official_ids": [leader_id], "visitors": [
            {"visitor_name": "郑一", "description": "村道破损多年，雨天无法通行", "outcome": "case", "own": True},
            {"visitor_name": "吴二", "description": "工地拖欠工资三个月", "outcome": "case",
             "unit_id": unit_ids[0]},
            {"visitor_name": "王三", "description": "咨询低保申请条件", "outcome": "solved",
             "action_taken": "当场讲解低保政策并指导准备材料"},
        ]}, headers))
    onsite = _ok(api.post("/activities/onsite-meetings", {
        "title": "长春镇海产品加工园区现场办公", "region_code": region_code, "start_day": onsite_day.isoformat(),
        "place": "海产品加工园区", "target_name": "霞浦海产品加工园区", "official_ids": [leader_id],
        "problems": [
            {"description": "园区道路照明不足", "outcome": "solved", "action_taken": "现场协调供电所当日安装路灯"},
            *[{"description": text, "outcome": "case", "unit_id": unit_ids[i % len(unit_ids)],
               "due_date": date(onsite_day.year, onsite_day.month, 28 if i else 25).isoformat()}
              for i, text in enumerate(["园区排污管网未接通", "企业用工招聘难", "冷库用电报装慢"])],
        ]}, headers))
    topic = _ok(api.post("/activities/research-topics", {
        "title": "海上养殖综合整治调研", "leader_id": leader_id, "region_code": region_code,
        "year": trip_day.year}, headers))
    trip = _ok(api.post("/activities/research-trips", {
        "title": "海上养殖整治蹲点调研", "region_code": region_code, "start_day": trip_day.isoformat(), "days": 2,
        "place": "长春镇沿海各村", "official_ids": [leader_id], "topic_id": topic["id"], "people_met": 36,
        "four_not_two_direct": True}, headers))
    lecture = _ok(api.post("/activities/lectures", {
        "title": "宣讲惠民惠农政策", "region_code": region_code, "start_day": lecture_day.isoformat(),
        "place": "长春镇文化广场", "official_ids": [leader_id], "lecture_form": "forum", "team": "霞小宣宣讲队",
        "audience": 120}, headers))
    case_ids = [c["id"] for r in (reception, onsite, trip, lecture) for c in r["cases"]]
    return ScenarioResult(reception=reception, onsite=onsite, trip=trip, lecture=lecture, topic=topic,
                          case_ids=case_ids)
