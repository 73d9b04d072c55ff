"""Forms of the reception-day schedule pages (领导接待日安排).

Forms only parse and check shapes (a number, a time, a date); the rules — day of month, slots, limits, who may
be on the rota, jurisdiction — stay in ``activities.services`` and come back as ``DomainError`` on their field.
"""

from __future__ import annotations

from django import forms
from django.db.models import Q, QuerySet
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from sixia.activities.models import ReceptionSchedule
from sixia.core import jurisdiction
from sixia.core.validation import is_digits
from sixia.geo.models import Level, Region
from sixia.org import selectors as org_selectors
from sixia.org.models import Official

TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def rota_officials(user, keep: list[int] | None = None) -> QuerySet[Official]:
    """Who may be put on a rota: active officials of the jurisdiction and of the regions above it (a county
    leader receives visitors in a township), plus those already on the rota being edited."""
    prefix = jurisdiction.prefix_of(user)
    above: list[str] = []
    region = Region.objects.filter(code=prefix).first() if prefix else None
    while region is not None and region.parent_id:
        above.append(region.parent_id)
        region = region.parent
    mine = org_selectors.officials_for(user).values("pk")
    return (Official.objects.select_related("unit")
            .filter(Q(pk__in=mine, is_active=True) | Q(unit__region_id__in=above, is_active=True)
                    | Q(pk__in=keep or []))
            .order_by("-is_leader", "unit__region_id", "name")[:500])


def _months(value: str) -> list[int]:
    parts = [p for p in value.replace("，", ",").replace("、", ",").replace(" ", ",").split(",") if p]
    if not all(is_digits(p) for p in parts):
        raise forms.ValidationError(gettext("月份请填写数字，以逗号分隔，如 1,4,7,10"))
    return [int(p) for p in parts]


class ScheduleForm(forms.Form):
    name = forms.CharField(label=_("名称"), max_length=100, required=False)
    region_code = forms.ChoiceField(label=_("区划"))
    place = forms.CharField(label=_("接待地点"), max_length=200)
    rota_ids = forms.TypedMultipleChoiceField(label=_("轮值领导（按顺序轮流）"), coerce=int,
                                              widget=forms.SelectMultiple(attrs={"size": 6}))
    day_of_month = forms.IntegerField(label=_("每月日期"), initial=15)
    months = forms.CharField(label=_("月份"), required=False, help_text=_("空表示每月；季度制如 1,4,7,10"))
    shift = forms.ChoiceField(label=_("遇节假日"), choices=ReceptionSchedule.Shift.choices,
                              initial=ReceptionSchedule.Shift.NEXT)
    host_unit_id = forms.TypedChoiceField(label=_("承办单位"), required=False, coerce=int, empty_value=None)
    start_time = forms.TimeField(label=_("开始时间"), initial="08:30", widget=TIME)
    end_time = forms.TimeField(label=_("结束时间"), initial="12:00", widget=TIME)
    slot_minutes = forms.IntegerField(label=_("每时段分钟"), initial=30)
    slot_capacity = forms.IntegerField(label=_("每时段约访人数上限"), initial=3)
    due_days = forms.IntegerField(label=_("受理事项办结时限（天）"), initial=30, min_value=1, max_value=365)
    per_person_day_limit = forms.IntegerField(label=_("每人每个接待日约访上限"), initial=1,
                                              help_text=_("按联系电话计；0表示不限"))
    per_person_open_limit = forms.IntegerField(label=_("每人待接待约访上限"), initial=3,
                                               help_text=_("按联系电话计；0表示不限"))
    is_active = forms.BooleanField(label=_("启用"), required=False, initial=True)

    def __init__(self, *args, user, keep_rota: list[int] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.error_messages["required"] = gettext("请填写%(label)s") % {"label": field.label}
            field.error_messages["invalid_choice"] = gettext("选项无效，请重新选择")
            field.error_messages["invalid"] = gettext("格式不正确")
        regions = jurisdiction.scope(Region.objects.filter(level__lte=Level.TOWNSHIP), user, field="code")
        self.fields["region_code"].choices = [  # type: ignore[attr-defined]
            (r.code, f"{r.name}（{r.code}）") for r in regions.order_by("code")[:400]]
        self.fields["rota_ids"].choices = [  # type: ignore[attr-defined]
            (o.pk, f"{o.name} · {o.title or o.get_rank_display()} · {o.unit.name}")
            for o in rota_officials(user, keep_rota)]
        self.fields["host_unit_id"].choices = [("", "—")] + [  # type: ignore[attr-defined]
            (u.pk, u.name) for u in org_selectors.units_for(user).filter(is_active=True)[:500]]

    def clean_months(self) -> list[int]:
        return _months(self.cleaned_data.get("months") or "")

    @staticmethod
    def initial_of(schedule: ReceptionSchedule) -> dict:
        return {"name": schedule.name, "region_code": schedule.region_id, "place": schedule.place,
                "rota_ids": list(schedule.rota_entries.values_list("official_id", flat=True)),
                "day_of_month": schedule.day_of_month, "months": ",".join(str(m) for m in schedule.months or []),
                "shift": schedule.shift, "host_unit_id": schedule.host_unit_id, "start_time": schedule.start_time,
                "end_time": schedule.end_time, "slot_minutes": schedule.slot_minutes,
                "slot_capacity": schedule.slot_capacity, "due_days": schedule.due_days,
                "per_person_day_limit": schedule.per_person_day_limit,
                "per_person_open_limit": schedule.per_person_open_limit, "is_active": schedule.is_active}


class PlanForm(forms.Form):
    start = forms.DateField(label=_("开始日期"), widget=DATE)
    end = forms.DateField(label=_("结束日期"), widget=DATE)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.error_messages["required"] = gettext("请填写%(label)s") % {"label": field.label}
            field.error_messages["invalid"] = gettext("日期格式应为 YYYY-MM-DD")
