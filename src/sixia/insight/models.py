"""Insight data: the repeat index (per-case MinHash signature + LSH band keys) and the tunable settings.

The band table *is* the LSH index: a query computes its band keys and asks ``key IN (…)`` — an index lookup
on any database, always in step with the cases (rows are written when a case's text changes), scoped by the
case's region like every other read. ``version`` records the signature shape; a case whose signature has
another version is re-indexed on its next save (or by ``sixia insight-repeats-index``).
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class CaseSignature(models.Model):
    case = models.OneToOneField("cases.Case", on_delete=models.CASCADE, primary_key=True, related_name="+")
    version = models.CharField(_("版本"), max_length=40)
    exact_key = models.CharField(_("文本摘要"), max_length=20, db_index=True)
    signature = models.BinaryField(_("MinHash签名"))
    indexed_at = models.DateTimeField(_("索引时间"), auto_now=True)

    class Meta:
        verbose_name = _("诉求文本签名")
        verbose_name_plural = _("诉求文本签名")

    def __str__(self) -> str:
        return f"{self.case_id} {self.version}"


class CaseBand(models.Model):
    """One LSH band key of a case's signature (``bands`` rows per case)."""

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="+")
    key = models.BigIntegerField()

    class Meta:
        indexes = [models.Index(fields=["key", "case"], name="caseband_key_case")]
        verbose_name = _("LSH分桶")
        verbose_name_plural = _("LSH分桶")

    def __str__(self) -> str:
        return f"{self.case_id}:{self.key}"


class RepeatSettings(models.Model):
    """Thresholds of repeated-petition detection and the 越级 / 三多 rules (rules.md §4; defaults UNVERIFIED)."""

    min_similarity = models.FloatField(_("文本相似度阈值"), default=0.5,
                                       help_text=_("不同人之间，文本相似度达到此值即列为候选"))
    identity_min_similarity = models.FloatField(_("同一人相似度阈值"), default=0.25,
                                                help_text=_("同一人（身份证、电话或姓名+住址相同）时列为候选的相似度"))
    repeat_similarity = models.FloatField(_("重复件相似度"), default=0.3,
                                          help_text=_("同一人且相似度达到此值，提示为重复件"))
    limit = models.PositiveIntegerField(_("候选数上限"), default=20)
    lookback_days = models.PositiveIntegerField(_("回溯天数"), default=0, help_text=_("0 表示不限"))
    competent_level = models.PositiveSmallIntegerField(
        _("属地处理层级"), default=3, help_text=_("1省 2市 3县 4乡 5村：受理单位层级高于事项属地与此层级中较低者，即为越级"))
    three_many_years = models.PositiveSmallIntegerField(_("多年：年份数"), default=2)
    three_many_levels = models.PositiveSmallIntegerField(_("多层：层级数"), default=2)
    three_many_bodies = models.PositiveSmallIntegerField(_("多头：受理单位数"), default=2)

    class Meta:
        verbose_name = _("重复件参数")
        verbose_name_plural = _("重复件参数")

    def __str__(self) -> str:
        return "重复件参数"

    @classmethod
    def current(cls) -> RepeatSettings:
        return cls.objects.order_by("pk").first() or cls()


class HotspotSettings(models.Model):
    similarity = models.FloatField(_("聚类相似度"), default=0.2)
    min_size = models.PositiveIntegerField(_("最小热点规模"), default=3)
    period_days = models.PositiveIntegerField(_("默认周期（天）"), default=30)
    max_messages = models.PositiveIntegerField(_("每次最多分析件数"), default=3000)
    max_clusters = models.PositiveIntegerField(_("最多热点数"), default=20)
    rise_ratio = models.FloatField(_("上升倍数"), default=1.5)
    stop_words = models.TextField(_("附加停用词"), blank=True, help_text=_("空格或换行分隔"))

    class Meta:
        verbose_name = _("热点参数")
        verbose_name_plural = _("热点参数")

    def __str__(self) -> str:
        return "热点参数"

    @classmethod
    def current(cls) -> HotspotSettings:
        return cls.objects.order_by("pk").first() or cls()


class RiskSettings(models.Model):
    """Weights of the risk index (风险指数) and its cut-offs."""

    weight_volume = models.FloatField(_("诉求量权重"), default=0.2)
    weight_repeats = models.FloatField(_("重复件权重"), default=0.25)
    weight_overdue = models.FloatField(_("超期权重"), default=0.2)
    weight_dissatisfaction = models.FloatField(_("不满意权重"), default=0.2)
    weight_collective = models.FloatField(_("集体访权重"), default=0.15)
    high = models.FloatField(_("高风险线"), default=50.0)
    medium = models.FloatField(_("中风险线"), default=25.0)
    min_cases = models.PositiveIntegerField(_("最少件数"), default=5)
    period_days = models.PositiveIntegerField(_("统计天数"), default=365)

    class Meta:
        verbose_name = _("风险指数参数")
        verbose_name_plural = _("风险指数参数")

    def __str__(self) -> str:
        return "风险指数参数"

    @classmethod
    def current(cls) -> RiskSettings:
        return cls.objects.order_by("pk").first() or cls()
