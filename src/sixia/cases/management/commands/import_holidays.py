"""``sixia import-holidays FILE``: enter a year's holiday arrangement from a file, as the system.

One line per day: ``YYYY-MM-DD,休|班[,名称]`` (or ``off``/``work``); ``#`` starts a comment. The same service as
the admin page and the API (``cases.services.holidays.apply_arrangement``): the days are stored, their years
recorded as known, and the open deadlines they move are recomputed with a timeline entry each; the whole file
is loaded or nothing. ``--dry-run`` only lists what would move.
"""

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from sixia.cases.services import holidays
from sixia.core.errors import DomainError


class Command(BaseCommand):
    help = "导入节假日安排 (import a holiday arrangement from a file: YYYY-MM-DD,休|班,名称)."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--dry-run", action="store_true", help="只预览受影响的期限，不写入 (preview only)")

    def handle(self, *args, file, dry_run=False, **options):
        try:
            with open(file, encoding="utf-8") as fh:
                text = fh.read()
        except (OSError, UnicodeDecodeError) as exc:
            raise CommandError(f"无法读取文件 {file}：{exc}") from exc
        try:
            if dry_run:
                plan = holidays.preview_arrangement(actor=None, text=text)
            else:
                plan = holidays.apply_arrangement(actor=None, text=text, source=str(file))
        except DomainError as exc:
            raise CommandError(exc.message) from exc
        for move in plan.moves:
            before, after = timezone.localtime(move.before), timezone.localtime(move.after)
            self.stdout.write(f"{move.tracking_no} {move.field}: {before:%Y-%m-%d %H:%M} → {after:%Y-%m-%d %H:%M}")
        years = ", ".join(map(str, plan.years))
        if dry_run:
            self.stdout.write(f"dry run: {len(plan.changed_days)} days to store for {years}, "
                              f"{len(plan.moves)} deadlines of {plan.cases} cases would move")
        elif not plan.applied:
            self.stdout.write(f"nothing changed: the arrangement for {years} is already stored")
        else:
            self.stdout.write(f"imported {len(plan.changed_days)} days for {years}; "
                              f"{len(plan.moves)} deadlines of {plan.cases} cases moved")
