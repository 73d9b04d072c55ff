"""点题整治: 群众点题、部门答题、纪委监督、社会评价.

The public (or an official after a visit) nominates a problem (``Nomination``); the curating organ merges
nominations into a ``Topic`` of a year and region with its lead and co-operating units and publishes it for
voting (``Vote``, one per phone); the units answer with measures (``Measure``) whose dated progress entries
(``Progress``) make the topic's timeline; the discipline organ records 督办 (``SupervisionNote``); the result is
published and the public rates it once per phone (``Rating``). How the satisfaction rate is computed is a row
(``RatingRule``), not a constant. Phones are sealed (token + blind index + mask, ``core.personal``).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from sixia.core.models import TimeStamped


class Sealed(models.Model):
    """A sealed phone: encrypted token, blind index (for one-per-phone rules) and mask (for display)."""

    phone_token = models.TextField(blank=True, editable=False)
    phone_index = models.CharField(max_length=64, blank=True, editable=False)
    phone_masked = models.CharField(_("电话"), max_length=24, blank=True, editable=False)

    class Meta:
        abstract = True


class Topic(TimeStamped):
    """题目: one problem of a year's 点题整治 programme, with the units that answer it."""

    class State(models.TextChoices):
        DRAFT = "draft", _("草拟")
        VOTING = "voting", _("群众投票")
        ANSWERING = "answering", _("整治中")
        DONE = "done", _("已完成")
        DROPPED = "dropped", _("未立项")

    year = models.PositiveSmallIntegerField(_("年度"), db_index=True)
    region = models.ForeignKey("geo.Region", on_delete=models.PROTECT, related_name="+", verbose_name=_("区划"))
    title = models.CharField(_("题目"), max_length=120)
    problem = models.TextField(_("问题描述"))
    goal = models.TextField(_("责任目标"), blank=True)
    lead_unit = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="+", verbose_name=_("牵头单位"))
    co_units = models.ManyToManyField("org.Unit", blank=True, related_name="+", verbose_name=_("配合单位"))
    state = models.CharField(_("状态"), max_length=12, choices=State.choices, default=State.DRAFT, db_index=True)
    published_at = models.DateTimeField(_("公布时间"), null=True, blank=True)
    completed_at = models.DateTimeField(_("完成时间"), null=True, blank=True)
    result = models.TextField(_("整治成效"), blank=True)
    cases = models.ManyToManyField("cases.Case", through="TopicCase", blank=True, related_name="+",
                                   verbose_name=_("关联诉求"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+", verbose_name=_("创建人"))

    class Meta:
        ordering = ["-year", "id"]
        verbose_name = _("点题整治题目")
        verbose_name_plural = _("点题整治题目")

    def __str__(self) -> str:
        return f"{self.year} {self.title}"

    @property
    def is_public(self) -> bool:
        return self.state in (self.State.VOTING, self.State.ANSWERING, self.State.DONE)


class Nomination(TimeStamped, Sealed):
    """群众点题: a problem the public nominated on the portal, or an official recorded from a visit."""

    class Source(models.TextChoices):
        PUBLIC = "public", _("群众网上点题")
        VISIT = "visit", _("走访收集")
        ACTIVITY = "activity", _("下基层活动")

    class Status(models.TextChoices):
        NEW = "new", _("待梳理")
        MERGED = "merged", _("已纳入题目")
        DECLINED = "declined", _("未采纳")

    source = models.CharField(_("来源"), max_length=10, choices=Source.choices, default=Source.PUBLIC)
    region = models.ForeignKey("geo.Region", on_delete=models.PROTECT, related_name="+", verbose_name=_("区划"))
    category = models.ForeignKey("cases.Category", null=True, blank=True, on_delete=models.SET_NULL,
                                 related_name="+", verbose_name=_("问题分类"))
    text = models.TextField(_("问题"))
    name = models.CharField(_("姓名"), max_length=40, blank=True)
    activity = models.ForeignKey("activities.Activity", null=True, blank=True, on_delete=models.SET_NULL,
                                 related_name="+", verbose_name=_("下基层活动"))
    status = models.CharField(_("状态"), max_length=10, choices=Status.choices, default=Status.NEW, db_index=True)
    topic = models.ForeignKey(Topic, null=True, blank=True, on_delete=models.SET_NULL, related_name="nominations",
                              verbose_name=_("纳入题目"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+", verbose_name=_("记录人"))

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("群众点题")
        verbose_name_plural = _("群众点题")

    def __str__(self) -> str:
        return f"{self.get_source_display()} {self.text[:20]}"


class Vote(Sealed):
    """群众投票: one vote per phone (blind index) per topic."""

    topic = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="votes")
    at = models.DateTimeField(_("投票时间"), auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["topic", "phone_index"], name="topic_vote_once_per_phone")]
        verbose_name = _("群众投票")
        verbose_name_plural = _("群众投票")

    def __str__(self) -> str:
        return f"{self.topic_id}:{self.phone_masked}"


class Measure(TimeStamped):
    """部门答题: a measure (举措) of a responsible unit with its deadline; progress comes from ``Progress`` rows."""

    topic = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="measures")
    unit = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="+", verbose_name=_("责任单位"))
    title = models.CharField(_("举措"), max_length=200)
    due_date = models.DateField(_("完成时限"))
    progress = models.PositiveSmallIntegerField(_("进度%"), default=0)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+", verbose_name=_("记录人"))

    class Meta:
        ordering = ["topic_id", "due_date", "id"]
        indexes = [models.Index(fields=["unit", "due_date"], name="topic_measure_unit_due")]
        verbose_name = _("整治举措")
        verbose_name_plural = _("整治举措")

    def __str__(self) -> str:
        return self.title


class Progress(models.Model):
    """进度: a dated progress report of a measure (percent + what was done) — the topic's timeline."""

    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="updates")
    day = models.DateField(_("日期"))
    percent = models.PositiveSmallIntegerField(_("进度%"))
    text = models.TextField(_("进展情况"))
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                           related_name="+", verbose_name=_("填报人"))
    at = models.DateTimeField(_("填报时间"), auto_now_add=True)

    class Meta:
        ordering = ["day", "id"]
        verbose_name = _("举措进度")
        verbose_name_plural = _("举措进度")

    def __str__(self) -> str:
        return f"{self.measure_id} {self.day} {self.percent}%"


class SupervisionNote(models.Model):
    """纪委监督: a supervision note or an urge (督办) on a topic or one of its measures."""

    class Kind(models.TextChoices):
        NOTE = "note", _("监督记录")
        URGE = "urge", _("督办")

    topic = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="supervision")
    measure = models.ForeignKey(Measure, null=True, blank=True, on_delete=models.CASCADE, related_name="supervision",
                                verbose_name=_("举措"))
    kind = models.CharField(_("类型"), max_length=8, choices=Kind.choices, default=Kind.NOTE)
    text = models.TextField(_("内容"))
    reply_by = models.DateField(_("限期"), null=True, blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                           related_name="+", verbose_name=_("记录人"))
    at = models.DateTimeField(_("时间"), auto_now_add=True)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("纪委监督")
        verbose_name_plural = _("纪委监督")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.topic_id}"


class TopicCase(models.Model):
    """A case the topic carries (the same problem reported by petitioners), linked by an official."""

    topic = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="case_links")
    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="topic_links")
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                           related_name="+")
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["topic", "case"], name="topic_case_once")]

    def __str__(self) -> str:
        return f"{self.topic_id}:{self.case_id}"


class Rating(Sealed):
    """社会评价: the public's rating of a completed topic, once per phone."""

    class Satisfaction(models.TextChoices):
        SATISFIED = "satisfied", _("满意")
        BASICALLY = "basically", _("基本满意")
        DISSATISFIED = "dissatisfied", _("不满意")

    topic = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="ratings")
    satisfaction = models.CharField(_("评价"), max_length=14, choices=Satisfaction.choices)
    comment = models.TextField(_("意见"), blank=True)
    at = models.DateTimeField(_("评价时间"), auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["topic", "phone_index"], name="topic_rating_once_per_phone")]
        verbose_name = _("社会评价")
        verbose_name_plural = _("社会评价")

    def __str__(self) -> str:
        return f"{self.topic_id}:{self.satisfaction}"


class RatingRule(models.Model):
    """How the satisfaction rate (满意率) of a topic is computed, per region prefix (the empty prefix is the
    default). rate = Σ(weight of each rating) / number of ratings; the default counts 满意 and 基本满意 fully
    and 不满意 not at all — the 满意率 of the 社会评价 surveys the seeds cite (满意率 = (满意+基本满意)/参评).
    A region may weigh 基本满意 lower (e.g. 0.8) by its own row."""

    region_prefix = models.CharField(_("区划前缀"), max_length=12, unique=True, blank=True)
    weight_satisfied = models.DecimalField(_("满意权重"), max_digits=4, decimal_places=2, default=1)
    weight_basically = models.DecimalField(_("基本满意权重"), max_digits=4, decimal_places=2, default=1)
    weight_dissatisfied = models.DecimalField(_("不满意权重"), max_digits=4, decimal_places=2, default=0)
    min_ratings = models.PositiveSmallIntegerField(_("最少评价数"), default=1,
                                                   help_text=_("评价数少于此数时不显示满意率"))
    source = models.CharField(_("依据"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("满意率规则")
        verbose_name_plural = _("满意率规则")

    def __str__(self) -> str:
        return self.region_prefix or "default"
