from django.urls import path

from sixia.activities import views

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
]
