"""What the 包案 ledger and the 督办 notice (通报) show, built from the jurisdiction-scoped selectors once, for
the pages, the API and the Excel exports alike (so the three never disagree).

通报 of a period (local dates ``date_from``–``date_to``), per unit:
- ``overdue``: the unit's cases still open whose current deadline passed before the end of the period (or
  now, when the period has not ended) and that are not suspended;
- ``urged`` / ``supervised`` / ``flagged``: 催办 / 督办 / 挂牌督办 issued to the unit in the period, by hand or
  by the deadline scan; ``answered``: those the unit has answered; ``open``: those still waiting;
- ``cases``: every case behind those numbers, with its highest level in the period.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.utils import timezone

from sixia.cases import labels, selectors, workflow
from sixia.cases.deadlines import TZ
from sixia.cases.models import Case, Supervision, SupervisionLevel


def is_overdue(case: Case, now: datetime | None = None) -> bool:
    now = now or timezone.now()
    return bool(case.due_at and case.due_at < now and case.suspended_at is None
                and case.state not in workflow.TERMINAL)


def ledger_row(case: Case, now: datetime) -> dict:
    """One 包案 case as the API, the page and the export show it."""
    leader = case.owner_leader
    return {
        "id": case.pk, "tracking_no": case.tracking_no, "title": case.title, "state": case.state,
        "state_label": labels.label(labels.STATES, case.state),
        "official_id": leader.pk if leader else None, "official": leader.name if leader else "",
        "official_title": leader.title if leader else "",
        "responsible_unit": case.responsible_unit.name if case.responsible_unit else "",
        "due": case.due_at, "handle_due": case.handle_due, "warning": case.warning,
        "warning_label": str(case.get_warning_display()), "overdue": is_overdue(case, now),
        "supervision_level": case.supervision_level,
        "supervision_label": str(case.get_supervision_level_display()) if case.supervision_level else "",
        "signed_off_at": case.leader_signed_off_at,
        "last_note": getattr(case, "last_note", None) or "", "last_note_at": getattr(case, "last_note_at", None),
    }


def ledger(user, *, official_id: int | None = None, state: str = "", overdue: bool | None = None) -> list[dict]:
    now = timezone.now()
    return [ledger_row(c, now) for c in selectors.owned_cases(user, official_id=official_id, state=state,
                                                               overdue=overdue)]


@dataclass
class UnitNotice:
    unit_id: int | None
    unit: str
    overdue: int = 0
    urged: int = 0
    supervised: int = 0
    flagged: int = 0
    answered: int = 0
    open: int = 0
    cases: list[dict] = field(default_factory=list)

    @property
    def issued(self) -> int:
        return self.urged + self.supervised + self.flagged


COUNTERS = {SupervisionLevel.REMIND: "urged", SupervisionLevel.SUPERVISE: "supervised",
            SupervisionLevel.LISTED: "flagged"}


def _case_entry(case: Case, now: datetime) -> dict:
    return {"id": case.pk, "tracking_no": case.tracking_no, "title": case.title, "state": case.state,
            "state_label": labels.label(labels.STATES, case.state), "due": case.due_at,
            "overdue": is_overdue(case, now), "level": 0, "level_label": "", "reply_by": None,
            "answered": None, "supervisions": 0}


def notice(user, *, date_from: date, date_to: date, now: datetime | None = None) -> list[UnitNotice]:
    """The 通报 of the period: units (most problems first) with their counts and cases."""
    now = now or timezone.now()
    end = min(now, datetime.combine(date_to + timedelta(days=1), time.min, tzinfo=TZ))
    units: dict[int | None, UnitNotice] = {}
    entries: dict[tuple[int | None, int], dict] = {}

    def unit_of(unit_id, name) -> UnitNotice:
        if unit_id not in units:
            units[unit_id] = UnitNotice(unit_id, name or "—")
        return units[unit_id]

    def entry(notice_row: UnitNotice, case: Case) -> dict:
        key = (notice_row.unit_id, case.pk)
        if key not in entries:
            entries[key] = _case_entry(case, now)
            notice_row.cases.append(entries[key])
        return entries[key]

    overdue = (selectors.visible_cases(user).exclude(state__in=workflow.TERMINAL)
               .filter(due_at__lt=end, suspended_at__isnull=True, responsible_unit__isnull=False)
               .select_related("responsible_unit").order_by("due_at", "pk"))
    for case in overdue:
        row = unit_of(case.responsible_unit_id, case.responsible_unit.name if case.responsible_unit else "")
        row.overdue += 1
        entry(row, case)
    rows: list[Supervision] = list(selectors.supervisions_for(user, date_from=date_from, date_to=date_to))
    for sup in rows:
        row = unit_of(sup.unit_id, sup.unit.name if sup.unit else "")
        setattr(row, COUNTERS[SupervisionLevel(sup.level)], getattr(row, COUNTERS[SupervisionLevel(sup.level)]) + 1)
        if sup.answered_at:
            row.answered += 1
        else:
            row.open += 1
        item = entry(row, sup.case)
        item["supervisions"] += 1
        if sup.level >= item["level"]:
            item["level"], item["level_label"] = sup.level, str(SupervisionLevel(sup.level).label)
            item["reply_by"], item["answered"] = sup.reply_by, sup.answered_at is not None
    return sorted(units.values(), key=lambda u: (-(u.overdue + u.issued), -u.open, u.unit))


def default_period(today: date | None = None) -> tuple[date, date]:
    """This month so far."""
    today = today or timezone.localdate()
    return today.replace(day=1), today
