"""Import batches of cases from an existing Excel ledger (台账导入): the uploaded file, the column mapping the
user chose, and the outcome (row-level errors, or the number of cases created)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


def import_path(instance: LedgerImport, filename: str) -> str:
    import secrets

    return f"reports/imports/{secrets.token_hex(12)}.xlsx"


class LedgerImport(models.Model):
    class Status(models.TextChoices):
        UPLOADED = "uploaded", _("待映射")
        FAILED = "failed", _("校验未通过")
        DONE = "done", _("已导入")

    created_at = models.DateTimeField(_("上传时间"), auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+",
                                   verbose_name=_("上传人"))
    file = models.FileField(_("文件"), upload_to=import_path)
    name = models.CharField(_("文件名"), max_length=200)
    sheet = models.CharField(_("工作表"), max_length=100, blank=True)
    header_row = models.PositiveIntegerField(_("表头行"), default=1)
    headers = models.JSONField(_("源列"), default=list)
    mapping = models.JSONField(_("列映射"), default=dict, blank=True)
    status = models.CharField(_("状态"), max_length=10, choices=Status.choices, default=Status.UPLOADED)
    rows = models.PositiveIntegerField(_("数据行数"), default=0)
    created = models.PositiveIntegerField(_("导入件数"), default=0)
    error_count = models.PositiveIntegerField(_("错误数"), default=0)
    errors = models.JSONField(_("错误明细"), default=list, blank=True)
    finished_at = models.DateTimeField(_("完成时间"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("台账导入")
        verbose_name_plural = _("台账导入")

    def __str__(self) -> str:
        return f"{self.name} ({self.status})"
