from django.urls import path
from django.views.generic import RedirectView

from sixia.reports import views
from sixia.reports.statistics import views as statistics

app_name = "reports"

urlpatterns = [
    path("", RedirectView.as_view(pattern_name="reports:rates"), name="index"),  # the README's /reports/
    path("rates/", views.rates_page, name="rates"),
    path("statistics/", statistics.statistics_page, name="statistics"),
    path("statistics.xlsx", statistics.statistics_xlsx, name="statistics_xlsx"),
    path("work-report.docx", statistics.work_report, name="work_report"),
    path("assessment/", statistics.assessment_page, name="assessment"),
    path("assessment.xlsx", statistics.assessment_xlsx, name="assessment_xlsx"),
    path("dashboard/", views.dashboard_page, name="dashboard"),
    path("weights/", views.case_weights, name="weights"),
    path("ledger/", views.ledger_page, name="ledger"),
    path("ledger/export/", views.ledger_export, name="ledger_export"),
    path("cases/<int:case_id>/file/", views.case_file, name="case_file"),
    path("import/", views.import_upload, name="import"),
    path("import/<int:batch_id>/", views.import_map, name="import_map"),
    path("import/<int:batch_id>/errors/", views.import_errors, name="import_errors"),
]
