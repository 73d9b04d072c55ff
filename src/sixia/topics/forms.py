"""Forms of the 点题整治 pages: Django forms bound the lengths and types; the services check the rest."""

from __future__ import annotations

from typing import cast

from captcha.fields import CaptchaField
from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from sixia.activities.forms.base import DATE, PageForm
from sixia.cases.models import Category
from sixia.topics.models import Rating, SupervisionNote
from sixia.topics.services.common import LIMITS


def _categories():
    cats = Category.objects.filter(is_active=True).order_by("sort", "code")
    return [("", _("（不清楚）"))] + [(c.code, c.name) for c in cats]


class NominateForm(PageForm):
    """群众点题 on the portal; a captcha is added once the address made enough attempts (``with_captcha``)."""

    name = forms.CharField(label=_("姓名（选填）"), max_length=LIMITS["name"], required=False)
    phone = forms.CharField(label=_("联系电话"), max_length=LIMITS["phone"])
    region = forms.CharField(label=_("所在地区"), max_length=LIMITS["region"],
                             widget=forms.TextInput(attrs={"list": "regions", "autocomplete": "off"}))
    category = forms.ChoiceField(label=_("问题分类"), required=False)
    text = forms.CharField(label=_("希望整治的问题"), max_length=LIMITS["text"],
                           widget=forms.Textarea(attrs={"rows": 5}))

    def __init__(self, *args, with_captcha: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["category"]).choices = _categories()
        if with_captcha:
            self.fields["captcha"] = CaptchaField(label=_("验证码"), error_messages={
                "invalid": gettext("验证码不正确，请重新输入"), "required": gettext("请填写验证码")})
        for field in self.fields.values():
            field.error_messages["max_length"] = gettext("内容过长")


class VoteForm(PageForm):
    phone = forms.CharField(label=_("联系电话"), max_length=LIMITS["phone"])


class RateForm(PageForm):
    phone = forms.CharField(label=_("联系电话"), max_length=LIMITS["phone"])
    satisfaction = forms.ChoiceField(label=_("评价"), choices=Rating.Satisfaction.choices, widget=forms.RadioSelect)
    comment = forms.CharField(label=_("意见（选填）"), max_length=LIMITS["comment"], required=False,
                              widget=forms.Textarea(attrs={"rows": 3}))


class RecordForm(PageForm):
    region_code = forms.CharField(label=_("区划"), max_length=12)
    text = forms.CharField(label=_("群众点题内容"), max_length=LIMITS["text"], widget=forms.Textarea(attrs={"rows": 3}))
    category = forms.ChoiceField(label=_("问题分类"), required=False)
    activity_id = forms.IntegerField(label=_("下基层活动编号（选填）"), required=False, min_value=1,
                                     max_value=2_000_000_000)
    name = forms.CharField(label=_("群众姓名（选填）"), max_length=LIMITS["name"], required=False)
    phone = forms.CharField(label=_("联系电话（选填）"), max_length=LIMITS["phone"], required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].choices = _categories()


class TopicForm(PageForm):
    year = forms.IntegerField(label=_("年度"), min_value=2000, max_value=2100)
    region_code = forms.CharField(label=_("区划"), max_length=12)
    title = forms.CharField(label=_("题目"), max_length=LIMITS["title"])
    problem = forms.CharField(label=_("问题描述"), max_length=LIMITS["problem"], widget=forms.Textarea(attrs={"rows": 3}))
    goal = forms.CharField(label=_("责任目标"), max_length=LIMITS["goal"], required=False,
                           widget=forms.Textarea(attrs={"rows": 2}))
    lead_unit_id = forms.IntegerField(label=_("牵头单位"), min_value=1, max_value=2_000_000_000)
    co_unit_ids = forms.TypedMultipleChoiceField(label=_("配合单位"), required=False, coerce=int)
    nomination_ids = forms.TypedMultipleChoiceField(label=_("纳入的点题"), required=False, coerce=int)

    def __init__(self, *args, units=(), nominations=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["co_unit_ids"].choices = [(u.pk, u.name) for u in units]
        self.fields["nomination_ids"].choices = [(n.pk, n.pk) for n in nominations]


class MoveForm(PageForm):
    to = forms.ChoiceField(label=_("操作"), choices=[("voting", _("公布投票")), ("answering", _("立项整治")),
                                                   ("done", _("公布成效")), ("dropped", _("不予立项"))])
    result = forms.CharField(label=_("整治成效"), max_length=LIMITS["result"], required=False)


class MeasureForm(PageForm):
    title = forms.CharField(label=_("举措"), max_length=LIMITS["measure"])
    due_date = forms.DateField(label=_("完成时限"), widget=DATE)
    unit_id = forms.IntegerField(label=_("责任单位"), required=False, min_value=1, max_value=2_000_000_000)


class ProgressForm(PageForm):
    measure_id = forms.IntegerField(widget=forms.HiddenInput, min_value=1, max_value=2_000_000_000)
    percent = forms.IntegerField(label=_("进度%"), min_value=0, max_value=100)
    text = forms.CharField(label=_("进展情况"), max_length=LIMITS["progress"])
    day = forms.DateField(label=_("日期"), required=False, widget=DATE)


class NoteForm(PageForm):
    kind = forms.ChoiceField(label=_("类型"), choices=SupervisionNote.Kind.choices)
    text = forms.CharField(label=_("内容"), max_length=LIMITS["note"])
    measure_id = forms.IntegerField(label=_("举措"), required=False, min_value=1, max_value=2_000_000_000)
    reply_by = forms.DateField(label=_("限期"), required=False, widget=DATE)


class CaseLinkForm(PageForm):
    case_id = forms.IntegerField(label=_("诉求编号"), min_value=1, max_value=2_000_000_000)
