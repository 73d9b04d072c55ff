"""Demo activities of 2026 in 霞浦县: monthly reception days on the 15th (moved past holidays) with visitors,
on-site meetings with problem lists, research topics with trips and measures, lectures and door-to-door visits.
Runs after the cases demo."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.utils import timezone

from sixia.activities import research, services
from sixia.activities.models import Activity
from sixia.cases.deadlines import TZ
from sixia.org.demo import DemoContext

ORDER = 30


def _at(day: date) -> datetime:
    return datetime.combine(day, time(10, 0), tzinfo=TZ)

MATTERS = [("村道破损，雨天出行困难", "交通局"), ("小区电梯长期停运", "住建局"), ("工地拖欠农民工工资", "人社局"),
           ("低保资格认定有异议", "民政局"), ("养殖场异味扰民", "生态环境局"), ("学校周边交通拥堵", "教育局"),
           ("征地补偿款未足额发放", "自然资源局"), ("海上养殖用海纠纷", "海渔局")]
QUESTIONS = ["咨询医保报销比例", "咨询养老保险补缴政策", "咨询危房改造补助", "咨询渔船燃油补贴"]
ONSITE = [("海产品加工园区", ["园区排污管网未接通", "冷库用电报装慢", "企业用工招聘难"]),
          ("滨海旅游项目", ["项目用地报批进度慢", "进场道路未硬化"]),
          ("紫菜育苗基地", ["育苗棚受台风损毁需修复", "缺少冷链运输车辆", "技术人员不足"])]
TOPICS = ["海上养殖综合整治", "民宿产业高质量发展", "农村养老服务体系建设"]


def populate(ctx: DemoContext) -> None:
    rng = ctx.rng
    desk = ctx.users.get("dispatcher")
    leaders = [o for o in ctx.officials if o.rank == "county"][:6]
    if not leaders or not ctx.townships:
        return
    today = timezone.localdate()
    schedule = services.create_schedule(
        actor=None, name="霞浦县领导干部接访日", region_code=ctx.county.code, place="霞浦县信访局接待大厅",
        rota_ids=[o.pk for o in leaders], host_unit_id=ctx.units["信访局"].pk if "信访局" in ctx.units else None,
        start_time="08:30", end_time="11:30", slot_minutes=30, slot_capacity=4)
    days = services.plan_reception_days(actor=None, schedule=schedule, start=date(2026, 1, 1),
                                        end=date(2026, 12, 31))
    units = [ctx.units[short] for _, short in MATTERS if short in ctx.units]
    for day in days:
        if day.start_day >= today:
            continue
        visitors = []
        for _ in range(rng.randint(3, 7)):
            matter, short = rng.choice(MATTERS)
            person = rng.choice(ctx.persons) if ctx.persons else None
            if rng.random() < 0.3:
                visitors.append({"visitor_name": person.name if person else "来访群众", "description": rng.choice(QUESTIONS),
                                 "outcome": "solved", "action_taken": "接访领导当场解答政策"})
            else:
                visitors.append({"visitor_name": person.name if person else "来访群众", "description": matter,
                                 "headcount": rng.choice([1, 1, 1, 2, 3]), "outcome": "case", "own": True,
                                 "unit_id": ctx.units[short].pk if short in ctx.units else None,
                                 "petitioners": [{"person_id": person.pk}] if person else []})
        services.add_problems(actor=desk, activity=day, problems=visitors, now=_at(day.start_day))
    for i, leader in enumerate(leaders):
        linked = list(leader.linkages.all()[:1])
        place_code = linked[0].region_id if linked else rng.choice(ctx.townships).code
        first = date(2026, 1, 20) + timedelta(days=i * 9)
        target, problems = ONSITE[i % len(ONSITE)]
        if first < today and units:
            services.record_activity(
                actor=desk, kind="onsite", title=f"{target}现场办公", region_code=place_code, start_day=first,
                official_ids=[leader.pk], place=target, target_name=target, now=_at(first),
                problems=[{"description": "现场协调解决临时用电问题", "outcome": "solved",
                           "action_taken": "供电所现场办理"}]
                + [{"description": text, "outcome": "case", "unit_id": rng.choice(units).pk,
                    "due_date": (first + timedelta(days=30)).isoformat()} for text in problems])
        trip_day = first + timedelta(days=20)
        topic = research.create_topic(actor=None, title=f"{TOPICS[i % len(TOPICS)]}调研", leader_id=leader.pk,
                                      region_code=ctx.county.code, year=2026)
        if trip_day < today:
            services.record_activity(actor=desk, kind="research", title=f"{topic.title}（蹲点）",
                                     region_code=place_code, start_day=trip_day, days=2, official_ids=[leader.pk],
                                     topic_id=topic.pk, people_met=rng.randint(10, 40),
                                     four_not_two_direct=rng.random() < 0.5)
            parent = research.add_measure(actor=None, topic=topic, title="形成政策建议并推动出台",
                                          owner_id=leader.pk, due_date=date(2026, 12, 31))
            for pct in (100, rng.choice([0, 30, 60])):
                research.add_measure(actor=None, topic=topic, title="起草配套措施" if pct == 100 else "组织试点",
                                     parent_id=parent.pk, progress=pct, due_date=date(2026, 9, 30))
        lecture_day = first + timedelta(days=40)
        if lecture_day < today:
            services.record_activity(actor=desk, kind="lecture", title="宣讲党的惠民惠农政策", region_code=place_code,
                                     start_day=lecture_day, official_ids=[leader.pk], place="村文化广场",
                                     lecture_form=rng.choice(["bench", "forum", "courtyard"]), team="霞小宣宣讲队",
                                     audience=rng.randint(40, 200), now=_at(lecture_day),
                                     problems=[{"description": rng.choice(QUESTIONS), "outcome": "explained",
                                                "action_taken": "现场解答"}])
    township_leaders = [o for o in ctx.officials if o.rank == "township" and o.unit.kind == "township"][:6]
    for i, official in enumerate(township_leaders):
        visit_day = date(2026, 3, 2) + timedelta(days=i * 11)
        villages = [v for v in ctx.villages if v.code.startswith(official.unit.region_id)] or [ctx.county]
        if visit_day < today:
            services.record_activity(
                actor=desk, kind="visit", title="登门走访困难群众", region_code=rng.choice(villages).code,
                start_day=visit_day, days=0.5, official_ids=[official.pk], visit_type=Activity.VisitType.DOOR,
                households=[{"name": p.name, "situation": "走访了解生产生活情况"}
                            for p in rng.sample(ctx.persons, k=min(3, len(ctx.persons)))])
