from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.signals import user_login_failed
from django.utils.translation import gettext_lazy as _

from sixia.core.validation import SaneInputMixin
from sixia.org import auth
from sixia.people.models import Person


class LockoutAuthenticationForm(AuthenticationForm):
    """The login form. A locked username — an account's, or a name no account has — gets the same message as a
    locked client address (``org.auth``), so the answer never tells whether a username exists."""

    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": _("用户名或密码错误 (wrong username or password)。连续失败多次将锁定账号。"),
    }

    def clean(self):
        username = self.cleaned_data.get("username")
        if username and auth.username_locked(username):
            # Still counts as a failure (and is audited) through the signal AuthenticationForm.clean() sends.
            user_login_failed.send(sender=__name__, credentials={"username": username}, request=self.request)
            raise forms.ValidationError(auth.locked_message(), code="locked")
        return super().clean()


class PersonForm(SaneInputMixin, forms.Form):
    name = forms.CharField(label=_("姓名/名称"), max_length=100)
    kind = forms.ChoiceField(label=_("类型"), choices=Person.Kind.choices, initial=Person.Kind.PERSON)
    gender = forms.ChoiceField(label=_("性别"), choices=Person.Gender.choices, required=False)
    id_number = forms.CharField(label=_("身份证号"), max_length=30, required=False)
    phone = forms.CharField(label=_("联系电话"), max_length=30, required=False)
    region_code = forms.CharField(label=_("所在区划代码"), max_length=12)
    address = forms.CharField(label=_("住址"), max_length=200, required=False)
    notes = forms.CharField(label=_("备注"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    # the language the SMS notices reach this person in (cases.services.notices picks the template)
    language = forms.ChoiceField(label=_("告知语言"), choices=settings.LANGUAGES, initial="zh-hans", required=False)


class WeightsForm(forms.Form):
    """A set of ``weight_*`` float fields of a settings model (三率, risk index), labelled by the model."""

    def __init__(self, *args, model, names, **kwargs):
        super().__init__(*args, **kwargs)
        for name in names:
            self.fields[name] = forms.FloatField(label=model._meta.get_field(name).verbose_name,
                                                 min_value=0, max_value=1)
