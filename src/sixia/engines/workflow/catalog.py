"""Value sets of a case (codes → Chinese labels): channels, demand types, petition classes, outcomes, states.

Codes are English and stable (they are stored in the database and sent through the API); labels are the
Chinese terms of the 信访工作条例 and 接诉即办 practice (see ``shared/domain/glossary.md``).
"""

from __future__ import annotations

TRACKS = {"petition": "信访", "hotline": "接诉即办"}
CHANNELS = {
    "visit": "走访", "letter": "书信", "phone": "电话", "fax": "传真", "online": "网上信访", "hotline": "12345热线",
    "onsite": "现场办公", "research": "调研发现", "lecture": "宣讲反馈", "door_to_door": "登门走访",
}
HOTLINE_CHANNELS = frozenset({"hotline"})
DEMAND_TYPES = {"consult": "咨询", "help": "求助", "complaint": "投诉", "report": "举报", "suggestion": "建议"}
# 12345 urgency classes (接诉即办; 国办发〔2020〕53号): each has its own time limit as DeadlinePolicy data
URGENCIES = {"emergency": "紧急", "urgent": "加急", "complex": "疑难复杂"}
PETITION_CLASSES = {"suggestion": "建议意见类", "accusation": "检举控告类", "appeal": "申诉求决类"}
# 条例第32条: exactly three outcomes of a 处理意见; 第33条: closure by mediation or settlement
OUTCOMES = {"supported": "予以支持", "explained": "作出解释说明", "not_supported": "不予支持",
            "mediated": "调解", "settled": "和解"}
STATES = {
    "registered": "已登记", "accepted": "已受理", "rejected": "不予受理", "forwarded": "已转送",
    "assigned": "已交办", "disputed": "已退单", "handling": "办理中", "suspended": "已挂起", "replied": "已答复",
    "visited": "已回访", "review_requested": "复查中", "reviewed": "已复查", "re_review_requested": "复核中",
    "re_reviewed": "已复核", "finalized": "已终结", "closed": "已办结", "merged": "已并单",
}
TERMINAL = frozenset({"rejected", "forwarded", "finalized", "closed", "merged"})
INITIAL_STATE = "registered"
