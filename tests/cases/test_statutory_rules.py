"""The statutory rules of issue 11 item 4 (信访工作条例 2022), through the services and the API:

a. 复查 by the organ above the handling organ, 复核 above that; the handling organ never decides its own (35, 36)
b. the 复查 window counts from the day the reply was served, not from when it was typed in (35)
c. extensions count from the original deadline, approved by the organ's head only, approver recorded by id (34)
d. suspension carries the remaining days over in the clock's own unit; possible during a 复核 (36)
f. 检举控告 are seen by the desk and the discipline organ only, never by the unit accused, and go to it (30, 46)
h. the petitioner is told through an SMS outbox: enqueued with the action, sent by the task, on the timeline

Every moment is given explicitly (``now=``), so the tests hold on any date.
"""

from __future__ import annotations

from datetime import date

import pytest

from sixia.cases import deadlines
from sixia.cases.models import Case, CaseEvent, MessageTemplate, OutboundMessage
from sixia.cases.services import notices
from sixia.core.errors import Conflict, Forbidden, InvalidInput

from .conftest import at

pytestmark = pytest.mark.django_db
START = at(2026, 3, 2, 9)


@pytest.fixture
def walk(new_case, act, owner, colleague, units):
    """A petition registered on 2026-03-02, accepted, assigned to the housing bureau and signed for."""

    def make(**overrides):
        case = new_case(now=START, **overrides)
        act(owner, case, "accept", now=at(2026, 3, 2, 10))
        act(owner, case, "assign", now=at(2026, 3, 2, 11), unit_id=units["housing"].pk)
        return act(colleague, case, "sign", now=at(2026, 3, 3, 9))

    return make


@pytest.fixture
def county_reviewer(make_user, units):
    """A handler of the county government, the housing bureau's parent unit (the 复查 organ by default)."""
    from sixia.org.models import Unit

    Unit.objects.filter(pk=units["housing"].pk).update(parent=units["county_gov"])
    return make_user("reviewer", ["handler"], "350921", units["county_gov"])


# ---- a. who decides the 复查 and the 复核 (条例第35、36条) ---------------------------------------------------------

def test_it_records_the_parent_unit_as_the_review_organ_and_bars_the_handling_unit(
        walk, act, owner, colleague, county_reviewer, make_user, units):
    case = act(colleague, walk(), "reply", now=at(2026, 3, 20, 9), outcome="explained", text="已解释")
    case = act(owner, case, "request_review", now=at(2026, 3, 25, 9))
    assert case.review_unit == units["county_gov"]
    with pytest.raises(Forbidden) as refused:  # the housing bureau handled it: never its own 复查
        act(colleague, case, "reply_review", now=at(2026, 3, 26, 9), outcome="supported", text="改正")
    assert refused.value.code == "not_permitted"
    housing_desk = make_user("housing_desk", ["dispatcher"], "350921", units["housing"])
    with pytest.raises(Forbidden) as refused:  # not even with the desk's role
        act(housing_desk, case, "reply_review", now=at(2026, 3, 26, 9), outcome="supported", text="改正")
    assert refused.value.code == "own_review"
    case = act(county_reviewer, case, "reply_review", now=at(2026, 3, 27, 9), outcome="not_supported", text="维持")
    assert case.state == "reviewed"


def test_the_re_review_organ_sits_above_the_review_organ(walk, act, owner, colleague, county_reviewer, units):
    case = act(colleague, walk(), "reply", now=at(2026, 3, 20, 9), outcome="explained", text="已解释")
    case = act(owner, case, "request_review", now=at(2026, 3, 25, 9), review_unit_id=units["county_gov"].pk)
    case = act(county_reviewer, case, "reply_review", now=at(2026, 3, 27, 9), outcome="not_supported", text="维持")
    with pytest.raises(InvalidInput) as refused:  # the 复查 organ may not be named as the 复核 organ
        act(owner, case, "request_re_review", now=at(2026, 3, 30, 9), re_review_unit_id=units["county_gov"].pk)
    assert refused.value.code == "own_review_unit"
    case = act(owner, case, "request_re_review", now=at(2026, 3, 30, 9), re_review_unit_id=units["township"].pk)
    assert case.re_review_unit == units["township"]
    with pytest.raises(Forbidden):
        act(county_reviewer, case, "reply_re_review", now=at(2026, 4, 1, 9), outcome="supported", text="x")


def test_the_handling_unit_cannot_be_named_its_own_review_organ(walk, act, owner, colleague, units):
    case = act(colleague, walk(), "reply", now=at(2026, 3, 20, 9), outcome="explained", text="已解释")
    with pytest.raises(InvalidInput) as refused:
        act(owner, case, "request_review", now=at(2026, 3, 25, 9), review_unit_id=units["housing"].pk)
    assert refused.value.code == "own_review_unit"
    assert Case.objects.get(pk=case.pk).state == "replied"


# ---- b. the 复查 window runs from the day the reply was served (条例第35条) ----------------------------------------

def test_the_review_window_counts_from_the_day_the_reply_was_served(walk, act, owner, colleague):
    # typed in on 04-20, handed to the petitioner on 03-20: 30 days from 03-20 end on 04-19
    case = act(colleague, walk(), "reply", now=at(2026, 4, 20, 9), outcome="explained", text="已解释",
               served_on="2026-03-20")
    assert deadlines.local_date(case.reply_served_at) == date(2026, 3, 20)
    with pytest.raises(Conflict) as refused:
        act(owner, case, "request_review", now=at(2026, 4, 21, 9))
    assert refused.value.code == "review_window_passed"


def test_the_service_date_defaults_to_the_reply_date(walk, act, owner, colleague):
    case = act(colleague, walk(), "reply", now=at(2026, 3, 20, 9), outcome="explained", text="已解释")
    assert deadlines.local_date(case.reply_served_at) == date(2026, 3, 20)
    with pytest.raises(Conflict):  # 30 days from 03-20 end on Sunday 04-19, moved to Monday 04-20
        act(owner, case, "request_review", now=at(2026, 4, 21, 9))
    assert act(owner, case, "request_review", now=at(2026, 4, 20, 9)).state == "review_requested"


def test_a_service_date_in_the_future_or_before_registration_is_refused(walk, act, colleague):
    case = walk()
    for bad in ("2026-03-21", "2026-03-01", "2026-13-01"):
        with pytest.raises(InvalidInput):
            act(colleague, case, "reply", now=at(2026, 3, 20, 9), outcome="explained", text="x", served_on=bad)


# ---- c. extensions (条例第34条) -------------------------------------------------------------------------------------

def test_only_the_head_extends_and_is_recorded_by_id(walk, act, owner, head):
    case = walk()
    with pytest.raises(Forbidden):
        act(owner, case, "extend", now=at(2026, 4, 1, 9), days=10, reason="需会商")
    case = act(head, case, "extend", now=at(2026, 4, 1, 9), days=10, reason="需会商")
    event = CaseEvent.objects.filter(case=case, action="extend").get()
    assert event.actor == head and event.data["approver_id"] == head.pk and event.data["approver"] == "head"


def test_extensions_count_from_the_original_deadline(walk, act, head):
    one, two = walk(), walk()
    original = one.handle_due
    assert original.date() == date(2026, 5, 6)  # 60 days from 03-02 end on 05-01, a holiday: moved to 05-06
    one = act(head, one, "extend", now=at(2026, 4, 1, 9), days=30, reason="复杂")
    two = act(head, two, "extend", now=at(2026, 4, 1, 9), days=10, reason="复杂")
    two = act(head, two, "extend", now=at(2026, 5, 2, 9), days=20, reason="仍复杂")  # approved later: same result
    assert one.handle_due == two.handle_due == deadlines.add(original, 30, "calendar")
    assert one.handle_due.date() == date(2026, 6, 5) and two.extension_base == original
    with pytest.raises(InvalidInput):
        act(head, two, "extend", now=at(2026, 5, 3, 9), days=1, reason="超限")  # 30 days in all at most


# ---- d. suspension in the clock's own unit; during a 复核 (条例第36条) ------------------------------------------

def test_a_working_day_clock_resumes_with_its_remaining_working_days(new_case, act, owner):
    case = new_case(channel="hotline", petition_class="", demand_type="complaint", now=START)
    case = act(owner, case, "accept", now=at(2026, 3, 2, 9, 30))
    assert case.due_at.date() == date(2026, 3, 19)  # 13 working days
    act(owner, case, "suspend", now=at(2026, 3, 9, 10), reason="等待鉴定")  # 8 working days left: 10…13, 16…19
    case = act(owner, case, "resume", now=at(2026, 3, 20, 10))
    assert case.due_at.date() == date(2026, 4, 1) and case.handle_due == case.due_at  # 23…27, 30, 31, 04-01
    assert case.state == "accepted" and case.warning == "normal"


def test_a_case_can_be_suspended_during_its_re_review_hearing(walk, act, owner, colleague, county_reviewer, units):
    case = act(colleague, walk(), "reply", now=at(2026, 3, 20, 9), outcome="explained", text="已解释")
    case = act(owner, case, "request_review", now=at(2026, 3, 25, 9))
    case = act(county_reviewer, case, "reply_review", now=at(2026, 3, 27, 9), outcome="not_supported", text="维持")
    case = act(owner, case, "request_re_review", now=at(2026, 3, 30, 9), re_review_unit_id=units["township"].pk)
    due = case.due_at  # 30 days from 03-30: 04-29
    act(owner, case, "suspend", now=at(2026, 4, 9, 9), reason="复核听证")
    case = act(owner, case, "resume", now=at(2026, 4, 16, 9))
    assert case.state == "re_review_requested"
    assert due.date() == date(2026, 4, 29) and case.due_at.date() == date(2026, 5, 6)  # 20 days left from 04-16


# ---- f. 检举控告 (条例第30条第3款、第46条) ------------------------------------------------------------------------------

@pytest.fixture
def discipline_unit(db, units):
    from sixia.org.models import Unit
    from sixia.org.services import create_unit

    return create_unit(actor=None, name="霞浦县纪委监委", kind=Unit.Kind.SUPERVISION, region_code="350921")


def test_an_accusation_is_seen_by_the_desk_and_the_discipline_organ_only(
        new_case, owner, make_user, units, discipline_unit):
    from sixia.cases import selectors

    case = new_case(petition_class="accusation", respondent_unit_id=units["housing"].pk, now=START)
    plain = new_case(now=START)
    leader = make_user("leader", ["leader"], "350921", units["county_gov"])
    inspector = make_user("inspector", ["discipline"], "350921", discipline_unit)
    accused_desk = make_user("accused_desk", ["dispatcher"], "350921", units["housing"])
    assert set(selectors.visible_cases(owner)) == {case, plain}
    assert set(selectors.visible_cases(inspector)) == {case}
    assert set(selectors.visible_cases(leader)) == {plain}
    assert set(selectors.visible_cases(accused_desk)) == {plain}  # the accused unit, even at the desk


def test_an_accusation_goes_to_the_discipline_organ_never_to_the_accused(
        new_case, act, owner, units, discipline_unit):
    case = act(owner, new_case(petition_class="accusation", respondent_unit_id=units["housing"].pk, now=START),
               "accept", now=at(2026, 3, 2, 10))
    for unit, code in ((units["housing"], "accused_unit"), (units["township"], "accusation_to_discipline")):
        with pytest.raises(InvalidInput) as refused:
            act(owner, case, "assign", now=at(2026, 3, 2, 11), unit_id=unit.pk)
        assert refused.value.code == code
    assert act(owner, case, "assign", now=at(2026, 3, 2, 11), unit_id=discipline_unit.pk).responsible_unit == \
        discipline_unit


def test_the_api_lists_no_accusation_to_a_leader(api, token_for, new_case, make_user, units):
    case = new_case(petition_class="accusation", now=START)
    leader = make_user("leader", ["leader"], "350921", units["county_gov"])
    listed = api.get("/cases", headers=token_for(leader)).json()["items"]
    assert case.pk not in [row["id"] for row in listed]
    assert api.get(f"/cases/{case.pk}", headers=token_for(leader)).status_code == 404


# ---- h. the outbox (条例第23、34条) -----------------------------------------------------------------------------------

class BrokenGateway:
    def send(self, phone: str, text: str) -> None:
        raise ConnectionError("gateway down")


def test_acceptance_queues_a_sealed_message_and_the_task_sends_it(new_case, act, owner):
    from sixia.cases.notifications import LogSmsGateway

    case = act(owner, new_case(now=START), "accept", now=at(2026, 3, 2, 10))
    message = OutboundMessage.objects.get(case=case)
    assert (message.kind, message.status, message.attempts) == ("accepted", "pending", 0)
    assert message.phone_masked == "139****1111" and "13900001111" not in message.phone_token
    assert case.tracking_no in message.text and "已受理" in message.text
    event = CaseEvent.objects.get(case=case, action="accept")
    assert event.data["notified"] == "139****1111" and "petitioner_informed" not in event.data
    LogSmsGateway.sent.clear()
    assert notices.send_one(message.pk, now=at(2026, 3, 2, 10, 1)) == "sent"
    assert LogSmsGateway.sent == [("139****1111", message.text)]
    message.refresh_from_db()
    assert (message.status, message.attempts, message.sent_at) == ("sent", 1, at(2026, 3, 2, 10, 1))
    assert notices.send_one(message.pk) == "sent" and LogSmsGateway.sent[1:] == []  # never twice
    sent = CaseEvent.objects.get(case=case, action="notice_sent")
    assert sent.reason == message.text and sent.data["phone"] == "139****1111"


def test_a_failing_gateway_is_retried_then_marked_failed_on_the_timeline(new_case, act, owner, settings):
    from sixia.cases.models import CaseSettings

    settings.SIXIA_SMS_GATEWAY = f"{__name__}.BrokenGateway"
    conf = CaseSettings.current()
    conf.sms_max_attempts = 2
    conf.save()
    case = act(owner, new_case(now=START), "reject", now=at(2026, 3, 2, 10), reason="不属于信访事项")
    message = OutboundMessage.objects.get(case=case, kind="not_accepted")
    assert "不属于信访事项" in message.text
    with pytest.raises(notices.SendFailed):
        notices.send_one(message.pk)
    message.refresh_from_db()
    assert (message.status, message.attempts, message.last_error) == ("pending", 1, "ConnectionError: gateway down")
    assert notices.send_pending() == {"failed": 1}
    message.refresh_from_db()
    assert (message.status, message.attempts) == ("failed", 2)
    assert CaseEvent.objects.get(case=case, action="notice_failed").data["attempts"] == 2


def test_the_extension_reason_is_told_and_templates_are_data(walk, act, head):
    MessageTemplate.objects.create(kind="extended", region_prefix="3509", text="{tracking_no} 延期{days}日：{reason}")
    case = act(head, walk(), "extend", now=at(2026, 4, 1, 9), days=10, reason="需多部门会商")
    message = OutboundMessage.objects.get(case=case, kind="extended")
    assert message.text == f"{case.tracking_no} 延期10日：需多部门会商"


def test_a_refused_action_queues_nothing(new_case, act, owner):
    case = new_case(now=START)
    with pytest.raises(InvalidInput):
        act(owner, case, "reject", now=at(2026, 3, 2, 10), reason="")
    assert not OutboundMessage.objects.filter(case=case).exists()


# ---- e. the same person and the same matter after 终结 (条例第36条第3款、第19条第3款) ------------------------------

def test_the_same_matter_of_the_same_person_after_finalization_is_flagged_at_intake(
        walk, act, owner, colleague, api, token_for, case_payload, client):
    import time_machine

    case = act(colleague, walk(), "reply", now=at(2026, 3, 20, 9), outcome="explained", text="已解释")
    for moment, action, args in ((at(2026, 3, 25, 9), "request_review", {}),
                                 (at(2026, 3, 27, 9), "reply_review", {"outcome": "not_supported", "text": "维持"}),
                                 (at(2026, 3, 30, 9), "request_re_review", {}),
                                 (at(2026, 4, 1, 9), "reply_re_review", {"outcome": "not_supported", "text": "维持"}),
                                 (at(2026, 4, 2, 9), "finalize", {"reason": "复核终结"})):
        case = act(owner, case, action, now=moment, **args)
    assert case.state == "finalized"
    with time_machine.travel(at(2026, 5, 6, 9), tick=False):
        created = api.post("/cases", case_payload, headers=token_for(owner))
        assert created.status_code == 201
        warnings = [w for w in created.json()["warnings"] if w["code"] == "finalized_repeat"]
        assert [(w["code"], w["tracking_no"]) for w in warnings] == [("finalized_repeat", case.tracking_no)]
        assert "第36条第3款" in warnings[0]["message"]
        found = api.post("/insight/repeats", case_payload, headers=token_for(owner)).json()
        assert found["flags"]["finalized_repeat"] is True
        other = api.post("/cases", case_payload | {"petitioners": [{"name": "王五", "phone": "13700002222"}]},
                         headers=token_for(owner))
        assert [w["code"] for w in other.json()["warnings"]] == ["possible_duplicate"]  # same text, within the hour:
        # no finalized_repeat though — another person is not the same petitioner


# ---- g. 12345: consultations answered on the spot, urgency classes, 复查/复核 only when configured -----------------

HOTLINE = {"channel": "hotline", "petition_class": ""}


def test_the_desk_answers_a_consultation_on_the_spot_and_closes_it(new_case, act, owner):
    case = new_case(demand_type="consult", now=START, **HOTLINE)
    with pytest.raises(InvalidInput):
        act(owner, case, "answer", now=at(2026, 3, 2, 9, 5), text=" ")
    case = act(owner, case, "answer", now=at(2026, 3, 2, 9, 5), text="社保卡可在镇便民服务中心补办。")
    assert (case.state, case.outcome, case.due_at) == ("closed", "explained", None)
    message = OutboundMessage.objects.get(case=case)
    assert message.kind == "consult_answered" and "社保卡可在镇便民服务中心补办" in message.text
    complaint = new_case(demand_type="complaint", now=START, **HOTLINE)
    with pytest.raises(Conflict):
        act(owner, complaint, "answer", now=at(2026, 3, 2, 9, 5), text="x")


@pytest.mark.parametrize(("urgency", "due"), [("emergency", at(2026, 3, 2, 12)),
                                              ("urgent", at(2026, 3, 3, 10)),
                                              ("complex", at(2026, 3, 17, 23, 59, 59)),
                                              ("", at(2026, 3, 19, 23, 59, 59))])  # a complaint: 13 working days
def test_urgency_classes_have_their_own_seeded_limits(new_case, act, owner, urgency, due):
    case = new_case(demand_type="complaint", urgency=urgency, now=START, **HOTLINE)
    case = act(owner, case, "accept", now=at(2026, 3, 2, 10))
    assert case.handle_due == due and case.urgency == urgency


def test_an_unknown_urgency_is_refused(new_case):
    with pytest.raises(InvalidInput) as refused:
        new_case(demand_type="complaint", urgency="yesterday", now=START, **HOTLINE)
    assert refused.value.field == "urgency"


def test_hotline_orders_get_no_review_unless_configured(new_case, act, owner, units):
    from sixia.cases.models import CaseSettings

    case = new_case(demand_type="complaint", now=START, **HOTLINE)
    for moment, action, args in ((at(2026, 3, 2, 10), "accept", {}),
                                 (at(2026, 3, 2, 11), "assign", {"unit_id": units["housing"].pk})):
        case = act(owner, case, action, now=moment, **args)
    Case.objects.filter(pk=case.pk).update(state="closed", replied_at=at(2026, 3, 5, 9),
                                           reply_served_at=at(2026, 3, 5, 9))
    with pytest.raises(Conflict):
        act(owner, case, "request_review", now=at(2026, 3, 6, 9))
    conf = CaseSettings.current()
    conf.hotline_reviews = True
    conf.save()
    assert act(owner, case, "request_review", now=at(2026, 3, 6, 9)).state == "review_requested"


def test_the_case_page_shows_what_was_sent_and_whether_it_arrived(new_case, act, owner, client):
    from django.urls import reverse

    case = act(owner, new_case(now=START), "accept", now=at(2026, 3, 2, 10))
    message = OutboundMessage.objects.get(case=case)
    notices.send_one(message.pk, now=at(2026, 3, 2, 10, 1))
    client.force_login(owner)
    body = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert "告知短信已发送" in body and "受理告知" in body and "139****1111" in body and message.text in body
    assert "13900001111" not in body


def test_the_committed_action_hands_its_messages_to_the_huey_task(new_case, act, owner,
                                                                   django_capture_on_commit_callbacks):
    from huey.contrib.djhuey import HUEY

    was = HUEY.immediate
    HUEY.immediate = True  # run the task in-process, as SIXIA_HUEY_IMMEDIATE does
    try:
        with django_capture_on_commit_callbacks(execute=True):
            case = act(owner, new_case(now=START), "accept", now=at(2026, 3, 2, 10))
    finally:
        HUEY.immediate = was
    message = OutboundMessage.objects.get(case=case)
    assert (message.status, message.attempts) == ("sent", 1)
    assert CaseEvent.objects.filter(case=case, action="notice_sent").count() == 1


def test_the_intake_page_records_the_accused_unit_and_its_urgency(client, owner, units):
    from django.urls import reverse

    from .test_pages_views import intake_data

    client.force_login(owner)
    body = client.get(reverse("cases:intake")).content.decode()
    assert "被检举控告单位" in body and "紧急程度" in body
    r = client.post(reverse("cases:intake"), intake_data(
        petition_class="accusation", respondent_unit_id=str(units["housing"].pk), title="检举某局干部"))
    assert r.status_code == 302
    case = Case.objects.get(title="检举某局干部")
    assert case.respondent_unit == units["housing"] and case.respondent == "霞浦县住建局"
