from django.urls import path

from sixia.reports import views

app_name = "reports"

urlpatterns = [
    path("rates/", views.rates_page, name="rates"),
    path("ledger/", views.ledger_page, name="ledger"),
    path("ledger/export/", views.ledger_export, name="ledger_export"),
    path("cases/<int:case_id>/file/", views.case_file, name="case_file"),
]
