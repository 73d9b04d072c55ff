from django.urls import path
from django.views.generic import RedirectView

from sixia.cases import views
from sixia.cases.views import holidays, notifications

app_name = "cases"

urlpatterns = [
    path("", views.queue, name="queue"),
    path("new/", views.intake, name="intake"),
    path("intake/", RedirectView.as_view(pattern_name="cases:intake"), name="intake_alias"),
    path("inbox/", views.inbox, name="inbox"),
    path("holidays/", holidays.holidays, name="holidays"),
    path("notifications/read-all/", notifications.mark_all_read, name="notifications_read_all"),
    path("notifications/<int:notification_id>/read/", notifications.mark_read, name="notification_read"),
    path("notifications/<int:notification_id>/open/", notifications.open_notification, name="notification_open"),
    path("lookup/persons/", views.person_cases, name="person_cases"),
    path("<int:case_id>/", views.detail, name="detail"),
    path("<int:case_id>/act/<str:action>/", views.act, name="act"),
    path("<int:case_id>/attachments/", views.attach, name="attach"),
    path("<int:case_id>/attachments/<int:attachment_id>/", views.download, name="download"),
]
