from django.urls import path

from sixia.activities.views import activities, appointments, reception, research, schedules

app_name = "activities"

urlpatterns = [
    path("", activities.home, name="home"),
    path("new/<str:kind>/", activities.new, name="new"),
    path("<int:activity_id>/", activities.detail, name="detail"),
    path("<int:activity_id>/carried/", activities.carried, name="carried"),
    path("<int:activity_id>/upload/", activities.upload, name="upload"),
    path("appointments/<int:appointment_id>/receive/", appointments.receive, name="receive"),
    path("appointments/<int:appointment_id>/cancel/", appointments.cancel_appointment, name="cancel_appointment"),
    path("attachments/<int:attachment_id>/", activities.download, name="download"),
    path("reception/calendar/", reception.reception_calendar, name="calendar"),
    path("public/", appointments.public, name="public"),
    path("export/<str:kind>.xlsx", activities.export_ledger, name="export"),
    path("research/", research.topics, name="topics"),
    path("research/<int:topic_id>/", research.topic, name="topic"),
    path("reception/schedules/", schedules.schedules, name="schedules"),
    path("reception/schedules/new/", schedules.schedule_new, name="schedule_new"),
    path("reception/schedules/<int:schedule_id>/", schedules.schedule, name="schedule"),
    path("reception/schedules/<int:schedule_id>/edit/", schedules.schedule_edit, name="schedule_edit"),
    path("reception/schedules/<int:schedule_id>/plan/", schedules.schedule_plan, name="schedule_plan"),
]
