from django.contrib.auth import views as auth_views
from django.urls import path

from sixia.web import jobs, otp_views, regions, rules, views

app_name = "web"

urlpatterns = [
    path("", views.home, name="home"),
    path("accounts/login/", views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/otp/", otp_views.otp_verify, name="otp_verify"),
    path("accounts/otp/setup/", otp_views.otp_setup, name="otp_setup"),
    path("regions/", regions.my_region, name="regions"),
    path("regions/<str:code>/", regions.region_page, name="region"),
    path("units/", views.units, name="units"),
    path("officials/", views.officials, name="officials"),
    path("persons/", views.persons, name="persons"),
    path("persons/new/", views.person_new, name="person_new"),
    path("persons/<int:person_id>/", views.person_detail, name="person_detail"),
    path("audit/", views.audit_log, name="audit"),
    path("rules/", rules.rules_index, name="rules"),
    path("jobs/<int:job_id>/", jobs.job_page, name="job"),
    path("jobs/<int:job_id>/status.json", jobs.job_status, name="job_status"),
    path("jobs/<int:job_id>/download/", jobs.job_download, name="job_download"),
    path("healthz", views.healthz, name="healthz"),
]
