"""The TOTP second factor (django-otp) for officials.

Required for the roles of ``SIXIA_OTP_REQUIRED_ROLES`` (default: admin, organization_dept, auditor — those
who manage accounts, quotas and read the audit trail); optional for every other official when
``SIXIA_OTP_OPTIONAL`` is true. A user who has a confirmed device must use it, required or not. After the
password, ``OTPRequiredMiddleware`` keeps such a session on the second-factor pages until it is verified:
enrolment (first login of a required role) or the code. The API's bearer tokens are a credential of their own
(issued to a verified session or by the CLI) and are not asked for a code; a session on the API is.
"""

from __future__ import annotations

from base64 import b32encode
from urllib.parse import urlencode

from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import redirect
from django_otp import user_has_device
from django_otp.plugins.otp_totp.models import TOTPDevice

OPEN_PREFIXES = ("/accounts/otp/", "/accounts/logout/", "/static/", "/i18n/", "/healthz", "/public/",
                 "/activities/public/")


def required_for(user) -> bool:
    required = settings.OTP_REQUIRED_ROLES
    return bool(required) and (user.has_role(*required) or (user.is_superuser and "admin" in required))


def needs_second_factor(user) -> bool:
    """Whether this signed-in user must pass a TOTP code before using the platform."""
    return required_for(user) or user_has_device(user, confirmed=True)


def may_enrol(user) -> bool:
    return required_for(user) or settings.OTP_OPTIONAL


def pending_device(user) -> TOTPDevice:
    """The user's unconfirmed device (its secret is shown until a first code confirms it), created once."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("-pk").first()
    return device or TOTPDevice.objects.create(user=user, name="TOTP", confirmed=False)


def secret_of(device: TOTPDevice) -> str:
    return b32encode(device.bin_key).decode().rstrip("=")


def qr_svg(uri: str) -> str:
    """The otpauth:// URI as an inline SVG QR code (drawn here: no external service)."""
    import qrcode
    import qrcode.image.svg

    image = qrcode.make(uri, image_factory=qrcode.image.svg.SvgPathImage, box_size=8, border=2)
    svg = image.to_string(encoding="unicode")
    return svg[svg.index("<svg"):]  # inline in HTML: without the XML declaration


class OTPRequiredMiddleware:
    """Keeps a password-only session of a user who needs a second factor on the second-factor pages."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (user is not None and user.is_authenticated and not request.path.startswith(OPEN_PREFIXES)
                and not user.is_verified() and needs_second_factor(user)):
            if request.path.startswith("/api/"):
                if "HTTP_AUTHORIZATION" not in request.META:  # the session, not a token: ask for the code first
                    return JsonResponse({"code": "otp_required", "message": "请先完成双因素验证 (second factor "
                                         "required)"}, status=401)
            else:
                target = "web:otp_verify" if user_has_device(user, confirmed=True) else "web:otp_setup"
                response = redirect(target)
                response["Location"] += "?" + urlencode({"next": request.get_full_path()})
                return response
        return self.get_response(request)


def confirm_enrolment(*, actor, token: str, request=None) -> TOTPDevice | None:
    """Confirm ``actor``'s pending device with a first code from the authenticator; return it, or None when the
    code is wrong (audited as a failed login, which counts towards the account's lock)."""
    from django.db import transaction

    from sixia.core import audit

    device = pending_device(actor)
    if not device.verify_token(_digits(token)):
        _failed(actor, "双因素登记：验证码错误", request)
        return None
    with transaction.atomic():
        TOTPDevice.objects.filter(user=actor, confirmed=True).delete()  # one authenticator per official
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        audit.record(audit.Action.CREATE, obj=device, actor=actor, summary="登记双因素认证（TOTP）")
    return device


def check_code(*, actor, token: str, request=None) -> TOTPDevice | None:
    """The second step of a login: the device whose current code ``token`` is, or None (audited, counted)."""
    from sixia.core import audit

    token = _digits(token)
    for device in TOTPDevice.objects.filter(user=actor, confirmed=True):
        if device.verify_token(token):
            audit.record(audit.Action.LOGIN, obj=actor, actor=actor, summary="双因素验证通过")
            return device
    _failed(actor, "双因素验证码错误", request)
    return None


def _digits(token: str) -> str:
    return "".join(ch for ch in (token or "") if ch.isdigit())[:8]


def _failed(actor, why: str, request) -> None:
    from django.contrib.auth.signals import user_login_failed

    # The same path as a wrong password: the account's counter, the address counter (axes) and the audit trail.
    user_login_failed.send(sender=__name__, credentials={"username": actor.username, "second_factor": why},
                           request=request)
