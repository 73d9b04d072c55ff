"""``sixia audit verify``: walk the audit hash chain; ``sixia audit export``: write it out for archiving.

``verify`` prints ``OK <n> entries`` and exits 0, or names the first broken entry and exits 1.
``export --out FILE [--until YYYY-MM-DD]`` writes the entries (with their hashes, so the archive can be
checked against the chain later) as JSON lines, oldest first. Nothing is ever deleted from the chain.
"""

from __future__ import annotations

import json
import sys
from datetime import datetime, time, timedelta

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from sixia.core import audit_chain
from sixia.core.models import AuditEntry


class Command(BaseCommand):
    help = "审计日志：校验哈希链 / 导出归档 (verify the audit hash chain / export it for archiving)."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="verb", required=True)
        sub.add_parser("verify", help="walk the chain; exit 1 naming the first broken entry")
        export = sub.add_parser("export", help="write entries as JSON lines (oldest first)")
        export.add_argument("--out", required=True, help="file to write ('-' for standard output)")
        export.add_argument("--until", help="only entries before this day (YYYY-MM-DD, local time); default: "
                                            "the start of the retention period (SIXIA_AUDIT_RETENTION_DAYS)")
        export.add_argument("--all", action="store_true", help="every entry, up to now")

    def handle(self, *args, verb, **options):
        if verb == "verify":
            self._verify()
        else:
            until = None if options["all"] else (options.get("until") or str(
                timezone.localdate() - timedelta(days=settings.AUDIT_RETENTION_DAYS)))
            self._export(options["out"], until)

    def _verify(self):
        verdict = audit_chain.verify()
        if verdict.ok:
            self.stdout.write(f"OK {verdict.checked} entries, chain intact")
            return
        self.stderr.write(f"BROKEN at audit entry id={verdict.broken_id}: {verdict.reason} "
                          f"({verdict.checked} entries before it are intact)")
        sys.exit(1)

    def _export(self, out: str, until: str | None):
        qs = AuditEntry.objects.order_by("id")
        if until:
            try:
                day = datetime.strptime(until, "%Y-%m-%d").date()
            except ValueError:
                raise CommandError("--until must be YYYY-MM-DD") from None
            qs = qs.filter(at__lt=timezone.make_aware(datetime.combine(day, time.min)))
        fields = ("id", "prev_hash", "hash", *audit_chain.HASHED_FIELDS)
        stream = sys.stdout if out == "-" else open(out, "w", encoding="utf-8")  # noqa: SIM115
        count = 0
        try:
            for row in qs.values(*fields).iterator(chunk_size=audit_chain.BATCH):
                row["at"] = audit_chain.canonical_at(row["at"])
                stream.write(json.dumps(row, ensure_ascii=False, sort_keys=True) + "\n")
                count += 1
        finally:
            if stream is not sys.stdout:
                stream.close()
        self.stderr.write(f"exported {count} entries")
