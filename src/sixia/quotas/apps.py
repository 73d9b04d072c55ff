from django.apps import AppConfig


class QuotasConfig(AppConfig):
    name = "sixia.quotas"
    verbose_name = "履职指标 Quotas"
