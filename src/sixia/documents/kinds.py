"""The kinds of Word documents the platform writes: the statutory notices of a case (《信访工作条例》) and the
desks' lists. Which notice exists depends on how far the case has come (``available``)."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

# states after acceptance in which the 受理告知书 still describes the case (never after 不予受理 or 转送)
_REJECTED = frozenset({"rejected", "forwarded", "merged"})


@dataclass(frozen=True)
class Kind:
    code: str
    title: str  # the document's Chinese title (also its file name)
    label: object  # the UI label
    article: str  # the legal source the notice rests on


CASE_KINDS: dict[str, Kind] = {k.code: k for k in (
    Kind("acceptance", "受理告知书", _("受理告知书"), "《信访工作条例》第二十三条"),
    Kind("rejection", "不予受理告知书", _("不予受理告知书"), "《信访工作条例》第二十三条、第三十一条"),
    Kind("opinion", "信访处理意见书", _("信访处理意见书"), "《信访工作条例》第三十二条、第三十五条"),
    Kind("review", "复查意见书", _("复查意见书"), "《信访工作条例》第三十五条、第三十六条"),
    Kind("re_review", "复核意见书", _("复核意见书"), "《信访工作条例》第三十六条"),
)}
LIST_KINDS: dict[str, Kind] = {k.code: k for k in (
    Kind("leaders_list", "包案台账", _("包案台账"), "《信访工作条例》第十八条"),
    Kind("supervision_list", "督办台账", _("督办台账"), "《信访工作条例》第四十条"),
)}
ALL_KINDS: dict[str, Kind] = CASE_KINDS | LIST_KINDS


def available(case, answered: set[str]) -> list[str]:
    """The case documents that exist for ``case`` now. ``answered``: the actions among ``reply_review`` and
    ``reply_re_review`` in its history (one query, by the caller)."""
    out = []
    if case.accepted_at and case.state not in _REJECTED:
        out.append("acceptance")
    if case.state == "rejected":
        out.append("rejection")
    if case.replied_at and case.state not in _REJECTED:
        out.append("opinion")
    if "reply_review" in answered:
        out.append("review")
    if "reply_re_review" in answered:
        out.append("re_review")
    return out
