from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from sixia.core import audit
from sixia.core.middleware import client_ip
from sixia.org import auth


@receiver(user_logged_in)
def on_login(sender, request, user, **kwargs):
    auth.register_success(user)
    audit.record(audit.Action.LOGIN, obj=user, actor=user, summary="登录成功")


@receiver(user_logged_out)
def on_logout(sender, request, user, **kwargs):
    if user is not None:
        audit.record(audit.Action.LOGOUT, obj=user, actor=user, summary="退出登录")


@receiver(user_login_failed)
def on_login_failed(sender, credentials, request=None, **kwargs):
    """Every failed login — password, second factor, API token — counted and audited with the client address
    and, when the username is an account's, its jurisdiction (so that its auditor sees attempts on it)."""
    username = str(credentials.get("username", ""))[:150]
    locked = auth.register_failure(username) if username else False
    if "api_token" in credentials:
        summary, target = f"接口令牌认证失败（令牌用户：{credentials['api_token']}）", str(credentials["api_token"])
    else:
        summary = str(credentials.get("second_factor") or "登录失败") + ("，账号已锁定" if locked else "")
        target = username
    region = get_user_model()._default_manager.filter(username=target).values_list(
        "jurisdiction_id", flat=True).first() if target else None
    audit.record(
        audit.Action.LOGIN_FAILED,
        object_type="org.user",
        object_id=target[:64],
        actor=username or "anonymous",
        summary=summary[:300],
        success=False,
        region_code=region or "",
        ip=client_ip(request) if request is not None else None,
    )
