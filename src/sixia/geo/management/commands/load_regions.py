import json
import time

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from sixia.geo import loader


class Command(BaseCommand):
    help = "加载行政区划（五级，幂等）Load administrative divisions (idempotent upsert)."

    def add_arguments(self, parser):
        parser.add_argument("--levels", help="comma list of province,city,county,township,village (default all)")
        parser.add_argument("--under", default="", help="only this region code's subtree (e.g. 350921)")
        parser.add_argument("--no-progress", action="store_true")

    def handle(self, *args, levels=None, under="", no_progress=False, **options):
        try:
            chosen = loader.parse_levels(levels)
        except ValueError as exc:
            raise CommandError(f"区划级别无效 (invalid level): {exc}")
        started = time.perf_counter()
        total = None if under else loader.expected_rows(chosen)
        with tqdm(total=total, unit="行", disable=no_progress, file=self.stderr._out, desc="load-regions") as bar:
            counts = loader.load(chosen, under=under, progress=bar.update)
        self.stderr.write(f"loaded in {time.perf_counter() - started:.1f}s")
        self.stdout.write(json.dumps(counts, ensure_ascii=False))
