"""Workflow adapter: builds the actor and case snapshot from models and asks the transition table.

Until ``sixia.engines.workflow`` lands, the table below is the app's own explicit transition table.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sixia.core.errors import Conflict, Forbidden, InvalidInput

CHANNELS = {
    "visit": "走访", "letter": "书信", "phone": "电话", "fax": "传真", "online": "网上信访", "hotline": "12345热线",
    "onsite": "现场办公", "research": "调研发现", "lecture": "宣讲反馈", "door_to_door": "登门走访",
}
HOTLINE_CHANNELS = {"hotline"}
DEMAND_TYPES = {"consult": "咨询", "help": "求助", "complaint": "投诉", "report": "举报", "suggestion": "建议"}
PETITION_CLASSES = {"suggestion": "建议意见类", "accusation": "检举控告类", "appeal": "申诉求决类"}
OUTCOMES = {"supported": "予以支持", "explained": "作出解释说明", "not_supported": "不予支持",
            "mediated": "调解", "settled": "和解"}
STATES = {
    "registered": "已登记", "accepted": "已受理", "rejected": "不予受理", "forwarded": "已转送",
    "assigned": "已交办", "disputed": "已退单", "handling": "办理中", "suspended": "已挂起", "replied": "已答复",
    "visited": "已回访", "review_requested": "复查中", "reviewed": "已复查", "re_review_requested": "复核中",
    "re_reviewed": "已复核", "finalized": "已终结", "closed": "已办结", "merged": "已并单",
}
TERMINAL = {"rejected", "forwarded", "finalized", "closed", "merged"}
DESK = {"admin", "dispatcher"}  # 受理派单
UNIT = "unit"  # a handler of the responsible unit
LEADERS = {"admin", "leader", "dispatcher"}


@dataclass(frozen=True)
class Rule:
    label: str
    sources: frozenset[str]
    target: str | None  # None: stay (extend) or go back (resume)
    who: frozenset[str]
    needs_reason: bool = False
    public: bool = True


def _r(label, sources, target, who, reason=False, public=True) -> Rule:
    return Rule(label, frozenset(sources.split()), target, frozenset(who), reason, public)


ACTIONS: dict[str, Rule] = {
    "accept": _r("受理", "registered", "accepted", DESK),
    "reject": _r("不予受理", "registered", "rejected", DESK, reason=True),
    "forward": _r("转送", "registered accepted", "forwarded", DESK, reason=True),
    "assign": _r("交办", "accepted", "assigned", DESK),
    "sign": _r("签收", "assigned", "handling", {UNIT}),
    "dispute": _r("退单", "assigned handling", "disputed", {UNIT}, reason=True),
    "reassign": _r("改派", "disputed assigned handling", "assigned", DESK),
    "extend": _r("延期", "assigned handling", None, LEADERS, reason=True),
    "suspend": _r("挂起", "accepted assigned handling", "suspended", DESK | {UNIT}, reason=True),
    "resume": _r("恢复", "suspended", None, DESK | {UNIT}),
    "reply": _r("答复", "handling", "replied", {UNIT}),
    "return_visit": _r("回访", "replied", "visited", DESK, public=False),
    "rate": _r("评价", "replied visited", "visited", DESK),
    "reopen": _r("重办", "replied visited", "handling", DESK, reason=True),
    "merge": _r("并单", "registered accepted assigned handling disputed", "merged", DESK, reason=True),
    "request_review": _r("申请复查", "replied visited closed", "review_requested", DESK),
    "reply_review": _r("复查答复", "review_requested", "reviewed", DESK | {UNIT}),
    "request_re_review": _r("申请复核", "reviewed", "re_review_requested", DESK),
    "reply_re_review": _r("复核答复", "re_review_requested", "re_reviewed", DESK),
    "finalize": _r("终结", "re_reviewed", "finalized", DESK),
    "close": _r("办结", "replied visited reviewed", "closed", DESK),
}


@dataclass(frozen=True)
class Actor:
    user_id: int | None
    roles: frozenset[str]
    unit_id: int | None


@dataclass(frozen=True)
class Decision:
    action: str
    from_state: str
    to_state: str
    public: bool


def actor_of(user) -> Actor:
    if user is None:
        return Actor(None, frozenset({"admin", "dispatcher"}), None)  # the system itself
    roles = set(user.roles)
    if user.is_superuser:
        roles.add("admin")
    return Actor(user.pk, frozenset(roles), user.unit_id)


def _roles_for(case, actor: Actor) -> set[str]:
    roles = set(actor.roles)
    if "handler" in roles and actor.unit_id and actor.unit_id == case.responsible_unit_id:
        roles.add(UNIT)
    return roles


def decide(case, action: str, user, args: dict, now: datetime) -> Decision:
    """Is ``action`` legal now for ``user``? Raises Conflict (not now) or Forbidden (not you)."""
    rule = ACTIONS.get(action)
    if rule is None:
        raise InvalidInput("unknown_action", f"未知操作：{action}", f"unknown action: {action}")
    state = case.state
    if state not in rule.sources:
        raise Conflict("action_not_allowed",
                       f"当前状态“{STATES.get(state, state)}”不能执行“{rule.label}”",
                       f"action {action!r} is not allowed in state {state!r}")
    if user is not None and not rule.who & _roles_for(case, actor_of(user)):  # None: the system itself
        raise Forbidden("not_permitted", f"您无权执行“{rule.label}”", f"you may not perform {action!r}")
    if rule.needs_reason and not (args.get("reason") or "").strip():
        raise InvalidInput("reason_required", f"“{rule.label}”须填写理由", f"{action!r} needs a reason", field="reason")
    target = rule.target
    if action == "resume":
        target = case.suspended_from or "handling"
    elif target is None:
        target = state
    return Decision(action, state, target, rule.public)


def allowed_actions(case, user) -> list[str]:
    roles = _roles_for(case, actor_of(user))
    return [a for a, r in ACTIONS.items() if case.state in r.sources and r.who & roles]


def initial_state(track: str) -> str:
    return "registered"


def validate_intake(*, channel: str, demand_type: str, petition_class: str) -> str:
    """Check the catalogue values of a new case; returns its track (petition or hotline)."""
    if channel not in CHANNELS:
        raise InvalidInput("unknown_channel", f"来源渠道无效：{channel}", f"unknown channel: {channel}", field="channel")
    if demand_type and demand_type not in DEMAND_TYPES:
        raise InvalidInput("unknown_demand_type", f"诉求类型无效：{demand_type}", "unknown demand type",
                           field="demand_type")
    if petition_class and petition_class not in PETITION_CLASSES:
        raise InvalidInput("unknown_petition_class", f"信访类别无效：{petition_class}", "unknown petition class",
                           field="petition_class")
    return "hotline" if channel in HOTLINE_CHANNELS else "petition"


def catalog() -> dict:
    return {
        "channel": CHANNELS, "demand_type": DEMAND_TYPES, "petition_class": PETITION_CLASSES,
        "outcome": OUTCOMES, "state": STATES, "action": {a: r.label for a, r in ACTIONS.items()},
    }
