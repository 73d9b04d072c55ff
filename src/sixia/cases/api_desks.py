"""REST API of the 包案 and 督办 desks (reads; the writes are case actions: ``POST /cases/{id}/actions/…``).

- ``GET /leaders/{official_id}/cases``: one leader's 包案 cases (404 for a leader outside the jurisdiction);
- ``GET /leaders/cases``: the 包案 ledger of the caller's jurisdiction, with overdue marks;
- ``GET /supervision/notice``: the 通报 of a period — units with their overdue, urged, supervised, flagged and
  answered counts, and the cases behind them.
"""

from __future__ import annotations

from datetime import date, datetime

from ninja import Query, Router, Schema

from sixia.api.schemas import Error
from sixia.cases import desks, selectors
from sixia.core.errors import InvalidInput

router = Router()


class LeaderCaseOut(Schema):
    id: int
    tracking_no: str
    title: str
    state: str
    state_label: str
    official_id: int | None
    official: str
    official_title: str
    responsible_unit: str
    due: datetime | None
    handle_due: datetime | None
    warning: str
    warning_label: str
    overdue: bool
    supervision_level: int
    supervision_label: str
    signed_off_at: datetime | None
    last_note: str
    last_note_at: datetime | None


class LedgerFilter(Schema):
    official_id: int | None = None
    state: str = ""  # open | closed | a state code
    overdue: bool | None = None


class LeaderCasesFilter(Schema):
    state: str = ""
    overdue: bool | None = None


class NoticeQuery(Schema):
    date_from: date | None = None  # default: the first day of this month
    date_to: date | None = None  # default: today


class NoticeCaseOut(Schema):
    id: int
    tracking_no: str
    title: str
    state: str
    state_label: str
    due: datetime | None
    overdue: bool
    level: int  # the highest 督办 level issued in the period (0: only overdue)
    level_label: str
    reply_by: date | None
    answered: bool | None  # None: no supervision in the period
    supervisions: int


class NoticeUnitOut(Schema):
    unit_id: int | None
    unit: str
    overdue: int
    urged: int
    supervised: int
    flagged: int
    answered: int
    open: int
    cases: list[NoticeCaseOut]


class NoticeOut(Schema):
    date_from: date
    date_to: date
    units: list[NoticeUnitOut]


@router.get("/leaders/cases", response=list[LeaderCaseOut], summary="包案台账（管辖范围内全部包案诉求，含超期标记）")
def leader_ledger(request, filters: Query[LedgerFilter]):
    return desks.ledger(request.auth, official_id=filters.official_id, state=filters.state, overdue=filters.overdue)


@router.get("/leaders/{official_id}/cases", response={200: list[LeaderCaseOut], 404: Error},
            summary="某位领导的包案诉求（状态、期限、预警、销号、最近进展）")
def leader_cases(request, official_id: int, filters: Query[LeaderCasesFilter]):
    leader = selectors.get_leader(request.auth, official_id)
    return desks.ledger(request.auth, official_id=leader.pk, state=filters.state, overdue=filters.overdue)


def period_of(date_from: date | None, date_to: date | None) -> tuple[date, date]:
    first, today = desks.default_period()
    date_from, date_to = date_from or first, date_to or today
    if date_from > date_to:
        raise InvalidInput("invalid_period", "开始日期不能晚于结束日期", "the period starts after it ends", field="date_from")
    if (date_to - date_from).days > 366:
        raise InvalidInput("period_too_long", "通报期间不能超过一年", "a notice covers at most one year", field="date_from")
    return date_from, date_to


@router.get("/supervision/notice", response={200: NoticeOut, 422: Error},
            summary="督办通报：各单位超期、催办、督办、挂牌督办及答复情况")
def supervision_notice(request, query: Query[NoticeQuery]):
    date_from, date_to = period_of(query.date_from, query.date_to)
    units = desks.notice(request.auth, date_from=date_from, date_to=date_to)
    return {"date_from": date_from, "date_to": date_to,
            "units": [{"unit_id": u.unit_id, "unit": u.unit, "overdue": u.overdue, "urged": u.urged,
                       "supervised": u.supervised, "flagged": u.flagged, "answered": u.answered, "open": u.open,
                       "cases": u.cases} for u in units]}
