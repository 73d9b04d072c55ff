from django.contrib import admin

from sixia.core.admin import SuperuserOnly
from sixia.insight import models


@admin.register(models.RepeatSettings)
class RepeatSettingsAdmin(SuperuserOnly):
    list_display = ("__str__", "min_similarity", "identity_min_similarity", "repeat_similarity", "competent_level")


@admin.register(models.HotspotSettings)
class HotspotSettingsAdmin(SuperuserOnly):
    list_display = ("__str__", "similarity", "min_size", "period_days")


@admin.register(models.RiskSettings)
class RiskSettingsAdmin(SuperuserOnly):
    list_display = ("__str__", "weight_volume", "weight_repeats", "weight_overdue", "weight_dissatisfaction",
                    "weight_collective", "high", "medium")
