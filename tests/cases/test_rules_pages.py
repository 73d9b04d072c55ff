"""Rule pages of the case system (派单目录, 时限规则, 三率权重): who may edit what, 404 for another county, errors in
the page's language that keep what was typed, an audit entry, and the change taking effect on the next case."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse

from sixia.cases.models import Case, CaseSettings, DeadlinePolicy, DispatchRule
from sixia.core.models import AuditEntry
from tests.cases.conftest import at
from tests.conftest import COUNTY, OTHER_COUNTY, PASSWORD, TOWNSHIP, to_english

pytestmark = pytest.mark.django_db


def signed_in(client, user):
    assert client.login(username=user.username, password=PASSWORD)
    return client


@pytest.fixture
def dispatcher(make_user, units):
    return make_user("desk", ["dispatcher"], COUNTY, units["county_gov"])


@pytest.fixture
def national(make_user, units):
    return make_user("nation", ["admin"], COUNTY, units["county_gov"], is_superuser=True)


@pytest.fixture
def national_admin(national):
    from sixia.org.models import User

    User.objects.filter(pk=national.pk).update(jurisdiction=None)
    national.refresh_from_db()
    return national


def rule_form(units, **kw):
    return {"category_code": "urban.housing", "region_prefix": COUNTY, "unit": units["housing"].pk,
            "copy_unit": units["county_gov"].pk, "is_active": "on"} | kw


# ---- the index and the menu ----

def test_the_rules_menu_and_index_list_the_rule_pages(client, owner):
    html = signed_in(client, owner).get("/").content.decode()
    assert reverse("web:rules") in html
    page = client.get(reverse("web:rules")).content.decode()
    for name in ("cases:rules_dispatch", "cases:rules_policies", "reports:weights", "insight:risk_weights",
                 "quotas:rules"):
        assert reverse(name) in page


def test_a_handler_has_no_rules_menu(client, colleague):
    assert reverse("web:rules") not in signed_in(client, colleague).get("/").content.decode()


def test_the_menu_roles_are_those_of_the_rights():
    from sixia.core import permissions
    from sixia.web.context import NAV_ITEMS
    from sixia.web.rules import RIGHTS

    roles = next(r for name, _label, r in NAV_ITEMS if name == "web:rules")
    assert roles == set().union(*(permissions.right(code).roles for code in RIGHTS))


# ---- 派单目录 ----

def test_a_dispatcher_adds_a_rule_that_routes_the_next_case(client, dispatcher, owner, units, new_case, act):
    signed_in(client, dispatcher)
    assert client.get(reverse("cases:rules_dispatch_new")).status_code == 200
    resp = client.post(reverse("cases:rules_dispatch_new"), rule_form(units))
    assert resp.status_code == 302
    rule = DispatchRule.objects.get(category_code="urban.housing", region_prefix=COUNTY)
    assert AuditEntry.objects.filter(object_type="cases.dispatchrule", object_id=str(rule.pk),
                                     actor=dispatcher, action="create").exists()
    assert "霞浦县住建局" in client.get(reverse("cases:rules_dispatch")).content.decode()
    case = new_case()
    act(owner, case, "accept")
    case = act(owner, case, "assign")  # no unit named: the catalogue decides
    assert (case.responsible_unit, case.copy_unit) == (units["housing"], units["county_gov"])


def test_a_handler_may_read_but_not_write_the_catalogue(client, colleague, units):
    signed_in(client, colleague)
    assert client.get(reverse("cases:rules_dispatch")).status_code == 200
    assert client.get(reverse("cases:rules_dispatch_new")).status_code == 403
    resp = client.post(reverse("cases:rules_dispatch_new"), rule_form(units))
    assert resp.status_code == 403 and "无权" in resp.content.decode()
    assert not DispatchRule.objects.exists()


def test_another_countys_rule_is_not_found(client, outsider, units):
    rule = DispatchRule.objects.create(category_code="urban", region_prefix=COUNTY, unit=units["housing"])
    signed_in(client, outsider)
    assert client.get(reverse("cases:rules_dispatch_edit", args=[rule.pk])).status_code == 404
    resp = client.post(reverse("cases:rules_dispatch_edit", args=[rule.pk]), rule_form(units, region_prefix=""))
    assert resp.status_code == 404
    assert "霞浦县住建局" not in client.get(reverse("cases:rules_dispatch")).content.decode()
    rule.refresh_from_db()
    assert rule.region_prefix == COUNTY


def test_a_county_may_not_write_a_default_or_another_countys_row(client, owner, units):
    signed_in(client, owner)
    assert client.post(reverse("cases:rules_dispatch_new"), rule_form(units, region_prefix="")).status_code == 403
    assert client.post(reverse("cases:rules_dispatch_new"),
                       rule_form(units, region_prefix=OTHER_COUNTY)).status_code == 403
    default = DispatchRule.objects.create(category_code="urban", region_prefix="", unit=units["housing"])
    assert client.get(reverse("cases:rules_dispatch_edit", args=[default.pk])).status_code == 403
    assert list(DispatchRule.objects.all()) == [default]


def test_a_bad_region_keeps_what_was_typed_in_chinese(client, owner, units):
    resp = signed_in(client, owner).post(reverse("cases:rules_dispatch_new"), rule_form(units, region_prefix="3509219"))
    html = resp.content.decode()
    assert resp.status_code == 422 and "不是已知的行政区划代码" in html and 'value="3509219"' in html
    assert not DispatchRule.objects.exists()


def test_a_duplicate_is_refused_in_english(client, owner, units):
    DispatchRule.objects.create(category_code="urban.housing", region_prefix=COUNTY, unit=units["county_gov"])
    signed_in(client, owner)
    to_english(client)
    resp = client.post(reverse("cases:rules_dispatch_new"), rule_form(units))
    html = resp.content.decode()
    assert resp.status_code == 422 and "already exists" in html and "已有" not in html
    assert f'value="{COUNTY}"' in html
    assert DispatchRule.objects.count() == 1


def test_the_api_lists_creates_and_patches(api, token_for, owner, colleague, units):
    headers = token_for(owner)
    body = {"category_code": "urban", "region_prefix": COUNTY, "unit_id": units["housing"].pk}
    assert api.post("/rules/dispatch", body, token_for(colleague)).status_code == 403
    created = api.post("/rules/dispatch", body, headers)
    assert created.status_code == 201, created.content
    rule_id = created.json()["id"]
    assert api.post("/rules/dispatch", body, headers).status_code == 422  # the same key twice
    from django.test import Client

    patch = Client().patch(f"/api/v1/rules/dispatch/{rule_id}", {"unit_id": units["county_gov"].pk},
                           content_type="application/json", headers=headers)
    assert patch.status_code == 200 and patch.json()["unit_id"] == units["county_gov"].pk
    assert [r["id"] for r in api.get("/rules/dispatch", headers).json()] == [rule_id]


# ---- 时限规则 ----

def policy_form(**kw):
    return {"region_prefix": COUNTY, "track": "petition", "kind_key": "", "category_code": "", "step": "accept",
            "kind": "calendar", "amount": "5", "note": "本县承诺5日内告知"} | kw


@time_machine.travel(at(2026, 3, 4, 10), tick=False)  # a Wednesday: five days later is a Monday
def test_an_admin_shortens_a_limit_and_the_next_case_gets_it(client, owner, new_case):
    before = new_case()
    signed_in(client, owner)
    assert client.get(reverse("cases:rules_policy_new")).status_code == 200
    assert client.post(reverse("cases:rules_policy_new"), policy_form()).status_code == 302
    policy = DeadlinePolicy.objects.get(region_prefix=COUNTY, step="accept")
    assert AuditEntry.objects.filter(object_type="cases.deadlinepolicy", object_id=str(policy.pk)).exists()
    after = new_case()
    assert after.accept_due.date() - after.registered_at.date() == timedelta(days=5)
    assert before.accept_due > after.accept_due
    assert Case.objects.count() == 2


def test_a_dispatcher_may_not_edit_limits(client, dispatcher):
    resp = signed_in(client, dispatcher).post(reverse("cases:rules_policy_new"), policy_form())
    assert resp.status_code == 403
    assert not DeadlinePolicy.objects.filter(region_prefix=COUNTY).exists()


def test_editing_a_policy_onto_an_existing_key_is_refused(client, owner):
    signed_in(client, owner)
    client.post(reverse("cases:rules_policy_new"), policy_form())
    other = DeadlinePolicy.objects.create(region_prefix=COUNTY, track="petition", step="handle", kind="calendar",
                                          amount=30)
    resp = client.post(reverse("cases:rules_policy_edit", args=[other.pk]), policy_form(amount="7"))
    html = resp.content.decode()
    assert resp.status_code == 422 and "已存在" in html and 'value="7"' in html
    other.refresh_from_db()
    assert (other.step, other.amount) == ("handle", 30)


def test_a_county_cannot_change_the_statutory_default(client, owner):
    default = DeadlinePolicy.objects.get(region_prefix="", track="petition", step="handle", kind_key="",
                                         category_code="")
    signed_in(client, owner)
    assert client.get(reverse("cases:rules_policies")).status_code == 200
    resp = client.post(reverse("cases:rules_policy_edit", args=[default.pk]),
                       policy_form(region_prefix="", step="handle", amount="90"))
    assert resp.status_code == 403
    default.refresh_from_db()
    assert default.amount == 60


def test_another_countys_policy_is_not_found(client, outsider):
    policy = DeadlinePolicy.objects.create(region_prefix=COUNTY, track="petition", step="accept", kind="calendar",
                                           amount=5)
    assert signed_in(client, outsider).get(reverse("cases:rules_policy_edit", args=[policy.pk])).status_code == 404


def test_the_policy_api_refuses_a_duplicate_with_422(api, token_for, owner):
    headers = token_for(owner)
    body = {"region_prefix": COUNTY, "track": "petition", "step": "accept", "kind": "calendar", "amount": 5}
    assert api.post("/rules/policies", body, headers).status_code == 201
    again = api.post("/rules/policies", body, headers)
    assert again.status_code == 422 and again.json()["code"] == "duplicate_policy"
    bad = api.post("/rules/policies", body | {"step": "nap", "amount": 0}, headers)
    assert bad.status_code == 422


# ---- 三率 and risk weights ----

def test_a_national_admin_sets_the_three_rates_weights(client, national_admin):
    signed_in(client, national_admin)
    resp = client.post(reverse("reports:weights"), {"weight_response": "0.2", "weight_resolution": "0.4",
                                                        "weight_satisfaction": "0.4"})
    assert resp.status_code == 302
    conf = CaseSettings.current()
    assert (conf.weight_response, conf.weight_resolution, conf.weight_satisfaction) == (0.2, 0.4, 0.4)
    assert AuditEntry.objects.filter(object_type="cases.casesettings", actor=national_admin).exists()


def test_weights_that_do_not_add_up_to_one_are_refused_and_kept(client, national_admin):
    signed_in(client, national_admin)
    resp = client.post(reverse("reports:weights"), {"weight_response": "0.5", "weight_resolution": "0.4",
                                                        "weight_satisfaction": "0.4"})
    html = resp.content.decode()
    assert resp.status_code == 422 and "之和须为 1" in html and 'value="0.5"' in html
    assert CaseSettings.current().weight_response == 0.1


def test_a_county_admin_reads_the_weights_but_may_not_change_them(client, owner, colleague):
    signed_in(client, owner)
    assert client.get(reverse("reports:weights")).status_code == 200
    resp = client.post(reverse("reports:weights"), {"weight_response": "0.2", "weight_resolution": "0.4",
                                                        "weight_satisfaction": "0.4"})
    assert resp.status_code == 403
    assert CaseSettings.current().weight_response == 0.1


def test_the_risk_weights_page_and_api(client, api, token_for, national_admin, owner):
    from sixia.insight.models import RiskSettings

    signed_in(client, national_admin)
    to_english(client)
    bad = client.post(reverse("insight:risk_weights"), {"weight_volume": "0.9", "weight_repeats": "0.25",
                                                        "weight_overdue": "0.2", "weight_dissatisfaction": "0.2",
                                                        "weight_collective": "0.15"})
    assert bad.status_code == 422 and "must add up to 1" in bad.content.decode()
    body = {"weight_volume": 0.4, "weight_repeats": 0.2, "weight_overdue": 0.2, "weight_dissatisfaction": 0.1,
            "weight_collective": 0.1}
    assert api.post("/rules/risk-weights", body, token_for(owner)).status_code == 403  # a county's admin
    assert api.post("/rules/risk-weights", body, token_for(national_admin)).status_code == 200
    assert RiskSettings.current().weight_volume == 0.4
    assert AuditEntry.objects.filter(object_type="insight.risksettings").exists()


def test_the_township_desk_edits_only_township_rows(client, township_user, units):
    signed_in(client, township_user)
    ok = client.post(reverse("cases:rules_dispatch_new"),
                     rule_form(units, region_prefix=TOWNSHIP, unit=units["township"].pk, copy_unit=""))
    assert ok.status_code == 302
    assert client.post(reverse("cases:rules_dispatch_new"),
                       rule_form(units, unit=units["township"].pk, copy_unit="")).status_code == 403


def test_the_api_hides_another_countys_rows(api, token_for, outsider, units):
    from django.test import Client

    rule = DispatchRule.objects.create(category_code="urban", region_prefix=COUNTY, unit=units["housing"])
    policy = DeadlinePolicy.objects.create(region_prefix=COUNTY, track="petition", step="accept", kind="calendar",
                                           amount=5)
    headers = token_for(outsider)
    assert rule.pk not in [r["id"] for r in api.get("/rules/dispatch", headers).json()]
    assert policy.pk not in [p["id"] for p in api.get("/rules/policies", headers).json()]
    client = Client()
    for path in (f"/api/v1/rules/dispatch/{rule.pk}", f"/api/v1/rules/policies/{policy.pk}"):
        answer = client.patch(path, {"region_prefix": OTHER_COUNTY}, content_type="application/json", headers=headers)
        assert answer.status_code == 404, path
    rule.refresh_from_db()
    policy.refresh_from_db()
    assert rule.region_prefix == policy.region_prefix == COUNTY


def test_the_policy_api_patches_the_amount(api, token_for, owner):
    from django.test import Client

    policy = DeadlinePolicy.objects.create(region_prefix=COUNTY, track="petition", step="accept", kind="calendar",
                                           amount=5)
    answer = Client().patch(f"/api/v1/rules/policies/{policy.pk}", {"amount": 7}, content_type="application/json",
                            headers=token_for(owner))
    assert answer.status_code == 200 and answer.json()["amount"] == 7
    policy.refresh_from_db()
    assert policy.amount == 7
    assert AuditEntry.objects.filter(object_type="cases.deadlinepolicy", action="update",
                                     changes__amount=[5, 7]).exists()


def test_the_weights_page_says_when_the_stored_weights_do_not_add_up(client, colleague):
    conf = CaseSettings.current()
    conf.weight_response = conf.weight_resolution = conf.weight_satisfaction = 0.5
    conf.save()
    html = signed_in(client, colleague).get(reverse("reports:weights")).content.decode()
    assert "当前权重之和为 1.500，不等于 1" in html
    assert 'name="weight_response"' not in html  # read-only for a handler


def test_a_user_with_many_units_types_the_units_number(client, owner, units, monkeypatch):
    from sixia.cases import rule_forms

    monkeypatch.setattr(rule_forms, "UNIT_CHOICES_MAX", 1)
    signed_in(client, owner)
    html = client.get(reverse("cases:rules_dispatch_new")).content.decode()
    assert '<select name="unit"' not in html and 'type="number" name="unit"' in html
    resp = client.post(reverse("cases:rules_dispatch_new"), rule_form(units, unit=str(units["housing"].pk)))
    assert resp.status_code == 302
    resp = client.post(reverse("cases:rules_dispatch_new"),
                       rule_form(units, category_code="urban", unit=str(units["other_county"].pk), copy_unit=""))
    assert resp.status_code == 422 and "不在您的管辖范围内" in resp.content.decode()
