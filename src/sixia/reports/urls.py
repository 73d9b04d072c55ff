from django.urls import path
from django.views.generic import RedirectView

from sixia.reports import views

app_name = "reports"

urlpatterns = [
    path("", RedirectView.as_view(pattern_name="reports:rates"), name="index"),  # the README's /reports/
    path("rates/", views.rates_page, name="rates"),
    path("dashboard/", views.dashboard_page, name="dashboard"),
    path("weights/", views.case_weights, name="weights"),
    path("ledger/", views.ledger_page, name="ledger"),
    path("ledger/export/", views.ledger_export, name="ledger_export"),
    path("cases/<int:case_id>/file/", views.case_file, name="case_file"),
    path("import/", views.import_upload, name="import"),
    path("import/<int:batch_id>/", views.import_map, name="import_map"),
    path("import/<int:batch_id>/errors/", views.import_errors, name="import_errors"),
]
