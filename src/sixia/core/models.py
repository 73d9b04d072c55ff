"""Base models and the append-only audit trail (审计日志)."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class TimeStamped(models.Model):
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        abstract = True


class AppendOnlyError(RuntimeError):
    pass


class AuditQuerySet(models.QuerySet):
    """Bulk writes would bypass the hash chain (and, for update/delete, rewrite history): refused."""

    def update(self, **kwargs):
        raise AppendOnlyError("audit entries are append-only: no bulk update")

    def delete(self):
        raise AppendOnlyError("audit entries are append-only: no bulk delete")

    def bulk_create(self, *args, **kwargs):
        raise AppendOnlyError("audit entries are appended one by one through sixia.core.audit.record")

    def _append_chained(self, entries: list) -> list:
        """For ``sixia.core.audit`` only: entries it has already chained, in one INSERT (audit.batched)."""
        return super().bulk_create(entries)

    def bulk_update(self, *args, **kwargs):
        raise AppendOnlyError("audit entries are append-only: no bulk update")

    def update_or_create(self, *args, **kwargs):
        raise AppendOnlyError("audit entries are append-only")


class AuditEntry(models.Model):
    """One write or one unmasked view of personal data: who, when, what, which object, from where, success.

    Append-only: the model and its QuerySet refuse updates and deletes, PostgreSQL refuses them by a trigger
    (等保2.0: audit records protected from deletion), and every entry carries the hash of the one before it
    (``prev_hash``) and its own (``hash`` = H(prev_hash ‖ canonical JSON), see ``sixia.core.audit_chain``), so
    an edit made behind the application's back is found by ``sixia audit verify``. ``region_code`` is the
    jurisdiction the entry belongs to (the object's region, else the actor's): the auditor's scope.
    """

    class Action(models.TextChoices):
        CREATE = "create", _("新增")
        UPDATE = "update", _("修改")
        DELETE = "delete", _("删除")
        VIEW_PERSONAL = "view_personal", _("查看个人信息")
        EXPORT = "export", _("导出")
        IMPORT = "import", _("导入")
        LOGIN = "login", _("登录")
        LOGIN_FAILED = "login_failed", _("登录失败")
        LOGOUT = "logout", _("退出")
        ACTION = "action", _("业务操作")

    # Set by ``audit.record`` before hashing (auto_now_add would overwrite the hashed value on save).
    at = models.DateTimeField(_("时间"), default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    actor_name = models.CharField(_("操作人"), max_length=150, blank=True)
    action = models.CharField(_("操作"), max_length=20, choices=Action.choices, db_index=True)
    object_type = models.CharField(_("对象类型"), max_length=60, blank=True, db_index=True)
    object_id = models.CharField(_("对象编号"), max_length=64, blank=True)
    summary = models.CharField(_("摘要"), max_length=300, blank=True)
    changes = models.JSONField(_("变更"), default=dict, blank=True)
    ip = models.CharField(_("客户端地址"), max_length=64, blank=True)
    channel = models.CharField(_("渠道"), max_length=10, blank=True)
    success = models.BooleanField(_("成功"), default=True)
    region_code = models.CharField(_("所属区划"), max_length=12, blank=True, db_index=True)
    prev_hash = models.CharField(_("前一条哈希"), max_length=80, blank=True)
    hash = models.CharField(_("哈希"), max_length=80, blank=True)

    objects = AuditQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["object_type", "object_id"])]
        verbose_name = _("审计记录")
        verbose_name_plural = _("审计记录")

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_name} {self.action} {self.object_type}:{self.object_id}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise AppendOnlyError("audit entries are append-only")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("audit entries are append-only")


class AuditChainHead(models.Model):
    """The one row that holds the hash of the last audit entry. Appending locks it (``SELECT … FOR UPDATE``),
    which serialises appends on PostgreSQL; it also lets ``verify`` notice a deleted last entry."""

    last_id = models.BigIntegerField(default=0)
    hash = models.CharField(max_length=80, blank=True)

    class Meta:
        verbose_name = _("审计链头")
        verbose_name_plural = _("审计链头")

    def __str__(self) -> str:
        return f"{self.last_id} {self.hash}"


class InputRules(models.Model):
    """Plausibility rules (录入合理性规则) that keep impossible dates out of the statistics — a row, so that a
    deployment tunes them without a release. One row (the first); without it the defaults below apply.

    ``earliest_date``: nothing the platform counts (an occurrence, an activity, a visit) lies before it — a
    typo such as 0201 for 2021 would otherwise land in a year no report asks for. ``future_grace_minutes``:
    how far ahead of the server's clock a time typed as "already happened" may lie (devices' clocks drift).
    """

    earliest_date = models.DateField(_("最早日期"), default=date(2000, 1, 1))
    future_grace_minutes = models.PositiveIntegerField(_("未来时间容差（分钟）"), default=10)

    class Meta:
        verbose_name = _("录入合理性规则")
        verbose_name_plural = _("录入合理性规则")

    def __str__(self) -> str:
        return "录入合理性规则"

    @classmethod
    def current(cls) -> InputRules:
        return cls.objects.order_by("pk").first() or cls()


class KeyRotation(models.Model):
    """One run of ``sixia rotate-field-key``: which key to which (fingerprints only, never keys) and how far
    it got in each table, so an interrupted run resumes where it stopped."""

    old_fingerprint = models.CharField(max_length=64)
    new_fingerprint = models.CharField(max_length=64)
    cipher = models.CharField(max_length=16)
    index_algorithm = models.CharField(max_length=16)
    progress = models.JSONField(default=dict, blank=True)  # model label → last primary key done
    rows = models.JSONField(default=dict, blank=True)  # model label → rows rewritten
    started_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("密钥轮换")
        verbose_name_plural = _("密钥轮换")
        ordering = ["-started_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.old_fingerprint[:12]} → {self.new_fingerprint[:12]}"


class Job(models.Model):
    """A long export run by a Huey task (``core.jobs``): its progress (rows done of total), then its file,
    which only the user who started it downloads."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("排队中")
        RUNNING = "running", _("进行中")
        DONE = "done", _("已完成")
        FAILED = "failed", _("失败")

    kind = models.CharField(_("类型"), max_length=40)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+",
                             verbose_name=_("发起人"))
    params = models.JSONField(_("参数"), default=dict, blank=True)
    status = models.CharField(_("状态"), max_length=10, choices=Status.choices, default=Status.QUEUED)
    total = models.PositiveIntegerField(_("总行数"), default=0)
    done = models.PositiveIntegerField(_("已完成行数"), default=0)
    file_path = models.CharField(_("文件"), max_length=200, blank=True)  # under VAR_DIR/jobs/
    filename = models.CharField(_("下载文件名"), max_length=200, blank=True)
    error = models.CharField(_("错误"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("开始时间"), auto_now_add=True)
    finished_at = models.DateTimeField(_("完成时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("后台任务")
        verbose_name_plural = _("后台任务")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.kind} #{self.pk}"

    @property
    def percent(self) -> int:
        if self.status == self.Status.DONE:
            return 100
        return min(99, self.done * 100 // self.total) if self.total else 0
