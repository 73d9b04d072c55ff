"""The rule table: seeded defaults, region overrides, editing through the service."""

from __future__ import annotations

import pytest

from sixia.core.errors import Forbidden, InvalidInput
from sixia.core.models import AuditEntry
from sixia.quotas import selectors, services
from sixia.quotas.defaults import REMIND_DAYS, RULES
from sixia.quotas.models import QuotaRule
from tests.conftest import COUNTY, TOWNSHIP

pytestmark = pytest.mark.django_db


def test_it_seeds_every_default_of_rules_md():
    seeded = {(r.rank, r.kind, r.measure): r for r in QuotaRule.objects.filter(region_prefix="")}
    assert len(seeded) == len(RULES)
    for rank, kind, measure, period, where, amount, source in RULES:
        row = seeded[(rank, kind, measure)]
        assert (row.period, row.where, row.amount, row.source) == (period, where, amount, source)
        assert row.remind_days_before == REMIND_DAYS[period]
    county_reception = seeded[("county", "reception", "count")]
    assert (county_reception.period, county_reception.where, county_reception.amount) == ("month",
                                                                                          "linked_township", 1)
    assert seeded[("county", "research", "days")].amount == 60
    assert seeded[("provincial", "onsite", "count")].period == "half"


def test_a_regions_rule_overrides_the_default_for_the_same_rank_kind_and_measure(owner):
    services.save_rule(actor=owner, rank="county", kind="research", measure="days", period="year", amount=90,
                       region_prefix=COUNTY, source="湖南2011：县级90天")
    rules = selectors.active_rules()
    here = {(r.kind, r.measure): r for r in selectors.applicable(rules, "county", TOWNSHIP)}
    elsewhere = {(r.kind, r.measure): r for r in selectors.applicable(rules, "county", "350922")}
    assert here[("research", "days")].amount == 90
    assert elsewhere[("research", "days")].amount == 60
    assert here[("reception", "count")].region_prefix == ""  # untouched defaults still apply


def test_inactive_rules_do_not_apply(owner):
    rule = QuotaRule.objects.get(region_prefix="", rank="county", kind="onsite")
    rule.is_active = False
    rule.save()
    kinds = {r.kind for r in selectors.applicable(selectors.active_rules(), "county", COUNTY)}
    assert "onsite" not in kinds and "reception" in kinds


def test_saving_a_rule_is_audited(owner):
    rule = services.save_rule(actor=owner, rank="township", kind="lecture", period="quarter", amount=2,
                              region_prefix=COUNTY)
    services.save_rule(actor=owner, rule=rule, amount=3)
    rule.refresh_from_db()
    assert rule.amount == 3
    entries = AuditEntry.objects.filter(object_type="quotas.quotarule", object_id=str(rule.pk)).order_by("pk")
    assert [e.action for e in entries] == ["create", "update"]
    assert entries[1].changes == {"amount": "3.0"}


@pytest.mark.parametrize(("field", "value", "code"), [
    ("rank", "emperor", "invalid_rank"),
    ("kind", "dance", "invalid_kind"),
    ("period", "week", "invalid_period"),
    ("where", "moon", "invalid_where"),
    ("amount", -1, "invalid_amount"),
    ("amount", "many", "invalid_amount"),
    ("region_prefix", "35ab", "invalid_region_prefix"),
    ("remind_days_before", 400, "invalid_remind_days"),
])
def test_bad_rules_are_refused_with_a_bilingual_message(owner, field, value, code):
    data = {"rank": "county", "kind": "lecture", "period": "month", "amount": 1, "region_prefix": COUNTY,
            field: value}
    with pytest.raises(InvalidInput) as err:
        services.save_rule(actor=owner, **data)
    assert err.value.code == code and "(" in err.value.message


def test_a_duplicate_rule_is_refused(owner):
    services.save_rule(actor=owner, rank="county", kind="visit", period="month", amount=1, region_prefix=COUNTY)
    with pytest.raises(InvalidInput) as err:
        services.save_rule(actor=owner, rank="county", kind="visit", period="year", amount=5, region_prefix=COUNTY)
    assert err.value.code == "duplicate_rule"


def test_only_admins_of_the_region_edit_rules(owner, colleague, outsider):
    with pytest.raises(Forbidden):  # a handler is no admin
        services.save_rule(actor=colleague, rank="county", kind="visit", period="month", amount=1,
                           region_prefix=COUNTY)
    with pytest.raises(Forbidden):  # another county's admin
        services.save_rule(actor=outsider, rank="county", kind="visit", period="month", amount=1,
                           region_prefix=COUNTY)
    default = QuotaRule.objects.get(region_prefix="", rank="county", kind="reception")
    with pytest.raises(Forbidden):  # a county admin may not change the national default …
        services.save_rule(actor=owner, rule=default, amount=2)
    with pytest.raises(Forbidden):  # … nor move a rule out of the county
        services.save_rule(actor=owner, rank="county", kind="visit", period="month", amount=1, region_prefix="")
    assert QuotaRule.objects.get(pk=default.pk).amount == 1


def test_rules_visible_to_a_county_admin(owner, outsider):
    services.save_rule(actor=owner, rank="county", kind="visit", period="month", amount=1, region_prefix=COUNTY)
    mine = {r.region_prefix for r in selectors.rules_visible_to(owner)}
    theirs = {r.region_prefix for r in selectors.rules_visible_to(outsider)}
    assert mine == {"", COUNTY} and theirs == {""}
