"""Reminders before a period ends, to officials who are behind — once per official, rule and period."""

from __future__ import annotations

import json
from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command

from sixia.cases.models import Notification
from sixia.quotas.models import QuotaReminder, QuotaRule
from sixia.quotas.services import REMINDER_KIND, send_reminders
from tests.quotas.conftest import OTHER_TOWNSHIP

pytestmark = pytest.mark.django_db
NOV_26 = date(2026, 11, 26)  # 4 days before November ends: inside the monthly rules' 5-day lead


def reminders(**filters):
    return Notification.objects.filter(kind=REMINDER_KIND, **filters)


def test_it_reminds_a_leader_who_is_behind_in_his_inbox(leader, activities):
    run = send_reminders(NOV_26)
    assert run.sent == 1 and run.behind == 1
    note = reminders(user=leader.user).get()
    assert note.title == "履职提醒：2026年11月应到挂钩乡镇接访1次，已完成0次"
    assert "还有4天结束" in note.body and "尚差1次" in note.body
    row = QuotaReminder.objects.get()
    assert (row.official_id, row.period_key, row.required, row.done) == (leader.pk, "2026-11", 1, 0)
    assert row.rule.kind == "reception"


def test_it_never_reminds_twice_for_the_same_official_rule_and_period(leader, activities):
    send_reminders(NOV_26)
    again = send_reminders(date(2026, 11, 28))
    assert again.sent == 0 and again.already_sent == 1
    assert reminders().count() == 1
    # December is a new month; on the 27th the quarter's (10 days) and the year's (30 days) leads have begun too
    assert send_reminders(date(2026, 12, 27)).sent == 3
    assert sorted(QuotaReminder.objects.values_list("period_key", flat=True)) == ["2026", "2026-11", "2026-12",
                                                                                   "2026-Q4"]
    assert send_reminders(date(2026, 12, 28)).sent == 0


def test_nobody_is_reminded_when_the_quota_is_met(leader, activities):
    activities.add(leader, "reception", date(2026, 11, 15))
    run = send_reminders(NOV_26)
    assert run.sent == 0 and run.behind == 0 and not reminders().exists()


def test_nobody_is_reminded_before_the_lead_time(leader, activities):
    assert send_reminders(date(2026, 11, 20)).rules_due == 0
    assert not reminders().exists()


def test_the_lead_time_is_data(leader, activities):
    QuotaRule.objects.filter(rank="county", kind="reception").update(remind_days_before=15)
    assert send_reminders(date(2026, 11, 20)).sent == 1


def test_an_official_without_a_login_is_reminded_through_his_units_inbox(cadre, activities):
    activities.add(cadre, "reception", date(2026, 11, 5), region=OTHER_TOWNSHIP + "201")  # 1 of 2
    run = send_reminders(NOV_26)
    assert run.sent == 1
    note = reminders(unit=cadre.unit).get()
    assert "应到村（社区）接访2次，已完成1次" in note.title and note.user_id is None


def test_the_management_command_runs_the_same_scan(leader, activities):
    out = StringIO()
    call_command("remind_quotas", "--day", "2026-11-26", stdout=out)
    assert json.loads(out.getvalue())["sent"] == 1
    call_command("remind_quotas", "--day", "2026-11-26", stdout=StringIO())
    assert reminders().count() == 1


def test_the_periodic_task_is_registered():
    from sixia.quotas import tasks

    assert callable(tasks.remind_quotas_daily)


def test_a_reminder_recorded_meanwhile_by_another_worker_is_not_sent_again(leader, activities):
    """The unique (official, rule, period) row is the guard: a concurrent run that lost the race sends nothing."""
    from sixia.engines.quotas.periods import parse_period
    from sixia.quotas.services import _remind

    rule = QuotaRule.objects.get(region_prefix="", rank="county", kind="reception")
    QuotaReminder.objects.create(official=leader, rule=rule, period_key="2026-11")
    from sixia.engines import quotas as engine
    from sixia.quotas import selectors

    result = engine.evaluate([selectors.to_engine(rule)], [], parse_period("2026-11"), NOV_26)[0]
    assert _remind(leader, rule, result, NOV_26) is False
    assert not reminders().exists() and QuotaReminder.objects.count() == 1
