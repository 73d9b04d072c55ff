"""Roles (角色). Stored as Django groups named by these codes; created by a data migration."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    ADMIN = "admin", _("系统管理员")
    DISPATCHER = "dispatcher", _("受理派单员")
    HANDLER = "handler", _("承办人")
    LEADER = "leader", _("领导")
    SUPERVISOR = "supervisor", _("督查")
    AUDITOR = "auditor", _("审计员")
    HEAD = "head", _("机关负责人")  # 信访工作条例第34条: approves extensions of the handling period
    DISCIPLINE = "discipline", _("纪检监察")  # 第30条第3款、第46条: sees and handles 检举控告
    ORGANIZATION_DEPT = "organization_dept", _("组织部")  # sets the quota rules of its region (0005)


# Who may see personal data in full (an audited action) and who may manage the organisation.
CAN_UNMASK = {Role.ADMIN, Role.DISPATCHER, Role.HANDLER, Role.LEADER}
CAN_MANAGE_ORG = {Role.ADMIN}
CAN_READ_AUDIT = {Role.ADMIN, Role.AUDITOR}
