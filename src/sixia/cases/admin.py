"""Django admin of the case rules, for superusers only; officials edit them on the 规则设置 pages (/rules/)."""

from django.contrib import admin

from sixia.cases import models
from sixia.core.admin import SuperuserOnly


@admin.register(models.HolidayOverride)
class HolidayOverrideAdmin(SuperuserOnly):
    list_display = ("date", "is_workday", "name")
    list_filter = ("is_workday",)


@admin.register(models.HolidayYear)
class HolidayYearAdmin(SuperuserOnly):
    """Years whose arrangement was imported (written by the import, ADR 0003); shown, not edited here."""

    list_display = ("year", "imported_at", "imported_by", "source")
    readonly_fields = ("year", "imported_at", "imported_by", "source")

    def has_add_permission(self, request):
        return False


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


@admin.register(models.MessageTemplate)
class MessageTemplateAdmin(SuperuserOnly):
    list_display = ("kind", "language", "region_prefix", "is_active", "text")
    list_filter = ("kind", "language", "is_active")


@admin.register(models.OutboundMessage)
class OutboundMessageAdmin(SuperuserOnly):
    """The outbox, read-only: messages are written by the actions and sent by the task."""

    list_display = ("case", "appointment", "kind", "language", "phone_masked", "status", "attempts", "created_at",
                    "sent_at", "delivery")
    list_filter = ("status", "kind", "delivery")
    readonly_fields = ("case", "appointment", "kind", "language", "person", "phone_masked", "text", "status",
                       "attempts", "last_error", "created_at", "sent_at", "gateway_id", "delivery", "delivered_at")
    exclude = ("phone_token", "phone_index")

    def has_add_permission(self, request) -> bool:
        return False
