"""Forms of the 包案 and 督办 desks: the side actions on the case page (the same interface as ``ActionForm``,
so ``_action_form.html`` renders both) and the filters of the ledger and the 通报. Shapes only; the rules
(rights, ownership, states, the reply-by range) stay in the services."""

from __future__ import annotations

from datetime import timedelta

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from sixia.cases.forms import BLANK, TEXTAREA, ChineseErrorsMixin
from sixia.cases.services.supervising import REPLY_BY_MAX_DAYS

SIDE_LABELS = {
    "set_leader": pgettext_lazy("action", "指定包案领导"), "leader_note": pgettext_lazy("action", "填写包案进展"),
    "leader_signoff": pgettext_lazy("action", "包案销号"), "urge": pgettext_lazy("action", "催办"),
    "supervise": pgettext_lazy("action", "督办"), "flag_supervise": pgettext_lazy("action", "挂牌督办"),
    "answer_supervision": pgettext_lazy("action", "答复督办"),
}
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")  # the one format a date input accepts


def side_fields(action: str, leaders: list[tuple[int, str]]) -> dict[str, forms.Field]:
    if action == "set_leader":
        return {"official_id": forms.TypedChoiceField(label=_("包案领导"), coerce=int, choices=BLANK + leaders),
                "reason": forms.CharField(label=_("理由"), widget=TEXTAREA)}
    if action == "leader_note":
        return {"text": forms.CharField(label=_("包案进展"), widget=TEXTAREA)}
    if action == "leader_signoff":
        return {"text": forms.CharField(label=_("销号说明"), widget=TEXTAREA)}
    if action == "answer_supervision":
        return {"text": forms.CharField(label=_("答复情况"), widget=TEXTAREA)}
    today = timezone.localdate()
    return {"reason": forms.CharField(label=_("督办理由"), widget=TEXTAREA),
            "reply_by": forms.DateField(label=_("答复期限"), widget=forms.DateInput(format="%Y-%m-%d", attrs={
                "type": "date", "min": today.isoformat(),
                "max": (today + timedelta(days=REPLY_BY_MAX_DAYS)).isoformat()}),
                initial=today + timedelta(days=7))}  # a week unless the supervisor says otherwise


class SideActionForm(ChineseErrorsMixin, forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, action: str, leaders: list[tuple[int, str]] | None = None, **kwargs):
        self.action = action
        self.label = str(SIDE_LABELS[action])
        super().__init__(*args, prefix=action, **kwargs)
        for name, field in side_fields(action, leaders or []).items():
            self.fields[name] = field
        self.chinese_messages()

    def args(self) -> dict:
        return {name: value.isoformat() if hasattr(value, "isoformat") else value
                for name, value in self.cleaned_data.items() if name != "version" and value not in (None, "")}


class LedgerFilterForm(forms.Form):
    """Filters of the 包案台账; a bad value counts as not given."""

    STATES = [("", _("全部状态")), ("open", _("未办结")), ("closed", _("已办结或终结"))]

    official = forms.TypedChoiceField(label=_("包案领导"), required=False, coerce=int, empty_value=None)
    state = forms.ChoiceField(label=_("状态"), required=False, choices=STATES)
    overdue = forms.BooleanField(label=_("仅超期"), required=False)

    def __init__(self, *args, leaders: list[tuple[int, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["official"].choices = [("", _("全部包案领导")), *leaders]  # type: ignore[attr-defined]

    def values(self) -> dict:
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return {name: data.get(name) for name in self.fields if name not in self.errors}


class PeriodForm(ChineseErrorsMixin, forms.Form):
    date_from = forms.DateField(label=_("自"), required=False, widget=DATE)
    date_to = forms.DateField(label=_("至"), required=False, widget=DATE)
