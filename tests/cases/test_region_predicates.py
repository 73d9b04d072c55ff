"""Every query on cases in a request filters by region (issue 17 item 5, docs/adr/0006-citus.md): with Citus and
the region code's province part as distribution column, a query on ``cases_case`` that names the region is
routed to one shard; one that does not fans out to all. Here the pages and the API are requested as different
users of a county (desk, handler, township, supervisor); every SELECT that reads ``cases_case`` must carry a
predicate on ``cases_case.region_id`` — unless it is one of the listed exceptions, each with its reason."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

pytestmark = pytest.mark.django_db

CASE_TABLE = re.compile(r'\bFROM "cases_case"|\bJOIN "cases_case"')
ALIAS = re.compile(r'"cases_case" "?(\w+)"?')  # Django's aliases of the table in subqueries and self-joins: U0, T3
# Queries that read cases without a region predicate, by a marker of their SQL, and why each may (the ADR lists
# them too). Both join to cases from a table scoped by other means; under Citus those tables carry the
# distribution column (co-located with cases) and the join adds it.
EXCEPTIONS: dict[str, str] = {
    'FROM "cases_notification"': "a user's messages (scoped by user and unit) with their case's code and title "
                                 "through the case key; notifications get the province column and join on it",
    'SUM("activities_problem"."headcount")': "the reception tally counts problems of activities scoped by the "
                                             "activity's region; open_cases looks at the state of the case a "
                                             "problem became, through its key",
}

PAGES = ["/", "/cases/", "/cases/?state=all&sort=new", "/cases/?q=电梯", "/cases/inbox/", "/cases/leaders/",
         "/cases/supervision/", "/reports/rates/", "/reports/ledger/", "/regions/"]
API = ["/cases", "/cases?state=handling", "/me/today", "/reports/rates?period=2026", "/notifications"]


def unscoped(queries) -> list[str]:
    bad = []
    for q in queries:
        sql = q["sql"]
        if not sql.lstrip().upper().startswith("SELECT") or not CASE_TABLE.search(sql):
            continue
        names = ['"cases_case"', *(rf'"?{a}"?' for a in ALIAS.findall(sql))]
        region = re.compile(rf'(?:{"|".join(names)})\."region_id"(?:::text)? (?:LIKE|=|IN|>=|<)')
        if region.search(sql) or any(marker in sql for marker in EXCEPTIONS):
            continue
        bad.append(sql)
    return bad


@pytest.fixture
def supervisor(make_user, units):
    return make_user("supervisor", ["supervisor"], "350921", units["county_gov"])


def test_every_case_query_of_a_request_names_the_region(client, api, token_for, owner, colleague, township_user,
                                                        supervisor, new_case, act, units):
    case = new_case()
    act(owner, case, "accept")
    act(owner, case, "assign", unit_id=units["housing"].pk)
    found: dict[str, list[str]] = {}
    for user in (owner, colleague, township_user, supervisor):
        client.force_login(user)
        headers = token_for(user)
        for url in [*PAGES, f"/cases/{case.pk}/"]:
            with CaptureQueriesContext(connection) as queries:
                response = client.get(url)
            assert response.status_code in (200, 302, 403, 404), (url, response.status_code)
            found.update({f"{user.username} {url}": bad for bad in [unscoped(queries)] if bad})
        for path in [*API, f"/cases/{case.pk}", f"/cases/{case.pk}/timeline"]:
            with CaptureQueriesContext(connection) as queries:
                response = api.get(path, headers=headers)
            assert response.status_code in (200, 403, 404), (path, response.status_code)
            found.update({f"{user.username} API {path}": bad for bad in [unscoped(queries)] if bad})
    assert not found, "\n\n".join(f"{where}:\n" + "\n".join(s[:200] + " … " + s[-900:] for s in sqls)
                                    for where, sqls in found.items())
