"""Entering a year's holiday arrangement (节假日安排): preview which open deadlines it moves, then apply it.

One service behind the admin page, the API and ``sixia import-holidays``. The text has one day a line,
``YYYY-MM-DD,休|班[,名称]`` (``#`` starts a comment). Applying it, in one transaction:

* upserts the days as HolidayOverride rows (days of the same years not in the text are left alone: a local
  holiday entered before stays) and records each year of the text as known (HolidayYear, ADR 0003);
* recomputes every open clock whose stored due date the new calendar moves: each clock is counted again from
  its start with the old and with the new calendar (``deadlines.clock_for``, the same counting as at intake and
  on each action) and the stored date moves by the difference, so time the clock did not count (a suspension)
  stays out of it; a due date a dispatcher typed by hand (one that follows no clock) is left alone;
* writes one CaseEvent per moved case ("期限因节假日安排调整") and one audit entry.

Applying the same text again finds nothing to change and writes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from sixia.cases import deadlines, events, selectors, workflow
from sixia.cases import permissions as rights
from sixia.cases.models import Assignment, Case, CaseEvent, DeadlinePolicy, HolidayOverride, HolidayYear
from sixia.cases.services.intake import record_event
from sixia.core import audit, permissions
from sixia.core.errors import InvalidInput
from sixia.engines import deadlines as engine

WORK = {"班", "work", "workday", "1", "上班"}
OFF = {"休", "off", "holiday", "0", "休息"}
MAX_LINES = 1000
YEARS = (2000, 2100)  # what lunar-python and the law's table are used for
OPEN_ASSIGNMENT = [Assignment.Status.PENDING, Assignment.Status.SIGNED]
CASE_FIELDS = ("accept_due", "handle_due", "due_at")


@dataclass(frozen=True)
class Day:
    date: date
    is_workday: bool
    name: str = ""


@dataclass(frozen=True)
class Move:
    """One stored due date the arrangement moves: a case field, or an assignment's (``assignment_id`` set)."""

    case_id: int
    tracking_no: str
    title: str
    field: str  # accept_due | handle_due | due_at | assignment.due_at | assignment.dispute_due
    before: datetime
    after: datetime
    assignment_id: int | None = None

    def as_dict(self) -> dict:
        return {"case_id": self.case_id, "tracking_no": self.tracking_no, "title": self.title, "field": self.field,
                "assignment_id": self.assignment_id, "before": self.before, "after": self.after}


@dataclass
class Plan:
    """What an arrangement changes: the days, the years it makes known, and the due dates it moves."""

    days: list[Day]
    years: list[int]
    new_years: list[int]
    changed_days: list[Day]  # days whose override row is new or different
    moves: list[Move] = field(default_factory=list)
    applied: bool = False

    @property
    def cases(self) -> int:
        return len({m.case_id for m in self.moves})

    @property
    def changes_anything(self) -> bool:
        return bool(self.new_years or self.changed_days or self.moves)

    def visible_moves(self, actor) -> list[Move]:
        """The moves of cases ``actor`` may see (the others are only counted: the calendar is everyone's)."""
        if actor is None:
            return list(self.moves)
        ids = set(selectors.visible_cases(actor).filter(pk__in={m.case_id for m in self.moves})
                  .values_list("pk", flat=True))
        return [m for m in self.moves if m.case_id in ids]

    def as_dict(self, actor=None) -> dict:
        shown = self.visible_moves(actor)
        return {"years": self.years, "new_years": self.new_years, "days": len(self.days),
                "changed_days": [{"date": d.date, "is_workday": d.is_workday, "name": d.name}
                                 for d in self.changed_days],
                "cases": self.cases, "moves_total": len(self.moves), "moves": [m.as_dict() for m in shown],
                "moves_hidden": len(self.moves) - len(shown), "applied": self.applied}


def check_admin(actor) -> None:
    """Only an administrator (or the system, ``actor=None``: the command line) enters an arrangement."""
    permissions.require(actor, rights.MANAGE_HOLIDAYS)


def parse_arrangement(text: str) -> list[Day]:
    """The days of an arrangement text; every bad line is reported at once (InvalidInput), nothing half-read."""
    lines = (text or "").splitlines()
    if len(lines) > MAX_LINES:
        raise InvalidInput("too_many_lines", f"每次最多导入{MAX_LINES}行", f"at most {MAX_LINES} lines at a time",
                           field="text")
    days: dict[date, Day] = {}
    errors_zh: list[str] = []
    errors_en: list[str] = []
    for n, raw in enumerate(lines, 1):
        line = raw.split("#", 1)[0].strip().lstrip("\ufeff")
        if not line:
            continue
        parts = [p.strip() for p in line.replace("，", ",").split(",")]
        try:
            day = date.fromisoformat(parts[0])
        except ValueError:
            errors_zh.append(f"第{n}行：日期格式应为 YYYY-MM-DD")
            errors_en.append(f"line {n}: the date must be YYYY-MM-DD")
            continue
        kind = parts[1] if len(parts) > 1 and parts[1] else "休"
        if kind not in WORK | OFF:
            errors_zh.append(f"第{n}行：第二列应为“休”或“班”")
            errors_en.append(f"line {n}: the second column must be 休 (rest) or 班 (work)")
            continue
        if not YEARS[0] <= day.year <= YEARS[1]:
            errors_zh.append(f"第{n}行：年份应在{YEARS[0]}至{YEARS[1]}之间")
            errors_en.append(f"line {n}: the year must be {YEARS[0]}..{YEARS[1]}")
            continue
        row = Day(day, kind in WORK, (parts[2] if len(parts) > 2 else "")[:40])
        if day in days and days[day].is_workday != row.is_workday:
            errors_zh.append(f"第{n}行：{day} 前面已写为{'班' if days[day].is_workday else '休'}")
            errors_en.append(f"line {n}: {day} is listed twice with different kinds")
            continue
        days[day] = row
    if errors_zh:
        raise InvalidInput("invalid_holidays", "\n".join(errors_zh), "; ".join(errors_en), field="text")
    if not days:
        raise InvalidInput("no_holidays", "没有可导入的日期", "no days to import", field="text")
    return sorted(days.values(), key=lambda d: d.date)


def preview_arrangement(*, actor, text: str) -> Plan:
    """What applying ``text`` would change; writes nothing."""
    check_admin(actor)
    return _plan(parse_arrangement(text), lock=False)


def apply_arrangement(*, actor, text: str, source: str = "", now: datetime | None = None) -> Plan:
    """Store the arrangement and move the open deadlines it changes (see the module docstring)."""
    check_admin(actor)
    days = parse_arrangement(text)
    now = now or timezone.now()
    with transaction.atomic():
        plan = _plan(days, lock=True)
        if not plan.changes_anything:
            return plan
        for day in plan.changed_days:  # (update_or_create: an import running at the same moment is no 500)
            HolidayOverride.objects.update_or_create(date=day.date,
                                                     defaults={"is_workday": day.is_workday, "name": day.name})
        by = actor if getattr(actor, "pk", None) else None
        HolidayYear.objects.bulk_create([HolidayYear(year=y, imported_at=now, imported_by=by, source=source[:200])
                                         for y in plan.new_years], ignore_conflicts=True)
        _store_moves(plan, actor, now, source)
        audit.record(audit.Action.IMPORT, object_type="cases.holidayoverride", actor=actor,
                     summary=f"导入节假日安排 {'、'.join(map(str, plan.years))}：{len(plan.changed_days)} 天，"
                             f"{plan.cases} 件诉求期限调整",
                     changes={"source": source, "years": plan.years, "new_years": plan.new_years,
                              "days": [[str(d.date), "班" if d.is_workday else "休", d.name]
                                       for d in plan.changed_days],
                              "cases": plan.cases, "moves": len(plan.moves)})
        plan.applied = True
    deadlines.forget_known_years()
    return plan


# ---- the plan ----

def _plan(days: list[Day], *, lock: bool) -> Plan:
    current = {r.date: r for r in HolidayOverride.objects.all()}
    known = deadlines.known_years() if not lock else frozenset(HolidayYear.objects.values_list("year", flat=True))
    years = sorted({d.date.year for d in days})
    changed = [d for d in days if d.date not in current
               or (current[d.date].is_workday, current[d.date].name) != (d.is_workday, d.name)]
    plan = Plan(days=days, years=years, new_years=[y for y in years if y not in known], changed_days=changed)
    old = engine.WorkCalendar({d: r.is_workday for d, r in current.items()}, known)
    new = engine.WorkCalendar({d: r.is_workday for d, r in current.items()} | {d.date: d.is_workday for d in days},
                              known | set(years))
    moved_days = [d.date for d in days if old.is_workday(d.date) != new.is_workday(d.date)]
    if moved_days:
        plan.moves = _moves(old, new, min(moved_days), lock=lock)
    return plan


def _open_cases(since: datetime, *, lock: bool):
    """Open cases with a stored due date (their own or an open assignment's) on or after ``since``."""
    late = (Q(accept_due__gte=since) | Q(handle_due__gte=since) | Q(due_at__gte=since)
            | Q(assignments__status__in=OPEN_ASSIGNMENT, assignments__due_at__gte=since)
            | Q(assignments__status__in=OPEN_ASSIGNMENT, assignments__dispute_due__gte=since))
    ids = Case.objects.exclude(state__in=workflow.TERMINAL).filter(late).values("pk").distinct()
    qs = Case.objects.filter(pk__in=ids).select_related("category").order_by("pk")
    return qs.select_for_update(of=("self",)) if lock else qs


def _moves(old: engine.WorkCalendar, new: engine.WorkCalendar, first: date, *, lock: bool) -> list[Move]:
    """Every stored due date of an open case that the change of calendar moves. A period that ends before the
    first changed day never looked at it, so only cases with a stored due date on or after that day are read."""
    policies, levels = list(DeadlinePolicy.objects.all()), deadlines.warning_levels()
    since = deadlines.end_of_day(first - timedelta(days=1)) + timedelta(seconds=1)
    cases = list(_open_cases(since, lock=lock))
    reopened = dict(CaseEvent.objects.filter(case__in=cases, action="reopen").order_by("at", "pk")
                    .values_list("case_id", "at"))  # the last reopening of each case wins
    assignments: dict[int, list[Assignment]] = {}
    for row in Assignment.objects.filter(case__in=cases, status__in=OPEN_ASSIGNMENT).order_by("assigned_at", "pk"):
        assignments.setdefault(row.case_id, []).append(row)
    moves: list[Move] = []
    for case in cases:
        moves += _case_moves(case, old, new, (policies, levels), reopened.get(case.pk), assignments.get(case.pk, []))
    return moves


def _delta(case: Case, step: str, start: datetime | None, old, new, loaded, extra_days: int = 0) -> timedelta:
    """How far the due date of ``step``'s clock from ``start`` moves from the old to the new calendar
    (``loaded``: the policies and warning levels, read once for all cases)."""
    if start is None:
        return timedelta(0)
    policies, levels = loaded
    before = deadlines.clock_for(case, step, start, extra_days=extra_days, calendar=old, policies=policies,
                                 levels=levels).due_at
    after = deadlines.clock_for(case, step, start, extra_days=extra_days, calendar=new, policies=policies,
                                levels=levels).due_at
    return after - before if before is not None and after is not None else timedelta(0)


def _case_moves(case: Case, old, new, loaded, reopened_at: datetime | None,
                rows: list[Assignment]) -> list[Move]:
    found: list[Move] = []

    def move(name: str, before: datetime | None, gap: timedelta, row: Assignment | None = None) -> None:
        if before is not None and gap:
            found.append(Move(case.pk, case.tracking_no, case.title, name, before, before + gap,
                              row.pk if row is not None else None))

    accept = _delta(case, "accept", case.registered_at, old, new, loaded)
    first_assigned = rows[0].assigned_at if rows else None
    handle_start = reopened_at or case.accepted_at or first_assigned
    handle = _delta(case, "handle", handle_start, old, new, loaded, case.extension_days)
    move("accept_due", case.accept_due, accept)
    move("handle_due", case.handle_due, handle)
    if case.due_at is not None:
        if case.step == "accept" and case.due_at == case.accept_due:
            move("due_at", case.due_at, accept)
        elif case.step == "handle" and case.due_at == case.handle_due:
            move("due_at", case.due_at, handle)
        elif case.step not in ("accept", "handle"):
            move("due_at", case.due_at, _delta(case, case.step, case.step_started_at, old, new, loaded))
    for row in rows:
        if row.due_at is not None and row.due_at == case.handle_due:
            move("assignment.due_at", row.due_at, handle, row)
        move("assignment.dispute_due", row.dispute_due, _delta(case, "dispute", row.assigned_at, old, new, loaded),
             row)
    return found


# ---- storing the moves ----

def _store_moves(plan: Plan, actor, now: datetime, source: str) -> None:
    levels = deadlines.warning_levels()
    by_case: dict[int, list[Move]] = {}
    for m in plan.moves:
        by_case.setdefault(m.case_id, []).append(m)
    cases = Case.objects.in_bulk(list(by_case))
    reason = f"节假日安排（{'、'.join(map(str, plan.years))}年）导入后重新计算期限"
    for case_id, moves in by_case.items():
        case = cases[case_id]
        fields: set[str] = set()
        for m in moves:
            if m.assignment_id is not None:
                name = m.field.split(".", 1)[1]
                Assignment.objects.filter(pk=m.assignment_id).update(**{name: m.after})
            else:
                setattr(case, m.field, m.after)
                fields.add(m.field)
                if m.field == "due_at":
                    gap = m.after - m.before
                    case.approaching_at = engine.shift(case.approaching_at, gap * levels.approaching)
                    case.urgent_at = engine.shift(case.urgent_at, gap * levels.urgent)
                    fields |= {"approaching_at", "urgent_at"}
        if case.due_at is not None and case.suspended_at is None:
            case.warning = deadlines.warning_at(case.due_at, case.approaching_at, case.urgent_at, now)
            fields.add("warning")
        case.version += 1
        case.save(update_fields=fields | {"version", "updated_at"})
        record_event(case=case, actor=actor, action=events.HOLIDAY_ADJUST, from_state=case.state,
                     to_state=case.state, at=now, reason=reason,
                     data={"source": source, "years": plan.years,
                           "changes": [{"field": m.field, "assignment_id": m.assignment_id,
                                        "before": m.before.isoformat(), "after": m.after.isoformat()}
                                       for m in moves]})


# ---- reads for the page and the API ----

@dataclass(frozen=True)
class YearStatus:
    year: int
    status: str  # shipped (chinese-calendar) | imported (HolidayYear) | estimate (statutory holidays only)
    imported: HolidayYear | None
    overrides: list[HolidayOverride]
    statutory: dict[date, str]

    @property
    def known(self) -> bool:
        return self.status != "estimate"


def year_status(year: int) -> YearStatus:
    if not YEARS[0] <= year <= YEARS[1]:
        raise InvalidInput("invalid_year", f"年份应在{YEARS[0]}至{YEARS[1]}之间", f"year must be {YEARS[0]}..{YEARS[1]}",
                           field="year")
    imported = HolidayYear.objects.select_related("imported_by").filter(year=year).first()
    status = "imported" if imported else "shipped" if engine.shipped(year) else "estimate"
    rows = list(HolidayOverride.objects.filter(date__year=year).order_by("date"))
    return YearStatus(year, status, imported, rows, dict(engine.statutory_days(year)))


def years_around(today: date) -> list[int]:
    """The years the page lists: last year to next year, and every year with imported or override data."""
    years = {today.year - 1, today.year, today.year + 1}
    years |= set(HolidayYear.objects.values_list("year", flat=True))
    years |= {d.year for d in HolidayOverride.objects.values_list("date", flat=True)}
    return sorted(years)
