"""Django admin of the case rules, for superusers only; officials edit them on the 规则设置 pages (/rules/)."""

from django.contrib import admin

from sixia.cases import models
from sixia.core.admin import SuperuserOnly


@admin.register(models.HolidayOverride)
class HolidayOverrideAdmin(SuperuserOnly):
    list_display = ("date", "is_workday", "name")
    list_filter = ("is_workday",)


@admin.register(models.DeadlinePolicy)
class DeadlinePolicyAdmin(SuperuserOnly):
    list_display = ("track", "step", "region_prefix", "kind_key", "category_code", "kind", "amount", "note")
    list_filter = ("track", "step", "kind")


@admin.register(models.DispatchRule)
class DispatchRuleAdmin(SuperuserOnly):
    list_display = ("category_code", "region_prefix", "unit", "copy_unit", "is_active")
    raw_id_fields = ("unit", "copy_unit")
    list_select_related = ("unit", "copy_unit")


@admin.register(models.EscalationRule)
class EscalationRuleAdmin(SuperuserOnly):
    list_display = ("level", "warning", "overdue_days", "region_prefix", "is_active")


@admin.register(models.Category)
class CategoryAdmin(SuperuserOnly):
    list_display = ("code", "name", "parent", "sort", "is_active")
    raw_id_fields = ("parent",)


@admin.register(models.CaseSettings)
class CaseSettingsAdmin(SuperuserOnly):
    list_display = ("approaching_fraction", "urgent_fraction", "weight_response", "weight_resolution",
                    "weight_satisfaction", "basically_factor")
