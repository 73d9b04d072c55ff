"""The catalogue endpoint and 三率 through the API."""

from sixia.cases.models import CaseSettings


def test_the_catalog_lists_every_value_set(api, owner, token_for):
    data = api.get("/catalog", headers=token_for(owner)).json()
    assert data["channel"]["hotline"] == "12345热线"
    assert set(data["petition_class"]) == {"suggestion", "accusation", "appeal"}
    assert "finalize" in data["action"] and data["outcome"]["supported"] == "予以支持"
    assert {"code": "urban", "name": "城乡建设", "parent": None} in data["category"]


def test_rates_follow_the_configured_formula(api, owner, colleague, outsider, units, token_for, new_case, act):
    from tests.cases.conftest import at

    for satisfaction, resolved in (("satisfied", True), ("basically", True), ("dissatisfied", False)):
        case = act(owner, new_case(now=at(2026, 3, 2)), "accept", now=at(2026, 3, 2, 10))
        act(owner, case, "assign", now=at(2026, 3, 2, 11), unit_id=units["housing"].pk)
        act(colleague, case, "sign", now=at(2026, 3, 3))
        act(colleague, case, "reply", now=at(2026, 3, 9), outcome="supported", text="已处理")
        act(owner, case, "return_visit", now=at(2026, 3, 12), method="phone", contacted=True, resolved=resolved,
            satisfaction=satisfaction)
    data = api.get("/rates", headers=token_for(owner), period="2026-Q1", unit=units["housing"].pk).json()
    assert (data["valid"], data["response_rate"], data["resolution_rate"]) == (3, 1.0, 0.6667)
    assert data["satisfaction_rate"] == round(1.9 / 3, 4)
    assert data["score"] == round(100 * (0.1 + 0.5 * 2 / 3 + 0.4 * 1.9 / 3), 2)

    CaseSettings.objects.update(weight_response=0.3, weight_resolution=0.35, weight_satisfaction=0.35)
    data = api.get("/rates", headers=token_for(owner), period="2026-03").json()
    assert data["score"] == round(100 * (0.3 + 0.35 * 2 / 3 + 0.35 * 1.9 / 3), 2)
    assert api.get("/rates", headers=token_for(outsider), period="2026").json()["valid"] == 0
    assert api.get("/rates", headers=token_for(owner), period="2026-13").status_code == 422
