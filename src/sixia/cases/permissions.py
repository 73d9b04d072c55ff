"""Rights of the case system (see ``sixia.core.permissions``). Workflow actions on a case are decided by the
transition table (``engines.workflow``: who may accept, assign, reply …); these are the writes around it."""

from __future__ import annotations

from sixia.core.permissions import ALL_OFFICIALS, Right, declare

REGISTER = "cases.register"
REGISTER_FROM_ACTIVITY = "cases.register_from_activity"
HAND_OUT_ON_SITE = "cases.hand_out_on_site"
ACT = "cases.act"
ATTACH = "cases.attach"
READ_MESSAGES = "cases.read_messages"
MANAGE_HOLIDAYS = "cases.manage_holidays"
EDIT_DISPATCH = "cases.edit_dispatch"
EDIT_POLICIES = "cases.edit_policies"
SET_LEADER = "cases.set_leader"
LEAD = "cases.lead"
SUPERVISE = "cases.supervise"
ANSWER_SUPERVISION = "cases.answer_supervision"

_ACTING = frozenset({"admin", "dispatcher", "handler", "leader", "head", "discipline"})

declare(
    Right(REGISTER, "登记诉求", "register a case", frozenset({"admin", "dispatcher", "leader"}),
          "受理登记 is the desk's (条例第17–18条); leaders register what they receive on reception days and visits"),
    Right(REGISTER_FROM_ACTIVITY, "登记活动中发现的问题", "register the problems an activity found",
          frozenset({"admin", "dispatcher", "handler", "leader"}),
          "those who may record an activity register its problem list; the cases then wait for the desk"),
    Right(HAND_OUT_ON_SITE, "现场交办", "hand a case to a unit on the spot", frozenset({"admin", "dispatcher", "leader"}),
          "现场办公: 能解决的当场解决，不能当场解决的交办有关单位限期办理 — the leader holding it assigns"),
    Right(ACT, "办理诉求", "act on a case", _ACTING,
          "which action, and when, is the workflow table's (the head of the organ approves extensions, art. 34; "
          "the discipline organ handles accusations, art. 30); supervisors and auditors only read"),
    Right(ATTACH, "上传诉求附件", "attach files to a case", _ACTING),
    Right(MANAGE_HOLIDAYS, "维护节假日安排", "enter holiday arrangements", frozenset({"admin"}),
          "the State Council's yearly 放假安排 moves every open deadline (条例 art. 33 counts working days)"),
    Right(READ_MESSAGES, "标记消息已读", "mark messages read", ALL_OFFICIALS,
          "one's own inbox: the service touches only the messages the user is shown"),
    Right(EDIT_DISPATCH, "修改派单目录", "edit the dispatch catalogue", frozenset({"admin", "dispatcher"}),
          "受理派单 is the desk's, so is the catalogue it follows; rows of one's own region only"),
    Right(EDIT_POLICIES, "修改办理时限规则", "edit time-limit policies", frozenset({"admin"}),
          "statutory limits (条例第22、32–35条) with local shortening; rows of one's own region only"),
    Right(SET_LEADER, "指定包案领导", "name the owning leader of a case", frozenset({"admin", "dispatcher", "head"}),
          "领导包案: the desk (or the head of the organ) names or changes the leader who owns a prominent case, "
          "with a reason; the leader must be a leader of the jurisdiction"),
    Right(LEAD, "填写包案进展和销号", "write ownership notes and sign a case off", frozenset({"leader"}),
          "四包 (包掌握情况、包思想教育、包解决化解、包息诉息访) is the owning leader's own duty: only the leader named "
          "on the case writes its notes and signs it off (销号), after the case is closed or finalized"),
    Right(SUPERVISE, "催办督办", "urge or supervise a case", frozenset({"admin", "supervisor", "discipline"}),
          "督查室 urges (催办), supervises (督办) and lists (挂牌督办) by hand beside the automatic escalation; "
          "the discipline organ (纪检监察) supervises as well, for accountability"),
    Right(ANSWER_SUPERVISION, "答复督办", "answer a supervision", frozenset({"handler", "head"}),
          "the supervised unit answers: a handler or the head of the unit the supervision names"),
)
