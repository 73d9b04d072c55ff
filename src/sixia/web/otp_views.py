"""The second login step (TOTP): enrolment for officials who must (or may) use it, and the code after the
password. Thin: the rules are in ``sixia.org.otp``."""

from __future__ import annotations

import django_otp
from django import forms
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods
from django_otp import user_has_device

from sixia.org import otp


class CodeForm(forms.Form):
    token = forms.CharField(label=_("动态验证码"), max_length=12,
                            widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric",
                                                          "autofocus": True}))


def _next(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or "/"
    return target if url_has_allowed_host_and_scheme(target, {request.get_host()}) else "/"


def _locked_out(request):
    """A wrong code counts like a wrong password: once the account is locked, the half-done login ends."""
    logout(request)
    return redirect("web:login")


@login_required
@require_http_methods(["GET", "POST"])
def otp_verify(request):
    if request.user.is_verified():
        return redirect(_next(request))
    if not user_has_device(request.user, confirmed=True):
        return redirect("web:otp_setup")
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if request.user.is_locked():
            return _locked_out(request)
        device = otp.check_code(actor=request.user, token=form.cleaned_data["token"], request=request)
        if device is not None:
            django_otp.login(request, device)
            return redirect(_next(request))
        request.user.refresh_from_db(fields=["locked_until", "failed_logins"])
        if request.user.is_locked():
            return _locked_out(request)
        form.add_error("token", _("验证码错误或已过期，请重新输入。"))
    return render(request, "registration/otp_verify.html", {"form": form, "next": _next(request)},
                  status=422 if form.errors else 200)


@login_required
@require_http_methods(["GET", "POST"])
def otp_setup(request):
    user = request.user
    if not otp.may_enrol(user):
        return render(request, "web/not_found.html", status=404)
    if user_has_device(user, confirmed=True) and not user.is_verified():
        return redirect("web:otp_verify")  # replacing an authenticator needs the current one first
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if user.is_locked():
            return _locked_out(request)
        device = otp.confirm_enrolment(actor=user, token=form.cleaned_data["token"], request=request)
        if device is not None:
            django_otp.login(request, device)
            return redirect(_next(request))
        form.add_error("token", _("验证码错误或已过期，请重新输入。"))
    device = otp.pending_device(user)
    uri = device.config_url
    return render(request, "registration/otp_setup.html", {
        "form": form, "next": _next(request), "qr_svg": otp.qr_svg(uri), "otpauth_uri": uri,
        "secret": otp.secret_of(device), "required": otp.required_for(user)}, status=422 if form.errors else 200)
