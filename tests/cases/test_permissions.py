"""Owner / colleague / outsider: jurisdiction and unit decide who sees and who may act."""

from sixia.cases.models import Case


def test_outsider_sees_nothing_and_cannot_act(api, owner, outsider, token_for, case_payload):
    case_id = api.post("/cases", case_payload, headers=token_for(owner)).json()["id"]
    other = token_for(outsider)
    assert api.get(f"/cases/{case_id}", headers=other).status_code == 404
    assert api.post(f"/cases/{case_id}/actions/accept", {}, headers=other).status_code == 404
    assert api.get("/cases", headers=other).json()["items"] == []
    assert api.post("/cases", case_payload, headers=other).status_code == 403
    assert Case.objects.get(pk=case_id).state == "registered"


def test_a_handler_sees_only_its_units_cases_and_cannot_dispatch(api, owner, colleague, units, token_for,
                                                                   case_payload):
    desk, handler = token_for(owner), token_for(colleague)
    case_id = api.post("/cases", case_payload, headers=desk).json()["id"]
    assert api.get(f"/cases/{case_id}", headers=handler).status_code == 404
    api.post(f"/cases/{case_id}/actions/accept", {}, headers=desk)
    api.post(f"/cases/{case_id}/actions/assign", {"unit_id": units["housing"].pk}, headers=desk)

    seen = api.get(f"/cases/{case_id}", headers=handler)
    assert seen.status_code == 200
    assert seen.json()["allowed_actions"] == ["sign", "dispute", "suspend"]
    assert api.post(f"/cases/{case_id}/actions/reassign", {"unit_id": units["township"].pk},
                    headers=handler).status_code == 403
    assert [c["id"] for c in api.get("/cases", headers=handler).json()["items"]] == [case_id]


def test_a_handler_of_another_unit_cannot_sign(api, owner, township_user, make_user, units, token_for, case_payload):
    desk = token_for(owner)
    case_id = api.post("/cases", case_payload, headers=desk).json()["id"]
    api.post(f"/cases/{case_id}/actions/accept", {}, headers=desk)
    api.post(f"/cases/{case_id}/actions/assign", {"unit_id": units["housing"].pk}, headers=desk)
    response = api.post(f"/cases/{case_id}/actions/sign", {}, headers=token_for(township_user))
    assert response.status_code == 403
    assert response.json()["code"] == "not_permitted"


def test_a_stale_version_is_refused(api, owner, token_for, case_payload):
    desk = token_for(owner)
    created = api.post("/cases", case_payload, headers=desk).json()
    api.post(f"/cases/{created['id']}/actions/accept", {"version": created["version"]}, headers=desk)
    response = api.post(f"/cases/{created['id']}/actions/reject", {"version": created["version"], "reason": "x"},
                        headers=desk)
    assert response.status_code == 409
    assert response.json()["code"] == "stale_case"
