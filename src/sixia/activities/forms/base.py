"""What the activity forms share: messages in the page's language, and the first error as one line."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class PageForm(forms.Form):
    """A form whose refusals read in the page's language (``required`` names the field)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.error_messages["required"] = gettext("请填写%(label)s") % {"label": field.label}
            field.error_messages["invalid_choice"] = gettext("选项无效，请重新选择")
            field.error_messages["invalid"] = gettext("格式不正确")

    def first_error(self) -> str:
        """The first refusal as one line, ``标签：原因`` (the pages show one error above the form)."""
        for name, errors in self.errors.items():
            label = self.fields[name].label if name in self.fields else ""
            return f"{label}{gettext('：')}{errors[0]}" if label else str(errors[0])
        return ""

    def value_of(self, name: str):
        """What the field holds now: the typed value of a bound form, else its initial value."""
        return self[name].value()
