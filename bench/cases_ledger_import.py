"""Time the Excel ledger import: N rows validated and created in one transaction (set-based), against
``create_case`` called per row (what the import did first).

    SIXIA_VAR_DIR=$(mktemp -d) .tools/bin/uv run python bench/cases_ledger_import.py [--rows 10000]
    .tools/bin/uv run python scripts/with_postgres.py -- .tools/bin/uv run python bench/cases_ledger_import.py

Writes a ledger of N rows (two thirds with one petitioner, ID number and phone in full) with openpyxl, then
times: reading the sheet, validating every row, creating every case (bulk path); and ``create_case`` per row
for ``--per-row`` rows (500 by default) on the same data, as ms per row.
"""

from __future__ import annotations

import argparse
import io
import os
import sys
import time
from datetime import datetime, timedelta

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sixia.settings")
sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "src"))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--per-row", type=int, default=500)
    args = parser.parse_args()

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection, transaction
    from openpyxl import Workbook

    call_command("migrate", verbosity=0)
    from sixia.cases.models import Case
    from sixia.cases.services import create_case
    from sixia.core import sheet_reader
    from sixia.core.identity import id_check_char
    from sixia.geo.models import Region
    from sixia.org.models import Unit
    from sixia.org.services import create_user
    from sixia.reports import importer

    county, _ = Region.objects.get_or_create(code="350921", defaults={"name": "霞浦县", "level": 3})
    Region.objects.get_or_create(code="350921101", defaults={"name": "长春镇", "level": 4, "parent": county})
    unit, _ = Unit.objects.get_or_create(name="霞浦县人民政府", region=county, defaults={"kind": "government"})
    user = create_user(actor=None, username="bench-import", password="Correct-Horse-42x",
                       roles=["admin", "dispatcher"], jurisdiction_code="350921", unit=unit)

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("台账")
    ws.append(["诉求人", "身份证号", "联系电话", "标题", "诉求内容", "来源渠道", "信访类别", "区划代码", "问题分类", "登记时间"])
    base = datetime(2025, 6, 1, 8, 30)
    for i in range(args.rows):
        body = f"350921{1950 + i % 50}{1 + i % 12:02d}{1 + i % 28:02d}{i % 1000:03d}"
        person = ["", "", ""] if i % 3 == 0 else [f"群众{i % 4000}", body + id_check_char(body), f"139{i % 4000:08d}"]
        ws.append([*person, f"第{i}号：小区路灯不亮", "夜间出行不便，多次反映未果。", "走访", "申诉求决类", "350921101",
                   "住房保障与物业", base + timedelta(minutes=37 * i)])
    data = io.BytesIO()
    wb.save(data)

    t0 = time.perf_counter()
    sheet = sheet_reader.read(io.BytesIO(data.getvalue()))
    read_s = time.perf_counter() - t0
    mapping = sheet_reader.suggest_mapping(sheet.headers)
    t0 = time.perf_counter()
    checked = importer.validate(user, sheet, mapping)
    validate_s = time.perf_counter() - t0
    assert not checked.errors, checked.errors[:3]
    t0 = time.perf_counter()
    created = importer.create_cases(actor=user, rows=checked.rows, batch_id=1)
    create_s = time.perf_counter() - t0

    n = min(args.per_row, len(checked.rows))
    t0 = time.perf_counter()
    with transaction.atomic():
        for row in checked.rows[:n]:
            create_case(actor=user, now=row.registered_at, **row.data)
    per_row_s = time.perf_counter() - t0

    print(f"database: {connection.vendor}")
    print(f"ledger: {args.rows:,} rows, {len(data.getvalue()) / 1024 / 1024:.1f} MiB")
    print(f"read sheet: {read_s:.1f} s; validate all rows: {validate_s:.1f} s; "
          f"create {created:,} cases (bulk, one transaction): {create_s:.1f} s")
    print(f"import total: {read_s + validate_s + create_s:.1f} s "
          f"({args.rows / (read_s + validate_s + create_s):,.0f} rows/s)")
    print(f"create_case per row ({n} rows): {1000 * per_row_s / n:.1f} ms/row "
          f"(bulk: {1000 * create_s / max(created, 1):.2f} ms/row)")
    print(f"cases now: {Case.objects.count():,}")


if __name__ == "__main__":
    main()
