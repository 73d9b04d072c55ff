"""The case state machine as an explicit transition table, and the decision whether an action may happen now.

One table serves both paths: the petition path of the 信访工作条例 (登记 → 受理/不予受理/转送 → 交办 → 办理 →
答复 → 复查 → 复核 → 终结) and the hotline path of 接诉即办 (受理 → 派单 → 办理 → 答复 → 回访评价 → 办结, with
退单/改派/重办). Each row says from which states an action may start, where it leads and which roles may take it.

Roles are those of the users (``admin``, ``dispatcher``, ``leader``, ``head``, ``handler`` …) plus derived
roles: ``unit`` — a handler whose unit is the case's responsible unit; ``reviewer`` / ``re_reviewer`` — a user of
the organ recorded as the case's 复查 / 复核 organ. Jurisdiction (may this user see the case at all) is checked
before the table is asked, by the app's selectors.

Statutory rules encoded here (信访工作条例 2022):

- art. 34: only the head of the organ (``head``, 机关负责人) approves an extension of the handling period.
- art. 35: 复查 is decided by the organ one level above the handling organ; art. 36: 复核 by the organ above
  the reviewing organ. Whoever decides, the handling organ never decides its own 复查 or 复核, and the
  reviewing organ never decides the 复核 of its own 复查 (``own_review``, refused as forbidden).
- art. 36: the time of a 复核 hearing is not counted — a case may be suspended while its 复核 runs.
- 接诉即办 (国办发〔2020〕53号): a consultation (咨询) the desk can answer at once is answered on the spot and
  closed (``answer``, hotline consultations only); 复查/复核 apply to hotline cases only when configured.
"""

from __future__ import annotations

from dataclasses import dataclass

from sixia.engines.workflow.catalog import INITIAL_STATE, STATES, TRACKS

DESK = frozenset({"admin", "dispatcher"})  # 受理派单: the registering / dispatching desk
UNIT = "unit"  # derived: a handler of the responsible unit
HEAD = "head"  # 机关负责人
LEADERS = frozenset({HEAD})  # may approve an extension (条例第34条: 经本机关负责人批准)
REVIEWER = "reviewer"  # derived: a user of the case's 复查 organ (条例第35条)
RE_REVIEWER = "re_reviewer"  # derived: a user of the case's 复核 organ (条例第36条)
BOTH = frozenset(TRACKS)


class Refused(Exception):
    """The table refuses an action. ``kind``: unknown_action | not_now | forbidden | invalid."""

    def __init__(self, kind: str, code: str, message_zh: str, message_en: str, field: str | None = None):
        super().__init__(message_zh)
        self.kind, self.code, self.message_zh, self.message_en, self.field = kind, code, message_zh, message_en, field


@dataclass(frozen=True)
class Rule:
    label: str
    sources: frozenset[str]
    target: str | None  # None: stay in the same state (extend) or go back to where it was (resume)
    who: frozenset[str]
    needs_reason: bool = False
    public: bool = True  # whether the timeline entry is shown to the public
    tracks: frozenset[str] = BOTH


def _r(label: str, sources: str, target: str | None, who: frozenset[str] | set[str], reason: bool = False,
       public: bool = True) -> Rule:
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
    # 条例第36条: the 复核 hearing time is not counted — the clock is suspended while it runs
    "suspend": _r("挂起", "accepted assigned handling re_review_requested", "suspended", DESK | {UNIT}, reason=True),
    "resume": _r("恢复", "suspended", None, DESK | {UNIT}),
    "reply": _r("答复", "handling", "replied", {UNIT}),
    "return_visit": _r("回访", "replied", "visited", DESK, public=False),
    "rate": _r("评价", "replied visited", "visited", DESK),
    "reopen": _r("重办", "replied visited", "handling", DESK, reason=True),
    "merge": _r("并单", "registered accepted assigned handling disputed", "merged", DESK, reason=True),
    "request_review": _r("申请复查", "replied visited closed", "review_requested", DESK),
    "reply_review": _r("复查答复", "review_requested", "reviewed", DESK | {REVIEWER}),
    "request_re_review": _r("申请复核", "reviewed", "re_review_requested", DESK),
    "reply_re_review": _r("复核答复", "re_review_requested", "re_reviewed", DESK | {RE_REVIEWER}),
    "finalize": _r("终结", "re_reviewed", "finalized", DESK),
    "close": _r("办结", "replied visited reviewed", "closed", DESK),
    "answer": Rule("当场答复", frozenset({"registered"}), "closed", DESK, tracks=frozenset({"hotline"})),
}
REGISTER = "register"  # 登记: not an action on an existing case — it creates one in INITIAL_STATE
REGISTER_LABEL = "登记"


@dataclass(frozen=True)
class Actor:
    """Who acts: their roles and unit. ``None`` in place of an Actor means the system itself."""

    user_id: int | None
    roles: frozenset[str]
    unit_id: int | None


SYSTEM = Actor(None, DESK, None)


@dataclass(frozen=True)
class CaseView:
    """What the table needs to know of a case."""

    state: str
    responsible_unit_id: int | None = None
    suspended_from: str = ""
    track: str = "petition"
    review_unit_id: int | None = None  # the 复查 organ (条例第35条)
    re_review_unit_id: int | None = None  # the 复核 organ (条例第36条)
    reviews_apply: bool = True  # 复查/复核 on this path (hotline cases: only when configured)
    demand_type: str = ""  # 咨询 (consult) may be answered on the spot


# The units barred from deciding an action: the handling organ never decides its own 复查 or 复核, and the
# reviewing organ never decides the 复核 of its own 复查 (条例第35、36条: the organ one level above decides).
def _barred_units(case: CaseView, action: str) -> set[int]:
    if action == "reply_review":
        return {u for u in (case.responsible_unit_id,) if u}
    if action == "reply_re_review":
        return {u for u in (case.responsible_unit_id, case.review_unit_id) if u}
    return set()


REVIEW_REQUESTS = frozenset({"request_review", "request_re_review"})


@dataclass(frozen=True)
class Decision:
    action: str
    from_state: str
    to_state: str
    public: bool


def initial_state(track: str) -> str:
    """The state a newly registered case starts in (the same for both paths)."""
    if track not in TRACKS:
        raise Refused("invalid", "unknown_track", f"未知业务类型：{track}", f"unknown track: {track}", "track")
    return INITIAL_STATE


def effective_roles(case: CaseView, actor: Actor) -> frozenset[str]:
    """The actor's roles plus ``unit`` when a handler belongs to the case's responsible unit."""
    roles = set(actor.roles)
    if "handler" in roles and actor.unit_id and actor.unit_id == case.responsible_unit_id:
        roles.add(UNIT)
    if actor.unit_id and actor.unit_id == case.review_unit_id:
        roles.add(REVIEWER)
    if actor.unit_id and actor.unit_id == case.re_review_unit_id:
        roles.add(RE_REVIEWER)
    return frozenset(roles)


def _own_review(case: CaseView, action: str, actor: Actor | None) -> bool:
    return actor is not None and bool(actor.unit_id) and actor.unit_id in _barred_units(case, action)


def _not_on_path(case: CaseView, action: str) -> bool:
    if action == "answer":
        return case.demand_type != "consult"
    return action in REVIEW_REQUESTS and not case.reviews_apply


def decide(case: CaseView, action: str, actor: Actor | None, *, reason: str = "") -> Decision:
    """May ``actor`` take ``action`` on ``case`` now? Returns where it leads, or raises ``Refused``.

    The checks run in this order: unknown action, wrong state or path (``not_now``), not this actor's
    action (``forbidden``; skipped for the system, ``actor=None``), missing reason (``invalid``).
    """
    rule = ACTIONS.get(action)
    if rule is None:
        raise Refused("unknown_action", "unknown_action", f"未知操作：{action}", f"unknown action: {action}")
    state = case.state
    if state not in rule.sources or case.track not in rule.tracks or _not_on_path(case, action):
        raise Refused("not_now", "action_not_allowed", f"当前状态“{STATES.get(state, state)}”不能执行“{rule.label}”",
                      f"action {action!r} is not allowed in state {state!r}")
    if actor is not None and not rule.who & effective_roles(case, actor):
        raise Refused("forbidden", "not_permitted", f"您无权执行“{rule.label}”", f"you may not perform {action!r}")
    if _own_review(case, action, actor):
        raise Refused("forbidden", "own_review", f"原办理机关不能作出本案的“{rule.label}”（条例第35、36条：由上一级机关作出）",
                      f"the organ that handled the case cannot decide its own {action!r} (the organ above decides)")
    if rule.needs_reason and not (reason or "").strip():
        raise Refused("invalid", "reason_required", f"“{rule.label}”须填写理由", f"{action!r} needs a reason", "reason")
    target = (case.suspended_from or "handling") if action == "resume" else (rule.target or state)
    return Decision(action, state, target, rule.public)


def allowed_actions(case: CaseView, actor: Actor | None) -> list[str]:
    """The actions ``actor`` may take now, in table order (``None``: the system)."""
    roles = effective_roles(case, actor or SYSTEM)
    return [a for a, r in ACTIONS.items() if case.state in r.sources and case.track in r.tracks and r.who & roles
            and not _not_on_path(case, a) and not _own_review(case, a, actor)]
