"""Rights over quota rules (see ``sixia.core.permissions``)."""

from __future__ import annotations

from sixia.core.permissions import Right, declare

EDIT_RULES = "quotas.edit_rules"

declare(
    Right(EDIT_RULES, "修改履职指标规则", "edit quota rules", frozenset({"admin", "organization_dept"}),
          "quotas are set by the organisation department (组织部) of each level; within one's region only"),
)
