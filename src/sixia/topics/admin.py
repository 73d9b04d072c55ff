"""Django admin of 点题整治, for superusers only: the satisfaction-rate rule rows (no page of their own yet) and a
read of the topics. Regions, units and cases are raw ids (no dropdown of every row)."""

from django.contrib import admin

from sixia.core.admin import SuperuserOnly
from sixia.topics.models import RatingRule, Topic


@admin.register(RatingRule)
class RatingRuleAdmin(SuperuserOnly):
    list_display = ("region_prefix", "weight_satisfied", "weight_basically", "weight_dissatisfied", "min_ratings",
                    "source")


@admin.register(Topic)
class TopicAdmin(SuperuserOnly):
    list_display = ("year", "title", "region", "lead_unit", "state")
    list_filter = ("state", "year")
    raw_id_fields = ("region", "lead_unit", "co_units", "created_by")
