"""The activity form (one per kind, sharing the common fields), its problem rows (visitors, findings, questions),
the households of a visit and the cases a reception day or visit carries (带案下访).

The row forms carry the prefixes ``p0-`` … and ``h0-`` … so the table's field names stay as they were
(``p0-description``); a blank row (no description / no name) is skipped.
"""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from sixia.activities import selectors
from sixia.activities.forms.base import DATE, PageForm
from sixia.activities.models import Activity, CarriedCase, Kind, Problem
from sixia.core import jurisdiction
from sixia.geo.models import Level, Region
from sixia.org import selectors as org_selectors

PROBLEM_ROWS = 6
HOUSEHOLD_ROWS = 4


def regions(user):
    qs = jurisdiction.scope(Region.objects.filter(level__lte=Level.TOWNSHIP), user, field="code")
    return qs.order_by("code")[:400]


def _refs(value: str) -> list[str]:
    """Case numbers typed one per line or separated by commas."""
    for sep in ("，", "、", ",", ";", "；"):
        value = value.replace(sep, "\n")
    return [part.strip() for part in value.split() if part.strip()]


class ActivityForm(PageForm):
    title = forms.CharField(label=_("主题"), max_length=200, required=False)
    start_day = forms.DateField(label=_("日期"), widget=DATE)
    region_code = forms.ChoiceField(label=_("地点区划"))
    place = forms.CharField(label=_("具体地点"), max_length=200, required=False)
    days = forms.DecimalField(label=_("在基层天数"), max_digits=4, decimal_places=1, required=False)
    official_ids = forms.TypedMultipleChoiceField(label=_("参加领导干部"), coerce=int)
    member_ids = forms.TypedMultipleChoiceField(label=_("参加人员"), coerce=int, required=False)
    other_participants = forms.CharField(label=_("其他参加人员"), max_length=300, required=False)
    summary = forms.CharField(label=_("情况记录"), required=False, widget=forms.Textarea)

    kind = ""

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["region_code"].choices = [  # type: ignore[attr-defined]
            (r.code, f"{r.name}（{r.code}）") for r in regions(user)]
        officials = [(o.pk, o.name) for o in org_selectors.officials_for(user).filter(is_active=True)[:500]]
        self.fields["official_ids"].choices = officials  # type: ignore[attr-defined]
        self.fields["member_ids"].choices = officials  # type: ignore[attr-defined]

    def common(self) -> dict:
        """The service's keyword arguments shared by every kind."""
        data = self.cleaned_data
        return {"region_code": data["region_code"], "start_day": data["start_day"], "days": data["days"] or 1,
                "place": data["place"], "official_ids": data["official_ids"], "member_ids": data["member_ids"],
                "other_participants": data["other_participants"], "summary": data["summary"]}

    def kind_fields(self) -> dict:
        return {}


class CarriesCases(forms.Form):
    carried_cases = forms.CharField(label=_("带案下访（诉求编号或查询码，逗号或换行分隔）"), required=False,
                                    widget=forms.Textarea(attrs={"rows": 2}))

    def clean_carried_cases(self) -> list[str]:
        return _refs(self.cleaned_data.get("carried_cases") or "")


class ReceptionForm(ActivityForm, CarriesCases):
    kind = Kind.RECEPTION
    is_published = forms.BooleanField(label=_("向社会公布"), required=False)

    def kind_fields(self) -> dict:
        return {"is_published": self.cleaned_data["is_published"],
                "carried_cases": self.cleaned_data["carried_cases"]}


class VisitForm(ActivityForm, CarriesCases):
    """登门走访; with a case number it is that case's 上门回访 instead."""

    kind = Kind.VISIT
    case_no = forms.CharField(label=_("诉求查询码"), max_length=40, required=False)
    satisfaction = forms.ChoiceField(label=_("满意度"), required=False, choices=[
        ("satisfied", _("满意")), ("basically", _("基本满意")), ("dissatisfied", _("不满意"))])
    resolved = forms.BooleanField(label=_("问题已解决"), required=False)

    def clean_case_no(self) -> str:
        return (self.cleaned_data.get("case_no") or "").strip().upper()

    def kind_fields(self) -> dict:
        return {"visit_type": Activity.VisitType.DOOR, "carried_cases": self.cleaned_data["carried_cases"]}


class OnsiteForm(ActivityForm):
    kind = Kind.ONSITE
    target_name = forms.CharField(label=_("企业或项目"), max_length=200, required=False)

    def kind_fields(self) -> dict:
        return {"target_name": self.cleaned_data["target_name"]}


class TripForm(ActivityForm):
    kind = Kind.RESEARCH
    topic_id = forms.TypedChoiceField(label=_("调研课题"), coerce=int, required=False, empty_value=None)
    people_met = forms.IntegerField(label=_("走访座谈人数"), min_value=0, required=False)
    four_not_two_direct = forms.BooleanField(label=_("四不两直"), required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        self.fields["topic_id"].choices = [("", "—")] + [  # type: ignore[attr-defined]
            (t.pk, t.title) for t in selectors.topics_for(user)[:200]]

    def kind_fields(self) -> dict:
        data = self.cleaned_data
        return {"topic_id": data["topic_id"], "people_met": data["people_met"] or 0,
                "four_not_two_direct": data["four_not_two_direct"]}


class LectureActivityForm(ActivityForm):
    kind = Kind.LECTURE
    lecture_form = forms.ChoiceField(label=_("宣讲形式"), required=False)
    team = forms.CharField(label=_("宣讲队"), max_length=100, required=False)
    audience = forms.IntegerField(label=_("受众人数"), min_value=0, required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        self.fields["lecture_form"].choices = [("", "—")] + [  # type: ignore[attr-defined]
            (f.code, f.name) for f in selectors.lecture_forms()]

    def kind_fields(self) -> dict:
        data = self.cleaned_data
        return {"lecture_form": data["lecture_form"] or None, "team": data["team"], "audience": data["audience"] or 0}


FORMS: dict[str, type[ActivityForm]] = {Kind.RECEPTION: ReceptionForm, Kind.VISIT: VisitForm, Kind.ONSITE: OnsiteForm,
                                        Kind.RESEARCH: TripForm, Kind.LECTURE: LectureActivityForm}


def activity_form(kind: str, data=None, *, user) -> ActivityForm:
    return FORMS[kind](data, user=user)


class ProblemRowForm(PageForm):
    """One row of the problem table; the visitor's ID number and phone make the visitor a person."""

    visitor_name = forms.CharField(label=_("来访人"), max_length=60, required=False)
    id_number = forms.CharField(label=_("身份证号"), max_length=24, required=False)
    phone = forms.CharField(label=_("联系电话"), max_length=24, required=False)
    headcount = forms.IntegerField(label=_("人数"), min_value=0, required=False)
    description = forms.CharField(label=_("问题描述"), required=False)
    outcome = forms.ChoiceField(label=_("处理方式"), choices=Problem.Outcome.choices, required=False)
    action_taken = forms.CharField(label=_("处理情况"), required=False)
    unit_id = forms.TypedChoiceField(label=_("责任单位"), coerce=int, required=False, empty_value=None)
    due_date = forms.DateField(label=_("办结期限"), required=False, widget=DATE)
    own = forms.BooleanField(label=_("包案"), required=False)

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit_id"].choices = [("", "—"), *units]  # type: ignore[attr-defined]

    def item(self, kind: str) -> dict | None:
        """The row as the service takes it, or None for a blank row."""
        data = self.cleaned_data
        description = (data.get("description") or "").strip()
        if not description:
            return None
        row = {"description": description, "outcome": data.get("outcome") or "case",
               "action_taken": data.get("action_taken") or "", "visitor_name": data.get("visitor_name") or "",
               "id_number": data.get("id_number") or "", "phone": data.get("phone") or "",
               "unit_id": data.get("unit_id"), "due_date": data.get("due_date")}
        if data.get("headcount"):
            row["headcount"] = data["headcount"]
        if kind == Kind.RECEPTION:
            row["own"] = bool(data.get("own"))
        return row


class Rows:
    """A fixed number of prefixed row forms (``p0-…``) — a formset without a management form, so the table keeps
    its field names; ``rows`` gives the template each row's current values."""

    prefix = "p"
    count = PROBLEM_ROWS
    form_class: type[PageForm] = ProblemRowForm
    names: tuple[str, ...] = ()

    def __init__(self, data=None, count: int | None = None, **kwargs):
        self.forms = [self.form_class(data, prefix=f"{self.prefix}{i}", **kwargs)
                      for i in range(count or self.count)]
        self.bound = data is not None

    def is_valid(self) -> bool:
        return all([f.is_valid() for f in self.forms])  # every row validated (each keeps its errors)

    def first_error(self) -> str:
        for i, form in enumerate(self.forms, start=1):
            if form.errors:
                return f"#{i} {form.first_error()}"
        return ""

    def rows(self) -> list[dict]:
        return [{"i": i} | {name: "" if (v := form.value_of(name)) is None else v for name in self.names}
                for i, form in enumerate(self.forms)]


class ProblemRows(Rows):
    names = ("visitor_name", "id_number", "phone", "headcount", "description", "outcome", "action_taken",
             "unit_id", "due_date", "own")

    def __init__(self, data=None, *, user, count: int | None = None):
        units = [(u.pk, u.name) for u in org_selectors.units_for(user).filter(is_active=True)[:500]]
        super().__init__(data, count, units=units)

    def items(self, kind: str) -> list[dict]:
        return [row for form in self.forms if (row := form.item(kind)) is not None]  # type: ignore[attr-defined]

    def rows(self) -> list[dict]:
        rows = super().rows()
        for row in rows:
            row["outcome"] = row["outcome"] or "case"
            row["unit_id"] = str(row["unit_id"] or "")
            row["own"] = bool(row["own"]) if self.bound else True
        return rows


class HouseholdRowForm(PageForm):
    name = forms.CharField(label=_("户主姓名"), max_length=60, required=False)
    id_number = forms.CharField(label=_("身份证号"), max_length=24, required=False)
    phone = forms.CharField(label=_("联系电话"), max_length=24, required=False)
    situation = forms.CharField(label=_("情况"), max_length=500, required=False)


class HouseholdRows(Rows):
    prefix = "h"
    count = HOUSEHOLD_ROWS
    form_class = HouseholdRowForm
    names = ("name", "id_number", "phone", "situation")

    def items(self) -> list[dict]:
        return [{k: v for k, v in form.cleaned_data.items() if v} for form in self.forms
                if (form.cleaned_data.get("name") or "").strip()]


class CarriedCaseForm(PageForm):
    """带案下访 on the activity page: a case (number or tracking no) and, once done, what was done."""

    case = forms.CharField(label=_("诉求编号或查询码"), max_length=40)
    action_taken = forms.CharField(label=_("处理情况"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    outcome = forms.ChoiceField(label=_("结果"), required=False,
                                choices=[("", "—"), *CarriedCase.Outcome.choices])
