"""Open311 clients: the outside applications allowed to POST service requests with an ``api_key``."""

from __future__ import annotations

import hashlib
import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Client(models.Model):
    """One outside application (a city app, a kiosk). Only the SHA-256 of its key is stored; the key is shown once.

    It registers cases as ``user``, a service account holding ``cases.register``, so the intake service applies
    that account's right and jurisdiction exactly as for any other face."""

    name = models.CharField(_("名称"), max_length=60, unique=True)
    prefix = models.CharField(_("密钥前缀"), max_length=8)
    key_digest = models.CharField(max_length=64, unique=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="open311_clients",
                             verbose_name=_("代理账号"))
    is_active = models.BooleanField(_("启用"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used = models.DateTimeField(_("最近使用"), null=True, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("Open311 接入方")
        verbose_name_plural = _("Open311 接入方")

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @staticmethod
    def digest_of(key: str) -> str:
        return hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()

    @staticmethod
    def new_key() -> str:
        return "o311_" + secrets.token_urlsafe(32)
