"""Rights of reports and ledgers (see ``sixia.core.permissions``)."""

from __future__ import annotations

from sixia.core.permissions import Right, declare

IMPORT_LEDGER = "reports.import_ledger"
EXPORT_PERSONAL = "reports.export_personal"
EDIT_WEIGHTS = "reports.edit_weights"

declare(
    Right(IMPORT_LEDGER, "导入台账", "import ledgers", frozenset({"admin", "dispatcher"}),
          "an import registers cases in bulk: the desk's"),
    Right(EXPORT_PERSONAL, "导出完整个人信息", "export personal data in full", frozenset({"admin", "dispatcher"}),
          "个人信息保护法 arts. 6, 51: the minimum necessary — the desk and the administrator; others export masked"),
    Right(EDIT_WEIGHTS, "修改三率权重", "edit the weights of the three rates", frozenset({"admin"}),
          "one formula for the whole deployment, so rankings stay comparable"),
)
