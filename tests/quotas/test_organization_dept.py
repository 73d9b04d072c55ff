"""组织部 (organization_dept) sets the quota rules of its region through the same pages as an admin."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from sixia.core.models import AuditEntry
from sixia.org.roles import Role
from sixia.quotas.models import QuotaRule
from tests.conftest import COUNTY, OTHER_COUNTY, PASSWORD

pytestmark = pytest.mark.django_db

FORM = {"rank": "county", "kind": "research", "measure": "days", "period": "year", "where": "anywhere",
        "amount": "80", "region_prefix": COUNTY, "remind_days_before": "30", "is_active": "on", "source": "县委组织部"}


@pytest.fixture
def org_dept(make_user, units):
    return make_user("zuzhibu", [Role.ORGANIZATION_DEPT], COUNTY, units["county_gov"])


def signed_in(client, user):
    assert client.login(username=user.username, password=PASSWORD)
    return client


def test_it_is_a_role_with_a_group():
    assert Group.objects.filter(name="organization_dept").exists()


def test_the_organisation_department_adds_a_county_rule(client, org_dept):
    signed_in(client, org_dept)
    html = client.get(reverse("quotas:rules")).content.decode()
    assert reverse("quotas:rule_new") in html
    assert client.get(reverse("quotas:rule_new")).status_code == 200
    assert client.post(reverse("quotas:rule_new"), FORM).status_code == 302
    rule = QuotaRule.objects.get(region_prefix=COUNTY, kind="research")
    assert rule.amount == 80
    assert AuditEntry.objects.filter(object_type="quotas.quotarule", object_id=str(rule.pk),
                                     actor=org_dept).exists()


def test_the_organisation_department_cannot_edit_the_national_default(client, org_dept):
    rule = QuotaRule.objects.get(region_prefix="", rank="county", kind="reception")
    resp = signed_in(client, org_dept).post(reverse("quotas:rule_edit", args=[rule.pk]),
                                            {**FORM, "kind": "reception", "region_prefix": ""})
    assert resp.status_code == 403
    rule.refresh_from_db()
    assert rule.amount == 1


def test_nor_another_countys_rules(client, org_dept):
    resp = signed_in(client, org_dept).post(reverse("quotas:rule_new"), {**FORM, "region_prefix": OTHER_COUNTY})
    assert resp.status_code == 403
    assert not QuotaRule.objects.filter(region_prefix=OTHER_COUNTY).exists()


def test_a_handler_still_cannot(client, colleague):
    assert signed_in(client, colleague).post(reverse("quotas:rule_new"), FORM).status_code == 403
    assert not QuotaRule.objects.filter(region_prefix=COUNTY).exists()


def test_the_api_creates_and_patches_a_rule_for_the_organisation_department(api, token_for, org_dept, outsider):
    from django.test import Client

    headers = token_for(org_dept)
    body = {"rank": "county", "kind": "research", "measure": "days", "period": "year", "amount": 80,
            "region_prefix": COUNTY}
    created = api.post("/quotas/rules", body, headers)
    assert created.status_code == 201, created.content
    rule_id = created.json()["id"]
    assert api.post("/quotas/rules", body, headers).status_code == 422  # the same rule twice
    assert api.post("/quotas/rules", body | {"region_prefix": ""}, headers).status_code == 403
    patched = Client().patch(f"/api/v1/quotas/rules/{rule_id}", {"amount": 60}, content_type="application/json",
                             headers=headers)
    assert patched.status_code == 200 and patched.json()["amount"] == 60
    hidden = Client().patch(f"/api/v1/quotas/rules/{rule_id}", {"amount": 1}, content_type="application/json",
                            headers=token_for(outsider))
    assert hidden.status_code == 404
    assert QuotaRule.objects.get(pk=rule_id).amount == 60
