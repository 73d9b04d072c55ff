"""Demo cases: about 200 in 霞浦县 spread over 2026, in every stage, some overdue, with return visits; a few
owned by the demo leader (包案) and supervised by the demo supervisor (督办)."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.utils import timezone

from sixia.cases import deadlines
from sixia.cases.deadlines import TZ
from sixia.cases.models import Case, Category, DispatchRule
from sixia.cases.services import (
    add_leader_note,
    answer_supervision,
    create_case,
    perform_action,
    scan_deadlines,
    set_owner_leader,
    supervise_case,
)
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
    _desks(ctx, now)


NOTES = ["已约见信访人，了解诉求和思想动态", "召集承办单位现场协调，明确整改时限", "跟踪办理进度，督促按期答复"]


def _desks(ctx: DemoContext, now: datetime) -> None:
    """包案 and 督办 so each role sees something: the ``leader`` login's official owns a few open cases (with
    notes, one signed off after it closed); the ``supervisor`` urges, supervises and lists a few open cases of
    the handling bureaus, one of which the ``handler``'s bureau has answered."""
    desk, leader, supervisor = ctx.users.get("dispatcher"), ctx.users.get("leader"), ctx.users.get("supervisor")
    official = getattr(leader, "official", None) if leader is not None else None
    if desk is None or official is None or supervisor is None:
        return
    running = Case.objects.filter(state__in=["assigned", "handling"], responsible_unit__isnull=False).order_by("pk")
    for i, case in enumerate(running[:4]):
        set_owner_leader(actor=desk, case=case, official=official, reason="群众反映集中的重点事项，实行领导包案",
                         now=now - timedelta(days=10))
        for k, text in enumerate(NOTES[:3 - i % 3]):
            add_leader_note(actor=leader, case=Case.objects.get(pk=case.pk), text=text,
                            now=now - timedelta(days=8 - 3 * k))
    replied = Case.objects.filter(state="replied").order_by("pk").first()
    if replied is not None:  # owned, resolved, closed, then signed off (销号)
        set_owner_leader(actor=desk, case=replied, official=official, reason="重复来访事项，实行领导包案",
                         now=now - timedelta(days=6))
        add_leader_note(actor=leader, case=Case.objects.get(pk=replied.pk), text=NOTES[0], now=now - timedelta(days=5))
        perform_action(actor=None, case=Case.objects.get(pk=replied.pk), action="close", args={},
                       now=now - timedelta(days=2))
        add_leader_note(actor=leader, case=Case.objects.get(pk=replied.pk), text="问题已化解，信访人息诉罢访",
                        sign_off=True, now=now - timedelta(days=1))
    housing = ctx.units.get("住建局")
    targets = list(running.filter(responsible_unit=housing)[:3]) + list(running.exclude(responsible_unit=housing)[4:6])
    for case, level in zip(targets, [1, 2, 3, 1, 2], strict=False):
        supervise_case(actor=supervisor, case=Case.objects.get(pk=case.pk), level=level,
                       reason="群众多次反映，请加快办理并按期答复", reply_by=deadlines.local_date(now) + timedelta(days=5),
                       now=now - timedelta(hours=6))
    handler = ctx.users.get("handler")
    if targets and handler is not None and targets[0].responsible_unit_id == handler.unit_id:
        answer_supervision(actor=handler, case=Case.objects.get(pk=targets[0].pk),
                           text="已约谈施工单位，本周内完成维修并答复群众", now=now - timedelta(hours=2))


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
