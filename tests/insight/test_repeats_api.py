"""The repeat API: the intake query (shape used by the intake page), a case's candidates, 并单 as 重复件, and
jurisdiction — an outsider never sees candidates outside its own subtree."""

from sixia.cases.models import Case
from sixia.cases.services import create_case

TOWNSHIP = "350921101"
DRAIN = ("我是长春镇东关村村民，村口的排水沟堵塞已经三个月了，每逢下雨污水就漫进我家院子，"
         "多次向村委会反映都没有人来处理，请政府尽快组织疏通排水沟。")
KEYS = {"case_id", "tracking_no", "similarity", "identity_match", "state", "unit", "title"}


def _case(actor, region=TOWNSHIP, **kw) -> Case:
    return create_case(actor=actor, channel="visit", title="东关村排水沟堵塞", content=DRAIN, region_code=region,
                       petitioners=[{"name": "郑四", "phone": "13900001111"}], **kw)


def test_it_returns_candidates_with_similarity_identity_state_and_unit(api, owner, token_for):
    case = _case(owner)
    body = {"title": "东关村排水沟堵塞", "content": DRAIN, "region_code": TOWNSHIP,
            "petitioners": [{"name": "郑四", "phone": "139 0000 1111"}]}
    response = api.post("/insight/repeats", body, headers=token_for(owner))
    assert response.status_code == 200, response.content
    data = response.json()
    assert len(data["candidates"]) == 1
    row = data["candidates"][0]
    assert set(row) >= KEYS
    assert (row["case_id"], row["tracking_no"], row["similarity"], row["identity_match"], row["state"]) == (
        case.pk, case.tracking_no, 1.0, True, "registered")
    assert row["is_repeat"] and data["flags"]["repeat_count"] == 1 and not data["flags"]["over_level"]


def test_an_outsider_sees_no_candidates_outside_its_subtree(api, owner, outsider, token_for):
    case = _case(owner)
    body = {"title": "东关村排水沟堵塞", "content": DRAIN, "region_code": "350922101",
            "petitioners": [{"name": "郑四", "phone": "13900001111"}]}
    response = api.post("/insight/repeats", body, headers=token_for(outsider))
    assert response.status_code == 200
    assert response.json()["candidates"] == []
    assert api.get(f"/cases/{case.pk}/repeats", headers=token_for(outsider)).status_code == 404
    own = _case(outsider, region="350922101")
    listed = api.get(f"/cases/{own.pk}/repeats", headers=token_for(outsider)).json()
    assert listed["candidates"] == []  # the same text and person in 霞浦县 stays invisible
    assert [c["case_id"] for c in api.get(f"/cases/{case.pk}/repeats", headers=token_for(owner)).json()[
        "candidates"]] == []  # … and the owner does not see the outsider's case either


def test_a_township_user_sees_only_its_township(api, owner, township_user, token_for):
    in_township = _case(owner)
    _case(owner, region="350921102")  # 牙城镇: outside 长春镇
    body = {"title": "东关村排水沟堵塞", "content": DRAIN, "region_code": TOWNSHIP}
    ids = [c["case_id"] for c in api.post("/insight/repeats", body, headers=token_for(township_user)).json()[
        "candidates"]]
    assert ids == [in_township.pk]


def test_case_repeats_and_mark_repeated(api, owner, token_for):
    main = _case(owner)
    again = _case(owner)
    headers = token_for(owner)
    listed = api.get(f"/cases/{again.pk}/repeats", headers=headers).json()
    assert [c["case_id"] for c in listed["candidates"]] == [main.pk]
    response = api.post(f"/cases/{again.pk}/mark-repeated", {"into_id": main.pk, "reason": "同一人同一事项"},
                        headers=headers)
    assert response.status_code == 200, response.content
    assert response.json() | {"tracking_no": ""} == {"case_id": again.pk, "tracking_no": "", "state": "merged",
                                                     "is_repeated": True, "merged_into_id": main.pk}
    timeline = [e["action"] for e in api.get(f"/cases/{main.pk}/timeline", headers=headers).json()]
    assert "merged_in" in timeline
    again_twice = api.post(f"/cases/{again.pk}/mark-repeated", {"into_id": main.pk, "reason": "再次"}, headers=headers)
    assert again_twice.status_code == 409


def test_mark_repeated_into_a_case_outside_the_jurisdiction_is_refused(api, owner, outsider, token_for):
    theirs = _case(outsider, region="350922101")
    mine = _case(owner)
    response = api.post(f"/cases/{mine.pk}/mark-repeated", {"into_id": theirs.pk, "reason": "x"},
                        headers=token_for(owner))
    assert response.status_code == 422
    assert response.json()["code"] == "merge_target_required"
    assert not Case.objects.get(pk=mine.pk).is_repeated


def test_bad_input_and_no_login(api, owner, token_for):
    response = api.post("/insight/repeats", {"title": "", "content": "", "region_code": TOWNSHIP},
                        headers=token_for(owner))
    assert response.status_code == 422 and response.json()["code"] == "text_required"
    assert api.post("/insight/repeats", {"title": "x", "region_code": TOWNSHIP}).status_code == 401


def test_the_region_is_optional_while_the_intake_form_is_filled_in(api, owner, token_for):
    case = _case(owner)
    body = {"title": "东关村排水沟堵塞", "content": DRAIN,
            "petitioners": [{"name": "郑四", "phone": "13900001111", "role": "petitioner"}]}
    data = api.post("/insight/repeats", body, headers=token_for(owner)).json()
    assert [c["case_id"] for c in data["candidates"]] == [case.pk] and data["flags"]["over_level"] is False
