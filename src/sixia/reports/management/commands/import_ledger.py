"""``sixia import-ledger 台账.xlsx --user NAME [--map 字段=列 …] [--errors 错误报告.xlsx]``: import cases from
an Excel ledger (header row and columns found as on the page; ``--map title=事项标题`` or ``title=E`` overrides).
Every row is validated first; any error → nothing is imported and the errors are listed."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from openpyxl.utils import column_index_from_string

from sixia.core import sheet_reader
from sixia.core.errors import DomainError
from sixia.core.validation import is_digits
from sixia.core.xlsx import Sheet, new_workbook
from sixia.reports import importer


class Command(BaseCommand):
    help = "从 Excel 台账导入诉求 Import cases from an Excel ledger"

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--user", required=True)
        parser.add_argument("--map", action="append", default=[], metavar="FIELD=COLUMN")
        parser.add_argument("--errors", default="", help="write the row-level error report to this .xlsx")

    def handle(self, *args, **opts):
        user = get_user_model().objects.filter(username=opts["user"]).first()
        if user is None:
            raise CommandError(f"用户不存在：{opts['user']}")
        try:
            importer.check_may_import(user)
            sheet = sheet_reader.read(opts["file"])
            mapping = sheet_reader.suggest_mapping(sheet.headers)
            for item in opts["map"]:
                key, _, col = item.partition("=")
                mapping[key.strip()] = self._column(col.strip(), sheet.headers)
            self.stdout.write("列映射：" + "，".join(
                f"{sheet_reader.FIELD_BY_KEY[k].label}←{sheet_reader.column_label(i, sheet.headers)}"
                for k, i in mapping.items() if k in sheet_reader.FIELD_BY_KEY))
            result = importer.run_import(actor=user, sheet=sheet, mapping=mapping)
        except DomainError as exc:
            raise CommandError(exc.message) from exc
        if result.errors:
            for e in result.errors[:50]:
                self.stderr.write(f"第 {e.row} 行 {e.column}：{e.message}")
            if opts["errors"]:
                wb = new_workbook()
                report = Sheet(wb, "错误报告", heading="台账导入错误报告", subtitle=f"文件：{opts['file']}",
                               columns=importer.ERROR_COLUMNS, landscape=False)
                for e in result.errors:
                    report.row([e.row, e.column, e.message])
                wb.save(opts["errors"])
            raise CommandError(f"{len(result.errors)} 处错误，未导入任何一行")
        self.stdout.write(f"导入 {result.created} 件（共 {result.rows} 行）")

    @staticmethod
    def _column(col: str, headers: list[str]) -> int:
        if col in headers:
            return headers.index(col)
        if is_digits(col):
            return int(col) - 1
        try:
            return column_index_from_string(col.upper()) - 1
        except ValueError:
            raise CommandError(f"源列不存在：{col}") from None
