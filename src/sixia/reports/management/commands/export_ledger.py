"""``sixia export-ledger --user NAME -o 台账.xlsx [--state …] [--region-code …] [--full]``: the case ledger as
the user would export it (jurisdiction, masking, audit)."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from sixia.core.errors import DomainError
from sixia.reports import ledger


class Command(BaseCommand):
    help = "导出诉求台账（.xlsx）Export the case ledger"

    def add_arguments(self, parser):
        parser.add_argument("--user", required=True, help="export as this user (jurisdiction and rights)")
        parser.add_argument("-o", "--output", required=True)
        for name in ("state", "region-code", "category", "q", "date-from", "date-to", "warning"):
            parser.add_argument(f"--{name}", default="")
        parser.add_argument("--full", action="store_true", help="ID numbers and phones in full (audited)")

    def handle(self, *args, **opts):
        user = get_user_model().objects.filter(username=opts["user"]).first()
        if user is None:
            raise CommandError(f"用户不存在：{opts['user']}")
        params = {k: opts[k.replace("-", "_")] for k in ("state", "region_code", "category", "q", "date_from",
                                                         "date_to", "warning")}
        try:
            rows = ledger.export_ledger(actor=user, filters=ledger.LedgerFilter.from_query(params),
                                        out=opts["output"], full_personal=opts["full"])
        except DomainError as exc:
            raise CommandError(exc.message) from exc
        self.stdout.write(f"导出 {rows} 件 → {opts['output']}")
