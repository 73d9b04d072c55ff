"""A county's own Word template for one kind of document, replacing the shipped default for the regions under
its prefix (the longest matching prefix wins; an empty prefix is the deployment's own default)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from sixia.documents.kinds import ALL_KINDS


class DocumentTemplate(models.Model):
    kind = models.CharField(_("文书类型"), max_length=24, choices=[(k, v.title) for k, v in ALL_KINDS.items()])
    region_prefix = models.CharField(_("适用区划代码前缀"), max_length=12, blank=True)
    file_path = models.CharField(_("文件路径"), max_length=300)  # under the uploads root (core.uploads)
    file_name = models.CharField(_("原文件名"), max_length=200)
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+", verbose_name=_("上传人"))
    uploaded_at = models.DateTimeField(_("上传时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("文书模板")
        verbose_name_plural = _("文书模板")
        constraints = [models.UniqueConstraint(fields=["kind", "region_prefix"], name="document_template_kind_prefix")]
        ordering = ["kind", "region_prefix"]

    def __str__(self) -> str:
        return f"{ALL_KINDS[self.kind].title} {self.region_prefix or '*'}"
