"""Rights of reports and ledgers (see ``sixia.core.permissions``)."""

from __future__ import annotations

from sixia.core.permissions import Right, declare

IMPORT_LEDGER = "reports.import_ledger"
EXPORT_PERSONAL = "reports.export_personal"
EDIT_WEIGHTS = "reports.edit_weights"
STATISTICS = "reports.statistics"
ASSESSMENT = "reports.assessment"

declare(
    Right(IMPORT_LEDGER, "导入台账", "import ledgers", frozenset({"admin", "dispatcher"}),
          "an import registers cases in bulk: the desk's"),
    Right(EXPORT_PERSONAL, "导出完整个人信息", "export personal data in full", frozenset({"admin", "dispatcher"}),
          "个人信息保护法 arts. 6, 51: the minimum necessary — the desk and the administrator; others export masked"),
    Right(EDIT_WEIGHTS, "修改三率权重", "edit the weights of the three rates", frozenset({"admin"}),
          "one formula for the whole deployment, so rankings stay comparable"),
    Right(STATISTICS, "查看统计分析和工作报告", "read the statistics and work reports",
          frozenset({"admin", "dispatcher", "leader", "head", "supervisor", "auditor"}),
          "the officials who read every case of their region (cases.selectors.WIDE_ROLES): a handler's figures "
          "would be its unit's under the region's name (the 驾驶舱 pictures the same figures); docs/statistics.md"),
    Right(ASSESSMENT, "导出干部年度考核表", "export the officials' yearly assessment sheet",
          frozenset({"admin", "organization_dept"}),
          "the 组织部 assesses officials (四下基层 履职 as 考核 evidence); docs/statistics.md"),
)
