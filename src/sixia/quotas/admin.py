from django.contrib import admin

from sixia.core.admin import SuperuserOnly
from sixia.quotas import models


@admin.register(models.QuotaRule)
class QuotaRuleAdmin(SuperuserOnly):
    list_display = ("rank", "kind", "measure", "period", "where", "amount", "region_prefix", "remind_days_before",
                    "is_active")
    list_filter = ("rank", "kind", "period", "is_active")
    search_fields = ("region_prefix", "source")


@admin.register(models.QuotaReminder)
class QuotaReminderAdmin(SuperuserOnly):
    list_display = ("official", "rule", "period_key", "required", "done", "sent_at")
    raw_id_fields = ("official", "rule")
