from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from sixia.core import audit
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
    username = str(credentials.get("username", ""))[:150]
    locked = auth.register_failure(username) if username else False
    audit.record(
        audit.Action.LOGIN_FAILED,
        object_type="org.user",
        object_id=username,
        actor=username or "anonymous",
        summary="登录失败，账号已锁定" if locked else "登录失败",
        success=False,
    )
