"""Reception-day schedules (接待日制度): the rule, its rota and slots, and planning the days it yields."""

from __future__ import annotations

from datetime import date, time

from django.db import transaction

from sixia.activities import permissions as rights
from sixia.activities import rules
from sixia.activities.models import Activity, Kind, ReceptionSchedule, RotaEntry
from sixia.activities.services import recording
from sixia.activities.services.common import _calendar, _plain, _region, _time, check_lengths, official, unit
from sixia.core import audit, jurisdiction, permissions
from sixia.core.errors import InvalidInput, NotFound
from sixia.org.models import Official


def create_schedule(*, actor, name: str, region_code: str, place: str, rota_ids: list[int],
                    day_of_month: int = rules.DEFAULT_DAY_OF_MONTH,
                    months: list[int] | None = None, shift: str = "next_workday", host_unit_id: int | None = None,
                    start_time: str | time = rules.DEFAULT_START_TIME, end_time: str | time = rules.DEFAULT_END_TIME,
                    slot_minutes: int = rules.DEFAULT_SLOT_MINUTES, slot_capacity: int = rules.DEFAULT_SLOT_CAPACITY,
                    due_days: int = rules.DEFAULT_DUE_DAYS,
                    per_person_day_limit: int = rules.DEFAULT_APPOINTMENTS_PER_DAY,
                    per_person_open_limit: int = rules.DEFAULT_OPEN_APPOINTMENTS) -> ReceptionSchedule:
    permissions.require(actor, rights.PLAN_RECEPTION)
    values, rota = _schedule_values(
        actor, name=name, region_code=region_code, place=place, rota_ids=rota_ids, day_of_month=day_of_month,
        months=months, shift=shift, host_unit_id=host_unit_id, start_time=start_time, end_time=end_time,
        slot_minutes=slot_minutes, slot_capacity=slot_capacity, due_days=due_days,
        per_person_day_limit=per_person_day_limit, per_person_open_limit=per_person_open_limit)
    with transaction.atomic():
        schedule = ReceptionSchedule.objects.create(**values)
        RotaEntry.objects.bulk_create([RotaEntry(schedule=schedule, official=o, position=i) for i, o in enumerate(rota)])
        audit.record(audit.Action.CREATE, obj=schedule, actor=actor, summary=f"新增接待日安排 {schedule.name}")
    return schedule


def _schedule_values(actor, *, name: str, region_code: str, place: str, rota_ids: list[int], day_of_month: int,
                     months: list[int] | None, shift: str, host_unit_id: int | None, start_time, end_time,
                     slot_minutes: int, slot_capacity: int, due_days: int, per_person_day_limit: int,
                     per_person_open_limit: int) -> tuple[dict, list[Official]]:
    """The checked column values and rota of a schedule — one set of rules for creating and for editing."""
    check_lengths(ReceptionSchedule, {"name": name.strip(), "place": place.strip()})
    region = _region(actor, region_code)
    if not 1 <= int(day_of_month) <= 31:
        raise InvalidInput("invalid_day", "每月日期应在1到31之间", "day_of_month must be 1..31", field="day_of_month")
    if shift not in ReceptionSchedule.Shift.values:
        raise InvalidInput("invalid_shift", "节假日调整方式无效", "invalid shift", field="shift")
    if any(not 1 <= int(m) <= 12 for m in months or []):
        raise InvalidInput("invalid_months", "月份应在1到12之间", "months must be 1..12", field="months")
    if slot_minutes < 5 or slot_capacity < 1:
        raise InvalidInput("invalid_slots", "时段长度至少5分钟，每时段至少1人", "slot too short or capacity below 1",
                           field="slot_minutes")
    if not (0 <= per_person_day_limit <= 100 and 0 <= per_person_open_limit <= 100):
        raise InvalidInput("invalid_limits", "每人约访上限应在0到100之间（0表示不限）",
                           "per-person appointment limits must be 0..100 (0 = no limit)", field="per_person_day_limit")
    start, end = _time(start_time), _time(end_time)
    if end <= start:  # slots_of would offer no slot at all
        raise InvalidInput("invalid_times", "结束时间应晚于开始时间", "end time must be after start time",
                           field="end_time")
    rota = [official(actor, pk) for pk in rota_ids]
    if not rota:
        raise InvalidInput("rota_required", "请设置轮值接待领导", "a rota of leaders is required", field="rota_ids")
    values = {"name": name.strip() or f"{region.name}领导接待日", "region": region, "place": place.strip(),
              "day_of_month": int(day_of_month), "months": sorted({int(m) for m in months or []}), "shift": shift,
              "host_unit": unit(actor, host_unit_id) if host_unit_id else None, "start_time": start, "end_time": end,
              "slot_minutes": slot_minutes, "slot_capacity": slot_capacity, "due_days": due_days,
              "per_person_day_limit": per_person_day_limit, "per_person_open_limit": per_person_open_limit}
    return values, rota


def update_schedule(*, actor, schedule: ReceptionSchedule, name: str, region_code: str, place: str,
                    rota_ids: list[int], day_of_month: int, months: list[int] | None, shift: str,
                    host_unit_id: int | None, start_time, end_time, slot_minutes: int, slot_capacity: int,
                    due_days: int, per_person_day_limit: int, per_person_open_limit: int,
                    is_active: bool = True) -> ReceptionSchedule:
    """Change a schedule's rule, place, slots, limits or rota. Days already planned keep their date and leader
    (re-plan to add days under the new rule); the audit entry holds each changed field as [before, after]."""
    permissions.require(actor, rights.PLAN_RECEPTION)
    if actor is not None and not jurisdiction.covers(actor, schedule.region_id):
        raise NotFound("not_found", "接待日安排不存在", "schedule not found")
    values, rota = _schedule_values(
        actor, name=name, region_code=region_code, place=place, rota_ids=rota_ids, day_of_month=day_of_month,
        months=months, shift=shift, host_unit_id=host_unit_id, start_time=start_time, end_time=end_time,
        slot_minutes=slot_minutes, slot_capacity=slot_capacity, due_days=due_days,
        per_person_day_limit=per_person_day_limit, per_person_open_limit=per_person_open_limit)
    values["is_active"] = bool(is_active)
    with transaction.atomic():
        schedule = ReceptionSchedule.objects.select_for_update().get(pk=schedule.pk)
        changes: dict[str, list] = {}
        for field_name, new in values.items():
            attname = {"region": "region_id", "host_unit": "host_unit_id"}.get(field_name, field_name)
            old = getattr(schedule, attname)
            new_plain = getattr(new, "pk", new)
            if old != new_plain:
                changes[attname] = [_plain(old), _plain(new_plain)]
            setattr(schedule, field_name, new)
        old_rota = list(schedule.rota_entries.values_list("official_id", flat=True))
        new_rota = [o.pk for o in rota]
        if old_rota != new_rota:
            changes["rota_ids"] = [old_rota, new_rota]
            schedule.rota_entries.all().delete()
            RotaEntry.objects.bulk_create([RotaEntry(schedule=schedule, official=o, position=i)
                                           for i, o in enumerate(rota)])
        if changes:
            schedule.save()
            audit.record(audit.Action.UPDATE, obj=schedule, actor=actor, summary=f"修改接待日安排 {schedule.name}",
                         changes=changes)
    return schedule



def schedule_dates(schedule: ReceptionSchedule, start: date, end: date) -> list[date]:
    cal = _calendar()
    return rules.reception_dates(day_of_month=schedule.day_of_month, months=schedule.months or (),
                                 shift=schedule.shift, start=start, end=end, is_workday=cal.is_workday)


def plan_reception_days(*, actor, schedule: ReceptionSchedule, start: date, end: date,
                        publish: bool = True) -> list[Activity]:
    """Create the planned (and published) reception days of a schedule; days already planned are kept."""
    permissions.require(actor, rights.PLAN_RECEPTION)
    if actor is not None and not jurisdiction.covers(actor, schedule.region_id):
        raise NotFound("not_found", "接待日安排不存在", "schedule not found")
    if end < start:
        raise InvalidInput("invalid_span", "结束日期不能早于开始日期", "the end date is before the start date", field="end")
    if (end - start).days > rules.MAX_PLAN_DAYS:
        raise InvalidInput("invalid_span", "一次最多安排两年", "at most two years can be planned at a time", field="end")
    rota = list(schedule.rota_entries.values_list("official_id", flat=True))
    existing = set(schedule.days.values_list("start_day", flat=True))
    done = schedule.days.count()
    created = []
    with transaction.atomic():
        for day in schedule_dates(schedule, start, end):
            if day in existing:
                continue
            leader = rules.rota_pick(rota, done)
            done += 1
            result = recording.record_activity(
                actor=actor, kind=Kind.RECEPTION, title=f"{day.month}月领导接待日", region_code=schedule.region_id,
                start_day=day, official_ids=[leader] if leader else [], place=schedule.place,
                host_unit_id=schedule.host_unit_id, status=Activity.Status.PLANNED, schedule=schedule,
                is_published=publish, due_days=schedule.due_days)
            created.append(result.activity)
    return created

