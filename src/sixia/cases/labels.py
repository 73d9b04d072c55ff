"""The workflow's labels in the user's language. ``sixia.engines.workflow`` is pure (no Django, no gettext) and
keeps the Chinese labels; the pages show them through these maps, whose msgids are the same Chinese text
(``tests/cases/test_english.py`` checks that the two never disagree)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

STATES = {
    "registered": _("已登记"), "accepted": _("已受理"), "rejected": _("不予受理"), "forwarded": _("已转送"),
    "assigned": _("已交办"), "disputed": _("已退单"), "handling": _("办理中"), "suspended": _("已挂起"),
    "replied": _("已答复"), "visited": _("已回访"), "review_requested": _("复查中"), "reviewed": _("已复查"),
    "re_review_requested": _("复核中"), "re_reviewed": _("已复核"), "finalized": _("已终结"), "closed": _("已办结"),
    "merged": _("已并单"),
}


def mark_states(cases) -> None:
    """Give each case its state's label (``state_label``) for the case tables: a lookup in Python instead of
    a loop over every state per row in the template (the queue page's largest cost)."""
    for case in cases:
        case.state_label = STATES.get(case.state, case.state)


# an action is a verb (挂起 “Suspend”), where the same word elsewhere is a state (“Suspended”)
ACTIONS = {
    "accept": pgettext_lazy("action", "受理"), "reject": pgettext_lazy("action", "不予受理"),
    "forward": pgettext_lazy("action", "转送"), "assign": pgettext_lazy("action", "交办"),
    "sign": pgettext_lazy("action", "签收"), "dispute": pgettext_lazy("action", "退单"),
    "reassign": pgettext_lazy("action", "改派"), "extend": pgettext_lazy("action", "延期"),
    "suspend": pgettext_lazy("action", "挂起"), "resume": pgettext_lazy("action", "恢复"),
    "reply": pgettext_lazy("action", "答复"), "return_visit": pgettext_lazy("action", "回访"),
    "rate": pgettext_lazy("action", "评价"), "reopen": pgettext_lazy("action", "重办"),
    "merge": pgettext_lazy("action", "并单"), "request_review": pgettext_lazy("action", "申请复查"),
    "reply_review": pgettext_lazy("action", "复查答复"), "request_re_review": pgettext_lazy("action", "申请复核"),
    "reply_re_review": pgettext_lazy("action", "复核答复"), "finalize": pgettext_lazy("action", "终结"),
    "close": pgettext_lazy("action", "办结"), "answer": pgettext_lazy("action", "当场答复"),
}
CHANNELS = {
    "visit": _("走访"), "letter": _("书信"), "phone": _("电话"), "fax": _("传真"), "online": _("网上信访"),
    "hotline": _("12345热线"), "onsite": _("现场办公"), "research": _("调研发现"), "lecture": _("宣讲反馈"),
    "door_to_door": _("登门走访"),
}
DEMAND_TYPES = {"consult": _("咨询"), "help": _("求助"), "complaint": _("投诉"), "report": _("举报"),
                "suggestion": _("建议")}
URGENCIES = {"emergency": pgettext_lazy("urgency", "紧急"), "urgent": pgettext_lazy("urgency", "加急"),
             "complex": pgettext_lazy("urgency", "疑难复杂")}
PETITION_CLASSES = {"suggestion": _("建议意见类"), "accusation": _("检举控告类"), "appeal": _("申诉求决类")}
OUTCOMES = {"supported": _("予以支持"), "explained": _("作出解释说明"), "not_supported": _("不予支持"),
            "mediated": _("调解"), "settled": _("和解")}


def label(labels: dict, code: str | None, default: str = "") -> str:
    """The translated label of ``code``; ``default`` (or the code itself) for one the map does not know."""
    found = labels.get(code or "")
    return str(found) if found is not None else (default if default or not code else code)


NOTICES = {  # OutboundMessage.kind (cases.services.notices): the case page and the public tracking page
    "accepted": _("受理告知"), "not_accepted": _("不予受理告知"),
    "extended": _("延期告知"), "replied": _("答复告知"), "reviewed": _("复查复核意见告知"),
    "consult_answered": _("咨询答复"), "return_visit": _("回访告知"),
    "booking_confirmed": _("约访成功告知"), "booking_refused": _("约访未成功告知"),
    "booking_cancelled": _("约访取消告知"),
}
