"""Forms of the portal pages: Django forms bound the lengths; the services check everything else."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from sixia.cases.models import Category, ReturnVisit
from sixia.public.services import LIMITS


class PublicForm(forms.Form):
    def first_error(self) -> str:
        for name, errors in self.errors.items():
            label = self.fields[name].label if name in self.fields else ""
            return f"{label}{gettext('：')}{errors[0]}" if label else str(errors[0])
        return ""


class SubmitForm(PublicForm):
    name = forms.CharField(label=_("姓名"), max_length=LIMITS["name"])
    phone = forms.CharField(label=_("联系电话"), max_length=LIMITS["phone"])
    id_number = forms.CharField(label=_("身份证号（选填）"), max_length=LIMITS["id_number"], required=False)
    region = forms.CharField(label=_("所在地区"), max_length=LIMITS["region"])
    category = forms.ChoiceField(label=_("问题分类"), required=False)
    text = forms.CharField(label=_("反映内容"), max_length=LIMITS["text"], widget=forms.Textarea(attrs={"rows": 6}))
    location = forms.CharField(label=_("地点（选填）"), max_length=LIMITS["location"], required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        cats = Category.objects.filter(is_active=True).order_by("sort", "code")
        self.fields["category"].choices = [("", _("（不清楚）"))] + [(c.code, c.name) for c in cats]


class TrackForm(PublicForm):
    code = forms.CharField(label=_("查询码"), max_length=40)
    phone = forms.CharField(label=_("联系电话"), max_length=LIMITS["phone"])


class RateForm(PublicForm):
    satisfaction = forms.ChoiceField(label=_("评价"), choices=ReturnVisit.Satisfaction.choices,
                                     widget=forms.RadioSelect)
    resolved = forms.BooleanField(label=_("问题已解决"), required=False)
    comment = forms.CharField(label=_("意见（选填）"), max_length=LIMITS["comment"], required=False,
                              widget=forms.Textarea(attrs={"rows": 3}))
