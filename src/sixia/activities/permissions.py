"""Rights of the four activities (see ``sixia.core.permissions``)."""

from __future__ import annotations

from sixia.core.permissions import Right, declare

RECORD = "activities.record"
PLAN_RECEPTION = "activities.plan_reception"
RECEIVE = "activities.receive"
RESEARCH = "activities.research"
RETURN_VISIT = "activities.return_visit"

_WORKERS = frozenset({"admin", "dispatcher", "handler", "leader"})
_DESK = frozenset({"admin", "dispatcher"})

declare(
    Right(RECORD, "记录下基层活动", "record grassroots activities", _WORKERS,
          "leaders and the cadres who go with them record 接访、走访、现场办公、调研、宣讲 and their problems; "
          "supervisors and auditors read"),
    Right(PLAN_RECEPTION, "安排领导接待日", "plan reception days", _DESK,
          "the 信访 desk publishes the reception schedule (条例第十条: 领导接待日 announced to the public)"),
    Right(RECEIVE, "接待约访群众", "receive or cancel appointments", _DESK | {"leader"},
          "the desk and the leader on duty receive booked visitors or cancel with a reason"),
    Right(RESEARCH, "管理调研课题与措施", "manage research topics and measures", _WORKERS,
          "调研: topics, reports, measures and their progress by the units that own them"),
    Right(RETURN_VISIT, "记录上门回访", "record return visits", _DESK | {"leader"},
          "a return visit counts as the case's 回访, which is the desk's"),
)
