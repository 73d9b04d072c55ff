from django.urls import path
from django.views.generic import RedirectView

from sixia.cases import views
from sixia.cases.views import desks, holidays, notifications
from sixia.cases.views import rules as rule_pages

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
    path("leaders/", desks.leaders, name="leaders"),
    path("leaders/mine/", desks.leaders_mine, name="leaders_mine"),
    path("supervision/", desks.supervision, name="supervision"),
    path("lookup/persons/", views.person_cases, name="person_cases"),
    path("rules/dispatch/", rule_pages.dispatch_rules, name="rules_dispatch"),
    path("rules/dispatch/new/", rule_pages.dispatch_rule_edit, name="rules_dispatch_new"),
    path("rules/dispatch/<int:rule_id>/", rule_pages.dispatch_rule_edit, name="rules_dispatch_edit"),
    path("rules/policies/", rule_pages.policies, name="rules_policies"),
    path("rules/policies/new/", rule_pages.policy_edit, name="rules_policy_new"),
    path("rules/policies/<int:policy_id>/", rule_pages.policy_edit, name="rules_policy_edit"),
    path("<int:case_id>/", views.detail, name="detail"),
    path("<int:case_id>/act/<str:action>/", views.act, name="act"),
    path("<int:case_id>/attachments/", views.attach, name="attach"),
    path("<int:case_id>/attachments/<int:attachment_id>/", views.download, name="download"),
]
