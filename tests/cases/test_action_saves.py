"""Workflow actions save only the fields they change (``update_fields``): every change still reaches the
database, and the repeat index hook (sixia.insight.signals) is skipped, while an edit of the text re-indexes."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from sixia.cases.models import Case
from sixia.insight.models import CaseBand, CaseSignature

from .conftest import at

SIGNATURE_TABLES = (CaseSignature._meta.db_table, CaseBand._meta.db_table)


def stored(case: Case) -> dict:
    return {f.attname: getattr(case, f.attname) for f in Case._meta.concrete_fields}


def assert_saved(case: Case) -> None:
    """What the action returned is what the database now holds, field by field."""
    assert stored(Case.objects.get(pk=case.pk)) == stored(case)


def signature_queries(queries) -> list[str]:
    return [q["sql"] for q in queries if any(t in q["sql"] for t in SIGNATURE_TABLES)]


def test_every_field_an_action_changes_is_saved(new_case, act, owner, colleague, head, units):
    """One walk through the petition path, suspension, extension, dispute, reassignment, reply, return visit,
    review: after each step the row reloaded from the database equals the case the action returned."""
    start = at(2026, 3, 2, 9)
    case = new_case(now=start)
    steps = [
        (owner, "accept", {}),
        (owner, "assign", {"unit_id": units["housing"].pk}),
        (colleague, "dispute", {"reason": "不属本单位职责"}),
        (owner, "reassign", {"unit_id": units["housing"].pk, "due_date": "2026-05-29"}),
        (colleague, "sign", {}),
        (owner, "suspend", {"reason": "等待司法鉴定"}),
        (owner, "resume", {}),
        (head, "extend", {"days": 10, "reason": "情况复杂"}),
        (colleague, "reply", {"outcome": "supported", "text": "已督促物业维修电梯。"}),
        (owner, "return_visit", {"method": "phone", "satisfaction": "satisfied", "resolved": True}),
        (owner, "request_review", {}),
        (owner, "reply_review", {"outcome": "explained", "text": "维持原答复意见。"}),
        (owner, "close", {}),
    ]
    for i, (actor, action, args) in enumerate(steps, 1):
        case = act(actor, case, action, now=start + timedelta(days=i), **args)
        assert case.state == Case.objects.get(pk=case.pk).state
        assert_saved(case)
    assert case.state == "closed" and case.closed_at is not None and case.outcome == "explained"
    assert case.satisfaction == "satisfied" and case.extension_days == 10 and case.version == len(steps) + 1


def test_a_merge_saves_the_main_case_link(new_case, act, owner):
    main, repeat = new_case(), new_case(title="电梯停运")
    merged = act(owner, repeat, "merge", into_id=main.pk, reason="同一事项")
    assert_saved(merged)
    assert Case.objects.get(pk=repeat.pk).merged_into_id == main.pk


def test_an_action_does_not_touch_the_repeat_index(new_case, act, owner):
    case = new_case()
    before = CaseSignature.objects.get(case_id=case.pk)
    with CaptureQueriesContext(connection) as captured:
        case = act(owner, case, "accept")
    assert case.state == "accepted"
    assert signature_queries(captured.captured_queries) == []
    after = CaseSignature.objects.get(case_id=case.pk)
    assert after.indexed_at == before.indexed_at and after.exact_key == before.exact_key


@pytest.mark.parametrize("update_fields", [None, ["content", "updated_at"]])
def test_editing_the_text_re_indexes(new_case, update_fields):
    case = new_case()
    before = CaseSignature.objects.get(case_id=case.pk)
    case.content = "楼道灯坏了半年，多次报修无人处理。"
    with CaptureQueriesContext(connection) as captured:
        case.save(update_fields=update_fields)
    assert signature_queries(captured.captured_queries)
    after = CaseSignature.objects.get(case_id=case.pk)
    assert after.exact_key != before.exact_key and after.indexed_at > before.indexed_at


def test_a_save_of_other_named_fields_skips_the_index(new_case):
    case = new_case()
    case.is_backlog = True
    with CaptureQueriesContext(connection) as captured:
        case.save(update_fields=["is_backlog", "updated_at"])
    assert signature_queries(captured.captured_queries) == []
