"""Seed data (rules.md defaults) for categories, deadline policies and escalation rules.

Plain data, no Django import: the data migration and the tests read it. Figures marked UNVERIFIED in
rules.md are defaults only — admins change the rows.
"""

from __future__ import annotations

# (code, name, children[(code, name)])
CATEGORIES: list[tuple[str, str, list[tuple[str, str]]]] = [
    ("urban", "城乡建设", [("urban.housing", "住房保障与物业"), ("urban.planning", "规划建设"),
                       ("urban.utilities", "水电气热"), ("urban.management", "市容城管"),
                       ("urban.land", "征地拆迁")]),
    ("labour", "劳动和社会保障", [("labour.wages", "劳动报酬"), ("labour.insurance", "社会保险"),
                           ("labour.relations", "劳动关系")]),
    ("education", "教育文体", [("education.school", "学校教育"), ("education.culture", "文化体育")]),
    ("commerce", "商贸旅游", [("commerce.market", "市场监管"), ("commerce.tourism", "旅游服务")]),
    ("environment", "环境保护", [("environment.pollution", "污染防治"), ("environment.ecology", "生态保护")]),
    ("health", "卫生计生", [("health.medical", "医疗服务"), ("health.population", "人口计生")]),
    ("transport", "交通运输", [("transport.roads", "道路设施"), ("transport.transit", "公共交通")]),
    ("agriculture", "农村农业", [("agriculture.land", "土地承包"), ("agriculture.fishery", "海洋渔业")]),
    ("civil", "民政社保", [("civil.assistance", "社会救助"), ("civil.elderly", "养老服务")]),
    ("law", "政法综治", [("law.disputes", "矛盾纠纷"), ("law.public_security", "治安")]),
    ("discipline", "纪检监察", [("discipline.cadres", "干部作风")]),
    ("other", "其他", []),
]

# (region_prefix, track, kind_key, category_code, step, kind, amount, note)
DEADLINE_POLICIES: list[tuple[str, str, str, str, str, str, int, str]] = [
    # 信访工作条例 2022
    ("", "petition", "", "", "accept", "calendar", 15, "条例第22、23条：15日内告知是否受理"),
    ("", "petition", "", "", "handle", "calendar", 60, "条例第34条：受理之日起60日内办结"),
    ("", "petition", "", "", "extension", "calendar", 30, "条例第34条：延长不超过30日"),
    ("", "petition", "", "", "dispute", "working", 5, "条例第23条：5个工作日内提出异议"),
    ("", "petition", "", "", "review_request", "calendar", 30, "条例第35条：收到答复之日起30日内请求复查"),
    ("", "petition", "", "", "review", "calendar", 30, "条例第35条：30日内提出复查意见"),
    ("", "petition", "", "", "re_review_request", "calendar", 30, "条例第36条：30日内请求复核"),
    ("", "petition", "", "", "re_review", "calendar", 30, "条例第36条：30日内提出复核意见"),
    ("", "petition", "", "", "return_visit", "calendar", 15, "回访时限（UNVERIFIED，可配置）"),
    # 接诉即办 (UNVERIFIED defaults, configurable per region and category)
    ("", "hotline", "", "", "accept", "hours", 2, "立即派单（UNVERIFIED）"),
    ("", "hotline", "", "", "handle", "calendar", 7, "一般诉求7日（UNVERIFIED）"),
    ("", "hotline", "consult", "", "handle", "working", 3, "咨询3个工作日（UNVERIFIED）"),
    ("", "hotline", "help", "", "handle", "working", 3, "求助3个工作日（UNVERIFIED）"),
    ("", "hotline", "complaint", "", "handle", "working", 13, "投诉13个工作日（UNVERIFIED）"),
    ("", "hotline", "", "urban.utilities", "handle", "hours", 24, "水电气热24小时（UNVERIFIED）"),
    ("", "hotline", "", "", "extension", "calendar", 30, "延期上限（UNVERIFIED）"),
    ("", "hotline", "", "", "dispute", "working", 1, "退单时限（UNVERIFIED）"),
    ("", "hotline", "", "", "review_request", "calendar", 30, "（参照信访）"),
    ("", "hotline", "", "", "review", "calendar", 30, "（参照信访）"),
    ("", "hotline", "", "", "re_review_request", "calendar", 30, "（参照信访）"),
    ("", "hotline", "", "", "re_review", "calendar", 30, "（参照信访）"),
    ("", "hotline", "", "", "return_visit", "working", 3, "回访时限（UNVERIFIED）"),
]

# (level, warning, overdue_days): 催办 when urgent, 督办 when overdue, 挂牌督办 after 15 days overdue
ESCALATION_RULES: list[tuple[int, str, int]] = [
    (1, "urgent", 0),
    (2, "overdue", 0),
    (3, "overdue", 15),
]

# Texts told to the petitioner through the SMS outbox (cases.services.notices); a MessageTemplate row of the
# same kind and language overrides one. Placeholders: {tracking_no} {title} {reason} {days} {due} {outcome} {text}
# {satisfaction}; bookings (no case): {day} {slot} {code} {reason}.
MESSAGE_TEMPLATES: dict[str, tuple[str, str]] = {  # kind → (text, legal source)
    "accepted": ("您反映的“{title}”（查询码{tracking_no}）已受理，我们将在法定期限内办理并答复。",
                 "信访工作条例第23条：告知信访人是否受理"),
    "not_accepted": ("您反映的“{title}”（查询码{tracking_no}）不予受理，理由：{reason}。",
                     "信访工作条例第23条：告知信访人不予受理及理由"),
    "extended": ("您反映的“{title}”（查询码{tracking_no}）经本机关负责人批准延期{days}日，办理期限至{due}。延期理由：{reason}。",
                 "信访工作条例第34条：延长期限应告知信访人延期理由"),
    "replied": ("您反映的“{title}”（查询码{tracking_no}）已作出处理意见：{outcome}。可凭查询码查询详细答复。",
                "信访工作条例第32、34条：书面答复信访人"),
    "reviewed": ("您反映的“{title}”（查询码{tracking_no}）已作出{step}意见：{outcome}。可凭查询码查询详细意见。",
                 "信访工作条例第35、36条：复查、复核意见书面答复信访人"),
    "consult_answered": ("您咨询的“{title}”（查询码{tracking_no}）已当场答复：{text}",
                         "接诉即办：咨询类诉求能够当场答复的当场答复（国办发〔2020〕53号）"),
    "return_visit": ("您反映的“{title}”（查询码{tracking_no}）已完成回访，满意度：{satisfaction}。感谢您的评价。",
                     "四门四访：上门回访（rules.md §3）；回访结果计入响应率、解决率、满意率（rules.md §2，UNVERIFIED）"),
    "booking_confirmed": ("预约成功：{day} {slot}，预约码 {code}。请按时携带身份证件到场；取消请用预约码和本手机号。",
                          "四门四访：进门约访；领导干部接待日（2009年中办、国办意见，rules.md §3）"),
    "booking_refused": ("您的{day}约访未成功：{reason}。",
                        "约访按每个联系电话的预约上限受理（ReceptionSchedule，activities/rules.py），结果只以短信告知"),
    "booking_cancelled": ("您{day} {slot}的约访（预约码 {code}）已取消：{reason}。",
                          "约访取消（群众在线取消或接待单位取消并说明原因，activities/services/appointments.py）"),
}
# The same texts in English, for a petitioner whose language is English (Person.language, the portal's language).
MESSAGE_TEMPLATES_EN: dict[str, str] = {
    "accepted": "Your matter \"{title}\" (query code {tracking_no}) has been accepted; it will be handled and answered "
                "within the legal time limit.",
    "not_accepted": "Your matter \"{title}\" (query code {tracking_no}) was not accepted. Reason: {reason}.",
    "extended": "The time limit of your matter \"{title}\" (query code {tracking_no}) was extended by {days} days, "
                "to {due}. Reason: {reason}.",
    "replied": "Your matter \"{title}\" (query code {tracking_no}) has been answered: {outcome}. Use the query code "
               "to read the full reply.",
    "reviewed": "Your matter \"{title}\" (query code {tracking_no}): {step} decided — {outcome}. Use the query code "
                "to read it.",
    "consult_answered": "Your question \"{title}\" (query code {tracking_no}) was answered: {text}",
    "return_visit": "The return visit of your matter \"{title}\" (query code {tracking_no}) is recorded; "
                    "satisfaction: {satisfaction}. Thank you for your rating.",
    "booking_confirmed": "Booked: {day} {slot}, booking code {code}. Please bring your ID; to cancel, use the code "
                         "and this phone number.",
    "booking_refused": "Your booking for {day} was not made: {reason}.",
    "booking_cancelled": "Your booking for {day} {slot} (code {code}) was cancelled: {reason}.",
}
