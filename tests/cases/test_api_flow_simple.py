"""The first flow of the issue, through the API: create → accept → assign → sign → reply → return visit → close."""

from sixia.cases.models import CaseEvent
from sixia.core.models import AuditEntry


def test_it_walks_a_case_from_intake_to_close(api, owner, colleague, units, token_for, case_payload):
    desk, handler = token_for(owner), token_for(colleague)

    created = api.post("/cases", case_payload, headers=desk)
    assert created.status_code == 201, created.content
    body = created.json()
    case_id = body["id"]
    assert body["state"] == "registered"
    assert body["tracking_no"].startswith("350921-")
    assert body["deadlines"]["accept_due"]

    steps = [
        (desk, "accept", {}, "accepted"),
        (desk, "assign", {"unit_id": units["housing"].pk}, "assigned"),
        (handler, "sign", {}, "handling"),
        (handler, "reply", {"outcome": "supported", "text": "已督促物业维修，电梯恢复运行。"}, "replied"),
        (desk, "return_visit", {"method": "phone", "contacted": True, "resolved": True,
                                "satisfaction": "satisfied"}, "visited"),
        (desk, "close", {}, "closed"),
    ]
    for headers, action, args, state in steps:
        response = api.post(f"/cases/{case_id}/actions/{action}", args, headers=headers)
        assert response.status_code == 200, (action, response.content)
        assert response.json()["state"] == state

    timeline = api.get(f"/cases/{case_id}/timeline", headers=desk).json()
    assert [e["action"] for e in timeline] == ["register", "accept", "assign", "sign", "reply", "return_visit",
                                               "close"]
    assert all(e["actor"] and e["at"] for e in timeline)
    assert timeline[3]["actor"] == "colleague"
    assert CaseEvent.objects.filter(case_id=case_id).count() == 7
    assert AuditEntry.objects.filter(object_type="cases.case", object_id=str(case_id)).count() == 7


def test_an_illegal_step_gets_409_and_changes_nothing(api, owner, token_for, case_payload):
    desk = token_for(owner)
    case_id = api.post("/cases", case_payload, headers=desk).json()["id"]
    before = CaseEvent.objects.count(), AuditEntry.objects.count()

    response = api.post(f"/cases/{case_id}/actions/close", {}, headers=desk)

    assert response.status_code == 409
    assert response.json()["code"] == "action_not_allowed"
    assert "不能执行" in response.json()["message"]
    assert api.get(f"/cases/{case_id}", headers=desk).json()["state"] == "registered"
    assert (CaseEvent.objects.count(), AuditEntry.objects.count()) == before


def test_the_case_list_filters_by_region_prefix(api, owner, token_for, case_payload):
    """Regression: the region filter used a lookup Django refuses on a foreign key (a 500)."""
    desk = token_for(owner)
    assert api.post("/cases", case_payload, headers=desk).status_code == 201
    inside = api.get("/cases?region_code=3509", headers=desk)
    assert inside.status_code == 200, inside.content
    assert len(inside.json()["items"]) == 1
    elsewhere = api.get("/cases?region_code=3501", headers=desk)
    assert elsewhere.status_code == 200 and elsewhere.json()["items"] == []
