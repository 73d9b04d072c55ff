"""The deadline scan (预警督办): one set-based pass over all running clocks.

Each warning level is one UPDATE over an index range (``due_at`` / ``urgent_at`` / ``approaching_at``), each
escalation rule one UPDATE plus two INSERT … SELECT (Supervision rows and CaseEvent rows), and the
notifications are grouped per unit — the number of statements does not grow with the number of cases.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.db import connection, transaction
from django.db.models import Count, Q
from django.utils import timezone

from sixia.cases.models import (
    Case,
    CaseEvent,
    EscalationRule,
    Notification,
    Supervision,
    SupervisionLevel,
    Warning,
)
from sixia.cases.notifications import notify_units
from sixia.core import audit

log = logging.getLogger(__name__)
SEVERITY = [Warning.NORMAL, Warning.APPROACHING, Warning.URGENT, Warning.OVERDUE]


@dataclass
class ScanResult:
    at: datetime
    marked: dict[str, int] = field(default_factory=dict)
    escalated: dict[int, int] = field(default_factory=dict)
    notifications: int = 0

    def as_dict(self) -> dict:
        return {"at": self.at.isoformat(), "marked": self.marked,
                "escalated": {str(SupervisionLevel(k).label): v for k, v in self.escalated.items()},
                "notifications": self.notifications}


def _at_least(level: str) -> list[str]:
    return [str(w) for w in SEVERITY[SEVERITY.index(Warning(level)):]]


@transaction.atomic
def scan_deadlines(*, now: datetime | None = None) -> ScanResult:
    """Mark approaching / urgent / overdue cases and escalate by the rules, in one transaction."""
    now = now or timezone.now()
    result = ScanResult(at=now)
    running = Case.objects.filter(due_at__isnull=False, suspended_at__isnull=True)

    result.marked["overdue"] = running.filter(due_at__lt=now).exclude(warning=Warning.OVERDUE).update(
        warning=Warning.OVERDUE, warned_at=now)
    result.marked["urgent"] = running.filter(urgent_at__lte=now, due_at__gte=now).exclude(
        warning__in=[Warning.URGENT, Warning.OVERDUE]).update(warning=Warning.URGENT, warned_at=now)
    result.marked["approaching"] = running.filter(approaching_at__lte=now, urgent_at__gt=now,
                                                  warning=Warning.NORMAL).update(
        warning=Warning.APPROACHING, warned_at=now)

    # highest level first: a case that meets several rules jumps straight to the highest
    for rule in EscalationRule.objects.filter(is_active=True).order_by("-level"):
        cond = Q(supervision_level__lt=rule.level)
        if rule.warning:
            cond &= Q(warning__in=_at_least(rule.warning))
        if rule.overdue_days:
            cond &= Q(due_at__lt=now - timedelta(days=rule.overdue_days))
        if rule.region_prefix:
            cond &= Q(region__code__startswith=rule.region_prefix)
        count = running.filter(cond).update(supervision_level=rule.level, supervised_at=now)
        if count:
            result.escalated[rule.level] = result.escalated.get(rule.level, 0) + count
    if result.escalated:
        _record_escalations(now)

    result.notifications = _notify(now)
    audit.record(audit.Action.ACTION, object_type="cases.scan", summary="预警督办扫描",
                 changes=result.as_dict(), actor=None)
    log.info("deadline scan: %s", result.as_dict())
    return result


def _record_escalations(now: datetime) -> None:
    """Supervision + CaseEvent rows for every case escalated in this pass (stamped ``supervised_at = now``)."""
    case_t, sup_t, ev_t = Case._meta.db_table, Supervision._meta.db_table, CaseEvent._meta.db_table
    json_param = "CAST(%s AS jsonb)" if connection.vendor == "postgresql" else "%s"
    labels = " ".join(f"WHEN {level.value} THEN '{level.label}'" for level in SupervisionLevel)
    stamp = connection.ops.adapt_datetimefield_value(now)
    with connection.cursor() as cur:
        cur.execute(
            f"INSERT INTO {sup_t} (case_id, unit_id, level, at, automatic, note) "
            f"SELECT id, responsible_unit_id, supervision_level, %s, %s, CASE supervision_level {labels} END "
            f"FROM {case_t} WHERE supervised_at = %s", [stamp, True, stamp])
        cur.execute(
            f"INSERT INTO {ev_t} (case_id, at, actor_name, actor_unit, action, from_state, to_state, reason, "
            f"data, public) SELECT id, %s, %s, %s, %s, state, state, CASE supervision_level {labels} END, "
            f"{json_param}, %s FROM {case_t} WHERE supervised_at = %s",
            [stamp, "系统", "", "supervise", '{"automatic": true}', False, stamp])


def _notify(now: datetime) -> int:
    """One inbox message per unit for what this pass found (never one per case)."""
    rows: list[Notification] = []
    overdue = (Case.objects.filter(warned_at=now, warning=Warning.OVERDUE, responsible_unit__isnull=False)
               .values("responsible_unit").annotate(n=Count("id")))
    for row in overdue:
        rows.append(Notification(unit_id=row["responsible_unit"], kind="overdue",
                                 title=f"本单位有 {row['n']} 件诉求已超期", body="请尽快办理并答复。"))
    urgent = (Case.objects.filter(warned_at=now, warning__in=[Warning.URGENT, Warning.APPROACHING],
                                  responsible_unit__isnull=False)
              .values("responsible_unit").annotate(n=Count("id")))
    for row in urgent:
        rows.append(Notification(unit_id=row["responsible_unit"], kind="approaching",
                                 title=f"本单位有 {row['n']} 件诉求临近办理期限"))
    escalated = (Case.objects.filter(supervised_at=now).values("responsible_unit", "copy_unit",
                                                                "supervision_level")
                 .annotate(n=Count("id")))
    for row in escalated:
        label = SupervisionLevel(row["supervision_level"]).label
        for unit_id in {row["responsible_unit"], row["copy_unit"]} - {None}:
            rows.append(Notification(unit_id=unit_id, kind="supervise", title=f"{row['n']} 件诉求被{label}"))
    notify_units(rows)
    return len(rows)
