"""Persons and organisations who raise demands (群众/信访人) — one record per person (一人一表).

ID numbers and phones are stored as encrypted tokens with a blind index and a mask (see core.personal).
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from sixia.core.models import TimeStamped


class Person(TimeStamped):
    # not a column: set by the intake on a person it just created when nobody else holds its ID number or phone
    identity_unshared: bool = False

    class Kind(models.TextChoices):
        PERSON = "person", _("个人")
        ORGANISATION = "organisation", _("组织")

    class Gender(models.TextChoices):
        MALE = "M", _("男")
        FEMALE = "F", _("女")
        UNKNOWN = "", _("未知")

    kind = models.CharField(_("类型"), max_length=12, choices=Kind.choices, default=Kind.PERSON)
    name = models.CharField(_("姓名/名称"), max_length=100, db_index=True)
    gender = models.CharField(_("性别"), max_length=1, choices=Gender.choices, blank=True)
    id_number_token = models.TextField(blank=True, editable=False)
    id_number_index = models.CharField(max_length=32, blank=True, db_index=True, editable=False)
    id_number_masked = models.CharField(_("身份证号"), max_length=24, blank=True, editable=False)
    phone_token = models.TextField(blank=True, editable=False)
    phone_index = models.CharField(max_length=32, blank=True, db_index=True, editable=False)
    phone_masked = models.CharField(_("联系电话"), max_length=24, blank=True, editable=False)
    name_address_index = models.CharField(max_length=32, blank=True, db_index=True, editable=False)
    region = models.ForeignKey("geo.Region", on_delete=models.PROTECT, related_name="+", verbose_name=_("所在区划"))
    address = models.CharField(_("住址"), max_length=200, blank=True)
    notes = models.TextField(_("备注"), blank=True)
    # the language notices are sent in (settings.LANGUAGES; set from the portal's active language at submit)
    language = models.CharField(_("告知语言"), max_length=10, default="zh-hans")

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["region", "name"])]
        verbose_name = _("群众")
        verbose_name_plural = _("群众")

    def __str__(self) -> str:
        return self.name

    PERSONAL_FIELDS = ("id_number", "phone")
