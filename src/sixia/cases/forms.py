"""Forms of the case pages: intake (with a petitioner formset), queue filters, one form per workflow action.

Forms only parse and check shapes; the rules (who may do what, deadlines, jurisdiction) stay in
``cases.services`` and ``cases.workflow``. Choices come from the catalogue so they never drift.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from django import forms
from django.forms import formset_factory
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from sixia.cases import labels as wf_labels
from sixia.cases import workflow
from sixia.cases.models import CasePetitioner, Category, ReturnVisit, Warning
from sixia.core.errors import DomainError
from sixia.core.identity import normalize_id_number, normalize_phone
from sixia.core.validation import SaneInputMixin

if TYPE_CHECKING:
    from django.utils.functional import _StrPromise

    StrOrPromise = str | _StrPromise

BLANK: list[tuple] = [("", _("—— 请选择 ——"))]
TEXTAREA = forms.Textarea(attrs={"rows": 3})


def _choices(mapping: Mapping[str, StrOrPromise], blank: bool = True) -> list[tuple[str, StrOrPromise]]:
    return (BLANK if blank else []) + list(mapping.items())


def category_choices() -> list[tuple[str, str]]:
    """Active categories as a two-level list (parent, then its children indented)."""
    rows = Category.objects.filter(is_active=True).select_related("parent").order_by("code")
    return BLANK + [(c.code, f"{c.parent.name} / {c.name}" if c.parent else c.name) for c in rows]


class ChineseErrorsMixin:
    """Chinese messages for the generic field errors (required, bad choice, bad number)."""

    fields: dict[str, forms.Field]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)  # type: ignore[call-arg]
        self.chinese_messages()

    def chinese_messages(self) -> None:
        for field in self.fields.values():
            field.error_messages["required"] = gettext("请填写%(label)s") % {"label": field.label or gettext("此项")}
            field.error_messages["invalid_choice"] = gettext("选项无效，请重新选择")
            field.error_messages["invalid"] = gettext("格式不正确")
            field.error_messages["min_value"] = _("数值太小（最小 %(limit_value)s）")
            field.error_messages["max_value"] = _("数值太大（最大 %(limit_value)s）")


class IntakeForm(SaneInputMixin, ChineseErrorsMixin, forms.Form):
    channel = forms.ChoiceField(label=_("来源渠道"), choices=_choices(wf_labels.CHANNELS))
    demand_type = forms.ChoiceField(label=_("诉求类型"), choices=_choices(wf_labels.DEMAND_TYPES), required=False)
    petition_class = forms.ChoiceField(label=_("信访类别"), choices=_choices(wf_labels.PETITION_CLASSES), required=False)
    urgency = forms.ChoiceField(label=_("紧急程度（12345）"), choices=_choices(wf_labels.URGENCIES), required=False)
    # 人次 of this 批次 (a 集体访 of 30 people with 5 representatives): statistics sum it; empty = petitioners listed
    headcount = forms.IntegerField(label=_("来访人数（人次）"), required=False, min_value=1, max_value=100000)
    title = forms.CharField(label=_("标题"), max_length=200)
    content = forms.CharField(label=_("诉求内容"), widget=forms.Textarea(attrs={"rows": 6}))
    region_code = forms.ChoiceField(label=_("问题属地"))
    category = forms.ChoiceField(label=_("问题分类"), required=False)
    respondent = forms.CharField(label=_("被反映人/单位"), max_length=200, required=False)
    # 检举控告 (条例第30条第3款、第46条): the unit accused never sees the case
    respondent_unit_id = forms.TypedChoiceField(label=_("被检举控告单位（检举控告类）"), coerce=int, empty_value=None,
                                                required=False)
    occurred_at = forms.DateField(label=_("发生日期"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    # shown with the 可能重复登记 warning: the clerk registers anyway, knowingly
    confirm_duplicate = forms.BooleanField(label=_("确认不是重复登记，仍然登记"), required=False)

    def __init__(self, *args, regions: list[tuple[str, str]], units: list[tuple[int, str]] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region_code"].choices = BLANK + regions  # type: ignore[attr-defined]
        self.fields["respondent_unit_id"].choices = BLANK + (units or [])  # type: ignore[attr-defined]
        self.fields["category"].choices = category_choices()  # type: ignore[attr-defined]


class PetitionerForm(SaneInputMixin, ChineseErrorsMixin, forms.Form):
    name = forms.CharField(label=_("姓名"), max_length=100, required=False)
    id_number = forms.CharField(label=_("身份证号"), max_length=30, required=False)
    phone = forms.CharField(label=_("联系电话"), max_length=30, required=False)
    role = forms.ChoiceField(label=_("身份"), choices=CasePetitioner.Role.choices, initial="petitioner")

    def _checked(self, name: str, check) -> str:
        value = (self.cleaned_data.get(name) or "").strip()
        if value:
            try:
                check(value)
            except DomainError as exc:
                raise forms.ValidationError(exc.message_zh) from exc
        return value

    def clean_id_number(self) -> str:
        return self._checked("id_number", normalize_id_number)

    def clean_phone(self) -> str:
        return self._checked("phone", normalize_phone)

    def clean(self):
        data = super().clean()
        if not (data.get("name") or "").strip() and ((data.get("id_number") or "").strip()
                                                     or (data.get("phone") or "").strip()):
            self.add_error("name", gettext("请填写诉求人姓名"))
        return data

    @property
    def is_filled(self) -> bool:
        return bool((self.cleaned_data.get("name") or "").strip())


class BasePetitionerFormSet(forms.BaseFormSet):
    def clean(self):
        if any(self.errors):
            return
        if not any(f.cleaned_data and f.is_filled for f in self.forms):
            raise forms.ValidationError(gettext("至少填写一名诉求人"))

    def petitioners(self) -> list[dict]:
        return [{k: (f.cleaned_data.get(k) or "").strip() for k in ("name", "id_number", "phone", "role")}
                for f in self.forms if f.cleaned_data and f.is_filled]


PetitionerFormSet = formset_factory(PetitionerForm, formset=BasePetitionerFormSet, extra=0, min_num=1,
                                    max_num=50, validate_max=True)


class QueueFilterForm(SaneInputMixin, forms.Form):
    """Filters of the work queue. Every field is optional; bad values are simply ignored."""

    OPEN, ALL = "", "all"
    SORTS = [("due", _("按期限")), ("new", _("按登记时间"))]

    q = forms.CharField(label=_("关键词"), required=False)
    warning = forms.ChoiceField(label=_("预警"), required=False, choices=[("", _("全部")), *list(Warning.choices)])
    state = forms.ChoiceField(label=_("状态"), required=False,
                              choices=[(OPEN, _("未办结")), (ALL, _("全部状态")), *list(wf_labels.STATES.items())])
    region = forms.ChoiceField(label=_("属地"), required=False)
    category = forms.ChoiceField(label=_("分类"), required=False)
    unit = forms.TypedChoiceField(label=_("承办单位"), required=False, coerce=int, empty_value=None)
    overdue = forms.BooleanField(label=_("仅超期"), required=False)
    # the today list's links (web home): each opens exactly the cases its count counted
    warned = forms.BooleanField(label=_("仅预警"), required=False)
    supervised = forms.BooleanField(label=_("被督办"), required=False)
    owned = forms.BooleanField(label=_("我包案的"), required=False)
    to_answer = forms.BooleanField(label=_("督办待答复"), required=False)
    due_within = forms.IntegerField(label=_("几个工作日内到期"), required=False, min_value=1, max_value=30)
    date_from = forms.DateField(label=_("登记自"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    date_to = forms.DateField(label=_("登记至"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    sort = forms.ChoiceField(label=_("排序"), required=False, choices=SORTS)
    # the statistics' links (reports.statistics): each narrows to what one figure counts (selectors.stat_filters)
    channel = forms.ChoiceField(label=_("来源渠道"), required=False, choices=[("", _("全部渠道")),
                                                                           *wf_labels.CHANNELS.items()])
    track = forms.ChoiceField(label=_("类型"), required=False, choices=[("", _("全部类型")), ("petition", _("信访")),
                                                                      ("hotline", _("12345热线"))])
    petition_class = forms.ChoiceField(label=_("信访类别"), required=False,
                                       choices=[("", _("全部类别")), *wf_labels.PETITION_CLASSES.items()])
    repeated = forms.ChoiceField(label=_("初信初访"), required=False,
                                 choices=[("", _("初访和重复")), ("0", _("初信初访")), ("1", _("重复件"))])
    over_level = forms.BooleanField(label=_("越级"), required=False)
    collective = forms.BooleanField(label=_("集体访"), required=False)
    three_many = forms.BooleanField(label=_("三多"), required=False)
    accepted = forms.BooleanField(label=_("已受理"), required=False)
    accepted_timely = forms.BooleanField(label=_("及时受理"), required=False)
    replied = forms.BooleanField(label=_("已答复"), required=False)
    replied_on_time = forms.BooleanField(label=_("按期答复"), required=False)
    rated = forms.BooleanField(label=_("已评价"), required=False)
    satisfied = forms.BooleanField(label=_("满意或基本满意"), required=False)
    no_category = forms.BooleanField(label=_("未分类"), required=False)
    no_unit = forms.BooleanField(label=_("未交办单位"), required=False)
    STAT_FIELDS = ("channel", "track", "petition_class", "repeated", "over_level", "collective", "three_many",
                   "accepted", "accepted_timely", "replied", "replied_on_time", "rated", "satisfied", "no_category",
                   "no_unit")

    def __init__(self, *args, regions: list[tuple[str, str]], units: list[tuple[int, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].choices = [("", _("全部属地")), *regions]  # type: ignore[attr-defined]
        self.fields["category"].choices = [("", _("全部分类")), *category_choices()[1:]]  # type: ignore[attr-defined]
        self.fields["unit"].choices = [("", _("全部单位")), *units]  # type: ignore[attr-defined]

    def values(self) -> dict:
        """Cleaned filters; a field with a bad value counts as not given."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return {name: data.get(name) for name in self.fields if name not in self.errors}

    def stat_fields(self) -> list:
        """The statistics filters in use (shown on the queue so that a resubmitted form keeps them)."""
        return [self[name] for name in self.STAT_FIELDS if self[name].value() not in (None, "", False)]


# ---- workflow actions: which arguments each action asks for (services/actions.py reads them) ----

REASON = _("理由")


def _reason(label: StrOrPromise = REASON, required: bool = True) -> forms.CharField:
    return forms.CharField(label=label, required=required, widget=TEXTAREA)


def _outcome_fields() -> dict[str, forms.Field]:
    return {"outcome": forms.ChoiceField(label=_("处理结果"), choices=_choices(wf_labels.OUTCOMES)),
            "text": forms.CharField(label=_("答复意见"), widget=forms.Textarea(attrs={"rows": 4})),
            "served_on": forms.DateField(label=_("送达日期（不填为今天）"), required=False,
                                         widget=forms.DateInput(attrs={"type": "date"}))}


def _review_unit_field(name: str, label: StrOrPromise) -> dict[str, forms.Field]:
    return {name: forms.TypedChoiceField(label=label, coerce=int, empty_value=None, required=False),
            "reason": _reason(_("说明"), required=False)}


def _unit_fields(required: bool) -> dict[str, forms.Field]:
    return {
        "unit_id": forms.TypedChoiceField(label=_("承办单位") if required else "承办单位（不选则按派单目录）",
                                          coerce=int, empty_value=None, required=required),
        "copy_unit_id": forms.TypedChoiceField(label=_("抄送督办单位"), coerce=int, empty_value=None, required=False),
        "due_date": forms.DateField(label=_("办理期限（不填按时限规则）"), required=False,
                                    widget=forms.DateInput(attrs={"type": "date"})),
        "note": forms.CharField(label=_("交办意见"), required=False, widget=TEXTAREA),
    }


def action_fields(action: str) -> dict[str, forms.Field]:
    """The arguments an action needs, as form fields (fresh instances every call)."""
    if action in ("reject", "dispute", "suspend", "reopen"):
        return {"reason": _reason()}
    if action == "forward":
        return {"to_organ": forms.CharField(label=_("转送机关"), max_length=100, required=False),
                "reason": _reason()}
    if action == "assign":
        return _unit_fields(required=False)
    if action == "reassign":
        return _unit_fields(required=True) | {"reason": _reason(_("改派理由"), required=False)}
    if action == "extend":
        return {"days": forms.IntegerField(label=_("延期天数"), min_value=1, max_value=366),
                "reason": _reason(_("延期理由"))}
    if action == "request_review":
        return _review_unit_field("review_unit_id", _("复查机关（不填为承办单位的上级单位）"))
    if action == "request_re_review":
        return _review_unit_field("re_review_unit_id", _("复核机关（不填为复查机关的上级单位）"))
    if action in ("reply", "reply_review", "reply_re_review"):
        return _outcome_fields()
    if action == "answer":
        return {"text": forms.CharField(label=_("答复内容"), widget=forms.Textarea(attrs={"rows": 4}))}
    if action == "return_visit":
        return {"method": forms.ChoiceField(label=_("回访方式"), choices=BLANK + list(ReturnVisit.Method.choices)),
                "contacted": forms.BooleanField(label=_("已联系上诉求人"), required=False, initial=True),
                "resolved": forms.BooleanField(label=_("诉求已解决"), required=False),
                "satisfaction": forms.ChoiceField(label=_("满意度"), required=False,
                                                  choices=BLANK + list(ReturnVisit.Satisfaction.choices)),
                "note": forms.CharField(label=_("回访记录"), required=False, widget=TEXTAREA)}
    if action == "rate":
        return {"satisfaction": forms.ChoiceField(label=_("满意度"),
                                                  choices=BLANK + list(ReturnVisit.Satisfaction.choices))}
    if action == "merge":
        return {"into_tracking_no": forms.CharField(label=_("并入诉求的查询码"), max_length=32),
                "reason": _reason(_("并单理由"))}
    return {"reason": _reason(_("说明"), required=False)}


class ActionForm(SaneInputMixin, ChineseErrorsMixin, forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, action: str, units: list[tuple[int, str]] | None = None, **kwargs):
        self.action = action
        self.label = wf_labels.label(wf_labels.ACTIONS, action, workflow.ACTIONS[action].label)
        super().__init__(*args, prefix=action, **kwargs)
        for name, field in action_fields(action).items():
            self.fields[name] = field
        for name in ("unit_id", "copy_unit_id", "review_unit_id", "re_review_unit_id"):
            if name in self.fields:
                self.fields[name].choices = BLANK + (units or [])  # type: ignore[attr-defined]
        self.chinese_messages()

    def args(self) -> dict:
        """Arguments for ``services.perform_action`` (empty values left out)."""
        out: dict = {}
        for name, value in self.cleaned_data.items():
            if name == "version" or value in (None, ""):
                continue
            out[name] = value.isoformat() if hasattr(value, "isoformat") else value
        if self.action == "return_visit":
            out["contacted"] = bool(self.cleaned_data.get("contacted"))
            out["resolved"] = bool(self.cleaned_data.get("resolved"))
        return out


class AttachmentForm(forms.Form):
    file = forms.FileField(label=_("附件"), error_messages={"required": _("请选择要上传的文件"),
                                                           "empty": _("文件是空的"), "invalid": _("上传的不是文件")})
    keep_location = forms.BooleanField(label=_("保留照片的拍摄位置"), required=False)  # EXIF GPS, else dropped
