"""Cases and their file (一案一档): the case row is the current summary, CaseEvent is the append-only file.

State, action, channel, demand-type and petition-class codes are those of ``engines.workflow.catalog``;
they are stored as plain strings so that the catalogue (pure, no Django) stays the single source of truth.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.signals import post_delete
from django.dispatch import receiver
from django.utils.translation import gettext_lazy as _

from sixia.core.models import AppendOnlyError, TimeStamped


class Track(models.TextChoices):
    PETITION = "petition", _("信访")
    HOTLINE = "hotline", _("12345热线")


class Warning(models.TextChoices):
    """Deadline colour of the current step (正常 / 临期 / 紧急 / 超期); ordered by severity."""

    NORMAL = "normal", _("正常")
    APPROACHING = "approaching", _("临期")
    URGENT = "urgent", _("紧急")
    OVERDUE = "overdue", _("超期")


class SupervisionLevel(models.IntegerChoices):
    NONE = 0, _("无")
    REMIND = 1, _("催办")
    SUPERVISE = 2, _("督办")
    LISTED = 3, _("挂牌督办")


class Category(models.Model):
    """Matter category (问题分类), a configurable tree; codes are dotted paths (``urban.housing``)."""

    code = models.CharField(_("分类代码"), max_length=60, unique=True)
    name = models.CharField(_("名称"), max_length=60)
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="children",
                               verbose_name=_("上级分类"))
    sort = models.PositiveIntegerField(_("排序"), default=0)
    is_active = models.BooleanField(_("启用"), default=True)

    class Meta:
        ordering = ["sort", "code"]
        verbose_name = _("问题分类")
        verbose_name_plural = _("问题分类")

    def __str__(self) -> str:
        return self.name


class Case(TimeStamped):
    """One demand of the public (诉求/信访事项/工单) — the current summary of its file."""

    # not a column: the CasePetitioner rows (persons attached) of a case just registered (services.intake), so
    # that the answer is built from what was written
    petitioner_links: list

    tracking_no = models.CharField(_("查询码"), max_length=32, unique=True)
    track = models.CharField(_("类型"), max_length=10, choices=Track.choices)
    channel = models.CharField(_("来源渠道"), max_length=20)
    demand_type = models.CharField(_("诉求类型"), max_length=20, blank=True)
    petition_class = models.CharField(_("信访类别"), max_length=20, blank=True)
    # 12345 urgency class (紧急/加急/疑难复杂): when set, its DeadlinePolicy rows (kind_key) set the limits
    urgency = models.CharField(_("紧急程度"), max_length=12, blank=True)
    category = models.ForeignKey(Category, null=True, blank=True, on_delete=models.PROTECT, related_name="cases",
                                 verbose_name=_("问题分类"))
    title = models.CharField(_("标题"), max_length=200)
    content = models.TextField(_("诉求内容"))
    region = models.ForeignKey("geo.Region", on_delete=models.PROTECT, related_name="+", verbose_name=_("问题属地"))
    respondent = models.CharField(_("被反映人/单位"), max_length=200, blank=True)
    # 条例第30条第3款、第46条: the unit accused in a 检举控告 never sees the case (cases.selectors)
    respondent_unit = models.ForeignKey("org.Unit", null=True, blank=True, on_delete=models.PROTECT,
                                        related_name="+", verbose_name=_("被检举控告单位"))
    occurred_at = models.DateTimeField(_("发生时间"), null=True, blank=True)
    registered_at = models.DateTimeField(_("登记时间"))

    state = models.CharField(_("状态"), max_length=24, db_index=True)
    is_collective = models.BooleanField(_("集体访"), default=False)
    # 人次: how many people this one 批次 brought (a 集体访 of 8 people is 1 批次, 8 人次); statistics sum it
    headcount = models.PositiveIntegerField(_("人数"), default=1)
    is_over_level = models.BooleanField(_("越级"), default=False)
    is_repeated = models.BooleanField(_("重复件"), default=False)
    is_backlog = models.BooleanField(_("积案"), default=False)
    is_public = models.BooleanField(_("可公开查询"), default=True)

    first_receiver = models.ForeignKey("org.Unit", null=True, blank=True, on_delete=models.PROTECT,
                                       related_name="+", verbose_name=_("首接单位"))
    responsible_unit = models.ForeignKey("org.Unit", null=True, blank=True, on_delete=models.PROTECT,
                                         related_name="cases", verbose_name=_("承办单位"))
    copy_unit = models.ForeignKey("org.Unit", null=True, blank=True, on_delete=models.PROTECT, related_name="+",
                                  verbose_name=_("抄送督办单位"))
    owner_leader = models.ForeignKey("org.Official", null=True, blank=True, on_delete=models.PROTECT,
                                     related_name="owned_cases", verbose_name=_("包案领导"))
    leader_signed_off_at = models.DateTimeField(_("包案销号时间"), null=True, blank=True)

    # deadlines: the statutory clocks, and the clock of the current step (what the queues sort by)
    accept_due = models.DateTimeField(_("受理期限"), null=True, blank=True)
    handle_due = models.DateTimeField(_("办理期限"), null=True, blank=True)
    step = models.CharField(_("当前环节"), max_length=20, blank=True)
    step_started_at = models.DateTimeField(_("环节开始"), null=True, blank=True)
    due_at = models.DateTimeField(_("环节期限"), null=True, blank=True)
    approaching_at = models.DateTimeField(_("临期时点"), null=True, blank=True)
    urgent_at = models.DateTimeField(_("紧急时点"), null=True, blank=True)
    warning = models.CharField(_("预警"), max_length=12, choices=Warning.choices, default=Warning.NORMAL)
    supervision_level = models.PositiveSmallIntegerField(_("督办级别"), choices=SupervisionLevel.choices,
                                                         default=SupervisionLevel.NONE)
    warned_at = models.DateTimeField(_("最近预警时间"), null=True, blank=True)
    supervised_at = models.DateTimeField(_("最近督办时间"), null=True, blank=True)
    suspended_at = models.DateTimeField(_("挂起时间"), null=True, blank=True)
    suspended_from = models.CharField(_("挂起前状态"), max_length=24, blank=True)
    extension_days = models.PositiveSmallIntegerField(_("延期天数"), default=0)
    # 条例第34条: extensions count from the original handling deadline (cases.services.actions._extend)
    extension_base = models.DateTimeField(_("原办理期限"), null=True, blank=True)
    # 条例第35、36条: the organ one level above decides the 复查, the one above it the 复核
    review_unit = models.ForeignKey("org.Unit", null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="+", verbose_name=_("复查机关"))
    re_review_unit = models.ForeignKey("org.Unit", null=True, blank=True, on_delete=models.PROTECT,
                                       related_name="+", verbose_name=_("复核机关"))

    accepted_at = models.DateTimeField(_("受理时间"), null=True, blank=True)
    replied_at = models.DateTimeField(_("答复时间"), null=True, blank=True)
    # 条例第35、36条: the 30-day request windows count from the day the petitioner received the reply
    reply_served_at = models.DateTimeField(_("答复送达时间"), null=True, blank=True)
    closed_at = models.DateTimeField(_("办结时间"), null=True, blank=True)
    outcome = models.CharField(_("处理结果"), max_length=20, blank=True)
    reply_text = models.TextField(_("答复意见"), blank=True)
    satisfaction = models.CharField(_("满意度"), max_length=20, blank=True)

    source_type = models.CharField(_("来源活动类型"), max_length=60, blank=True)
    source_id = models.BigIntegerField(_("来源活动编号"), null=True, blank=True)
    merged_into = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="merged_cases", verbose_name=_("并入"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+", verbose_name=_("登记人"))
    version = models.PositiveIntegerField(_("版本"), default=1)

    due_estimated = False  # not stored: set by deadlines.mark_estimated for the queue's "estimated year" marker

    class Meta:
        ordering = ["-id"]
        indexes = [
            # region first with varchar_pattern_ops: the jurisdiction's `region_id LIKE '3509%'` uses the index in
            # any collation (a plain btree serves LIKE only under the C collation; measured: docs/scale.md)
            models.Index(fields=["region", "state", "due_at"], name="case_region_state_due",
                         opclasses=["varchar_pattern_ops", "", ""]),
            models.Index(fields=["responsible_unit", "state", "due_at"], name="case_unit_state_due"),
            # the queue's walk by deadline (due_at, then newest first) and the scan's due_at ranges
            models.Index(fields=["due_at", "-id"], name="case_due_id"),
            # the queue's registration order; the API's handler list (unit, state) in id order; the queue's
            # colour tabs counted from the index alone (region prefix, open states, warning); registered_at first
            # also serves the intake's last-hour duplicate check (可能重复登记), which scanned every case without it
            models.Index(fields=["-registered_at", "-id"], name="case_registered_id"),
            models.Index(fields=["responsible_unit", "state", "id"], name="case_unit_state_id"),
            models.Index(fields=["region", "state", "warning"], name="case_region_state_warning",
                         opclasses=["varchar_pattern_ops", "", ""]),
            models.Index(fields=["approaching_at"], name="case_approaching"),
            models.Index(fields=["urgent_at"], name="case_urgent"),
            models.Index(fields=["warned_at"], name="case_warned"),
            models.Index(fields=["supervised_at"], name="case_supervised"),
            models.Index(fields=["source_type", "source_id"], name="case_source"),
        ]
        verbose_name = _("诉求案件")
        verbose_name_plural = _("诉求案件")

    def __str__(self) -> str:
        return f"{self.tracking_no} {self.title}"


class CasePetitioner(models.Model):
    class Role(models.TextChoices):
        PETITIONER = "petitioner", _("信访人")
        CO_SIGNER = "co_signer", _("联名人")
        REPRESENTATIVE = "representative", _("代表")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="petitioners")
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="case_links")
    role = models.CharField(_("身份"), max_length=16, choices=Role.choices, default=Role.PETITIONER)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["case", "person"], name="case_petitioner_unique")]
        verbose_name = _("诉求人")
        verbose_name_plural = _("诉求人")

    def __str__(self) -> str:
        return f"{self.case_id}:{self.person_id} {self.role}"


class CaseEvent(models.Model):
    """One entry of the case file (append-only). ``public`` entries are what the petitioner may see."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField(_("时间"), db_index=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                              related_name="+")
    actor_name = models.CharField(_("操作人"), max_length=150, blank=True)
    actor_unit = models.CharField(_("操作单位"), max_length=100, blank=True)
    action = models.CharField(_("操作"), max_length=24)
    from_state = models.CharField(_("原状态"), max_length=24, blank=True)
    to_state = models.CharField(_("新状态"), max_length=24, blank=True)
    reason = models.TextField(_("理由/说明"), blank=True)
    data = models.JSONField(_("数据"), default=dict, blank=True)
    public = models.BooleanField(_("对外可见"), default=False)

    class Meta:
        ordering = ["case_id", "at", "id"]
        indexes = [models.Index(fields=["case", "at"], name="caseevent_case_at")]
        verbose_name = _("办理记录")
        verbose_name_plural = _("办理记录")

    def __str__(self) -> str:
        return f"{self.case_id} {self.at:%Y-%m-%d %H:%M} {self.action}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise AppendOnlyError("case events are append-only")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("case events are append-only")


class Assignment(models.Model):
    """交办/派单 to a unit with a deadline; signed for (签收), disputed (退单) or superseded (改派)."""

    class Status(models.TextChoices):
        PENDING = "pending", _("待签收")
        SIGNED = "signed", _("已签收")
        DISPUTED = "disputed", _("已退单")
        SUPERSEDED = "superseded", _("已改派")
        DONE = "done", _("已办结")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="assignments")
    unit = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="assignments")
    copy_unit = models.ForeignKey("org.Unit", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    assigned_at = models.DateTimeField(_("交办时间"))
    assigned_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")
    due_at = models.DateTimeField(_("办理期限"), null=True, blank=True)
    dispute_due = models.DateTimeField(_("退单期限"), null=True, blank=True)
    status = models.CharField(_("状态"), max_length=12, choices=Status.choices, default=Status.PENDING)
    signed_at = models.DateTimeField(_("签收时间"), null=True, blank=True)
    disputed_at = models.DateTimeField(_("退单时间"), null=True, blank=True)
    dispute_reason = models.TextField(_("退单理由"), blank=True)
    note = models.TextField(_("交办意见"), blank=True)

    class Meta:
        ordering = ["case_id", "assigned_at", "id"]
        indexes = [models.Index(fields=["unit", "status"], name="assignment_unit_status")]
        verbose_name = _("交办")
        verbose_name_plural = _("交办")

    def __str__(self) -> str:
        return f"{self.case_id} → {self.unit_id} ({self.status})"


class Supervision(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="supervisions")
    level = models.PositiveSmallIntegerField(_("级别"), choices=SupervisionLevel.choices)
    at = models.DateTimeField(_("时间"))
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                           related_name="+")
    automatic = models.BooleanField(_("系统自动"), default=False)
    note = models.TextField(_("督办意见"), blank=True)  # the reason of a manual 催办/督办, the label of an automatic one
    # the unit supervised (the responsible unit when it was issued); the scan's raw INSERT fills it as well
    unit = models.ForeignKey("org.Unit", null=True, blank=True, on_delete=models.PROTECT, related_name="supervisions",
                             verbose_name=_("被督办单位"))
    reply_by = models.DateField(_("答复期限"), null=True, blank=True)
    # open while answered_at is null: the unit's today list and the 通报 read open rows by unit
    answered_at = models.DateTimeField(_("答复时间"), null=True, blank=True)
    answered_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")
    answer = models.TextField(_("答复情况"), blank=True, db_default="")

    class Meta:
        ordering = ["case_id", "at", "id"]
        indexes = [models.Index(fields=["unit", "answered_at"], name="supervision_unit_open"),
                   models.Index(fields=["at"], name="supervision_at")]
        verbose_name = _("督办")
        verbose_name_plural = _("督办")

    def __str__(self) -> str:
        return f"{self.case_id} {self.get_level_display()}"


class ReturnVisit(models.Model):
    class Method(models.TextChoices):
        PHONE = "phone", _("电话")
        SMS = "sms", _("短信")
        WEB = "web", _("网络")
        IN_PERSON = "in_person", _("上门")

    class Satisfaction(models.TextChoices):
        SATISFIED = "satisfied", _("满意")
        BASICALLY = "basically", _("基本满意")
        DISSATISFIED = "dissatisfied", _("不满意")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="return_visits")
    at = models.DateTimeField(_("回访时间"))
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                           related_name="+")
    unit = models.ForeignKey("org.Unit", null=True, blank=True, on_delete=models.PROTECT, related_name="+",
                             verbose_name=_("被评价单位"))
    method = models.CharField(_("方式"), max_length=10, choices=Method.choices)
    contacted = models.BooleanField(_("已联系"), default=True)
    resolved = models.BooleanField(_("已解决"), default=False)
    satisfaction = models.CharField(_("满意度"), max_length=14, choices=Satisfaction.choices, blank=True)
    note = models.TextField(_("回访记录"), blank=True)
    # the case's region code, copied when the visit is saved (a case's region never changes after intake): the
    # 三率 of a county-month or a province-year read the visits alone by (region_code, at), without joining
    # every case of the period (docs/scale.md)
    region_code = models.CharField(_("属地代码"), max_length=12, blank=True, editable=False)

    class Meta:
        ordering = ["case_id", "at", "id"]
        indexes = [models.Index(fields=["unit", "at"], name="returnvisit_unit_at"),
                   models.Index(fields=["region_code", "at"], name="returnvisit_region_at",
                                opclasses=["varchar_pattern_ops", ""])]
        verbose_name = _("回访")
        verbose_name_plural = _("回访")

    def __str__(self) -> str:
        return f"{self.case_id} {self.method} {self.satisfaction}"

    def save(self, *args, **kwargs) -> None:
        if not self.region_code and self.case_id:
            self.region_code = self.case.region_id  # the case the service holds: no query
        months = [self.at]
        if not self._state.adding and self.pk:  # an edited visit may leave a month: both months are stale
            months += ReturnVisit.objects.filter(pk=self.pk).values_list("at", flat=True)
        super().save(*args, **kwargs)
        RateRollupMonth.invalidate(*months)


class RateRollup(models.Model):
    """三率 counts of one whole past month per (county-level region code, rated unit): what ``cases.rates`` and
    ``reports.rankings`` count, summed instead of re-counted (``cases.rollup``; docs/scale.md). The region code is
    the visit's cut to county level (6 digits; shorter when the case was registered above a county)."""

    month = models.DateField(_("月份"))
    region_code = models.CharField(_("属地代码"), max_length=6)
    unit = models.ForeignKey("org.Unit", null=True, blank=True, on_delete=models.DO_NOTHING, db_constraint=False,
                             related_name="+")
    valid = models.PositiveIntegerField(default=0)
    contacted = models.PositiveIntegerField(default=0)
    resolved = models.PositiveIntegerField(default=0)
    satisfied = models.PositiveIntegerField(default=0)
    basically = models.PositiveIntegerField(default=0)

    class Meta:
        indexes = [models.Index(fields=["month", "region_code"], name="raterollup_month_region",
                                opclasses=["", "varchar_pattern_ops"])]
        verbose_name = _("三率月汇总")
        verbose_name_plural = _("三率月汇总")

    def __str__(self) -> str:
        return f"{self.month:%Y-%m} {self.region_code} {self.unit_id} {self.valid}"


class RateRollupMonth(models.Model):
    """A month whose ``RateRollup`` rows are current. Saving or deleting a visit of the month removes the row (in
    the visit's transaction), so the month is counted live again until the next refresh."""

    month = models.DateField(_("月份"), primary_key=True)
    refreshed_at = models.DateTimeField(_("汇总时间"))
    visits = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("三率月汇总状态")
        verbose_name_plural = _("三率月汇总状态")

    def __str__(self) -> str:
        return f"{self.month:%Y-%m} {self.visits}"

    @classmethod
    def invalidate(cls, *moments) -> None:
        from sixia.cases.rollup import month_of

        months = {month_of(m) for m in moments if m is not None}
        if months:
            cls.objects.filter(month__in=months).delete()


class LeaderNote(models.Model):
    """领导包案 progress note (包掌握情况、包思想教育、包解决化解、包息诉息访)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="leader_notes")
    official = models.ForeignKey("org.Official", on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(_("时间"))
    text = models.TextField(_("进展"))
    sign_off = models.BooleanField(_("销号"), default=False)

    class Meta:
        ordering = ["case_id", "at", "id"]
        verbose_name = _("包案进展")
        verbose_name_plural = _("包案进展")

    def __str__(self) -> str:
        return f"{self.case_id} {self.at:%Y-%m-%d}"


def attachment_path(instance: Attachment, filename: str) -> str:
    return f"cases/{instance.case_id}/{filename}"


def validate_attachment_size(f) -> None:
    limit = getattr(settings, "SIXIA_ATTACHMENT_MAX_BYTES", 20 * 1024 * 1024)
    if f.size > limit:
        raise ValidationError(f"附件不能超过 {limit // (1024 * 1024)} MB")


class Attachment(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(_("文件"), upload_to=attachment_path, validators=[validate_attachment_size])
    name = models.CharField(_("文件名"), max_length=200)
    size = models.PositiveIntegerField(_("大小"), default=0)
    content_type = models.CharField(max_length=100, blank=True)
    uploaded_at = models.DateTimeField(_("上传时间"), auto_now_add=True)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")
    public = models.BooleanField(_("对外可见"), default=False)

    class Meta:
        verbose_name = _("附件")
        verbose_name_plural = _("附件")

    def __str__(self) -> str:
        return self.name


class TrackingSequence(models.Model):
    """Per region-and-day counter behind tracking numbers (row-locked on increment)."""

    key = models.CharField(max_length=20, primary_key=True)
    value = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.key}={self.value}"


# ---- configuration kept as data (admins edit; migrations seed the defaults of rules.md) ----


class HolidayOverride(models.Model):
    """A day that differs from the shipped calendar (or fills a year it lacks): holiday or 调休 workday."""

    date = models.DateField(_("日期"), unique=True)
    is_workday = models.BooleanField(_("工作日"), default=False)
    name = models.CharField(_("名称"), max_length=40, blank=True)

    class Meta:
        ordering = ["date"]
        verbose_name = _("节假日调整")
        verbose_name_plural = _("节假日调整")

    def __str__(self) -> str:
        return f"{self.date} {'上班' if self.is_workday else '休息'} {self.name}"


class HolidayYear(models.Model):
    """A year whose official arrangement (the State Council's notice, 调休 included) was imported.

    Written by ``cases.services.holidays.apply_arrangement``; a year with neither a row here nor chinese-calendar
    data is an estimate (statutory holidays only) and every deadline relying on it says so (ADR 0003).
    """

    year = models.PositiveSmallIntegerField(_("年份"), primary_key=True)
    imported_at = models.DateTimeField(_("导入时间"))
    imported_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+", verbose_name=_("导入人"))
    source = models.CharField(_("来源"), max_length=200, blank=True)

    class Meta:
        ordering = ["year"]
        verbose_name = _("节假日安排年份")
        verbose_name_plural = _("节假日安排年份")

    def __str__(self) -> str:
        return str(self.year)


class DeadlinePolicy(models.Model):
    """How long one step may take, keyed by region prefix × track × class/type × category × step.

    The most specific matching row wins (longer region prefix, then a set class/type, then a set category).
    """

    class Kind(models.TextChoices):
        CALENDAR_DAYS = "calendar", _("自然日")
        WORKING_DAYS = "working", _("工作日")
        HOURS = "hours", _("小时")

    region_prefix = models.CharField(_("区划前缀"), max_length=12, blank=True)
    track = models.CharField(_("类型"), max_length=10, choices=Track.choices)
    kind_key = models.CharField(_("信访类别/诉求类型"), max_length=20, blank=True)
    category_code = models.CharField(_("问题分类代码前缀"), max_length=60, blank=True)
    step = models.CharField(_("环节"), max_length=20)
    kind = models.CharField(_("计算方式"), max_length=10, choices=Kind.choices)
    amount = models.PositiveIntegerField(_("时限"))
    note = models.CharField(_("依据"), max_length=120, blank=True)

    class Meta:
        ordering = ["track", "step", "region_prefix", "kind_key", "category_code"]
        constraints = [models.UniqueConstraint(
            fields=["region_prefix", "track", "kind_key", "category_code", "step"], name="deadline_policy_key")]
        verbose_name = _("时限规则")
        verbose_name_plural = _("时限规则")

    def __str__(self) -> str:
        return f"{self.track}/{self.step}/{self.kind_key or '*'}: {self.amount} {self.kind}"


class DispatchRule(models.Model):
    """派单目录: category (prefix) × region (prefix) → responsible unit, with a copy to the supervising unit."""

    category_code = models.CharField(_("问题分类代码前缀"), max_length=60, blank=True)
    region_prefix = models.CharField(_("区划前缀"), max_length=12, blank=True)
    unit = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="+", verbose_name=_("承办单位"))
    copy_unit = models.ForeignKey("org.Unit", null=True, blank=True, on_delete=models.PROTECT, related_name="+",
                                  verbose_name=_("抄送督办单位"))
    is_active = models.BooleanField(_("启用"), default=True)

    class Meta:
        ordering = ["category_code", "region_prefix"]
        verbose_name = _("派单目录")
        verbose_name_plural = _("派单目录")

    def __str__(self) -> str:
        return f"{self.category_code or '*'}@{self.region_prefix or '*'} → {self.unit_id}"


class EscalationRule(models.Model):
    """When a case reaches ``trigger`` (a warning level, or ``overdue_days`` past due) raise it to ``level``."""

    level = models.PositiveSmallIntegerField(_("督办级别"), choices=SupervisionLevel.choices[1:])
    warning = models.CharField(_("达到预警"), max_length=12, choices=Warning.choices, blank=True)
    overdue_days = models.PositiveIntegerField(_("超期天数"), default=0)
    region_prefix = models.CharField(_("区划前缀"), max_length=12, blank=True)
    is_active = models.BooleanField(_("启用"), default=True)

    class Meta:
        ordering = ["level"]
        verbose_name = _("督办规则")
        verbose_name_plural = _("督办规则")

    def __str__(self) -> str:
        return f"{self.get_level_display()}: {self.warning} +{self.overdue_days}d"


class CaseSettings(models.Model):
    """One row of tunable numbers: warning fractions and the 三率 formula (rules.md defaults, UNVERIFIED)."""

    approaching_fraction = models.FloatField(_("临期比例"), default=0.6)
    urgent_fraction = models.FloatField(_("紧急比例"), default=0.85)
    weight_response = models.FloatField(_("响应率权重"), default=0.1)
    weight_resolution = models.FloatField(_("解决率权重"), default=0.5)
    weight_satisfaction = models.FloatField(_("满意率权重"), default=0.4)
    basically_factor = models.FloatField(_("基本满意折算"), default=0.9)
    # 复查/复核 (条例第35、36条) are petition procedures; a region may extend them to 12345 orders
    hotline_reviews = models.BooleanField(_("12345工单适用复查复核"), default=False)
    sms_max_attempts = models.PositiveSmallIntegerField(_("短信最多尝试次数"), default=5)

    class Meta:
        verbose_name = _("诉求参数")
        verbose_name_plural = _("诉求参数")

    def __str__(self) -> str:
        return "诉求参数"

    @classmethod
    def current(cls) -> CaseSettings:
        return cls.objects.order_by("pk").first() or cls()


class Notification(models.Model):
    """In-app inbox entry for a user or a whole unit."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE,
                             related_name="notifications")
    unit = models.ForeignKey("org.Unit", null=True, blank=True, on_delete=models.CASCADE,
                             related_name="notifications")
    case = models.ForeignKey(Case, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(_("类型"), max_length=30)
    title = models.CharField(_("标题"), max_length=200)
    body = models.TextField(_("内容"), blank=True)
    created_at = models.DateTimeField(_("时间"), auto_now_add=True, db_index=True)
    read_at = models.DateTimeField(_("已读时间"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["unit", "read_at"], name="notification_unit_read"),
                   models.Index(fields=["user", "read_at"], name="notification_user_read")]
        verbose_name = _("消息")
        verbose_name_plural = _("消息")

    def __str__(self) -> str:
        return self.title


class MessageTemplate(models.Model):
    """The text of one kind of message to the petitioner (``{tracking_no}``, ``{title}``, ``{days}``, ``{due}``,
    ``{reason}``, ``{outcome}`` are filled in; bookings: ``{day}``, ``{slot}``, ``{code}``). Defaults in
    ``cases.defaults.MESSAGE_TEMPLATES`` (Chinese) and ``MESSAGE_TEMPLATES_EN``; a row overrides them for its
    language (a longer region prefix wins)."""

    kind = models.CharField(_("类型"), max_length=20)
    region_prefix = models.CharField(_("区划前缀"), max_length=12, blank=True)
    language = models.CharField(_("语言"), max_length=10, default="zh-hans")
    text = models.TextField(_("模板"))
    is_active = models.BooleanField(_("启用"), default=True)

    class Meta:
        ordering = ["kind", "language", "region_prefix"]
        constraints = [models.UniqueConstraint(fields=["kind", "region_prefix", "language"],
                                               name="message_template_key_language")]
        verbose_name = _("告知模板")
        verbose_name_plural = _("告知模板")

    def __str__(self) -> str:
        return f"{self.kind}@{self.region_prefix or '*'}"


class OutboundMessage(models.Model):
    """告知诉求人: one SMS in the outbox, written in the transaction of the action it reports and sent afterwards
    by a Huey task (``cases.tasks.send_outbound``) through ``cases.notifications.sms_gateway()``.

    The phone is sealed like every personal value (token + blind index + mask, ``core.personal``). A message is
    about a case, or about a reception-day booking (``appointment``), or — a booking refused for the phone's
    limits — about neither. ``gateway_id`` is the gateway's own id of the message, which its delivery receipt
    names (``cases.sms_http``); ``delivery`` is what that receipt said."""

    class Status(models.TextChoices):
        PENDING = "pending", _("待发送")
        SENT = "sent", _("已发送")
        FAILED = "failed", _("发送失败")

    class Delivery(models.TextChoices):
        UNKNOWN = "", _("未回执")
        DELIVERED = "delivered", _("已送达")
        UNDELIVERED = "undelivered", _("未送达")

    case = models.ForeignKey(Case, null=True, blank=True, on_delete=models.CASCADE, related_name="outbound_messages")
    appointment = models.ForeignKey("activities.Appointment", null=True, blank=True, on_delete=models.CASCADE,
                                    related_name="outbound_messages")
    kind = models.CharField(_("类型"), max_length=20)
    language = models.CharField(_("语言"), max_length=10, default="zh-hans")
    person = models.ForeignKey("people.Person", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    phone_token = models.TextField(blank=True, editable=False)
    phone_index = models.CharField(max_length=32, blank=True, db_index=True, editable=False)
    phone_masked = models.CharField(_("手机号"), max_length=24, blank=True, editable=False)
    text = models.TextField(_("内容"))
    status = models.CharField(_("状态"), max_length=10, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(_("尝试次数"), default=0)
    last_error = models.TextField(_("最近错误"), blank=True)
    created_at = models.DateTimeField(_("生成时间"))
    sent_at = models.DateTimeField(_("发送时间"), null=True, blank=True)
    gateway_id = models.CharField(_("网关消息号"), max_length=64, blank=True, editable=False)
    delivery = models.CharField(_("送达状态"), max_length=12, choices=Delivery.choices, blank=True,
                                default=Delivery.UNKNOWN)
    delivered_at = models.DateTimeField(_("回执时间"), null=True, blank=True)

    class Meta:
        ordering = ["case_id", "created_at", "id"]
        indexes = [models.Index(fields=["status", "created_at"], name="outbound_status_created"),
                   models.Index(fields=["gateway_id"], name="outbound_gateway_id")]
        verbose_name = _("告知短信")
        verbose_name_plural = _("告知短信")

    def __str__(self) -> str:
        return f"{self.case_id} {self.kind} {self.phone_masked} {self.status}"


class IdempotencyKey(models.Model):
    """One ``Idempotency-Key`` of ``POST /api/v1/cases`` (per user): the case its first request created and a
    hash of that request's body. A retry with the same key gets that case back, never a second one; kept
    ``IDEMPOTENCY_HOURS`` (then purged by ``cases.tasks``, and ignored by the lookup in the meantime)."""

    MAX_LENGTH = 100

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=MAX_LENGTH)
    fingerprint = models.CharField(max_length=64)  # sha256 of the canonical JSON body
    case = models.ForeignKey(Case, null=True, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(db_index=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "key"], name="cases_idempotency_user_key")]
        verbose_name = _("幂等键")
        verbose_name_plural = _("幂等键")

    def __str__(self) -> str:
        return f"{self.user_id}:{self.key}"


@receiver(post_delete, sender=ReturnVisit)  # a signal, not delete(): a case's deletion cascades to its visits
def _visit_deleted(sender, instance: ReturnVisit, **kwargs) -> None:
    RateRollupMonth.invalidate(instance.at)
