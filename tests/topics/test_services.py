"""The services of 点题整治: each write checks its right (403, nothing written) and the jurisdiction (another
county: 404); 部门答题 is the topic's own units'; progress is dated and the measure keeps the latest."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from sixia.core.errors import Conflict, Forbidden, InvalidInput, NotFound
from tests.conftest import COUNTY, OTHER_COUNTY

pytestmark = pytest.mark.django_db


def test_curating_merges_nominations_into_a_draft_topic(owner, units, nomination):
    from sixia.topics import services
    from sixia.topics.models import Nomination

    topic = services.create_topic(actor=owner, year=2026, region_code=COUNTY, title="整治电梯停运",
                                  problem="老旧小区电梯经常停运。", lead_unit_id=units["housing"].pk,
                                  co_unit_ids=[units["county_gov"].pk], nomination_ids=[nomination.pk])
    assert topic.state == "draft" and list(topic.co_units.all()) == [units["county_gov"]]
    assert Nomination.objects.get(pk=nomination.pk).topic == topic
    with pytest.raises(Conflict):  # a merged nomination cannot go into a second topic
        services.create_topic(actor=owner, year=2026, region_code=COUNTY, title="再来一次", problem="同上",
                              lead_unit_id=units["housing"].pk, nomination_ids=[nomination.pk])


@pytest.mark.parametrize("role", ["colleague", "auditor"])
def test_curating_without_the_right_is_403_and_writes_nothing(request, role, units, nomination):
    from sixia.topics import services
    from sixia.topics.models import Nomination, Topic

    with pytest.raises(Forbidden):
        services.create_topic(actor=request.getfixturevalue(role), year=2026, region_code=COUNTY, title="题目",
                              problem="问题", lead_unit_id=units["housing"].pk, nomination_ids=[nomination.pk])
    assert not Topic.objects.exists() and Nomination.objects.get().status == "new"


def test_another_county_sees_nothing(outsider, make_topic, units):
    from sixia.topics import selectors, services

    topic = make_topic()
    with pytest.raises(NotFound):
        selectors.get_topic(outsider, topic.pk)
    assert not selectors.topics_for(outsider).exists() and not selectors.nominations_for(outsider).exists()
    with pytest.raises(NotFound):  # its region is outside: 404 before anything is written
        services.create_topic(actor=outsider, year=2026, region_code=COUNTY, title="题目", problem="问题",
                              lead_unit_id=units["other_county"].pk)
    with pytest.raises(NotFound):  # a unit of 霞浦县 from 古田县
        services.create_topic(actor=outsider, year=2026, region_code=OTHER_COUNTY, title="题目", problem="问题",
                              lead_unit_id=units["housing"].pk)


def test_states_move_along_the_table_and_completion_needs_results(owner, make_topic):
    from sixia.topics import services

    topic = make_topic("voting")
    assert topic.published_at is not None
    with pytest.raises(Conflict):
        services.move(actor=owner, topic=topic, to="done")
    topic = services.move(actor=owner, topic=topic, to="answering")
    with pytest.raises(InvalidInput):
        services.move(actor=owner, topic=topic, to="done", result="  ")
    topic = services.move(actor=owner, topic=topic, to="done", result="=SUM(A1)")
    assert topic.state == "done" and topic.result == "'=SUM(A1)"  # never a spreadsheet formula


def test_answering_is_the_topic_units_own(colleague, other_handler, discipline, make_topic, frozen):
    from sixia.topics import services
    from sixia.topics.models import Measure

    topic = make_topic()
    measure = services.add_measure(actor=colleague, topic=topic, title="逐台排查电梯", due_date="2026-07-01")
    assert measure.unit_id == colleague.unit_id
    with pytest.raises(Forbidden):  # a handler of a unit that does not answer this topic
        services.add_measure(actor=other_handler, topic=topic, title="越权", due_date="2026-07-01")
    with pytest.raises(Forbidden):  # 纪委 supervises, it does not answer
        services.add_measure(actor=discipline, topic=topic, title="越权", due_date="2026-07-01")
    with pytest.raises(InvalidInput):
        services.add_measure(actor=colleague, topic=topic, title="日期错", due_date="2026-13-01")
    assert Measure.objects.count() == 1


def test_answers_wait_for_the_topic_to_be_adopted(colleague, make_topic):
    from sixia.topics import services

    with pytest.raises(Conflict):
        services.add_measure(actor=colleague, topic=make_topic("voting"), title="太早", due_date="2026-07-01")


def test_progress_is_dated_and_the_measure_keeps_the_latest(colleague, make_topic, frozen):
    from sixia.topics import selectors, services

    topic = make_topic()
    measure = services.add_measure(actor=colleague, topic=topic, title="逐台排查电梯", due_date="2026-06-01")
    services.report_progress(actor=colleague, measure=measure, percent=60, text="排查过半", on="2026-06-05")
    services.report_progress(actor=colleague, measure=measure, percent=30, text="补报", on="2026-05-20")
    measure.refresh_from_db()
    assert measure.progress == 60  # the latest by day, not the last typed
    with pytest.raises(InvalidInput):
        services.report_progress(actor=colleague, measure=measure, percent=101, text="超了")
    with pytest.raises(InvalidInput):
        services.report_progress(actor=colleague, measure=measure, percent=70, text="明天", on="2026-06-11")
    events = selectors.timeline(topic)
    # by day: both reports were dated before the topic was published on 10 June (the fixture's clock)
    assert [(e["kind"], e["percent"]) for e in events] == [("progress", 30), ("progress", 60), ("published", None)]
    rows = selectors.measure_rows(topic, today=date(2026, 6, 10))
    assert rows[0]["overdue"] and len(rows[0]["updates"]) == 2
    assert list(selectors.topics_for(colleague, attention=True, today=date(2026, 6, 10))) == [topic]


def test_supervision_is_the_discipline_organs(discipline, colleague, make_topic):
    from sixia.topics import services
    from sixia.topics.models import SupervisionNote

    topic = make_topic()
    note = services.supervise(actor=discipline, topic=topic, kind="urge", text="请加快进度", reply_by="2026-07-01")
    assert note.kind == "urge" and note.reply_by == date(2026, 7, 1)
    with pytest.raises(Forbidden):
        services.supervise(actor=colleague, topic=topic, text="越权")
    assert SupervisionNote.objects.count() == 1


def test_cases_are_linked_inside_the_jurisdiction_only(owner, colleague, outsider, make_topic, units, regions):
    from sixia.cases.services import create_case
    from sixia.topics import services

    topic = make_topic()
    mine = create_case(actor=owner, channel="visit", title="电梯停运", content="电梯停运。", region_code="350921101",
                       petitioners=[{"name": "郑四", "phone": "13900001111"}])
    other = create_case(actor=outsider, channel="visit", title="古田", content="古田县的诉求。", region_code=OTHER_COUNTY,
                        petitioners=[{"name": "郑五", "phone": "13900001112"}])
    services.link_case(actor=colleague, topic=topic, case_id=mine.pk)  # an answering unit may link
    with pytest.raises(Conflict):
        services.link_case(actor=owner, topic=topic, case_id=mine.pk)
    with pytest.raises(NotFound):
        services.link_case(actor=owner, topic=topic, case_id=other.pk)
    assert list(topic.case_links.values_list("case_id", flat=True)) == [mine.pk]


def test_recording_a_nomination_from_a_visit(colleague, auditor, regions):
    from sixia.topics import services
    from sixia.topics.models import Nomination

    row = services.record_nomination(actor=colleague, region_code="350921101", text="@村道坑洼", phone="13900004444")
    assert row.source == "visit" and row.text == "'@村道坑洼" and row.phone_masked.startswith("139")
    assert "13900004444" not in (row.phone_token + row.phone_masked)
    with pytest.raises(Forbidden):
        services.record_nomination(actor=auditor, region_code="350921101", text="审计员不记录")
    assert Nomination.objects.count() == 1


def test_the_satisfaction_rate_follows_the_rule_rows():
    from sixia.topics import rules

    counts = {"satisfied": 6, "basically": 2, "dissatisfied": 2}
    assert rules.satisfaction_rate(counts) == 80.0
    weights = {"satisfied": Decimal(1), "basically": Decimal("0.5"), "dissatisfied": Decimal(0)}
    assert rules.satisfaction_rate(counts, weights) == 70.0
    assert rules.satisfaction_rate({"satisfied": 1}, min_ratings=3) is None
    assert rules.satisfaction_rate({}) is None


def test_the_default_rule_is_seeded_and_a_region_row_overrides_it(make_topic):
    from sixia.topics import selectors
    from sixia.topics.models import Rating, RatingRule

    topic = make_topic("done")
    assert selectors.rating_rule(topic.region_id).region_prefix == ""
    for i, kind in enumerate(["satisfied", "basically", "dissatisfied", "satisfied"]):
        Rating.objects.create(topic=topic, satisfaction=kind, phone_index=str(i))
    assert selectors.satisfaction(topic)[1] == 75.0
    RatingRule.objects.create(region_prefix=COUNTY, weight_basically=Decimal("0.5"))
    assert selectors.satisfaction(topic)[1] == 62.5


def test_more_nominations_join_an_open_topic(owner, colleague, make_topic, nomination):
    from sixia.topics import services

    topic = make_topic("voting")
    with pytest.raises(Forbidden):
        services.merge_nominations(actor=colleague, topic=topic, nomination_ids=[nomination.pk])
    services.merge_nominations(actor=owner, topic=topic, nomination_ids=[nomination.pk])
    assert list(topic.nominations.all()) == [nomination]
    with pytest.raises(Conflict):
        services.merge_nominations(actor=owner, topic=topic, nomination_ids=[nomination.pk])
    with pytest.raises(Conflict):
        services.merge_nominations(actor=owner, topic=make_topic("done", title="已完成"), nomination_ids=[])
