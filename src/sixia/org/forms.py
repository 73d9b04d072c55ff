"""Forms of the organisation-administration pages. They only parse; the services decide (and refuse).

Regions are typed as codes (a 6-, 9- or 12-digit 行政区划代码), never picked from a list of every region.
"""

from __future__ import annotations

from typing import cast

from django import forms
from django.utils.translation import gettext_lazy as _

from sixia.core.validation import SaneInputMixin
from sixia.org import selectors
from sixia.org.models import Linkage, OfficialStatus, Rank, Unit
from sixia.org.roles import Role

REGION_HELP = _("行政区划代码，如 350921（县）、350921101（乡镇）")


def region_field(label) -> forms.CharField:
    return forms.CharField(label=label, max_length=12, help_text=REGION_HELP,
                           widget=forms.TextInput(attrs={"inputmode": "numeric", "pattern": "[0-9]{2,12}",
                                                         "autocomplete": "off"}))


class UnitForm(SaneInputMixin, forms.Form):
    name = forms.CharField(label=_("单位名称"), max_length=100)
    short_name = forms.CharField(label=_("简称"), max_length=40, required=False)
    kind = forms.ChoiceField(label=_("类型"), choices=Unit.Kind.choices)
    region_code = region_field(_("所在区划代码"))
    parent_id = forms.TypedChoiceField(label=_("上级单位"), coerce=int, required=False, empty_value=None)
    phone = forms.CharField(label=_("办公电话"), max_length=30, required=False)
    is_active = forms.BooleanField(label=_("启用"), required=False, initial=True)

    def __init__(self, *args, user, exclude_id: int | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        units = selectors.units_for(user).exclude(pk=exclude_id or 0).select_related(None).only("pk", "name", "region_id")
        cast(forms.ChoiceField, self.fields["parent_id"]).choices = [("", "—")] + [(u.pk, f"{u.name}（{u.region_id}）") for u in units]


class OfficialForm(SaneInputMixin, forms.Form):
    name = forms.CharField(label=_("姓名"), max_length=40)
    unit_id = forms.TypedChoiceField(label=_("单位"), coerce=int)
    rank = forms.ChoiceField(label=_("职级"), choices=Rank.choices)
    position = forms.CharField(label=_("职务"), max_length=60, required=False)
    is_leader = forms.BooleanField(label=_("领导干部"), required=False)
    is_principal = forms.BooleanField(label=_("主要领导"), required=False)
    status = forms.ChoiceField(label=_("状态"), choices=OfficialStatus.choices, initial=OfficialStatus.ACTIVE)
    phone = forms.CharField(label=_("电话"), max_length=30, required=False,
                            help_text=_("留空则不修改已登记的电话"))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["unit_id"]).choices = [(u.pk, f"{u.name}（{u.region_id}）")
                                          for u in selectors.units_for(user).select_related(None).only("pk", "name", "region_id")]


class UserForm(SaneInputMixin, forms.Form):
    username = forms.CharField(label=_("用户名"), max_length=150)
    password = forms.CharField(label=_("初始密码"), widget=forms.PasswordInput(render_value=True), required=False)
    roles = forms.MultipleChoiceField(label=_("角色"), choices=Role.choices, widget=forms.CheckboxSelectMultiple)
    jurisdiction_code = region_field(_("管辖范围（区划代码）"))
    unit_id = forms.TypedChoiceField(label=_("所属单位"), coerce=int, required=False, empty_value=None)
    official_id = forms.IntegerField(label=_("干部编号"), required=False, min_value=1,
                                     help_text=_("绑定的干部在干部列表中的编号，可留空"))

    def __init__(self, *args, user, editing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["unit_id"]).choices = [("", "—")] + [
            (u.pk, f"{u.name}（{u.region_id}）") for u in selectors.units_for(user).select_related(None).only("pk", "name", "region_id")]
        if editing:
            del self.fields["password"]
            self.fields["username"].disabled = True
        else:
            self.fields["password"].required = True


class PasswordForm(forms.Form):
    password = forms.CharField(label=_("新密码"), widget=forms.PasswordInput)


class LinkageForm(SaneInputMixin, forms.Form):
    official_id = forms.IntegerField(label=_("干部编号"), min_value=1)
    kind = forms.ChoiceField(label=_("类型"), choices=Linkage.Kind.choices)
    region_code = region_field(_("区划代码"))
    target_name = forms.CharField(label=_("对象名称"), max_length=100, required=False,
                                  help_text=_("企业、项目或户主；挂钩乡镇、村时可留空"))
    starts_on = forms.DateField(label=_("开始日期"), widget=forms.DateInput(attrs={"type": "date"}))
    ends_on = forms.DateField(label=_("结束日期"), required=False, widget=forms.DateInput(attrs={"type": "date"}))


class ImportForm(forms.Form):
    file = forms.FileField(label=_("组织机构表（.xlsx）"))
