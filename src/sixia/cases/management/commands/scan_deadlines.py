import json
import time

from django.core.management.base import BaseCommand

from sixia.cases.services.supervision import scan_deadlines


class Command(BaseCommand):
    help = "预警督办扫描：标记临期/紧急/超期诉求并按规则督办 (one set-based deadline scan)."

    def handle(self, *args, **options):
        started = time.perf_counter()
        result = scan_deadlines()
        data = result.as_dict() | {"seconds": round(time.perf_counter() - started, 3)}
        self.stdout.write(json.dumps(data, ensure_ascii=False))
