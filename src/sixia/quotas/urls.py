from django.urls import path

from sixia.quotas import views

app_name = "quotas"

urlpatterns = [
    path("", views.compliance_page, name="compliance"),
    path("mine/", views.mine, name="mine"),
    path("officials/<int:official_id>/", views.official_record, name="official"),
    path("rules/", views.rules, name="rules"),
    path("rules/new/", views.rule_edit, name="rule_new"),
    path("rules/<int:rule_id>/", views.rule_edit, name="rule_edit"),
]
