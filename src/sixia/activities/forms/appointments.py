"""Forms of 约访: booking and cancelling on the public page, receiving or cancelling at the desk."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from sixia.activities.forms.base import PageForm
from sixia.activities.models import Problem


class BookingForm(PageForm):
    day_id = forms.IntegerField(widget=forms.HiddenInput)
    slot = forms.CharField(label=_("时段"), max_length=5)
    name = forms.CharField(label=_("姓名"), max_length=40)
    phone = forms.CharField(label=_("联系电话"), max_length=24)
    matter = forms.CharField(label=_("反映事项"), widget=forms.Textarea)


class PublicCancelForm(PageForm):
    code = forms.CharField(label=_("预约码"), max_length=20)
    phone = forms.CharField(label=_("联系电话"), max_length=24)
    reason = forms.CharField(label=_("取消原因"), max_length=200, required=False)


class StaffCancelForm(PageForm):
    reason = forms.CharField(label=_("取消原因"), max_length=200)


class ReceiveForm(PageForm):
    outcome = forms.ChoiceField(label=_("处理方式"), choices=Problem.Outcome.choices, required=False)
    action_taken = forms.CharField(label=_("处理情况"), required=False)
