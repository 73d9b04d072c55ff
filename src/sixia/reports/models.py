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


class ReportTemplate(models.Model):
    """One sentence of the work report (工作报告) as a county words it. The defaults, with their placeholders,
    are ``reports.statistics.work_report.DEFAULT_SENTENCES``; a row replaces one sentence for the regions under
    ``region_prefix`` (the longest matching prefix wins; an empty prefix replaces the default everywhere)."""

    key = models.CharField(_("语句"), max_length=40)
    region_prefix = models.CharField(_("区划前缀"), max_length=12, blank=True)
    text = models.TextField(_("模板"))
    is_active = models.BooleanField(_("启用"), default=True)
    note = models.CharField(_("说明"), max_length=200, blank=True)

    class Meta:
        ordering = ["key", "region_prefix"]
        constraints = [models.UniqueConstraint(fields=["key", "region_prefix"], name="report_template_key")]
        verbose_name = _("工作报告语句模板")
        verbose_name_plural = _("工作报告语句模板")

    def __str__(self) -> str:
        return f"{self.key}@{self.region_prefix or '*'}"
