"""Suggestions through the API: on intake, on demand, and a person's accept/override on the case file."""

import pytest

from sixia.cases.models import CaseEvent
from sixia.engines.insight.classifier import Document, train
from sixia.insight import classify

TEXTS = {
    "urban.housing": ["小区电梯停运无人维修", "物业不管小区漏水", "楼顶水箱长年不洗", "小区电梯困人"],
    "education.school": ["学校乱收学费", "孩子入学难招生不公", "老师体罚学生", "学校食堂卫生差"],
    "transport.roads": ["村道路面破损坑洼", "红绿灯坏了无人修", "公交线路取消出行难", "道路积水车辆难行"],
}


@pytest.fixture
def model_dir(settings, tmp_path):
    settings.MODELS_DIR = tmp_path / "models"
    return settings.MODELS_DIR


@pytest.fixture
def trained(model_dir, units):
    docs, cats, unit_labels = [], [], []
    unit_of = {"urban.housing": units["housing"], "education.school": units["county_gov"],
               "transport.roads": units["township"]}
    for code, titles in TEXTS.items():
        for i, title in enumerate(titles * 3):
            docs.append(Document(title=title, body=f"{title}，第{i}次反映，请尽快处理。"))
            cats.append(code)
            unit_labels.append(str(unit_of[code].pk))
    model = train({"category": (docs, cats), "unit": (docs, unit_labels)}, source="test")
    classify.save_model(model)
    return model


def payload(**kw):
    return {"channel": "visit", "petition_class": "appeal", "title": "小区电梯又停运了",
            "content": "我们小区电梯停运一个月，物业不维修。", "region_code": "350921101", "category": ""} | kw


def test_create_answer_is_empty_without_a_model(api, owner, token_for, model_dir):
    body = api.post("/cases", payload(), headers=token_for(owner)).json()
    assert body["suggestions"] == {"model_version": None, "category": [], "unit": [], "auto_dispatch": False}
    assert body["category"] == ""


def test_create_answer_carries_suggestions_when_a_model_exists(api, owner, token_for, trained, settings):
    settings.INSIGHT_AUTO_THRESHOLD = 1.01  # nothing is dispatched automatically
    created = api.post("/cases", payload(), headers=token_for(owner))
    assert created.status_code == 201, created.content
    body = created.json()
    s = body["suggestions"]
    assert s["model_version"] == trained.version and s["auto_dispatch"] is False
    assert s["category"][0]["code"] == "urban.housing" and s["category"][0]["name"] == "住房保障与物业"
    assert sum(c["probability"] for c in s["category"]) == pytest.approx(1.0, abs=0.01)
    assert s["unit"][0]["name"] == "霞浦县住建局"
    assert body["category"] == ""  # below the threshold the category stays empty
    event = CaseEvent.objects.get(case_id=body["id"], action="classify")
    assert event.data["auto"] is False and event.data["suggested"]["category"][0]["code"] == "urban.housing"


def test_above_the_threshold_only_the_category_is_prefilled(api, owner, token_for, trained, settings):
    settings.INSIGHT_AUTO_THRESHOLD = 0.0
    body = api.post("/cases", payload(), headers=token_for(owner)).json()
    assert body["suggestions"]["auto_dispatch"] is True
    assert body["category"] == "urban.housing"
    assert body["responsible_unit_id"] is None and body["state"] == "registered"


def test_suggest_endpoint_shape(api, owner, token_for, trained):
    response = api.post("/insight/suggest", {"title": "学校乱收费", "content": "学校今年又加收学费。",
                                             "region_code": "350921"}, headers=token_for(owner))
    assert response.status_code == 200, response.content
    body = response.json()
    assert set(body) == {"model_version", "category", "unit", "auto_dispatch"}
    assert body["category"][0]["code"] == "education.school"
    assert set(body["category"][0]) == {"code", "name", "probability"}
    assert set(body["unit"][0]) == {"id", "name", "probability"}
    assert all(u["name"] != "长春镇人民政府" for u in body["unit"])  # a township unit does not serve the county


def test_an_override_is_recorded_in_the_timeline_and_feeds_training(api, owner, token_for, trained, units):
    desk = token_for(owner)
    case_id = api.post("/cases", payload(), headers=desk).json()["id"]
    response = api.post(f"/insight/cases/{case_id}/choice",
                        {"category": "transport.roads", "unit_id": units["township"].pk, "reason": "实为道路问题"},
                        headers=desk)
    assert response.status_code == 200, response.content
    assert response.json()["accepted"] is False and response.json()["category"] == "transport.roads"
    timeline = api.get(f"/cases/{case_id}/timeline", headers=desk).json()
    choice = [e for e in timeline if e["action"] == "classify" and e["data"].get("confirmed")][-1]
    assert choice["data"]["chosen"] == {"category": "transport.roads", "unit_id": units["township"].pk,
                                        "unit": "长春镇人民政府"}
    assert choice["data"]["suggested"]["category"][0]["code"] == "urban.housing"
    assert choice["reason"] == "实为道路问题"
    assert api.get(f"/cases/{case_id}", headers=desk).json()["category"] == "transport.roads"
    _cat_docs, cat_labels, _unit_docs, unit_labels, _ = classify.training_rows_from_db()
    assert cat_labels == ["transport.roads"] and unit_labels == [str(units["township"].pk)]


def test_accepting_the_top_suggestion_is_recorded_as_accepted(api, owner, token_for, trained):
    desk = token_for(owner)
    case_id = api.post("/cases", payload(), headers=desk).json()["id"]
    response = api.post(f"/insight/cases/{case_id}/choice", {"category": "urban.housing"}, headers=desk)
    assert response.json()["accepted"] is True


def test_an_unconfirmed_prefill_does_not_feed_training(api, owner, token_for, trained, settings):
    settings.INSIGHT_AUTO_THRESHOLD = 0.0
    api.post("/cases", payload(), headers=token_for(owner))
    assert classify.training_rows_from_db()[1] == []


def test_an_auditor_may_not_recategorise(api, owner, auditor, token_for, trained):
    case_id = api.post("/cases", payload(), headers=token_for(owner)).json()["id"]
    response = api.post(f"/insight/cases/{case_id}/choice", {"category": "urban.housing"},
                        headers=token_for(auditor))
    assert response.status_code == 403


def test_an_outsider_cannot_see_the_case(api, owner, outsider, token_for, trained):
    case_id = api.post("/cases", payload(), headers=token_for(owner)).json()["id"]
    response = api.post(f"/insight/cases/{case_id}/choice", {"category": "urban.housing"},
                        headers=token_for(outsider))
    assert response.status_code == 404


def test_an_unknown_category_is_refused(api, owner, token_for, trained):
    case_id = api.post("/cases", payload(), headers=token_for(owner)).json()["id"]
    response = api.post(f"/insight/cases/{case_id}/choice", {"category": "nope"}, headers=token_for(owner))
    assert response.status_code == 422 and response.json()["code"] == "unknown_category"
