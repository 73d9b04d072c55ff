"""``sixia import-holidays FILE``: load a year's holiday list into the calendar overrides.

One line per day: ``YYYY-MM-DD,休|班[,名称]`` (or ``off``/``work``); ``#`` starts a comment. Existing rows for
the same dates are replaced; the whole file is loaded or nothing.
"""

import datetime as dt

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from sixia.cases.models import HolidayOverride
from sixia.core import audit

WORK = {"班", "work", "workday", "1", "上班"}
OFF = {"休", "off", "holiday", "0", "休息"}


def parse(lines) -> list[HolidayOverride]:
    rows, errors = [], []
    for n, raw in enumerate(lines, 1):
        line = raw.split("#", 1)[0].strip().lstrip("\ufeff")
        if not line:
            continue
        parts = [p.strip() for p in line.replace("，", ",").split(",")]
        try:
            day = dt.date.fromisoformat(parts[0])
        except ValueError:
            errors.append(f"第{n}行：日期格式应为 YYYY-MM-DD")
            continue
        kind = parts[1] if len(parts) > 1 else "休"
        if kind not in WORK | OFF:
            errors.append(f"第{n}行：第二列应为“休”或“班”")
            continue
        rows.append(HolidayOverride(date=day, is_workday=kind in WORK, name=parts[2] if len(parts) > 2 else ""))
    if errors:
        raise CommandError("\n".join(errors))
    return rows


class Command(BaseCommand):
    help = "导入节假日安排 (import holiday overrides from a file: YYYY-MM-DD,休|班,名称)."

    def add_arguments(self, parser):
        parser.add_argument("file")

    def handle(self, *args, file, **options):
        with open(file, encoding="utf-8") as fh:
            rows = parse(fh)
        with transaction.atomic():
            HolidayOverride.objects.filter(date__in=[r.date for r in rows]).delete()
            HolidayOverride.objects.bulk_create(rows)
            audit.record(audit.Action.IMPORT, object_type="cases.holidayoverride", summary=f"导入节假日 {len(rows)} 天",
                         changes={"file": str(file), "days": len(rows)}, actor=None)
        self.stdout.write(f"imported {len(rows)} days")
