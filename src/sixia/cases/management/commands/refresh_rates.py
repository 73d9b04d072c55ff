import json
import time

from django.core.management.base import BaseCommand

from sixia.cases.rollup import refresh


class Command(BaseCommand):
    help = "三率月汇总：汇总尚未汇总（或已变更）的以往各月回访 (one INSERT … SELECT … GROUP BY per month)."

    def handle(self, *args, **options):
        started = time.perf_counter()
        data = refresh() | {"seconds": round(time.perf_counter() - started, 3)}
        self.stdout.write(json.dumps(data, ensure_ascii=False))
