"""The second flow of the issue: dispute → reassign, extension, review and re-review to final."""

from sixia.cases.models import Assignment, Case


def test_it_walks_dispute_reassign_extension_review_and_re_review_to_final(
        api, owner, colleague, township_user, head, units, token_for, case_payload):
    desk, housing, township = token_for(owner), token_for(colleague), token_for(township_user)
    chief = token_for(head)
    case_id = api.post("/cases", case_payload, headers=desk).json()["id"]

    def step(headers, action, args=None, expect=200):
        response = api.post(f"/cases/{case_id}/actions/{action}", args or {}, headers=headers)
        assert response.status_code == expect, (action, response.content)
        return response.json()

    step(desk, "accept")
    step(desk, "assign", {"unit_id": units["housing"].pk})
    assert step(housing, "dispute", {"reason": "属长春镇管辖，非本局职责"})["state"] == "disputed"
    step(housing, "sign", expect=409)  # a disputed case cannot be signed for
    assert step(desk, "reassign", {"unit_id": units["township"].pk})["responsible_unit"] == "长春镇人民政府"
    step(township, "sign")
    due_before = Case.objects.get(pk=case_id).handle_due
    step(desk, "extend", {"days": 20, "reason": "需多部门会商"}, expect=403)  # only the organ's head approves
    extended = step(chief, "extend", {"days": 20, "reason": "需多部门会商"})
    assert extended["deadlines"]["extension_days"] == 20
    step(chief, "extend", {"days": 11, "reason": "再延"}, expect=422)  # > 30 in all
    assert (Case.objects.get(pk=case_id).handle_due - due_before).days >= 20
    step(township, "reply", {"outcome": "explained", "text": "已作出解释说明。"})
    step(desk, "request_review", {"reason": "对答复不服"})
    step(desk, "reply_review", {"outcome": "not_supported", "text": "维持原处理意见。"})
    step(desk, "request_re_review", {"reason": "仍不服"})
    step(desk, "reply_re_review", {"outcome": "not_supported", "text": "复核维持。"})
    assert step(desk, "finalize", {"reason": "复核终结，同一事实和理由不再受理"})["state"] == "finalized"
    step(desk, "request_review", {"reason": "再次申请"}, expect=409)

    timeline = api.get(f"/cases/{case_id}/timeline", headers=desk).json()
    assert [e["action"] for e in timeline] == [
        "register", "accept", "assign", "dispute", "reassign", "sign", "extend", "reply", "request_review",
        "reply_review", "request_re_review", "reply_re_review", "finalize"]
    assert {e["actor"] for e in timeline} == {"owner", "colleague", "township", "head"}
    statuses = list(Assignment.objects.filter(case_id=case_id).values_list("unit__name", "status"))
    assert statuses == [("霞浦县住建局", "superseded"), ("长春镇人民政府", "done")]


def test_the_public_timeline_hides_internal_entries(api, owner, units, token_for, case_payload):
    desk = token_for(owner)
    case_id = api.post("/cases", case_payload, headers=desk).json()["id"]
    api.post(f"/cases/{case_id}/actions/accept", {}, headers=desk)
    api.post(f"/cases/{case_id}/actions/assign", {"unit_id": units["housing"].pk}, headers=desk)
    full = api.get(f"/cases/{case_id}/timeline", headers=desk).json()
    public = api.get(f"/cases/{case_id}/timeline", headers=desk, public_only="true").json()
    assert len(public) <= len(full) and all(e["public"] for e in public)
