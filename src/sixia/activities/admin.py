"""Django admin of activities, for superusers only. Regions, units, officials, users and cases are raw ids:
a dropdown of every region (665,276 rows) would never finish rendering."""

from django.contrib import admin

from sixia.activities.models import (
    Activity,
    LectureForm,
    Measure,
    ReceptionSchedule,
    ResearchTopic,
    RotaEntry,
)
from sixia.core.admin import SuperuserOnly, SuperuserOnlyInline


@admin.register(LectureForm)
class LectureFormAdmin(SuperuserOnly):
    list_display = ("code", "name", "sort", "is_active")


class RotaInline(SuperuserOnlyInline):
    model = RotaEntry
    extra = 0
    raw_id_fields = ("official",)


@admin.register(ReceptionSchedule)
class ReceptionScheduleAdmin(SuperuserOnly):
    list_display = ("name", "region", "day_of_month", "shift", "slot_minutes", "slot_capacity",
                    "per_person_day_limit", "per_person_open_limit", "due_days", "is_active")
    raw_id_fields = ("region", "host_unit")
    list_select_related = ("region",)
    inlines = [RotaInline]


@admin.register(Activity)
class ActivityAdmin(SuperuserOnly):
    list_display = ("kind", "start_day", "title", "region", "status")
    list_filter = ("kind", "status")
    raw_id_fields = ("region", "host_unit", "schedule", "case", "topic", "created_by")
    list_select_related = ("region",)


@admin.register(ResearchTopic)
class ResearchTopicAdmin(SuperuserOnly):
    raw_id_fields = ("leader", "unit", "region", "created_by")


@admin.register(Measure)
class MeasureAdmin(SuperuserOnly):
    raw_id_fields = ("topic", "parent", "owner", "owner_unit")
