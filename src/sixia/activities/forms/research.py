"""Forms of the research pages: a topic (领题调研), a measure, its progress, an exchange meeting, the report."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from sixia.activities.forms.base import DATE, PageForm


class TopicForm(PageForm):
    title = forms.CharField(label=_("调研课题"), max_length=200)
    leader_id = forms.IntegerField(label=_("领题领导"))
    region_code = forms.CharField(label=_("区划"), max_length=12)
    year = forms.IntegerField(label=_("年度"), min_value=2000, max_value=2100)
    description = forms.CharField(label=_("课题说明"), required=False, widget=forms.Textarea)


class MeasureForm(PageForm):
    title = forms.CharField(label=_("措施"), max_length=200)
    owner_id = forms.IntegerField(label=_("责任人"), required=False)
    due_date = forms.DateField(label=_("完成时限"), required=False, widget=DATE)
    parent_id = forms.IntegerField(label=_("上级措施"), required=False)
    progress = forms.IntegerField(label=_("进度%"), min_value=0, max_value=100, required=False)


class ProgressForm(PageForm):
    measure_id = forms.IntegerField(label=_("措施"))
    progress = forms.IntegerField(label=_("进度%"), min_value=0, max_value=100, required=False)


class ExchangeForm(PageForm):
    day = forms.DateField(label=_("日期"), widget=DATE)
    place = forms.CharField(label=_("地点"), max_length=200, required=False)
    summary = forms.CharField(label=_("交流情况"), required=False, widget=forms.Textarea)


class ReportForm(PageForm):
    summary = forms.CharField(label=_("调研报告摘要"), required=False, widget=forms.Textarea)
    file = forms.FileField(label=_("文件"), required=False)
