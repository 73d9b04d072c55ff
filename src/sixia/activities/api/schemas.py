"""Typed input and output of the activities API: every operation declares what it answers, so the OpenAPI
describes it (issue 13 item 6)."""

from __future__ import annotations

from datetime import date, datetime

from ninja import Field, Schema

from sixia.api.schemas import Error

ERRORS = {403: Error, 404: Error, 409: Error, 422: Error, 429: Error}


# ---- input ----

class ProblemIn(Schema):
    description: str
    outcome: str = "case"  # solved | case | explained | open
    action_taken: str = ""
    visitor_name: str = ""
    id_number: str = ""  # optional: the visitor becomes a person (encrypted; never stored on the row)
    phone: str = ""
    headcount: int | None = None
    leader_id: int | None = None
    own: bool | None = None  # 包案 by the leader (default: yes at a reception day)
    unit_id: int | None = None
    due_date: date | None = None
    title: str = ""
    region_code: str = ""
    category: str = ""
    petition_class: str = ""
    petitioners: list[dict] = []


class HouseholdIn(Schema):
    name: str
    id_number: str = ""  # optional, with phone: resolved to a person, stored encrypted on the person only
    phone: str = ""
    person_id: int | None = None
    address: str = ""
    situation: str = ""
    note: str = ""


class ActivityIn(Schema):
    title: str = ""
    region_code: str
    start_day: date
    days: float = 1
    place: str = ""
    official_ids: list[int]
    member_ids: list[int] = []
    host_unit_id: int | None = None
    other_participants: str = ""
    summary: str = ""
    status: str = "held"  # planned | held | cancelled; a held activity may not lie in the future


class ReceptionDayIn(ActivityIn):
    visitors: list[ProblemIn] = []
    is_published: bool = False
    due_days: int = 30
    carried_cases: list[int | str] = []  # 带案下访: case ids or tracking numbers


class VisitorsIn(Schema):
    visitors: list[ProblemIn]


class VisitIn(ActivityIn):
    visit_type: str = "door_to_door"
    households: list[HouseholdIn] = []
    findings: list[ProblemIn] = []
    days: float = 0.5
    carried_cases: list[int | str] = []


class ReturnVisitIn(Schema):
    case_id: int
    official_ids: list[int]
    start_day: date
    satisfaction: str
    resolved: bool = True
    note: str = ""
    households: list[HouseholdIn] = []


class OnsiteIn(ActivityIn):
    target_name: str = ""
    problems: list[ProblemIn] = []


class TripIn(ActivityIn):
    topic_id: int | None = None
    people_met: int = 0
    four_not_two_direct: bool = False
    findings: list[ProblemIn] = []


class LectureIn(ActivityIn):
    lecture_form: str = ""
    team: str = ""
    audience: int = 0
    questions: list[ProblemIn] = []


class CarriedIn(Schema):
    case: int | str  # id or tracking number, within the user's jurisdiction
    action_taken: str = ""  # what was done; when given, the case's timeline gets a 带案下访 entry
    outcome: str = ""  # resolved | progressed | explained | follow_up (required with action_taken)


class TopicIn(Schema):
    title: str
    leader_id: int
    region_code: str
    year: int
    description: str = ""
    unit_id: int | None = None


class MeasureIn(Schema):
    title: str
    owner_id: int | None = None
    owner_unit_id: int | None = None
    due_date: date | None = None
    parent_id: int | None = None
    progress: int = 0


class ProgressIn(Schema):
    progress: int
    status: str = ""


class ReportIn(Schema):
    summary: str


class ExchangeIn(Schema):
    day: date
    region_code: str
    topic_ids: list[int]
    place: str = ""
    summary: str = ""


class CancelIn(Schema):
    code: str = Field(max_length=20)
    phone: str = Field(max_length=24)
    reason: str = Field("", max_length=200)


class StaffCancelIn(Schema):
    reason: str


class ScheduleIn(Schema):
    name: str = ""
    region_code: str
    place: str
    rota_ids: list[int]
    day_of_month: int = 15
    months: list[int] = []
    shift: str = "next_workday"
    host_unit_id: int | None = None
    start_time: str = "08:30"
    end_time: str = "12:00"
    slot_minutes: int = 30
    slot_capacity: int = 3
    due_days: int = 30
    per_person_day_limit: int = 1  # appointments one phone may hold per reception day (0 = no limit)
    per_person_open_limit: int = 3  # … over today's and future reception days


class PlanIn(Schema):
    start: date
    end: date
    publish: bool = True


class AppointmentIn(Schema):
    slot: str = Field(max_length=5)
    name: str = Field(max_length=40)
    phone: str = Field(max_length=24)
    matter: str = Field(max_length=1000)


RECEIVED_MESSAGE = "预约申请已收到，我们将以短信通知结果"


class BookingReceived(Schema):
    """The same answer whether the booking was made or a per-phone limit refused it (the SMS tells which)."""

    status: str
    message: str


class ProblemUpdateIn(Schema):
    outcome: str
    action_taken: str = ""


class ListFilter(Schema):
    start: date | None = None
    end: date | None = None
    region_code: str = ""
    official: int | None = None
    q: str = ""
    page_size: int = 50
    cursor: str | None = None


# ---- output ----

class CaseRef(Schema):
    id: int
    tracking_no: str
    state: str
    responsible_unit_id: int | None


class OfficialOut(Schema):
    id: int
    name: str
    role: str
    at_linked_place: bool


class HouseholdOut(Schema):
    name: str = ""
    person_id: int | None = None
    phone_masked: str = ""
    id_number_masked: str = ""
    address: str = ""
    situation: str = ""
    note: str = ""


class ProblemOut(Schema):
    id: int
    description: str
    outcome: str
    action_taken: str
    visitor_name: str
    person_id: int | None
    phone_masked: str  # the visitor's, masked (the person holds it encrypted)
    id_number_masked: str
    headcount: int
    unit_id: int | None
    due_date: date | None
    status: str
    closed: bool
    overdue: bool
    case: CaseRef | None


class CarriedOut(Schema):
    case: CaseRef
    action_taken: str
    outcome: str
    recorded_at: datetime | None


class ActivityOut(Schema):
    id: int
    kind: str
    status: str
    title: str
    start_day: date
    days: float
    region_code: str
    place: str
    target_name: str
    officials: list[OfficialOut]
    four_not_two_direct: bool
    people_met: int
    audience: int
    team: str
    lecture_form: str
    topic_id: int | None
    visit_type: str
    households: list[HouseholdOut]
    case_id: int | None
    is_published: bool


class ActivityDetail(ActivityOut):
    problems: list[ProblemOut]
    all_closed: bool
    carried_cases: list[CarriedOut]
    summary: str | None = None  # reception days: the day's summary sentence (Chinese)
    followup: str | None = None


class ActivityCreated(ActivityDetail):
    cases: list[CaseRef]  # the cases this write created


class TallyOut(Schema):
    sentence: str
    days: int
    leaders: int
    received: int
    accepted: int
    solved: int
    cases: int
    open_cases: int


class ScheduleCreated(Schema):
    id: int
    name: str


class ScheduleOut(ScheduleCreated):
    region_code: str
    place: str
    day_of_month: int
    months: list[int]
    shift: str
    per_person_day_limit: int
    per_person_open_limit: int


class PlannedDay(Schema):
    id: int
    day: date


class PlannedOut(Schema):
    days: list[PlannedDay]


class SlotOut(Schema):
    slot: str
    capacity: int
    booked: int


class PublicDayOut(Schema):
    id: int
    day: date
    place: str
    region: str
    leaders: list[str]
    slots: list[SlotOut]


class BookedOut(Schema):
    code: str
    day: date
    slot: str


class CancelledOut(BookedOut):
    status: str
    cancelled_at: datetime | None


class TripRef(Schema):
    id: int
    day: date
    days: float


class MeasureRow(Schema):
    id: int
    parent_id: int | None
    depth: int
    title: str
    progress: int
    status: str
    owner: str
    unit: str
    due_date: date | None
    overdue: bool


class NamedRef(Schema):
    id: int
    name: str


class MeetingRef(Schema):
    id: int
    day: date


class TopicOut(Schema):
    id: int
    title: str
    leader_id: int
    leader: str
    year: int
    status: str
    region_code: str
    report_summary: str
    progress: int
    trips: list[TripRef]
    measures: list[MeasureRow]
    reports: list[NamedRef]
    exchange_meetings: list[MeetingRef]


class MeasureCreated(Schema):
    id: int
    topic: TopicOut


class ExchangeOut(Schema):
    id: int
    day: date
    topic_ids: list[int]


class AttachmentOut(Schema):
    id: int
    name: str
    size: int
    content_type: str
