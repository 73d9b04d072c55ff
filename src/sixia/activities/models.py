"""Grassroots activities (四下基层): reception days, visits, on-site meetings, research, lectures.

One ``Activity`` row per event, whatever its kind, so that counting (quotas), listing, attachments, problem
lists and the linkage flag work the same way for all kinds; the few kind-specific fields are columns of
the same row (a wide table is simpler here than five detail tables).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from sixia.activities import rules
from sixia.core.models import TimeStamped


class Kind(models.TextChoices):
    RECEPTION = "reception", _("信访接待")
    VISIT = "visit", _("走访回访")
    ONSITE = "onsite", _("现场办公")
    RESEARCH = "research", _("调查研究")
    LECTURE = "lecture", _("政策宣讲")


class LectureForm(models.Model):
    """宣讲形式 as data (村头板凳会, 群众大讲坛, …); seeded by a migration, editable in the admin."""

    code = models.CharField(_("代码"), max_length=30, unique=True)
    name = models.CharField(_("名称"), max_length=40)
    sort = models.PositiveIntegerField(_("排序"), default=0)
    is_active = models.BooleanField(_("启用"), default=True)

    class Meta:
        ordering = ["sort", "code"]
        verbose_name = _("宣讲形式")
        verbose_name_plural = _("宣讲形式")

    def __str__(self) -> str:
        return self.name


class ReceptionSchedule(TimeStamped):
    """A reception-day rule (接待日制度): e.g. the 15th of every month, moved to the next working day when it
    falls on a rest day; a rota of leaders; a place; time slots for appointments (约访).

    Per-person appointment limits (counted by the phone's blind index, booked appointments only; 0 = no limit):
    ``per_person_day_limit`` per reception day (default 1) and ``per_person_open_limit`` over today's and future
    reception days of any schedule (default 3) — the limit of the day being booked applies. A reception day
    without a schedule uses the same defaults (``rules.DEFAULT_APPOINTMENTS_PER_DAY`` / ``_OPEN_``)."""

    class Shift(models.TextChoices):
        NEXT = "next_workday", _("顺延至下一工作日")
        PREVIOUS = "previous_workday", _("提前至上一工作日")
        NONE = "none", _("不调整")

    name = models.CharField(_("名称"), max_length=100)
    region = models.ForeignKey("geo.Region", on_delete=models.PROTECT, related_name="+", verbose_name=_("区划"))
    host_unit = models.ForeignKey("org.Unit", null=True, blank=True, on_delete=models.PROTECT, related_name="+",
                                  verbose_name=_("承办单位"))
    place = models.CharField(_("接待地点"), max_length=200)
    day_of_month = models.PositiveSmallIntegerField(_("每月日期"), default=15)
    months = models.JSONField(_("月份"), default=list, blank=True, help_text=_("空表示每月；季度制如 [1,4,7,10]"))
    shift = models.CharField(_("遇节假日"), max_length=20, choices=Shift.choices, default=Shift.NEXT)
    start_time = models.TimeField(_("开始时间"), default="08:30")
    end_time = models.TimeField(_("结束时间"), default="12:00")
    slot_minutes = models.PositiveSmallIntegerField(_("每时段分钟"), default=30)
    slot_capacity = models.PositiveSmallIntegerField(_("每时段约访人数上限"), default=3)
    due_days = models.PositiveSmallIntegerField(_("受理事项办结时限（天）"), default=30)
    per_person_day_limit = models.PositiveSmallIntegerField(
        _("每人每个接待日约访上限"), default=rules.DEFAULT_APPOINTMENTS_PER_DAY, help_text=_("按联系电话计；0表示不限"))
    per_person_open_limit = models.PositiveSmallIntegerField(
        _("每人待接待约访上限"), default=rules.DEFAULT_OPEN_APPOINTMENTS,
        help_text=_("同一联系电话在今天及以后各接待日已预约未接待的总数；0表示不限"))
    rota = models.ManyToManyField("org.Official", through="RotaEntry", related_name="+", verbose_name=_("轮值领导"))
    is_active = models.BooleanField(_("启用"), default=True)

    class Meta:
        ordering = ["region_id", "name"]
        verbose_name = _("接待日安排")
        verbose_name_plural = _("接待日安排")

    def __str__(self) -> str:
        return self.name


class RotaEntry(models.Model):
    schedule = models.ForeignKey(ReceptionSchedule, on_delete=models.CASCADE, related_name="rota_entries")
    official = models.ForeignKey("org.Official", on_delete=models.PROTECT, related_name="+")
    position = models.PositiveSmallIntegerField(_("顺序"), default=0)

    class Meta:
        ordering = ["schedule_id", "position", "id"]
        verbose_name = _("轮值")
        verbose_name_plural = _("轮值")

    def __str__(self) -> str:
        return f"{self.schedule_id}#{self.position} {self.official_id}"


class ResearchTopic(TimeStamped):
    """领题调研: a research topic assigned to a leader, with its report, measures and exchange meetings."""

    class Status(models.TextChoices):
        OPEN = "open", _("调研中")
        REPORTED = "reported", _("已形成报告")
        DONE = "done", _("已完成转化")

    title = models.CharField(_("调研课题"), max_length=200)
    description = models.TextField(_("课题说明"), blank=True)
    leader = models.ForeignKey("org.Official", on_delete=models.PROTECT, related_name="research_topics",
                               verbose_name=_("领题领导"))
    unit = models.ForeignKey("org.Unit", null=True, blank=True, on_delete=models.PROTECT, related_name="+",
                             verbose_name=_("牵头单位"))
    region = models.ForeignKey("geo.Region", on_delete=models.PROTECT, related_name="+", verbose_name=_("区划"))
    year = models.PositiveSmallIntegerField(_("年度"))
    status = models.CharField(_("状态"), max_length=12, choices=Status.choices, default=Status.OPEN)
    report_summary = models.TextField(_("调研报告摘要"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")

    class Meta:
        ordering = ["-year", "-id"]
        verbose_name = _("调研课题")
        verbose_name_plural = _("调研课题")

    def __str__(self) -> str:
        return self.title


class Activity(TimeStamped):
    """One grassroots activity of one or more officials."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("已安排")
        HELD = "held", _("已开展")
        CANCELLED = "cancelled", _("已取消")

    class VisitType(models.TextChoices):
        DOOR = "door_to_door", _("登门走访")
        RETURN = "return", _("上门回访")

    kind = models.CharField(_("类型"), max_length=12, choices=Kind.choices, db_index=True)
    status = models.CharField(_("状态"), max_length=12, choices=Status.choices, default=Status.HELD)
    title = models.CharField(_("主题"), max_length=200)
    region = models.ForeignKey("geo.Region", on_delete=models.PROTECT, related_name="+", verbose_name=_("地点区划"))
    place = models.CharField(_("地点"), max_length=200, blank=True)
    start_day = models.DateField(_("日期"), db_index=True)
    days = models.DecimalField(_("在基层天数"), max_digits=4, decimal_places=1, default=1)
    host_unit = models.ForeignKey("org.Unit", null=True, blank=True, on_delete=models.PROTECT, related_name="+",
                                  verbose_name=_("组织单位"))
    officials = models.ManyToManyField("org.Official", through="Participant", related_name="activities",
                                       verbose_name=_("参加领导干部"))
    other_participants = models.CharField(_("其他参加人员"), max_length=300, blank=True)
    summary = models.TextField(_("情况记录"), blank=True)
    # reception day (信访接待)
    schedule = models.ForeignKey(ReceptionSchedule, null=True, blank=True, on_delete=models.SET_NULL,
                                 related_name="days", verbose_name=_("接待日安排"))
    is_published = models.BooleanField(_("向社会公布"), default=False)
    due_days = models.PositiveSmallIntegerField(_("受理事项办结时限（天）"), default=30)
    # visit (走访 / 回访)
    visit_type = models.CharField(_("走访类型"), max_length=16, choices=VisitType.choices, blank=True)
    # one {"name", "person_id", "phone_masked", "id_number_masked", "note"} per household: never a phone or an
    # ID number in clear (the person holds them encrypted); ``household_persons`` makes them searchable
    households = models.JSONField(_("走访户"), default=list, blank=True)
    household_persons = models.ManyToManyField("people.Person", blank=True, related_name="+",
                                               verbose_name=_("走访户群众"))
    case = models.ForeignKey("cases.Case", null=True, blank=True, on_delete=models.PROTECT, related_name="+",
                             verbose_name=_("回访诉求"))
    # on-site meeting (现场办公)
    target_name = models.CharField(_("企业或项目"), max_length=200, blank=True)
    # research trip (调研)
    topic = models.ForeignKey(ResearchTopic, null=True, blank=True, on_delete=models.PROTECT, related_name="trips",
                              verbose_name=_("调研课题"))
    people_met = models.PositiveIntegerField(_("走访座谈人数"), default=0)
    four_not_two_direct = models.BooleanField(_("四不两直"), default=False)
    # lecture (宣讲)
    # 带案下访: existing cases taken along to a reception day or a visit, with what was done about each
    carried_cases = models.ManyToManyField("cases.Case", through="CarriedCase", blank=True,
                                           related_name="carried_by_activities", verbose_name=_("带案下访的诉求"))
    lecture_form = models.ForeignKey(LectureForm, null=True, blank=True, on_delete=models.PROTECT, related_name="+",
                                     verbose_name=_("宣讲形式"))
    team = models.CharField(_("宣讲队"), max_length=100, blank=True)
    audience = models.PositiveIntegerField(_("受众人数"), default=0)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")

    class Meta:
        ordering = ["-start_day", "-id"]
        indexes = [models.Index(fields=["kind", "start_day"], name="activity_kind_day"),
                   models.Index(fields=["region", "start_day"], name="activity_region_day")]
        verbose_name = _("下基层活动")
        verbose_name_plural = _("下基层活动")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.start_day} {self.title}"


class Participant(models.Model):
    """An official's part in an activity; ``linkage`` is set when the place is one of his or her linked places
    (挂钩联系), so the activity counts toward the linkage duty."""

    class Role(models.TextChoices):
        LEAD = "lead", _("带队/接待领导")
        MEMBER = "member", _("参加")

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="participants")
    official = models.ForeignKey("org.Official", on_delete=models.PROTECT, related_name="participations")
    role = models.CharField(_("角色"), max_length=8, choices=Role.choices, default=Role.LEAD)
    linkage = models.ForeignKey("org.Linkage", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
                                verbose_name=_("挂钩联系"))

    class Meta:
        constraints = [models.UniqueConstraint(fields=["activity", "official"], name="participant_unique")]
        verbose_name = _("参加人")
        verbose_name_plural = _("参加人")

    def __str__(self) -> str:
        return f"{self.activity_id}:{self.official_id} {self.role}"

    @property
    def at_linked_place(self) -> bool:
        return self.linkage_id is not None


class Problem(TimeStamped):
    """One matter raised at an activity: a visitor's matter at a reception day, a problem of an on-site meeting,
    a research finding, a question of a lecture audience, a finding of a door-to-door visit.

    Solved on the spot (with what was done), explained (答复解释, not a matter accepted), or turned into a case
    (owned by a leader — 包案 — and/or assigned to a unit with a deadline)."""

    class Outcome(models.TextChoices):
        SOLVED = "solved", _("当场解决")
        CASE = "case", _("转为诉求办理")
        EXPLAINED = "explained", _("解释答复")
        OPEN = "open", _("待研究")

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="problems")
    description = models.TextField(_("问题描述"))
    visitor_name = models.CharField(_("来访人"), max_length=60, blank=True)
    # the visitor as a person (一人一表), found through the blind index of the ID number or phone + name
    person = models.ForeignKey("people.Person", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
                               verbose_name=_("来访群众"))
    headcount = models.PositiveIntegerField(_("人数"), default=0)
    leader = models.ForeignKey("org.Official", null=True, blank=True, on_delete=models.PROTECT, related_name="+",
                               verbose_name=_("接待/包案领导"))
    outcome = models.CharField(_("处理方式"), max_length=12, choices=Outcome.choices)
    action_taken = models.TextField(_("处理情况"), blank=True)
    unit = models.ForeignKey("org.Unit", null=True, blank=True, on_delete=models.PROTECT, related_name="+",
                             verbose_name=_("责任单位"))
    due_date = models.DateField(_("办结期限"), null=True, blank=True)
    case = models.ForeignKey("cases.Case", null=True, blank=True, on_delete=models.PROTECT,
                             related_name="activity_problems", verbose_name=_("诉求"))

    class Meta:
        ordering = ["activity_id", "id"]
        verbose_name = _("问题清单")
        verbose_name_plural = _("问题清单")

    def __str__(self) -> str:
        return self.description[:40]


class CarriedCase(TimeStamped):
    """带案下访: an existing case taken to a reception day or a visit, and what was done about it there.

    Recording what was done adds a ``carried_visit`` event to the case's timeline (a side event: the case's
    state does not change)."""

    class Outcome(models.TextChoices):
        RESOLVED = "resolved", _("当面化解")
        PROGRESSED = "progressed", _("推动办理")
        EXPLAINED = "explained", _("解释疏导")
        FOLLOW_UP = "follow_up", _("继续跟进")

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="carried")
    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="carried_visits")
    action_taken = models.TextField(_("处理情况"), blank=True)
    outcome = models.CharField(_("结果"), max_length=12, choices=Outcome.choices, blank=True)
    recorded_at = models.DateTimeField(_("记录时间"), null=True, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")

    class Meta:
        ordering = ["activity_id", "id"]
        constraints = [models.UniqueConstraint(fields=["activity", "case"], name="carried_case_unique")]
        verbose_name = _("带案下访")
        verbose_name_plural = _("带案下访")

    def __str__(self) -> str:
        return f"{self.activity_id}:{self.case_id}"


class Appointment(TimeStamped):
    """约访: a booking for a time slot of a published reception day.

    Cancelled by the citizen (booking code + phone, ``cancelled_by`` empty) or by the desk of the day's region
    (``cancelled_by`` set, reason required); a cancelled booking frees its slot and stays as a record."""

    class Status(models.TextChoices):
        BOOKED = "booked", _("已预约")
        CANCELLED = "cancelled", _("已取消")
        RECEIVED = "received", _("已接待")

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="appointments")
    slot = models.TimeField(_("时段"))
    name = models.CharField(_("姓名"), max_length=40)
    phone_token = models.TextField(blank=True, editable=False)
    phone_index = models.CharField(max_length=32, blank=True, editable=False)
    phone_masked = models.CharField(_("电话"), max_length=24, blank=True, editable=False)
    matter = models.TextField(_("反映事项"))
    status = models.CharField(_("状态"), max_length=12, choices=Status.choices, default=Status.BOOKED)
    code = models.CharField(_("预约码"), max_length=12, unique=True)
    cancelled_at = models.DateTimeField(_("取消时间"), null=True, blank=True)
    cancel_reason = models.CharField(_("取消原因"), max_length=200, blank=True)
    cancelled_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="+", verbose_name=_("取消人"))

    class Meta:
        ordering = ["activity_id", "slot", "id"]
        # the per-person limits count one phone's booked appointments
        indexes = [models.Index(fields=["phone_index", "status"], name="appointment_phone_status")]
        verbose_name = _("约访")
        verbose_name_plural = _("约访")


class Measure(TimeStamped):
    """整改措施 / 成果转化 of a research topic; a tree whose parents' progress is rolled up from the children."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("未开始")
        ACTIVE = "active", _("推进中")
        DONE = "done", _("已完成")

    topic = models.ForeignKey(ResearchTopic, on_delete=models.CASCADE, related_name="measures")
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.CASCADE, related_name="children")
    title = models.CharField(_("措施"), max_length=200)
    owner = models.ForeignKey("org.Official", null=True, blank=True, on_delete=models.PROTECT, related_name="+",
                              verbose_name=_("责任人"))
    owner_unit = models.ForeignKey("org.Unit", null=True, blank=True, on_delete=models.PROTECT, related_name="+",
                                   verbose_name=_("责任单位"))
    due_date = models.DateField(_("完成时限"), null=True, blank=True)
    status = models.CharField(_("状态"), max_length=10, choices=Status.choices, default=Status.PLANNED)
    progress = models.PositiveSmallIntegerField(_("进度%"), default=0)

    class Meta:
        ordering = ["topic_id", "id"]
        verbose_name = _("整改措施")
        verbose_name_plural = _("整改措施")


class ExchangeMeeting(TimeStamped):
    """成果交流会 of one or more research topics."""

    day = models.DateField(_("日期"))
    place = models.CharField(_("地点"), max_length=200, blank=True)
    region = models.ForeignKey("geo.Region", on_delete=models.PROTECT, related_name="+", verbose_name=_("区划"))
    topics = models.ManyToManyField(ResearchTopic, related_name="exchange_meetings", verbose_name=_("交流课题"))
    summary = models.TextField(_("交流情况"), blank=True)

    class Meta:
        ordering = ["-day"]
        verbose_name = _("成果交流会")
        verbose_name_plural = _("成果交流会")


class Attachment(TimeStamped):
    """A stored file (core.uploads) attached to an activity or a research topic (the report)."""

    activity = models.ForeignKey(Activity, null=True, blank=True, on_delete=models.CASCADE,
                                 related_name="attachments")
    topic = models.ForeignKey(ResearchTopic, null=True, blank=True, on_delete=models.CASCADE,
                              related_name="attachments")
    is_report = models.BooleanField(_("调研报告"), default=False)
    name = models.CharField(_("文件名"), max_length=200)
    path = models.CharField(_("存储路径"), max_length=300)
    size = models.PositiveIntegerField(_("大小"))
    sha256 = models.CharField(max_length=64)
    content_type = models.CharField(max_length=100)
    is_image = models.BooleanField(default=False)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")

    class Meta:
        ordering = ["id"]
        verbose_name = _("附件")
        verbose_name_plural = _("附件")
