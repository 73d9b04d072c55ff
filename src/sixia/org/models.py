"""Units, officials, linkages, users and API tokens (单位、干部、挂钩联系、用户)."""

from __future__ import annotations

import hashlib
import secrets

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from sixia.core.models import TimeStamped


class Unit(TimeStamped):
    """A party or government body, township government, village committee or handling department."""

    class Kind(models.TextChoices):
        PARTY = "party", _("党委机关")
        GOVERNMENT = "government", _("政府")
        DEPARTMENT = "department", _("职能部门")
        PETITION_OFFICE = "petition_office", _("信访部门")
        SUPERVISION = "supervision", _("督查/纪检")
        TOWNSHIP = "township", _("乡镇（街道）")
        VILLAGE = "village", _("村（社区）")
        ENTERPRISE = "enterprise", _("企事业单位")

    name = models.CharField(_("单位名称"), max_length=100)
    short_name = models.CharField(_("简称"), max_length=40, blank=True)
    kind = models.CharField(_("类型"), max_length=20, choices=Kind.choices)
    region = models.ForeignKey("geo.Region", on_delete=models.PROTECT, related_name="units", verbose_name=_("所在区划"))
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children", verbose_name=_("上级单位")
    )
    phone = models.CharField(_("办公电话"), max_length=30, blank=True)
    is_active = models.BooleanField(_("启用"), default=True)

    class Meta:
        ordering = ["region_id", "name"]
        constraints = [models.UniqueConstraint(fields=["region", "name"], name="unit_unique_name_in_region")]
        verbose_name = _("单位")
        verbose_name_plural = _("单位")

    def __str__(self) -> str:
        return self.name


class Rank(models.TextChoices):
    PROVINCIAL = "provincial", _("省级")
    MUNICIPAL = "municipal", _("市级")
    COUNTY = "county", _("县处级")
    TOWNSHIP = "township", _("乡科级")
    STAFF = "staff", _("一般干部")


class User(AbstractUser):
    """A login. Bound to a jurisdiction (a region subtree) and, for handlers, to a unit."""

    jurisdiction = models.ForeignKey(
        "geo.Region", null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name=_("管辖范围")
    )
    unit = models.ForeignKey(
        Unit, null=True, blank=True, on_delete=models.PROTECT, related_name="users", verbose_name=_("所属单位")
    )
    failed_logins = models.PositiveIntegerField(_("连续登录失败次数"), default=0)
    locked_until = models.DateTimeField(_("锁定至"), null=True, blank=True)

    class Meta:
        verbose_name = _("用户")
        verbose_name_plural = _("用户")

    @cached_property
    def roles(self) -> frozenset[str]:
        if not self.pk:
            return frozenset()
        return frozenset(self.groups.values_list("name", flat=True))

    def has_role(self, *roles: str) -> bool:
        return bool(self.roles.intersection(roles)) or (self.is_superuser and "admin" in roles)

    @property
    def display_name(self) -> str:
        official = getattr(self, "official", None)
        return official.name if official else (self.get_full_name() or self.username)

    def is_locked(self, now=None) -> bool:
        return bool(self.locked_until and self.locked_until > (now or timezone.now()))


class OfficialStatus(models.TextChoices):
    """How the API and the import name ``Official.is_active`` (在职 / 退休或离任)."""

    ACTIVE = "active", _("在职")
    RETIRED = "retired", _("退休/离任")


class Official(TimeStamped):
    """干部: a person in a unit with a rank; optionally has a login."""

    name = models.CharField(_("姓名"), max_length=40)
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="officials", verbose_name=_("单位"))
    rank = models.CharField(_("职级"), max_length=12, choices=Rank.choices)
    title = models.CharField(_("职务"), max_length=60, blank=True)
    is_leader = models.BooleanField(_("领导干部"), default=False)
    is_principal = models.BooleanField(_("主要领导"), default=False, help_text=_("党政主要负责人（书记、县长、镇长等）"))
    user = models.OneToOneField(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="official", verbose_name=_("登录账号")
    )
    phone_token = models.TextField(blank=True, editable=False)
    phone_index = models.CharField(max_length=32, blank=True, db_index=True, editable=False)
    phone_masked = models.CharField(_("电话"), max_length=24, blank=True, editable=False)
    is_active = models.BooleanField(_("在职"), default=True)

    class Meta:
        ordering = ["unit__region_id", "unit__name", "name"]
        verbose_name = _("干部")
        verbose_name_plural = _("干部")

    def __str__(self) -> str:
        return f"{self.name}（{self.title or self.get_rank_display()}）"

    @property
    def region_id(self) -> str:
        return self.unit.region_id

    @property
    def status(self) -> str:
        return OfficialStatus.ACTIVE if self.is_active else OfficialStatus.RETIRED


class Linkage(TimeStamped):
    """挂钩联系: an official's standing tie to a township, village, enterprise or household."""

    class Kind(models.TextChoices):
        TOWNSHIP = "township", _("挂钩乡镇")
        VILLAGE = "village", _("挂钩村（社区）")
        ENTERPRISE = "enterprise", _("挂钩企业")
        PROJECT = "project", _("挂钩项目")
        HOUSEHOLD = "household", _("结对户")

    official = models.ForeignKey(Official, on_delete=models.CASCADE, related_name="linkages", verbose_name=_("干部"))
    kind = models.CharField(_("类型"), max_length=12, choices=Kind.choices)
    region = models.ForeignKey("geo.Region", on_delete=models.PROTECT, related_name="+", verbose_name=_("区划"))
    target_name = models.CharField(_("对象名称"), max_length=100, blank=True, help_text=_("企业、项目或户主"))
    starts_on = models.DateField(_("开始日期"))
    ends_on = models.DateField(_("结束日期"), null=True, blank=True)

    class Meta:
        ordering = ["official_id", "-starts_on"]
        verbose_name = _("挂钩联系")
        verbose_name_plural = _("挂钩联系")

    def __str__(self) -> str:
        return f"{self.official.name} → {self.target_name or self.region.name}"

    def active_on(self, day) -> bool:
        return self.starts_on <= day and (self.ends_on is None or day <= self.ends_on)


class ApiToken(models.Model):
    """A bearer token for the REST API. Only a SHA-256 digest is stored; the token is shown once."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=60, blank=True)
    prefix = models.CharField(max_length=8, db_index=True)
    digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("接口令牌")
        verbose_name_plural = _("接口令牌")

    def __str__(self) -> str:
        return f"{self.prefix}… ({self.user})"

    @staticmethod
    def digest_of(token: str) -> str:
        return hashlib.sha256(token.encode("utf-8")).hexdigest()

    @classmethod
    def issue(cls, user: User, name: str = "") -> tuple[ApiToken, str]:
        token = "sx_" + secrets.token_urlsafe(32)
        row = cls.objects.create(user=user, name=name, prefix=token[:8], digest=cls.digest_of(token))
        return row, token
