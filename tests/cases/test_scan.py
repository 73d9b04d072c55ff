"""The deadline scan marks approaching / urgent / overdue cases and escalates them by the rules."""

from io import StringIO

from django.core.management import call_command

from sixia.cases.models import Case, CaseEvent, Notification, Supervision
from sixia.cases.services import scan_deadlines
from tests.cases.conftest import at


def _assigned(new_case, act, owner, units):
    case = act(owner, new_case(now=at(2026, 1, 5, 9)), "accept", now=at(2026, 1, 5, 10))
    return act(owner, case, "assign", now=at(2026, 1, 5, 11), unit_id=units["housing"].pk)  # due 2026-03-06


def test_it_marks_approaching_then_urgent(new_case, act, owner, units):
    case = _assigned(new_case, act, owner, units)
    scan_deadlines(now=at(2026, 2, 15))
    assert Case.objects.get(pk=case.pk).warning == "approaching"
    result = scan_deadlines(now=at(2026, 3, 1))
    case = Case.objects.get(pk=case.pk)
    assert case.warning == "urgent"
    assert case.supervision_level == 1  # 催办
    assert result.escalated == {1: 1}


def test_it_marks_overdue_escalates_and_notifies_the_unit(new_case, act, owner, units):
    case = _assigned(new_case, act, owner, units)
    result = scan_deadlines(now=at(2026, 3, 10))
    case = Case.objects.get(pk=case.pk)
    assert (case.warning, case.supervision_level) == ("overdue", 2)  # 督办, straight past 催办
    assert result.marked["overdue"] == 1
    assert list(Supervision.objects.filter(case=case).values_list("level", "automatic")) == [(2, True)]
    event = CaseEvent.objects.filter(case=case, action="supervise").get()
    assert event.reason == "督办" and event.actor_name == "系统"
    assert Notification.objects.filter(unit=units["housing"], kind="overdue").exists()
    assert Notification.objects.filter(unit=units["housing"], kind="supervise").exists()

    again = scan_deadlines(now=at(2026, 3, 11))
    assert again.marked["overdue"] == 0 and again.escalated == {}
    assert Supervision.objects.filter(case=case).count() == 1

    scan_deadlines(now=at(2026, 3, 25))  # 15 days overdue → 挂牌督办
    assert Case.objects.get(pk=case.pk).supervision_level == 3


def test_closed_and_suspended_cases_are_left_alone(new_case, act, owner, units):
    case = _assigned(new_case, act, owner, units)
    act(owner, case, "suspend", now=at(2026, 2, 1), reason="等待鉴定")
    scan_deadlines(now=at(2026, 3, 10))
    assert Case.objects.get(pk=case.pk).warning == "normal"


def test_the_command_prints_what_it_did(new_case, act, owner, units):
    _assigned(new_case, act, owner, units)
    out = StringIO()
    call_command("scan_deadlines", stdout=out)
    assert '"overdue": 1' in out.getvalue()
