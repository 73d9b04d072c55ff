"""Demo 点题整治 of 2026 in 霞浦县: public and visit nominations, and four topics in different states — one
completed with its results published and rated, one under rectification (measures, dated progress, one overdue
measure urged by the 纪委), one open for voting, one in draft. Runs after the cases and activities demos."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from sixia.cases.models import Case
from sixia.org.demo import DemoContext, mobile
from sixia.topics import services
from sixia.topics.models import Nomination, Topic
from sixia.topics.services import public

ORDER = 40

NOMINATIONS = ["村里自来水经常停水，夏天尤其严重", "看病要在不同医院重复做检查，花钱又费时", "学校门口上下学时段堵车严重",
               "养殖场臭味很大，晚上不敢开窗", "老旧自建房加层，存在安全隐患", "农村客运班车太少，老人出行难"]
# (title, problem, goal, lead unit, co units, state, measures: (title, days from today to the deadline, progress))
TOPICS = [
    ("整治医疗机构不合理的重复检查问题", "群众反映在不同医院就诊需重复检查检验，增加负担。",
     "年内实现县域二级以上医院检查检验结果互认", "卫健局", ["市场监管局"], Topic.State.DONE,
     [("建立检查检验结果互认目录", -90, 100), ("医院信息系统接入互认平台", -40, 100)]),
    ("整治农村自建房安全隐患", "部分农村自建房违规加层、改变用途，存在安全隐患。",
     "完成全县经营性自建房安全排查整治", "住建局", ["自然资源局"], Topic.State.ANSWERING,
     [("开展经营性自建房安全排查", -10, 80), ("对C、D级危房落实管控措施", 5, 40), ("建立自建房安全长效监管机制", 60, 10)]),
    ("整治学校周边上下学交通拥堵", "中小学校门口上下学时段车辆乱停、拥堵严重。", "", "交通局", ["教育局"],
     Topic.State.VOTING, []),
    ("整治养殖场异味扰民问题", "部分养殖场粪污处理不到位，异味影响周边村民生活。", "", "生态环境局", [], Topic.State.DRAFT, []),
]
COMMENTS = ["检查结果互认后少跑了很多路", "还有个别医院没有落实", ""]


def populate(ctx: DemoContext) -> None:
    rng = ctx.rng
    if not ctx.townships or "住建局" not in ctx.units:
        return
    today = timezone.localdate()
    for i, text in enumerate(NOMINATIONS):
        township = ctx.townships[i % len(ctx.townships)]
        if i % 2:
            services.record_nomination(actor=None, region_code=township.code, text=text, source="visit")
        else:
            public.nominate(phone=mobile(rng), region=township.code, text=text, name="")
    nominations = list(Nomination.objects.filter(status="new").order_by("id"))
    for n, (title, problem, goal, lead, co, state, measures) in enumerate(TOPICS):
        merged = [x.pk for x in nominations[n:n + 1]]
        topic = services.create_topic(actor=None, year=today.year, region_code=ctx.county.code, title=title,
                                      problem=problem, goal=goal, lead_unit_id=ctx.units[lead].pk,
                                      co_unit_ids=[ctx.units[c].pk for c in co if c in ctx.units],
                                      nomination_ids=merged)
        if state == Topic.State.DRAFT:
            continue
        topic = services.move(actor=None, topic=topic, to=Topic.State.VOTING)
        for _ in range(rng.randint(12, 40)):
            public.vote(topic_id=topic.pk, phone=mobile(rng))
        if state == Topic.State.VOTING:
            continue
        topic = services.move(actor=None, topic=topic, to=Topic.State.ANSWERING)
        _answer(topic, measures, today)
        for case in Case.objects.filter(region__code__startswith=ctx.county.code).order_by("id")[n * 3:n * 3 + 2]:
            services.link_case(actor=None, topic=topic, case_id=case.pk)
        if state == Topic.State.ANSWERING:
            overdue = topic.measures.filter(due_date__lt=today).first()
            services.supervise(actor=ctx.users.get("discipline"), topic=topic, kind="urge", measure_id=overdue.pk
                               if overdue else None, text="排查工作已超期，请于一周内完成并报送结果",
                               reply_by=today + timedelta(days=7))
            continue
        services.move(actor=None, topic=topic, to=Topic.State.DONE,
                      result="全县8家二级以上医院实现检查检验结果互认，累计互认1.2万项次，减少群众负担约180万元。")
        for _ in range(rng.randint(15, 30)):
            choice = rng.choices(["satisfied", "basically", "dissatisfied"], weights=[7, 2, 1])[0]
            public.rate(topic_id=topic.pk, phone=mobile(rng), satisfaction=choice, comment=rng.choice(COMMENTS))


def _answer(topic: Topic, measures, today) -> None:
    """Measures with two dated progress reports each (a month ago and a week ago)."""
    for title, days, pct in measures:
        measure = services.add_measure(actor=None, topic=topic, title=title, due_date=today + timedelta(days=days),
                                       unit_id=topic.lead_unit_id)
        for back, share in ((30, 2), (7, 1)):
            value = pct // share
            services.report_progress(actor=None, measure=measure, percent=value,
                                     text=f"已完成{value}%" if value < 100 else "已全部完成", on=today - timedelta(days=back))
