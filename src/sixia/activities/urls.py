from django.urls import path

from sixia.activities import views, views_schedules

app_name = "activities"

urlpatterns = [
    path("", views.home, name="home"),
    path("new/<str:kind>/", views.new, name="new"),
    path("<int:activity_id>/", views.detail, name="detail"),
    path("<int:activity_id>/upload/", views.upload, name="upload"),
    path("appointments/<int:appointment_id>/receive/", views.receive, name="receive"),
    path("appointments/<int:appointment_id>/cancel/", views.cancel_appointment, name="cancel_appointment"),
    path("attachments/<int:attachment_id>/", views.download, name="download"),
    path("reception/calendar/", views.reception_calendar, name="calendar"),
    path("public/", views.public, name="public"),
    path("export/<str:kind>.xlsx", views.export_ledger, name="export"),
    path("research/", views.topics, name="topics"),
    path("research/<int:topic_id>/", views.topic, name="topic"),
    path("reception/schedules/", views_schedules.schedules, name="schedules"),
    path("reception/schedules/new/", views_schedules.schedule_new, name="schedule_new"),
    path("reception/schedules/<int:schedule_id>/", views_schedules.schedule, name="schedule"),
    path("reception/schedules/<int:schedule_id>/edit/", views_schedules.schedule_edit, name="schedule_edit"),
    path("reception/schedules/<int:schedule_id>/plan/", views_schedules.schedule_plan, name="schedule_plan"),
]
