from django.contrib import admin

from sixia.activities.models import (
    Activity,
    LectureForm,
    Measure,
    ReceptionSchedule,
    ResearchTopic,
    RotaEntry,
)


@admin.register(LectureForm)
class LectureFormAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "sort", "is_active")


class RotaInline(admin.TabularInline):
    model = RotaEntry
    extra = 0


@admin.register(ReceptionSchedule)
class ReceptionScheduleAdmin(admin.ModelAdmin):
    list_display = ("name", "region", "day_of_month", "shift", "slot_minutes", "slot_capacity",
                    "per_person_day_limit", "per_person_open_limit", "due_days", "is_active")
    inlines = [RotaInline]


@admin.register(Activity)
class ActivityAdmin(admin.ModelAdmin):
    list_display = ("kind", "start_day", "title", "region", "status")
    list_filter = ("kind", "status")


admin.site.register(ResearchTopic)
admin.site.register(Measure)
