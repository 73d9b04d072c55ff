"""Demo cases: about 200 in 霞浦县 spread over 2026, in every stage, some overdue, with return visits."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.utils import timezone

from sixia.cases.deadlines import TZ
from sixia.cases.models import Category, DispatchRule
from sixia.cases.services import create_case, perform_action, scan_deadlines
from sixia.org.demo import DemoContext

ORDER = 20

TOPICS = [
    ("urban.housing", "小区电梯长期停运无人维修", "住建局"), ("urban.utilities", "片区反复停水", "住建局"),
    ("urban.land", "征地补偿款未足额发放", "自然资源局"), ("labour.wages", "工地拖欠农民工工资", "人社局"),
    ("labour.insurance", "养老保险转移接续办理慢", "人社局"), ("education.school", "学校周边交通拥堵存在安全隐患", "教育局"),
    ("environment.pollution", "养殖场异味扰民", "生态环境局"), ("health.medical", "乡镇卫生院看病排队时间长", "卫健局"),
    ("transport.roads", "村道路面破损", "交通局"), ("commerce.market", "农贸市场缺斤短两", "市场监管局"),
    ("agriculture.fishery", "海上养殖用海纠纷", "海渔局"), ("civil.assistance", "低保资格认定有异议", "民政局"),
    ("urban.management", "夜市占道经营噪声扰民", "城管局"),
]
DEPTH = ["accept", "assign", "sign", "reply", "return_visit", "close"]


def populate(ctx: DemoContext, *, cases: int = 200) -> None:
    rng = ctx.rng
    desk = ctx.users.get("dispatcher")
    for code, _, short in TOPICS:
        if short in ctx.units:
            DispatchRule.objects.get_or_create(category_code=code, region_prefix=ctx.county.code,
                                               defaults={"unit": ctx.units[short],
                                                         "copy_unit": ctx.units.get("督查室")})
    categories = {c.code for c in Category.objects.all()}
    now = timezone.now()
    year_start = datetime(2026, 1, 5, 9, 0, tzinfo=TZ)
    span_days = max(1, min(340, (now - year_start).days - 1))
    places = ctx.villages or ctx.townships or [ctx.county]
    for _ in range(cases):
        code, title, short = rng.choice(TOPICS)
        at = year_start + timedelta(days=rng.randint(0, span_days), hours=rng.randint(0, 8))
        hotline = rng.random() < 0.45
        person = rng.choice(ctx.persons) if ctx.persons else None
        case = create_case(
            actor=desk, channel="hotline" if hotline else rng.choice(["visit", "letter", "online", "phone"]),
            demand_type=rng.choice(["complaint", "help", "consult"]) if hotline else "",
            petition_class="" if hotline else rng.choice(["appeal", "appeal", "suggestion"]),
            title=title, content=f"群众反映：{title}，请求尽快处理。", region_code=rng.choice(places).code,
            category=code if code in categories else "",
            petitioners=[{"person_id": person.pk, "role": "petitioner"}] if person else [], now=at)
        age = (now - at).days
        depth = min(len(DEPTH), rng.randint(0, 6) if age > 30 else rng.randint(0, 3))
        for action in DEPTH[:depth]:
            at += timedelta(days=rng.randint(1, 12 if action != "sign" else 2), hours=rng.randint(0, 5))
            if at >= now:
                break
            case = perform_action(actor=None, case=case, action=action, args=_args(action, rng, ctx, short), now=at)
    scan_deadlines(now=now)


def finish(ctx: DemoContext) -> None:
    """After every app's demo: one deadline scan, so cases registered by activities (现场办公, 走访) are marked too."""
    scan_deadlines()


def _args(action: str, rng, ctx: DemoContext, short: str) -> dict:
    if action == "assign":
        unit = ctx.units.get(short) or ctx.units["县政府"]
        return {"unit_id": unit.pk}
    if action == "reply":
        return {"outcome": rng.choice(["supported", "supported", "explained", "not_supported"]),
                "text": "经核查，已按政策办理并向群众答复。"}
    if action == "return_visit":
        satisfaction = rng.choices(["satisfied", "basically", "dissatisfied"], weights=[7, 2, 1])[0]
        contacted = rng.random() > 0.05  # an unreachable petitioner said neither resolved nor satisfied
        return {"method": rng.choice(["phone", "phone", "sms", "in_person"]), "contacted": contacted,
                "resolved": contacted and satisfaction != "dissatisfied", "satisfaction": satisfaction if contacted else ""}
    return {}
