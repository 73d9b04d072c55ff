"""``sixia insight-repeats index`` — (re)build the repeat index (signatures + LSH band keys) of every case whose
signature is missing or was made with another version; ``sixia insight-repeats stats`` — what is indexed."""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand, CommandParser

from sixia.cases.models import Case
from sixia.insight import repeats
from sixia.insight.models import CaseBand, CaseSignature


class Command(BaseCommand):
    help = "重复件索引：index 重建缺失或过期的文本签名；stats 查看索引情况"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["index", "stats"])
        parser.add_argument("--batch", type=int, default=1000)

    def handle(self, *args, action: str, batch: int, **options) -> None:
        if action == "index":
            started = time.perf_counter()
            done = repeats.reindex(batch=batch)
            seconds = time.perf_counter() - started
            self.stdout.write(f"indexed {done} cases in {seconds:.1f}s")
            return
        version = repeats.hasher().config.version
        self.stdout.write(f"cases {Case.objects.count()}, signatures {CaseSignature.objects.count()} "
                          f"(current version {version}: {CaseSignature.objects.filter(version=version).count()}), "
                          f"band rows {CaseBand.objects.count()}")
