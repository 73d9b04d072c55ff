"""Rights of the document templates (see ``sixia.core.permissions``)."""

from __future__ import annotations

from sixia.core.permissions import Right, declare

MANAGE_TEMPLATES = "documents.manage_templates"

declare(
    Right(MANAGE_TEMPLATES, "管理文书模板", "manage document templates", frozenset({"admin"}),
          "the wording of statutory notices is the county's: its administrator replaces the default templates"),
)
