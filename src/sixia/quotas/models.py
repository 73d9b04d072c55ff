"""Quota rules (履职指标) and the record of reminders sent."""

from __future__ import annotations

from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import npgettext, pgettext

from sixia.core.models import TimeStamped
from sixia.org.models import Rank


class ActivityKind(models.TextChoices):
    RECEPTION = "reception", _("信访接待（接访）")
    VISIT = "visit", _("走访/回访")
    ONSITE = "onsite", _("现场办公")
    RESEARCH = "research", _("调查研究")
    LECTURE = "lecture", _("宣传宣讲")


class Measure(models.TextChoices):
    COUNT = "count", _("次数")
    DAYS = "days", _("天数")


class PeriodKind(models.TextChoices):
    MONTH = "month", _("每月")
    QUARTER = "quarter", _("每季度")
    HALF = "half", _("每半年")
    YEAR = "year", _("每年")


class Where(models.TextChoices):
    ANYWHERE = "anywhere", _("基层任意地点")
    LINKED = "linked", _("任一挂钩联系点")
    LINKED_TOWNSHIP = "linked_township", _("挂钩乡镇")
    LINKED_VILLAGE = "linked_village", _("挂钩村（社区）")
    VILLAGE = "village", _("村（社区）一级")


class QuotaRule(TimeStamped):
    """An official of ``rank`` must do ``amount`` of ``kind`` per ``period``, ``where``.

    ``region_prefix`` empty = everywhere. For one rank, kind and measure the rule with the longest prefix
    covering the official's unit region wins, so a county overrides a default by adding its own row.
    """

    rank = models.CharField(_("职级"), max_length=12, choices=Rank.choices)
    kind = models.CharField(_("活动类型"), max_length=12, choices=ActivityKind.choices)
    measure = models.CharField(_("计量"), max_length=8, choices=Measure.choices, default=Measure.COUNT)
    period = models.CharField(_("周期"), max_length=8, choices=PeriodKind.choices)
    where = models.CharField(_("地点要求"), max_length=16, choices=Where.choices, default=Where.ANYWHERE)
    amount = models.FloatField(_("要求数量"), validators=[MinValueValidator(0)])
    region_prefix = models.CharField(_("适用区划代码前缀"), max_length=12, blank=True, db_index=True,
                                     help_text=_("空表示全部地区；更长的前缀覆盖默认规则"))
    remind_days_before = models.PositiveSmallIntegerField(_("期末前几天提醒"), default=7)
    is_active = models.BooleanField(_("启用"), default=True)
    source = models.TextField(_("依据"), blank=True)

    class Meta:
        ordering = ["region_prefix", "rank", "kind", "measure"]
        constraints = [models.UniqueConstraint(fields=["region_prefix", "rank", "kind", "measure"],
                                               name="quota_rule_unique_per_region")]
        verbose_name = _("履职指标规则")
        verbose_name_plural = _("履职指标规则")

    def __str__(self) -> str:
        """“县处级 每季度信访接待（接访）3次（挂钩乡镇）”, in the active language (audit summaries pin Chinese)."""
        amount = int(self.amount) if float(self.amount).is_integer() else self.amount
        n = int(self.amount) if float(self.amount).is_integer() else 2  # a fraction reads as a plural
        if self.measure == Measure.DAYS:
            quantity = npgettext("quota amount", "%(n)s天", "%(n)s天", n) % {"n": amount}
        else:
            quantity = npgettext("quota amount", "%(n)s次", "%(n)s次", n) % {"n": amount}
        return pgettext("quota rule", "%(rank)s %(period)s%(kind)s%(amount)s（%(where)s）") % {
            "rank": self.get_rank_display(), "period": self.get_period_display(), "kind": self.get_kind_display(),
            "amount": quantity, "where": self.get_where_display()}


class QuotaReminder(models.Model):
    """One reminder sent to one official for one rule and period (never sent twice)."""

    official = models.ForeignKey("org.Official", on_delete=models.CASCADE, related_name="+")
    rule = models.ForeignKey(QuotaRule, on_delete=models.CASCADE, related_name="reminders")
    period_key = models.CharField(_("统计期"), max_length=8)
    required = models.FloatField(default=0)
    done = models.FloatField(default=0)
    sent_at = models.DateTimeField(_("提醒时间"), auto_now_add=True)

    class Meta:
        ordering = ["-sent_at"]
        constraints = [models.UniqueConstraint(fields=["official", "rule", "period_key"],
                                               name="quota_reminder_once")]
        verbose_name = _("履职提醒")
        verbose_name_plural = _("履职提醒")

    def __str__(self) -> str:
        return f"{self.official_id} {self.rule_id} {self.period_key}"
