"""The statements of the hot paths besides the create (tests/cases/test_create_cost.py), pinned so that they
cannot creep back (issue 17): one workflow action through the API, a page of the case list API, the staff work
queue page. Each count is the same with 3 and with 12 cases (no statement per row), and at most the bound."""

from __future__ import annotations

from django.db import connection
from django.test.utils import CaptureQueriesContext

# measured 2026-12-02 in the suite (the test's transaction makes the action's a savepoint: +2); lower them when
# they drop. The today list is pinned in tests/web/test_today.py.
ACTION_MAX = 18
LIST_MAX = 5
QUEUE_MAX = 13


def _count(call) -> int:
    with CaptureQueriesContext(connection) as ctx:
        answer = call()
        assert answer.status_code == 200, answer.content[:300]
    return len(ctx.captured_queries)


def test_an_action_a_list_page_and_the_queue_do_not_grow_with_the_cases(api, token_for, client, owner, new_case):
    headers = token_for(owner)
    api.get("/cases", headers)  # the token's first use records it (then at most once a minute)
    client.force_login(owner)
    counts = []
    for n in (3, 12):
        for i in range(n):
            new_case(title=f"件{n}-{i}", petitioners=[])
        fresh = new_case(title=f"受理{n}", petitioners=[])
        action = _count(lambda fresh=fresh: api.post(f"/cases/{fresh.pk}/actions/accept", {}, headers))
        listing = _count(lambda: api.get("/cases", headers, page_size=25))
        queue = _count(lambda: client.get("/cases/"))
        counts.append((action, listing, queue))
    print(f"\naction, list page, queue page statements (fewer / more cases): {counts}")
    assert counts[0] == counts[1]
    action, listing, queue = counts[1]
    assert action <= ACTION_MAX and listing <= LIST_MAX and queue <= QUEUE_MAX
