"""A real database at real size (issue 17 item 4): generate N cases with their events, petitioners, persons and
return visits on PostgreSQL with COPY, then measure what grows with the database; prints JSON.

    .venv/bin/python scripts/with_postgres.py -- .venv/bin/python bench/big_db.py --cases 1000000 \\
        --out bench/results/big_db-1m.json

Synthetic province 35 (9 cities × 10 counties × 20 townships), 3 units per county, the seeded categories.
Cases spread over the two years before now, 70 % closed; each has 3 timeline events and one petitioner (70 %
distinct persons: repeat petitioners), each closed case one return visit. Tables are loaded with psycopg3
``cursor.copy`` with their secondary indexes dropped and triggers disabled (then rebuilt, ANALYZEd), so the
load is minutes, not hours. Measured, as a county dispatcher and as a province dispatcher:

* ``list_api``: GET /api/v1/cases p50/p95 (first page, a state filter, a deep cursor);
* ``overdue_scan``: cases.services.supervision.scan_deadlines over all running clocks;
* ``rates``: the 三率 of a county-month and a province-year (cases.rates.rates_for and reports.rankings.ranking);
* ``ledger_export``: reports.ledger.export_ledger streamed to a file, rows/s and RSS growth (ru_maxrss);
* ``creates``: POST /api/v1/cases through gunicorn at 4 and 16 in flight (``--creates N``; 0 skips);
* ``sizes``: table and index sizes.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import timedelta

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sixia.settings")
sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "src"))

CITIES, COUNTIES, TOWNS, UNITS_PER_COUNTY = 9, 10, 20, 3
STATES = ["closed"] * 70 + ["handling"] * 10 + ["assigned"] * 5 + ["replied"] * 5 + ["registered"] * 5 + \
    ["visited"] * 5
OPEN = {"handling", "assigned", "registered"}
SATISFACTION = ["satisfied"] * 7 + ["basically"] * 2 + ["unsatisfied"]


def rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def timed(fn, runs: int) -> dict:
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1000)
    times.sort()
    return {"p50_ms": round(statistics.median(times), 1),
            "p95_ms": round(times[min(len(times) - 1, int(len(times) * 0.95))], 1), "runs": runs}


# ---- loading ----

def drop_indexes(cur, table: str) -> list[str]:
    """Drop the secondary indexes of ``table`` (not those behind a constraint); return their definitions."""
    cur.execute("""SELECT indexname, indexdef FROM pg_indexes WHERE tablename = %s AND indexname NOT IN (
                   SELECT conname FROM pg_constraint WHERE conrelid = %s::regclass)""", [table, table])
    rows = cur.fetchall()
    for name, _ in rows:
        cur.execute(f'DROP INDEX "{name}"')
    return [d for _, d in rows]


def copy_rows(cur, table: str, columns: list[str], rows) -> int:
    n = 0
    with cur.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row(row)
            n += 1
    return n


def load(n_cases: int, seed: int = 17) -> dict:
    from django.db import connection
    from django.utils import timezone

    from sixia.cases.models import Category

    rng = random.Random(seed)
    now = timezone.now()
    started = time.perf_counter()
    timings: dict[str, float] = {}
    categories = list(Category.objects.values_list("id", flat=True)) or [None]
    raw = connection.connection  # psycopg3 connection
    with raw.cursor() as cur:
        # regions: the province, its cities, counties and townships
        regions = [("35", "测试省", 1, None)]
        counties, towns = [], []
        for c in range(1, CITIES + 1):
            city = f"35{c:02d}"
            regions.append((city, f"市{c}", 2, "35"))
            for k in range(1, COUNTIES + 1):
                county = f"{city}{k:02d}"
                counties.append(county)
                regions.append((county, f"县{c}-{k}", 3, city))
                for t in range(1, TOWNS + 1):
                    town = f"{county}{100 + t:03d}"
                    towns.append(town)
                    regions.append((town, f"镇{c}-{k}-{t}", 4, county))
        cur.executemany("INSERT INTO geo_region (code, name, level, parent_id) VALUES (%s, %s, %s, %s)"
                        " ON CONFLICT (code) DO NOTHING", regions)
        units: dict[str, list[int]] = {}
        for county in counties:
            ids = []
            for kind in ("government", "department", "department"):
                cur.execute("INSERT INTO org_unit (created_at, updated_at, name, short_name, kind, phone, is_active,"
                            " region_id) VALUES (%s, %s, %s, '', %s, '', true, %s) RETURNING id",
                            [now, now, f"{county}{kind}{len(ids)}", kind, county])
                ids.append(cur.fetchone()[0])
            units[county] = ids[:UNITS_PER_COUNTY]
        timings["regions_units_s"] = time.perf_counter() - started

        tables = ["cases_case", "cases_caseevent", "cases_casepetitioner", "people_person", "cases_returnvisit"]
        defs = {t: drop_indexes(cur, t) for t in tables}
        for t in tables:
            cur.execute(f"ALTER TABLE {t} DISABLE TRIGGER ALL")  # FK checks and the append-only guards
        cur.execute("SELECT coalesce(max(id), 0) FROM cases_case")
        base_id = cur.fetchone()[0]
        cur.execute("SELECT coalesce(max(id), 0) FROM people_person")
        base_person = cur.fetchone()[0]

        t0 = time.perf_counter()
        n_persons = max(1, int(n_cases * 0.7))
        person_cols = ["id", "created_at", "updated_at", "kind", "name", "gender", "id_number_token",
                       "id_number_index", "id_number_masked", "phone_token", "phone_index", "phone_masked",
                       "name_address_index", "address", "notes", "region_id", "language"]

        def persons():
            for i in range(n_persons):
                h = f"{rng.getrandbits(128):032x}"
                yield (base_person + i + 1, now, now, "natural", f"居民{i}", "M" if i % 2 else "F",
                       "v1." + h * 3, h, "3509**********123X", "v1." + h[::-1] * 2, h[::-1], "139****1234", h[:16] * 2,
                       "", "", towns[i % len(towns)], "zh-hans")

        copy_rows(cur, "people_person", person_cols, persons())
        timings["persons_s"] = time.perf_counter() - t0

        t0 = time.perf_counter()
        span = timedelta(days=730).total_seconds()
        case_cols = ["id", "created_at", "updated_at", "tracking_no", "track", "channel", "demand_type",
                     "petition_class", "title", "content", "respondent", "registered_at", "state", "is_collective",
                     "is_over_level", "is_repeated", "is_backlog", "is_public", "handle_due", "step",
                     "step_started_at", "due_at", "approaching_at", "urgent_at", "warning", "supervision_level",
                     "suspended_from", "extension_days", "accepted_at", "replied_at", "closed_at", "outcome",
                     "reply_text", "satisfaction", "source_type", "version", "region_id", "responsible_unit_id",
                     "category_id", "urgency", "headcount"]
        meta: list[tuple] = []  # (id, registered_at, state, unit, region) for the children

        def cases():
            for i in range(n_cases):
                pk = base_id + i + 1
                town = towns[rng.randrange(len(towns))]
                unit = rng.choice(units[town[:6]])
                registered = now - timedelta(seconds=span * (1 - i / n_cases) ** 1.0) + timedelta(
                    seconds=rng.randrange(3600))
                registered = min(registered, now - timedelta(minutes=5))
                state = rng.choice(STATES)
                due = registered + timedelta(days=60) if state in OPEN else None
                closed = registered + timedelta(days=rng.randrange(5, 55)) if state == "closed" else None
                warning = "normal"
                if due is not None and due < now:
                    warning = "overdue"
                meta.append((pk, registered, state, unit, town))
                yield (pk, registered, registered, f"B{pk:011d}", "petition", "visit", "", "appeal",
                       f"诉求{pk}：道路积水", "村口道路积水严重，影响出行。", "", registered, state,
                       False, False, False, False, False, due, "handle" if state in OPEN else "",
                       registered, due, due - timedelta(days=24) if due else None,
                       due - timedelta(days=9) if due else None, warning, 0, "", 0, registered + timedelta(days=2),
                       closed, closed, "resolved" if closed else "", "", "", "", 1, town, unit,
                       categories[pk % len(categories)], "normal", 1)

        copy_rows(cur, "cases_case", case_cols, cases())
        timings["cases_s"] = time.perf_counter() - t0

        t0 = time.perf_counter()
        event_cols = ["at", "actor_name", "actor_unit", "action", "from_state", "to_state", "reason", "data", "public",
                      "case_id"]

        def events():
            for pk, registered, state, _unit, _town in meta:
                yield (registered, "登记员", "县信访局", "register", "", "registered", "", "{}", True, pk)
                yield (registered + timedelta(days=1), "登记员", "县信访局", "accept", "registered", "accepted", "",
                       "{}", True, pk)
                yield (registered + timedelta(days=2), "登记员", "县信访局", "assign", "accepted", state, "", "{}",
                       True, pk)

        copy_rows(cur, "cases_caseevent", event_cols, events())
        timings["events_s"] = time.perf_counter() - t0

        t0 = time.perf_counter()
        copy_rows(cur, "cases_casepetitioner", ["role", "case_id", "person_id"],
                  (("petitioner", pk, base_person + 1 + (pk * 7919) % n_persons) for pk, *_ in meta))
        copy_rows(cur, "cases_returnvisit", ["at", "method", "contacted", "resolved", "satisfaction", "note",
                                             "case_id", "unit_id", "region_code"],
                  ((registered + timedelta(days=30), "phone", True, rng.random() < 0.85, rng.choice(SATISFACTION), "",
                    pk, unit, town) for pk, registered, state, unit, town in meta if state == "closed"))
        timings["petitioners_visits_s"] = time.perf_counter() - t0

        t0 = time.perf_counter()
        for t in tables:
            cur.execute(f"ALTER TABLE {t} ENABLE TRIGGER ALL")
            for d in defs[t]:
                cur.execute(d)
            cur.execute(f"ANALYZE {t}")
        for t in ("cases_case", "people_person"):
            cur.execute(f"SELECT setval(pg_get_serial_sequence('{t}', 'id'), (SELECT max(id) FROM {t}))")
        timings["indexes_analyze_s"] = time.perf_counter() - t0
    raw.commit()
    timings["total_s"] = time.perf_counter() - started
    return {"timings_s": {k: round(v, 1) for k, v in timings.items()}, "counties": counties, "units": units}


def sizes() -> dict:
    from django.db import connection

    with connection.cursor() as cur:
        cur.execute("""SELECT relname, n_live_tup, pg_total_relation_size(relid), pg_indexes_size(relid)
                       FROM pg_stat_user_tables ORDER BY 3 DESC LIMIT 8""")
        tables = {r[0]: {"rows": r[1], "total_mb": round(r[2] / 2**20), "indexes_mb": round(r[3] / 2**20)}
                  for r in cur.fetchall()}
        cur.execute("SELECT pg_database_size(current_database())")
        return {"database_mb": round(cur.fetchone()[0] / 2**20), "tables": tables}


# ---- measuring ----

def users(county: str, unit_ids: list[int]):
    from sixia.org.models import Unit, User
    from sixia.org.services import create_user

    def make(name: str, code: str, unit_id: int):
        return User.objects.filter(username=name).first() or create_user(
            actor=None, username=name, password="Bench-Password-42x", roles=["dispatcher"], jurisdiction_code=code,
            unit=Unit.objects.get(pk=unit_id))

    return make("big-county", county, unit_ids[0]), make("big-province", "35", unit_ids[0])


def measure_list(client, token: str, runs: int) -> dict:
    import re

    headers = {"Authorization": f"Bearer {token}"}

    def get(params: dict):
        response = client.get("/api/v1/cases", params, headers=headers)
        assert response.status_code == 200, response.content[:300]
        return response

    deep: dict = {}
    for _ in range(20):  # 20 pages deep by cursor
        nxt = re.search(r'"next_cursor":\s*"([^"]+)"', get(deep).content.decode())
        deep = {"cursor": nxt.group(1)} if nxt else deep
    return {"first_page": timed(lambda: get({}), runs), "state_handling": timed(lambda: get({"state": "handling"}), runs),
            "overdue": timed(lambda: get({"overdue": "true"}), runs), "page_20": timed(lambda: get(deep), runs)}


def measure_rates(county_user, province_user, county: str, runs: int) -> dict:
    from django.utils import timezone

    from sixia.cases import rates
    from sixia.reports import rankings

    year = timezone.localdate().year - 1
    month = f"{year}-06"
    return {
        "county_month_rates_for": timed(lambda: rates.rates_for(county_user, period=month), runs),
        "county_month_ranking": timed(lambda: rankings.ranking(county_user, period=month), runs),
        "province_year_rates_for": timed(lambda: rates.rates_for(province_user, period=str(year)), runs),
        "province_year_ranking": timed(lambda: rankings.ranking(province_user, period=str(year)), max(1, runs // 3)),
        "periods": {"county_month": month, "province_year": str(year), "county": county},
    }


def measure_rollup(county_user, province_user, county: str, runs: int) -> dict:
    """The 三率 monthly rollup: the first refresh (every past month), a refresh of one month, and the same rates
    as measure_rates read from it (the current month stays live)."""
    from django.utils import timezone

    from sixia.cases import rollup
    from sixia.cases.models import RateRollup, RateRollupMonth
    from sixia.reports.rankings import ranking

    year = str(timezone.localdate().year - 1)
    live = [ranking(u, period=p).as_dict() for u, p in ((province_user, year), (county_user, f"{year}-06"))]
    t = time.perf_counter()
    done = rollup.refresh()
    first = time.perf_counter() - t
    rolled = [ranking(u, period=p).as_dict() for u, p in ((province_user, year), (county_user, f"{year}-06"))]
    month = rollup.month_of(timezone.now().replace(year=timezone.now().year - 1, month=6, day=15))
    RateRollupMonth.objects.filter(month=month).delete()
    t = time.perf_counter()
    rollup.refresh()
    one = time.perf_counter() - t
    return {"first_refresh_s": round(first, 1), "months": len(done["months"]), "visits": done["visits"],
            "rows": RateRollup.objects.count(), "one_month_refresh_ms": round(one * 1000, 1),
            "rankings_equal_live": rolled == live,
            "rates": measure_rates(county_user, province_user, county, runs)}


def measure_scan() -> dict:
    from django.db import connection

    from sixia.cases.models import Case
    from sixia.cases.services.supervision import scan_deadlines

    running = Case.objects.filter(due_at__isnull=False, suspended_at__isnull=True).count()
    t = time.perf_counter()
    result = scan_deadlines()
    first = time.perf_counter() - t
    t = time.perf_counter()
    scan_deadlines()
    again = time.perf_counter() - t
    connection.close()
    return {"running_clocks": running, "first_s": round(first, 2), "again_s": round(again, 2),
            "marked": {k: v for k, v in getattr(result, "marked", {}).items()}}


def measure_ledger(province_user, limit_rows: int) -> dict:
    from sixia.reports import ledger

    filters = ledger.LedgerFilter.from_query({})
    before = rss_mib()
    with tempfile.NamedTemporaryFile(suffix=".xlsx") as out:
        t = time.perf_counter()
        rows = ledger.export_ledger(actor=province_user, filters=filters, out=out.name)
        elapsed = time.perf_counter() - t
        size = os.path.getsize(out.name)
    return {"rows": rows, "seconds": round(elapsed, 1), "rows_per_s": round(rows / elapsed),
            "file_mb": round(size / 2**20, 1), "rss_before_mib": round(before), "rss_after_mib": round(rss_mib()),
            "rss_growth_mib": round(rss_mib() - before)}


def measure_creates(token: str, county: str, n: int) -> dict:
    """POST /api/v1/cases through gunicorn (2 sync workers... as many as --workers) at 4 and 16 in flight."""
    import http.client
    import socket
    from concurrent.futures import ThreadPoolExecutor

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = dict(os.environ)
    server = subprocess.Popen([sys.executable, "-m", "gunicorn", "sixia.wsgi", "-b", f"127.0.0.1:{port}", "-w", "2",
                               "--threads", "1", "--log-level", "warning"], env=env)
    body_of = lambda i: json.dumps({  # noqa: E731
        "channel": "visit", "petition_class": "appeal", "title": f"基准登记{i}：路灯不亮", "content": f"第{i}号路灯损坏。",
        "region_code": f"{county}101", "category": "", "petitioners": [
            {"name": f"基准{i}", "phone": f"139{i % 10**8:08d}", "role": "petitioner"}]})

    def post(i: int) -> int:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        conn.request("POST", "/api/v1/cases", body_of(i), {"Authorization": f"Bearer {token}",
                                                          "Content-Type": "application/json"})
        status = conn.getresponse().status
        conn.close()
        return status

    try:
        for _ in range(300):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.1)
        warm = [post(i) for i in range(4)]
        out: dict = {"warmup_status": warm}
        for flight in (4, 16):
            with ThreadPoolExecutor(flight) as pool:
                t = time.perf_counter()
                statuses = list(pool.map(post, range(flight * 1000, flight * 1000 + n)))
                elapsed = time.perf_counter() - t
            out[f"in_flight_{flight}"] = {"creates": n, "ok": statuses.count(201) + statuses.count(200),
                                          "per_s": round(n / elapsed, 1), "statuses": sorted(set(statuses))}
        return out
    finally:
        server.terminate()
        server.wait(timeout=30)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--creates", type=int, default=200, help="creates per concurrency level (0: skip)")
    parser.add_argument("--no-ledger", action="store_true")
    parser.add_argument("--no-scan", action="store_true")
    parser.add_argument("--out", default="")
    args = parser.parse_args()

    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    settings.ALLOWED_HOSTS = ["*"]
    assert connection.vendor == "postgresql", "run under scripts/with_postgres.py (PostgreSQL)"
    t = time.perf_counter()
    call_command("migrate", verbosity=0)
    result: dict = {"cases": args.cases, "migrate_s": round(time.perf_counter() - t, 1)}
    loaded = load(args.cases)
    result["load"] = loaded["timings_s"]
    print(json.dumps({"load": result["load"]}), file=sys.stderr, flush=True)
    county = loaded["counties"][len(loaded["counties"]) // 2]
    county_user, province_user = users(county, loaded["units"][county])
    from sixia.org.services import issue_token

    def save() -> None:  # after every phase: a long run that is stopped keeps what it measured
        if args.out:
            with open(args.out, "w") as f:
                f.write(json.dumps(result, ensure_ascii=False, indent=1) + "\n")

    result["sizes"] = sizes()
    client = Client()
    result["list_api"] = {"county": measure_list(client, issue_token(user=county_user), args.runs),
                          "province": measure_list(client, issue_token(user=province_user), args.runs)}
    save()
    result["rates"] = measure_rates(county_user, province_user, county, max(3, args.runs // 4))
    save()
    result["rollup"] = measure_rollup(county_user, province_user, county, max(3, args.runs // 4))
    save()
    if not args.no_scan:
        result["overdue_scan"] = measure_scan()
        save()
    if args.creates:
        result["creates"] = measure_creates(issue_token(user=county_user), county, args.creates)
        save()
    if not args.no_ledger:
        result["ledger_export"] = measure_ledger(province_user, args.cases)
        save()
    print(json.dumps(result, ensure_ascii=False, indent=1))

if __name__ == "__main__":
    main()
