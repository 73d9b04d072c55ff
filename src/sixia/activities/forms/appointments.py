"""Forms of 约访: booking and cancelling on the public page, receiving or cancelling at the desk."""

from __future__ import annotations

from captcha.fields import CaptchaField
from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from sixia.activities.forms.base import PageForm
from sixia.activities.models import Problem

MATTER_MAX = 1000  # a 反映事项 is a few sentences; the desk hears the rest in person


class BookingForm(PageForm):
    """约访 on the public page; a captcha is added once the address made enough attempts (``with_captcha``)."""

    day_id = forms.CharField(widget=forms.HiddenInput, max_length=12)
    slot = forms.CharField(label=_("时段"), max_length=5)
    name = forms.CharField(label=_("姓名"), max_length=40)
    phone = forms.CharField(label=_("联系电话"), max_length=24)
    matter = forms.CharField(label=_("反映事项"), widget=forms.Textarea, max_length=MATTER_MAX)

    def __init__(self, *args, with_captcha: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if with_captcha:
            self.fields["captcha"] = CaptchaField(label=_("验证码"), error_messages={
                "invalid": gettext("验证码不正确，请重新输入"), "required": gettext("请填写验证码")})
        for name in ("name", "phone", "matter", "slot"):
            self.fields[name].error_messages["max_length"] = gettext("内容过长")

    def clean_day_id(self) -> int:
        """Only ASCII digits name a day ("²" or "１" are not ids)."""
        raw = self.cleaned_data["day_id"]
        if not (raw.isascii() and raw.isdecimal()):
            raise forms.ValidationError(gettext("接待日不存在或未公布"))
        return int(raw)


class PublicCancelForm(PageForm):
    code = forms.CharField(label=_("预约码"), max_length=20)
    phone = forms.CharField(label=_("联系电话"), max_length=24)
    reason = forms.CharField(label=_("取消原因"), max_length=200, required=False)


class StaffCancelForm(PageForm):
    reason = forms.CharField(label=_("取消原因"), max_length=200)


class ReceiveForm(PageForm):
    outcome = forms.ChoiceField(label=_("处理方式"), choices=Problem.Outcome.choices, required=False)
    action_taken = forms.CharField(label=_("处理情况"), required=False)
