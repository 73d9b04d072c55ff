"""A registration stays cheap (issue 17): a fixed, small number of statements, pinned here so it cannot creep back.

The finalized-repeat warning (条例第36条第3款) runs its similarity search only when the petitioner has a finalized
case at all; a brand-new petitioner whose phone nobody else has skips even that check. The answer is built from
what was written (no read-back); the rule rows are cached per process (``core.rowcache``); the audit entries of
the new person and of the case are chained in one write (``audit.batched``); the tracking number is one upsert;
the repeat index of the new case is written by a task after the commit (``SIXIA_REPEAT_INDEX_LATER``)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

PAYLOAD = {"channel": "visit", "petition_class": "appeal", "title": "电梯停运", "content": "电梯停运三个月。",
           "region_code": "350921101", "petitioners": [{"name": "郑四", "phone": "13900001111", "role": "petitioner"}]}


def test_a_create_of_a_known_petitioner_does_not_search_for_repeats(api, token_for, owner):
    headers = token_for(owner)
    assert api.post("/cases", PAYLOAD, headers).status_code == 201
    with CaptureQueriesContext(connection) as ctx:
        answer = api.post("/cases", PAYLOAD | {"title": "电梯又停"}, headers)
    assert answer.status_code == 201
    # the same petitioner within the hour: only the cheap 可能重复登记 hint, no finalized-repeat search
    assert [w["code"] for w in answer.json()["warnings"]] == ["possible_duplicate"]
    statements = [q["sql"] for q in ctx.captured_queries]
    assert not any("insight_caseband" in sql for sql in statements if sql.startswith("SELECT"))
    # the test's own transaction turns the request's into a savepoint (2 statements); the index is written
    # in the transaction here (the suite's setting), 2 more
    assert len(statements) <= 16, "\n".join(s[:110] for s in statements)


@pytest.mark.django_db(transaction=True)
def test_a_create_costs_at_most_ten_statements_as_a_worker_runs_it(transactional_db, api, token_for, owner,
                                                                     settings):
    """No test transaction around the request, as in a gunicorn worker: token (with the roles), the petitioner's
    lookup and insert, the tracking number, the case, its petitioner link, its events (one INSERT), the audit
    chain (head read under its lock, entries — a trigger moves the head), the last-hour duplicate check. The index
    follows on the task queue."""
    from sixia.insight.models import CaseBand, CaseSignature
    from sixia.insight.tasks import index_cases

    settings.REPEAT_INDEX_LATER = True
    headers = token_for(owner)
    assert api.post("/cases", PAYLOAD, headers).status_code == 201  # warms the caches, records the token's use
    with CaptureQueriesContext(connection) as ctx:
        answer = api.post("/cases", PAYLOAD | {"petitioners": [{"name": "陈建华", "phone": "13800000002"}]}, headers)
    assert answer.status_code == 201, answer.content
    body = answer.json()
    assert body["petitioners"][0]["name"] == "陈建华" and body["petitioners"][0]["phone"].startswith("138")
    assert body["tracking_no"] and body["deadlines"]["accept_due"] and body["allowed_actions"]
    # SQLite's backend logs its BEGIN IMMEDIATE and COMMIT; PostgreSQL's transaction control is no statement
    statements = [q["sql"] for q in ctx.captured_queries if not q["sql"].startswith(("BEGIN", "COMMIT"))]
    assert len(statements) <= 10, "\n".join(s[:110] for s in statements)
    assert not any("SAVEPOINT" in s for s in statements)
    assert not any("insight_case" in s for s in statements)  # the index waits for the task …
    case_id = body["id"]
    assert not CaseSignature.objects.filter(case_id=case_id).exists()
    index_cases.call_local([case_id])  # … which writes it (the consumer runs it after the commit)
    assert CaseSignature.objects.filter(case_id=case_id).exists() and CaseBand.objects.filter(case_id=case_id).exists()


def _worker_statements(ctx) -> list[str]:
    # SQLite's backend logs its BEGIN IMMEDIATE and COMMIT; PostgreSQL's transaction control is no statement
    return [q["sql"] for q in ctx.captured_queries if not q["sql"].startswith(("BEGIN", "COMMIT"))]


@pytest.mark.django_db(transaction=True)
def test_a_create_of_a_known_petitioner_as_a_worker_runs_it(transactional_db, api, token_for, owner, settings):
    """The petitioner is found (no INSERT of a person) but has earlier cases: token, lookup, tracking number,
    case, link, events, audit head and entries, then the finalized-repeat EXISTS and the duplicate check."""
    settings.REPEAT_INDEX_LATER = True
    headers = token_for(owner)
    assert api.post("/cases", PAYLOAD, headers).status_code == 201
    with CaptureQueriesContext(connection) as ctx:
        answer = api.post("/cases", PAYLOAD | {"title": "电梯又停", "content": "电梯又停了。"}, headers)
    assert answer.status_code == 201, answer.content
    assert [w["code"] for w in answer.json()["warnings"]] == ["possible_duplicate"]
    statements = _worker_statements(ctx)
    assert not any(s.startswith("INSERT INTO \"people_person\"") for s in statements)
    assert len(statements) <= 10, "\n".join(s[:110] for s in statements)
