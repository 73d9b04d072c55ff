"""The 包案 and 督办 desks through the API: the issue's sequence with demo-like users (a dispatcher, the leader
with his official, a supervisor of 督查室, the handler of the responsible unit), then the refusals — 403 without
the right or for a leader who does not own the case, 404 outside the jurisdiction, 409 for a sign-off while the
case is open — each with nothing written."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from sixia.cases.models import Case, CaseEvent, LeaderNote, Notification, Supervision, SupervisionLevel
from sixia.org.models import Official
from tests.conftest import COUNTY


@pytest.fixture
def desk_users(make_user, units):
    official = Official.objects.create(name="陈建华", unit=units["county_gov"], rank="county", is_leader=True,
                                       title="县委副书记")
    other = Official.objects.create(name="林志强", unit=units["county_gov"], rank="county", is_leader=True,
                                    title="副县长")
    return {
        "dispatcher": make_user("desk", ["dispatcher"], COUNTY, units["county_gov"]),
        "leader": make_user("lead", ["leader"], COUNTY, units["county_gov"], official=official),
        "other_leader": make_user("lead2", ["leader"], COUNTY, units["county_gov"], official=other),
        "supervisor": make_user("sup", ["supervisor"], COUNTY, units["county_gov"]),
        "official": official, "other_official": other,
    }


def reply_by(days: int = 5) -> str:
    return (timezone.localdate() + timedelta(days=days)).isoformat()


def written() -> dict[str, int]:
    return {"events": CaseEvent.objects.count(), "notes": LeaderNote.objects.count(),
            "supervisions": Supervision.objects.count(), "notifications": Notification.objects.count(),
            "versions": sum(Case.objects.values_list("version", flat=True))}


def test_the_issue_sequence(api, token_for, desk_users, handling_case, colleague, units):
    case, official = handling_case, desk_users["official"]
    desk, leader, sup = (token_for(desk_users[k]) for k in ("dispatcher", "leader", "supervisor"))

    answer = api.post(f"/cases/{case.pk}/actions/set_leader", {"official_id": official.pk, "reason": "重点信访事项"}, desk)
    assert answer.status_code == 200, answer.content
    assert answer.json()["owner_leader"] == "陈建华" and answer.json()["state"] == "handling"

    answer = api.post(f"/cases/{case.pk}/actions/leader_note", {"text": "已约见信访人，掌握情况"}, leader)
    assert answer.status_code == 200, answer.content
    assert "leader_note" in answer.json()["side_actions"] and "leader_signoff" not in answer.json()["side_actions"]

    before = written()
    answer = api.post(f"/cases/{case.pk}/actions/leader_signoff", {"text": "销号"}, leader)
    assert answer.status_code == 409 and answer.json()["code"] == "not_closed"
    assert written() == before

    listed = api.get(f"/leaders/{official.pk}/cases", leader)
    assert listed.status_code == 200
    [row] = listed.json()
    assert row["tracking_no"] == case.tracking_no and row["last_note"] == "已约见信访人，掌握情况"
    assert row["signed_off_at"] is None and row["state"] == "handling"

    answer = api.post(f"/cases/{case.pk}/actions/supervise", {"reason": "群众反映强烈，请加快办理", "reply_by": reply_by()}, sup)
    assert answer.status_code == 200, answer.content
    assert answer.json()["supervision_level"] == SupervisionLevel.SUPERVISE
    timeline = api.get(f"/cases/{case.pk}/timeline", sup).json()
    assert [e["action"] for e in timeline][-3:] == ["own", "leader_note", "supervise"]
    assert timeline[-1]["reason"] == "群众反映强烈，请加快办理" and timeline[-1]["action_label"] == "督办"
    assert not timeline[-1]["public"]
    row = Supervision.objects.get(case=case)
    assert (row.unit, row.automatic, row.answered_at, row.by) == (units["housing"], False, None,
                                                                   desk_users["supervisor"])
    assert Notification.objects.filter(unit=units["housing"], kind="supervise", case=case).exists()

    # the supervised unit answers: the row is closed, the supervisor is told
    answer = api.post(f"/cases/{case.pk}/actions/answer_supervision", {"text": "已约谈施工方，本周内修复"},
                      token_for(colleague))
    assert answer.status_code == 200, answer.content
    row.refresh_from_db()
    assert row.answered_at is not None and row.answer == "已约谈施工方，本周内修复" and row.answered_by == colleague
    assert Notification.objects.filter(user=desk_users["supervisor"], kind="supervision_answered").exists()


def test_sign_off_once_closed_and_then_no_more_notes(api, token_for, desk_users, handling_case):
    from sixia.cases.services import set_owner_leader

    case = set_owner_leader(actor=desk_users["dispatcher"], case=handling_case, official=desk_users["official"],
                            reason="包案")
    Case.objects.filter(pk=case.pk).update(state="closed")
    leader = token_for(desk_users["leader"])
    answer = api.post(f"/cases/{case.pk}/actions/leader_signoff", {"text": "问题化解，息诉罢访"}, leader)
    assert answer.status_code == 200, answer.content
    case.refresh_from_db()
    assert case.leader_signed_off_at is not None
    assert LeaderNote.objects.get(case=case).sign_off
    again = api.post(f"/cases/{case.pk}/actions/leader_note", {"text": "再写"}, leader)
    assert again.status_code == 409 and again.json()["code"] == "signed_off"
    [row] = api.get(f"/leaders/{desk_users['official'].pk}/cases", leader).json()
    assert row["signed_off_at"] is not None


def test_refusals_write_nothing(api, token_for, desk_users, handling_case, colleague, outsider, auditor):
    case = handling_case
    desk = token_for(desk_users["dispatcher"])
    api.post(f"/cases/{case.pk}/actions/set_leader", {"official_id": desk_users["official"].pk, "reason": "包案"}, desk)
    before = written()
    sup_args = {"reason": "请加快", "reply_by": reply_by()}
    refusals = [
        # (user, action, body, status, code)
        (desk_users["other_leader"], "leader_note", {"text": "我来写"}, 403, "not_owner"),
        (desk_users["dispatcher"], "leader_note", {"text": "代写"}, 403, "forbidden"),
        (colleague, "set_leader", {"official_id": desk_users["other_official"].pk, "reason": "x"}, 403, "forbidden"),
        (desk_users["leader"], "set_leader", {"official_id": desk_users["other_official"].pk, "reason": "x"}, 403,
         "forbidden"),
        (desk_users["dispatcher"], "supervise", sup_args, 403, "forbidden"),
        (auditor, "urge", sup_args, 403, "forbidden"),
        (desk_users["supervisor"], "accept", {}, 403, "forbidden"),  # workflow actions still need cases.act
        (desk_users["supervisor"], "answer_supervision", {"text": "x"}, 403, "forbidden"),
        (colleague, "answer_supervision", {"text": "x"}, 409, "no_open_supervision"),
        (outsider, "set_leader", {"official_id": desk_users["other_official"].pk, "reason": "x"}, 404, "not_found"),
        (outsider, "flag_supervise", sup_args, 404, "not_found"),
        (desk_users["supervisor"], "supervise", {"reason": "请加快", "reply_by": reply_by(-1)}, 422, "invalid_reply_by"),
        (desk_users["supervisor"], "supervise", {"reason": "请加快", "reply_by": reply_by(400)}, 422,
         "invalid_reply_by"),
        (desk_users["supervisor"], "urge", {"reason": "请加快"}, 422, "reply_by_required"),
        (desk_users["supervisor"], "urge", {"reason": " ", "reply_by": reply_by()}, 422, "reason_required"),
        (desk_users["dispatcher"], "set_leader", {"official_id": desk_users["official"].pk, "reason": "x"}, 422,
         "same_leader"),
        (desk_users["dispatcher"], "set_leader", {"official_id": 999999, "reason": "x"}, 422, "invalid_leader"),
        (desk_users["dispatcher"], "set_leader", {"official_id": desk_users["other_official"].pk}, 422,
         "reason_required"),
    ]
    for user, action, body, status, code in refusals:
        answer = api.post(f"/cases/{case.pk}/actions/{action}", body, token_for(user))
        assert (answer.status_code, answer.json().get("code")) == (status, code), (user.username, action,
                                                                                    answer.content)
    assert written() == before
    stale = api.post(f"/cases/{case.pk}/actions/urge", sup_args | {"version": case.version - 1},
                     token_for(desk_users["supervisor"]))
    assert stale.status_code == 409 and stale.json()["code"] == "stale_case"
    assert written() == before


def test_a_leader_outside_the_jurisdiction_is_not_found(api, token_for, desk_users, outsider, units):
    stranger = Official.objects.create(name="王五", unit=units["other_county"], rank="county", is_leader=True)
    assert api.get(f"/leaders/{stranger.pk}/cases", token_for(desk_users["leader"])).status_code == 404
    assert api.get(f"/leaders/{desk_users['official'].pk}/cases", token_for(outsider)).status_code == 404
    assert api.get(f"/leaders/{desk_users['official'].pk}/cases", token_for(desk_users["leader"])).json() == []


def test_manual_supervision_never_lowers_the_scan_level(api, token_for, desk_users, handling_case):
    Case.objects.filter(pk=handling_case.pk).update(supervision_level=SupervisionLevel.LISTED)
    answer = api.post(f"/cases/{handling_case.pk}/actions/urge", {"reason": "请加快", "reply_by": reply_by()},
                      token_for(desk_users["supervisor"]))
    assert answer.status_code == 200
    assert answer.json()["supervision_level"] == SupervisionLevel.LISTED
    assert Supervision.objects.get(case=handling_case).level == SupervisionLevel.REMIND


def test_the_ledger_marks_overdue_and_filters(api, token_for, desk_users, handling_case, new_case):
    from sixia.cases.services import set_owner_leader

    dispatcher = desk_users["dispatcher"]
    late = set_owner_leader(actor=dispatcher, case=handling_case, official=desk_users["official"], reason="包案")
    Case.objects.filter(pk=late.pk).update(due_at=timezone.now() - timedelta(days=2))
    fresh = set_owner_leader(actor=dispatcher, case=new_case(title="村道破损"), official=desk_users["other_official"],
                             reason="包案")
    new_case(title="无人包案")
    rows = api.get("/leaders/cases", token_for(desk_users["supervisor"])).json()
    assert {r["tracking_no"]: r["overdue"] for r in rows} == {late.tracking_no: True, fresh.tracking_no: False}
    overdue = api.get("/leaders/cases", token_for(dispatcher), overdue="true").json()
    assert [r["tracking_no"] for r in overdue] == [late.tracking_no]
    mine = api.get("/leaders/cases", token_for(dispatcher), official_id=desk_users["other_official"].pk).json()
    assert [r["official"] for r in mine] == ["林志强"]


def test_the_notice_counts_units(api, token_for, desk_users, handling_case, colleague, units):
    sup = token_for(desk_users["supervisor"])
    for action in ("urge", "supervise", "flag_supervise"):
        assert api.post(f"/cases/{handling_case.pk}/actions/{action}", {"reason": "请加快", "reply_by": reply_by()},
                        sup).status_code == 200
    api.post(f"/cases/{handling_case.pk}/actions/answer_supervision", {"text": "已办"}, token_for(colleague))
    Case.objects.filter(pk=handling_case.pk).update(due_at=timezone.now() - timedelta(days=1))
    today = timezone.localdate()
    data = api.get("/supervision/notice", sup, date_from=today.replace(day=1).isoformat(),
                   date_to=today.isoformat()).json()
    [unit] = data["units"]
    assert unit["unit"] == units["housing"].name
    assert (unit["overdue"], unit["urged"], unit["supervised"], unit["flagged"], unit["answered"], unit["open"]) == (
        1, 1, 1, 1, 3, 0)
    [row] = unit["cases"]
    assert row["level_label"] == "挂牌督办" and row["answered"] is True and row["overdue"] is True
    bad = api.get("/supervision/notice", sup, date_from=today.isoformat(),
                  date_to=(today - timedelta(days=3)).isoformat())
    assert bad.status_code == 422


def test_every_action_of_the_endpoint_is_refused_without_its_right_before_the_case_is_looked_up(
        api, token_for, make_user, units):
    """The endpoint skips the early check of ``needs`` (a supervisor has no ``cases.act``), so it is walked here:
    each workflow and side action, each role — 403 without the action's right, else 404 for a missing case."""
    from sixia.cases import workflow
    from sixia.cases.services import SIDE_ACTIONS
    from sixia.cases.services.side_actions import right_of
    from sixia.core import permissions

    roles = ["admin", "dispatcher", "handler", "leader", "supervisor", "auditor", "head", "discipline"]
    users = {role: make_user(f"only-{role}", [role], COUNTY, units["county_gov"]) for role in roles}
    before, refused = written(), 0
    for action in [*workflow.ACTIONS, *SIDE_ACTIONS]:
        for role, user in users.items():
            answer = api.post(f"/cases/999999/actions/{action}", {"reason": "x"}, token_for(user))
            if permissions.allows(user, right_of(action)):
                assert answer.status_code == 404, (role, action)
            else:
                assert (answer.status_code, answer.json()["code"]) == (403, "forbidden"), (role, action)
                refused += 1
    assert refused > 40 and written() == before
