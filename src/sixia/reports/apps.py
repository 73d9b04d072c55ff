from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "sixia.reports"
    verbose_name = "统计报表 Reports"
