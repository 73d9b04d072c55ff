"""The codes of the case file (``CaseEvent.action``) and their labels: one registry read by the case page,
the timeline API and the 一案一档 export, so that the three never disagree.

Workflow actions carry their label in the transition table (``sixia.engines.workflow.ACTIONS``); the codes
below are written outside it — at intake, by the deadline scan, by leaders, by the ledger import, by
``sixia.insight`` and by a holiday arrangement's import. A code written without a label here would show raw on the
case page: ``tests/cases/test_event_labels.py`` scans ``src/`` for every writer of a CaseEvent and fails on one.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from sixia.cases import workflow

REGISTER = "register"  # cases.services.intake, reports.bulk_import
SUPERVISE = "supervise"  # cases.services.supervision (automatic escalation, raw SQL); supervising (督办 by hand)
URGE = "urge"  # cases.services.supervising: 催办 by hand
FLAG_SUPERVISE = "flag_supervise"  # cases.services.supervising: 挂牌督办
ANSWER_SUPERVISION = "answer_supervision"  # cases.services.supervising: the supervised unit answers
OWN = "own"  # cases.services.leaders
LEADER_NOTE = "leader_note"
LEADER_SIGN_OFF = "leader_sign_off"
IMPORT = "import"  # reports.bulk_import
CLASSIFY = "classify"  # insight.classify: the suggestion at intake, then a person's accept / override
MARK_REPEATED = "mark_repeated"  # insight.repeats: this case is a repeat, merged into the main case
MERGED_IN = "merged_in"  # insight.repeats: on the main case, a repeat was merged into it
FLAG_OVER_LEVEL = "flag_over_level"  # insight.repeats: the 越级 flag set (or cleared) by the rule
HOLIDAY_ADJUST = "holiday_adjust"  # cases.services.holidays: a holiday arrangement moved the case's deadlines
NOTICE_SENT = "notice_sent"  # cases.services.notices: a message to the petitioner left through the gateway
NOTICE_FAILED = "notice_failed"  # cases.services.notices: the gateway refused it for the last time
NOTICE_DELIVERED = "notice_delivered"  # cases.services.receipts: the gateway's receipt says it reached the phone
NOTICE_UNDELIVERED = "notice_undelivered"  # cases.services.receipts: the receipt says it did not
CARRIED_VISIT = "carried_visit"  # cases.services.carried: a reception day or visit carried the case (带案下访)

OTHER_LABELS = {
    REGISTER: _("登记"),
    SUPERVISE: _("督办"),
    URGE: _("催办"),
    FLAG_SUPERVISE: _("挂牌督办"),
    ANSWER_SUPERVISION: _("答复督办"),
    OWN: _("领导包案"),
    LEADER_NOTE: _("包案进展"),
    LEADER_SIGN_OFF: _("包案销号"),
    IMPORT: _("导入"),
    CLASSIFY: _("智能分类"),
    MARK_REPEATED: _("标记为重复件"),
    MERGED_IN: _("重复件并入"),
    FLAG_OVER_LEVEL: _("越级标记"),
    HOLIDAY_ADJUST: _("期限因节假日安排调整"),
    NOTICE_SENT: _("告知短信已发送"),
    NOTICE_FAILED: _("告知短信发送失败"),
    NOTICE_DELIVERED: _("告知短信已送达"),
    NOTICE_UNDELIVERED: _("告知短信未送达"),
    CARRIED_VISIT: _("带案下访"),
}


def labels() -> dict[str, str]:
    """Every known code → its label in the active language."""
    return {code: rule.label for code, rule in workflow.ACTIONS.items()} | {
        code: str(label) for code, label in OTHER_LABELS.items()}


def label(code: str) -> str:
    rule = workflow.ACTIONS.get(code)
    if rule is not None:
        return rule.label
    other = OTHER_LABELS.get(code)
    return str(other) if other is not None else code
