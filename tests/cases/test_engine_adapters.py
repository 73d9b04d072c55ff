"""The cases app's thin adapters over the pure engines: refusals become domain errors, rows become engine data."""

from datetime import date, timedelta
from types import SimpleNamespace

import pytest

from sixia.cases import deadlines, rates, workflow
from sixia.cases.models import CaseSettings, DeadlinePolicy
from sixia.core.errors import Conflict, Forbidden, InvalidInput
from tests.cases.conftest import at


def _case(state, unit=7):
    return SimpleNamespace(state=state, responsible_unit_id=unit, suspended_from="", track="petition")


def _user(*roles, unit=7):
    return SimpleNamespace(pk=1, roles=list(roles), is_superuser=False, unit_id=unit)


def test_workflow_refusals_map_to_409_403_and_422():
    now = at(2026, 3, 2)
    with pytest.raises(Conflict) as not_now:
        workflow.decide(_case("closed"), "sign", _user("handler"), {}, now)
    assert not_now.value.status == 409 and "已办结" in not_now.value.message
    with pytest.raises(Forbidden) as not_you:
        workflow.decide(_case("assigned", unit=8), "sign", _user("handler"), {}, now)
    assert not_you.value.code == "not_permitted"
    with pytest.raises(InvalidInput) as no_reason:
        workflow.decide(_case("registered"), "reject", _user("dispatcher"), {"reason": " "}, now)
    assert no_reason.value.field == "reason"
    with pytest.raises(InvalidInput):
        workflow.decide(_case("registered"), "teleport", None, {}, now)
    with pytest.raises(InvalidInput) as bad_channel:
        workflow.validate_intake(channel="pigeon", demand_type="", petition_class="")
    assert bad_channel.value.field == "channel"
    superuser = SimpleNamespace(pk=2, roles=[], is_superuser=True, unit_id=None)
    assert workflow.decide(_case("registered"), "accept", superuser, {}, now).to_state == "accepted"


def _settings(**values):
    conf = CaseSettings.current()
    for name, value in values.items():
        setattr(conf, name, value)
    conf.save()


def test_warning_fractions_come_from_the_settings_row(new_case):
    _settings(approaching_fraction=0.5, urgent_fraction=0.75)
    case = new_case(now=at(2026, 3, 2, 0, 0))
    span = case.accept_due - case.step_started_at
    assert case.approaching_at - case.step_started_at == span * 0.5
    assert case.urgent_at - case.step_started_at == span * 0.75


def test_broken_fractions_fall_back_to_the_defaults_instead_of_crashing(new_case):
    _settings(approaching_fraction=0.9, urgent_fraction=0.3)
    case = new_case(now=at(2026, 3, 2, 0, 0))
    span = case.accept_due - case.step_started_at
    assert case.approaching_at - case.step_started_at == span * 0.6


def test_a_regional_policy_row_beats_the_national_default(new_case):
    DeadlinePolicy.objects.create(region_prefix="350921", track="petition", step="accept", kind="working", amount=10,
                                  note="本县规定")
    case = new_case(now=at(2026, 3, 2, 9, 0))  # Mon; 10 working days: 03-03…06 (4), 09…13 (9), 16 (10)
    assert case.accept_due.date() == date(2026, 3, 16)


def test_extension_limit_comes_from_the_policy_row(handling_case):
    for row in DeadlinePolicy.objects.filter(track="petition", step="extension"):  # saved as the rules pages save
        row.amount = 10  # (a post_save: the per-process policy cache forgets the old row)
        row.save()
    assert deadlines.check_extension(handling_case, 10) == 10
    with pytest.raises(InvalidInput) as error:
        deadlines.check_extension(handling_case, 11)
    assert error.value.code == "invalid_extension"


def test_bad_kind_and_period_become_422():
    with pytest.raises(InvalidInput):
        deadlines.add(at(2026, 3, 2), 1, "moons")
    with pytest.raises(InvalidInput) as error:
        rates.period_bounds("2026-Q9")
    assert error.value.field == "period"
    start, end = rates.period_bounds("2026-Q1")
    assert (end - start) == timedelta(days=90) and start.utcoffset() == timedelta(hours=8)
