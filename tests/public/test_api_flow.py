"""The issue's "must show" sequence through the API: submit anonymously, track with code + phone, the desk
replies, the petitioner rates once, the 三率 of the unit and period move, the outbox told the petitioner."""

from __future__ import annotations

import time_machine

from sixia.cases.models import Case, CaseEvent, OutboundMessage, ReturnVisit
from sixia.core.models import AuditEntry

from .conftest import PHONE, at


@time_machine.travel(at(2026, 3, 2, 10), tick=False)
def test_submit_track_reply_rate_and_the_rates_move(api, client, owner, units, token_for, submission,
                                                    reply_as_desk, huey_now):
    with huey_now():
        created = api.post("/public/cases", submission)
    assert created.status_code == 201, created.content
    code = created.json()["code"]
    case = Case.objects.get(tracking_no=code)
    assert (case.channel, case.track, case.state, case.region_id) == ("online", "petition", "registered", "350921101")
    assert "地点：长春镇文化路12号" in case.content
    register = case.events.get(action="register")
    assert register.actor_name == "群众（网上）" and register.data["client"] == "127.0.0.1"
    assert AuditEntry.objects.filter(object_type="cases.case", object_id=str(case.pk), ip="127.0.0.1").exists()

    seen = api.get(f"/public/cases/{code}", phone=PHONE)
    assert seen.status_code == 200, seen.content
    body = seen.json()
    assert body["state"] == "registered" and body["accept_due"] and body["can_rate"] is False
    assert [e["label"] for e in body["timeline"]] == ["登记"]

    wrong_phone = api.get(f"/public/cases/{code}", phone="13900009999")
    unknown_code = api.get("/public/cases/350921-260302-0099-ABC", phone=PHONE)
    assert wrong_phone.status_code == unknown_code.status_code == 404
    assert wrong_phone.content == unknown_code.content
    assert api.get(f"/public/cases/{code}").content == wrong_phone.content  # no phone at all: the same

    desk = token_for(owner)
    period = {"period": "2026-03", "unit": units["housing"].pk}
    before = api.get("/rates", headers=desk, **period).json()
    assert api.post(f"/public/cases/{code}/rating", {"phone": PHONE, "satisfaction": "satisfied"}).status_code == 409

    with huey_now():
        reply_as_desk(case.pk)
    body = api.get(f"/public/cases/{code}", phone=PHONE).json()
    assert body["state"] == "replied" and body["reply"] == "路灯已于3月3日修复。" and body["outcome"] == "予以支持"
    assert body["can_rate"] is True and "答复" in [e["label"] for e in body["timeline"]]
    assert not any(e["unit"] == "" and e["label"] == "告知短信已发送" for e in body["timeline"])  # internal

    wrong = api.post(f"/public/cases/{code}/rating", {"phone": "13900009999", "satisfaction": "satisfied"})
    assert wrong.status_code == 404 and wrong.content == unknown_code.content
    rated = api.post(f"/public/cases/{code}/rating", {"phone": PHONE, "satisfaction": "basically",
                                                     "comment": "修得还算及时", "resolved": True})
    assert rated.status_code == 200, rated.content
    assert rated.json() == {"satisfaction": "basically", "objection": None}
    again = api.post(f"/public/cases/{code}/rating", {"phone": PHONE, "satisfaction": "satisfied"})
    assert again.status_code == 409 and again.json()["code"] == "already_rated"

    visit = ReturnVisit.objects.get(case=case)
    assert (visit.method, visit.contacted, visit.resolved, visit.satisfaction, visit.by, visit.unit) == (
        "web", True, True, "basically", None, units["housing"])
    after = api.get("/rates", headers=desk, **period).json()
    assert after != before
    assert (before["valid"], before["score"]) == (0, 0)
    assert (after["valid"], after["contacted"], after["resolved"], after["basically"]) == (1, 1, 1, 1)
    assert after["satisfaction_rate"] == 0.9 and after["score"] > 0  # 基本满意 counts 0.9 by the default formula

    messages = OutboundMessage.objects.filter(case=case).order_by("id")
    assert [(m.kind, m.status, m.phone_masked) for m in messages] == [
        ("accepted", "sent", "139****2222"), ("replied", "sent", "139****2222"),
        ("return_visit", "pending", "139****2222")]  # the rating is a return visit: its notice is queued
    assert CaseEvent.objects.filter(case=case, action="notice_sent").count() == 2
    assert PHONE not in str(list(CaseEvent.objects.filter(case=case).values_list("data", flat=True)))


@time_machine.travel(at(2026, 3, 2, 10), tick=False)
def test_dissatisfied_tells_the_review_path_and_its_deadline(api, submission, reply_as_desk, units):
    code = api.post("/public/cases", submission).json()["code"]
    units["housing"].parent = units["county_gov"]
    units["housing"].save()
    reply_as_desk(Case.objects.get(tracking_no=code).pk, outcome="not_supported")
    rated = api.post(f"/public/cases/{code}/rating", {"phone": PHONE, "satisfaction": "dissatisfied",
                                                     "comment": "没有解决"})
    assert rated.status_code == 200, rated.content
    objection = rated.json()["objection"]
    assert objection["path"] == "review" and objection["organ"] == "霞浦县人民政府"
    assert objection["due"].startswith("2026-04-01")  # 30 days from the reply served today (2 March)
    shown = api.get(f"/public/cases/{code}", phone=PHONE).json()
    assert shown["rating"] == "不满意" and shown["objection"]["path"] == "review"


@time_machine.travel(at(2026, 3, 2, 10), tick=False)
def test_the_hotline_track_by_configuration_has_no_review_unless_configured(api, submission, reply_as_desk,
                                                                            settings):
    from sixia.cases.models import CaseSettings

    settings.SIXIA_PUBLIC_CHANNEL = "hotline"
    codes = []
    for _ in range(2):
        code = api.post("/public/cases", submission).json()["code"]
        case = Case.objects.get(tracking_no=code)
        assert (case.channel, case.track) == ("hotline", "hotline")
        reply_as_desk(case.pk, outcome="not_supported")
        codes.append(code)
    rated = api.post(f"/public/cases/{codes[0]}/rating", {"phone": PHONE, "satisfaction": "dissatisfied"})
    assert rated.status_code == 200 and rated.json()["objection"] is None  # 12345: no 复查 by default
    conf = CaseSettings.current()
    conf.hotline_reviews = True
    conf.save()
    rated = api.post(f"/public/cases/{codes[1]}/rating", {"phone": PHONE, "satisfaction": "dissatisfied"})
    assert rated.status_code == 200 and rated.json()["objection"]["path"] == "review"


def test_bad_inputs_are_refused_with_nothing_written(api, regions, submission):
    cases = [
        ({"phone": "12345"}, 422, "phone"),
        ({"region": "不存在的镇"}, 422, "region"),
        ({"text": "x" * 2001}, 422, None),
        ({"text": "含有\x00空字符"}, 422, "text"),
        ({"name": "\ud800"}, 422, None),  # a lone surrogate: the JSON parser refuses it already
        ({"text": "   "}, 422, "text"),
        ({"id_number": "350921198501011239"}, 422, None),
        ({"category": "no.such"}, 422, "category"),
    ]
    for change, status, field in cases:
        answer = api.post("/public/cases", submission | change)
        assert answer.status_code == status, (change, answer.content)
        if field:
            assert answer.json().get("field") == field, (change, answer.json())
    assert not Case.objects.exists()


def test_text_never_becomes_a_formula(api, regions, submission):
    code = api.post("/public/cases", submission | {"text": "=HYPERLINK(\"http://x\")", "name": "@林"}).json()["code"]
    case = Case.objects.get(tracking_no=code)
    assert case.content.startswith("'=") and case.title.startswith("'=")
    assert case.petitioners.get().person.name == "'@林"


def test_the_service_refuses_nul_and_lone_surrogates_whatever_face_calls_it(regions, submission):
    import pytest

    from sixia.core.errors import InvalidInput
    from sixia.public.services import submit_case

    for change in ({"name": "林\ud800"}, {"text": "a\x00b"}, {"location": "x" * 201}):
        with pytest.raises(InvalidInput):
            submit_case(**(submission | change))
    assert not Case.objects.exists()


@time_machine.travel(at(2026, 3, 2, 10), tick=False)
def test_tracking_costs_a_bounded_number_of_statements(api, submission, reply_as_desk, django_assert_max_num_queries):
    code = api.post("/public/cases", submission).json()["code"]
    reply_as_desk(Case.objects.get(tracking_no=code).pk)
    with django_assert_max_num_queries(5):  # measured 4: case, its petitioners, the rating, the public events
        assert api.get(f"/public/cases/{code}", phone=PHONE).status_code == 200
    with django_assert_max_num_queries(2):  # an unknown code: the same two look-ups as a wrong phone, nothing more
        assert api.get("/public/cases/350921-260302-0099-ABC", phone=PHONE).status_code == 404
