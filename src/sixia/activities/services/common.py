"""What every activity write shares: the result type, lookups that validate before writing, and the checks of
dates and lengths (so SQLite and PostgreSQL refuse the same input with the same 422)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, time
from decimal import Decimal, InvalidOperation

from sixia.activities.models import Activity, Kind
from sixia.core import jurisdiction, plausibility
from sixia.core.errors import Forbidden, InvalidInput, NotFound
from sixia.core.plausibility import check_lengths  # noqa: F401  (the activities services import it from here)
from sixia.geo.models import Region
from sixia.org.models import Linkage, Official, Unit

CASE_CHANNEL: dict[str, str] = {Kind.RECEPTION: "visit", Kind.ONSITE: "onsite", Kind.RESEARCH: "research",
                                Kind.LECTURE: "lecture", Kind.VISIT: "door_to_door"}
SOURCE_TYPE: dict[str, str] = {Kind.RECEPTION: "reception_day", Kind.ONSITE: "onsite_meeting",
                               Kind.RESEARCH: "research_trip", Kind.LECTURE: "lecture", Kind.VISIT: "visit"}


@dataclass
class Recorded:
    """What a write produced: the activity and the cases it created."""

    activity: Activity
    cases: list = field(default_factory=list)


# ---- lookups (validate before writing) ----

def _region(actor, code: str) -> Region:
    region = Region.objects.filter(code=(code or "").strip()).first()
    if region is None:
        raise InvalidInput("unknown_region", f"行政区划代码 {code} 不存在", "unknown region code", field="region_code")
    if actor is not None and not jurisdiction.covers(actor, region.code):
        raise Forbidden("outside_jurisdiction", "该区划不在您的管辖范围内", "region outside your jurisdiction")
    return region


def _visible_official(actor, official: Official) -> bool:
    """An actor may name officials of its jurisdiction and the leaders above it (a township records the county
    leader who came to receive visitors there)."""
    if actor is None:
        return True
    prefix = jurisdiction.prefix_of(actor)
    code = official.unit.region_id
    return prefix is not None and (code.startswith(prefix) or prefix.startswith(code))


def official(actor, official_id) -> Official:
    found = Official.objects.select_related("unit").filter(pk=official_id, is_active=True).first() \
        if official_id else None
    if found is None or not _visible_official(actor, found):
        raise NotFound("official_not_found", f"干部不存在：{official_id}", "official not found", field="officials")
    return found


def unit(actor, unit_id) -> Unit:
    found = Unit.objects.filter(pk=unit_id, is_active=True).first() if unit_id else None
    if found is None or (actor is not None and not jurisdiction.covers(actor, found.region_id)):
        raise NotFound("unit_not_found", f"单位不存在或不在管辖范围内：{unit_id}", "unit not found", field="unit_id")
    return found


def _days(value) -> Decimal:
    try:
        days = Decimal(str(value if value not in (None, "") else 1))
    except InvalidOperation:
        raise InvalidInput("invalid_days", "天数格式不正确", "days must be a number", field="days")
    if days <= 0 or days > 60 or days * 2 != int(days * 2):
        raise InvalidInput("invalid_days", "在基层天数应为0.5的倍数，且不超过60天", "days must be a multiple of 0.5 up to 60",
                           field="days")
    return days


def _date(value, name: str = "start_day") -> date:
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except (TypeError, ValueError):
        raise InvalidInput("invalid_date", "日期格式应为 YYYY-MM-DD", f"{name} must be YYYY-MM-DD", field=name)


def linkage_for(off: Official, region_code: str, day: date) -> Linkage | None:
    """The official's linkage (挂钩联系) that covers this place on this day, if any (the most specific)."""
    best = None
    for link in off.linkages.all():
        if (link.active_on(day) and region_code.startswith(link.region_id)
                and (best is None or len(link.region_id) > len(best.region_id))):
            best = link
    return best


def _calendar():
    from sixia.cases.deadlines import load_calendar

    return load_calendar()


def _plain(value):
    """A value as the audit trail's JSON keeps it (times as HH:MM)."""
    return value.strftime("%H:%M") if isinstance(value, time) else value


def _time(value) -> time:
    if isinstance(value, time):
        return value
    try:
        return time.fromisoformat(str(value))
    except ValueError:
        raise InvalidInput("invalid_time", "时间格式应为 HH:MM", "time must be HH:MM", field="time")


# ---- plausibility (issue 13 item 5) ----

def check_day(day: date, *, held: bool, field: str = "start_day", label_zh: str = "活动日期",
              label_en: str = "the activity's date") -> None:
    """An activity recorded as held has happened: not in the future; nothing before the earliest date
    (``core.InputRules``). A plan may lie in the future."""
    plausibility.check_in_range(day, field=field, label_zh=label_zh, label_en=label_en, allow_future=not held)


def is_held(activity: Activity) -> bool:
    return activity.status == Activity.Status.HELD
