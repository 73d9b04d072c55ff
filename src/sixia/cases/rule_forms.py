"""Forms of the rule pages (派单目录, 时限规则): they parse what was typed; the services in
``cases.services.rules`` decide (right, jurisdiction, duplicates) and say why in both languages."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from sixia.cases import labels
from sixia.cases.models import Category, DeadlinePolicy, Track
from sixia.cases.services.rules import MAX_AMOUNT, STEPS
from sixia.cases.views.common import unit_choices
from sixia.org import selectors as org_selectors

UNIT_CHOICES_MAX = 1000  # above it the unit is typed by number: a dropdown of every unit would not render

STEP_LABELS = {"accept": _("受理"), "handle": _("办理"), "extension": _("延期"), "dispute": _("异议/退单"),
               "review_request": _("申请复查"), "review": _("复查"), "re_review_request": _("申请复核"),
               "re_review": _("复核"), "return_visit": _("回访")}


def _category_choices() -> list:
    rows = Category.objects.filter(is_active=True).order_by("code").values_list("code", "name")
    return [("", _("全部分类"))] + [(code, f"{code} {name}") for code, name in rows]


class DispatchRuleForm(forms.Form):
    category_code = forms.ChoiceField(label=_("问题分类"), required=False)
    region_prefix = forms.CharField(label=_("区划前缀"), required=False, max_length=12,
                                    help_text=_("留空表示全部地区（仅全国管理员）"))
    unit = forms.TypedChoiceField(label=_("承办单位"), coerce=int)
    copy_unit = forms.TypedChoiceField(label=_("抄送督办单位"), coerce=int, required=False, empty_value=None)
    is_active = forms.BooleanField(label=_("启用"), required=False, initial=True)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category_code"].choices = _category_choices()
        if org_selectors.units_for(user).filter(is_active=True).count() > UNIT_CHOICES_MAX:
            # A national or provincial user: no <select> of every unit; the unit's number is typed instead.
            help_text = _("单位编号（系统内的 id，见组织管理）")
            self.fields["unit"] = forms.IntegerField(label=_("承办单位"), min_value=1, help_text=help_text)
            self.fields["copy_unit"] = forms.IntegerField(label=_("抄送督办单位"), min_value=1, required=False,
                                                          help_text=help_text)
            return
        units = unit_choices(user)
        self.fields["unit"].choices = [("", "—"), *units]
        self.fields["copy_unit"].choices = [("", _("不抄送")), *units]


class PolicyForm(forms.Form):
    region_prefix = forms.CharField(label=_("区划前缀"), required=False, max_length=12,
                                    help_text=_("留空表示全部地区（仅全国管理员）"))
    track = forms.ChoiceField(label=_("类型"), choices=Track.choices)
    kind_key = forms.ChoiceField(label=_("信访类别/诉求类型"), required=False)
    category_code = forms.ChoiceField(label=_("问题分类"), required=False)
    step = forms.ChoiceField(label=_("环节"))
    kind = forms.ChoiceField(label=_("计算方式"), choices=DeadlinePolicy.Kind.choices)
    amount = forms.IntegerField(label=_("时限"), min_value=1, max_value=MAX_AMOUNT)
    note = forms.CharField(label=_("依据"), required=False, max_length=120)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category_code"].choices = _category_choices()
        kinds = {**labels.PETITION_CLASSES, **labels.DEMAND_TYPES}
        self.fields["kind_key"].choices = [("", _("全部")), *kinds.items()]
        self.fields["step"].choices = [(s, STEP_LABELS.get(s, s)) for s in STEPS]
