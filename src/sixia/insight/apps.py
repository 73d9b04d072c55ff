from django.apps import AppConfig


class InsightConfig(AppConfig):
    name = "sixia.insight"
    verbose_name = "智能研判 Insight"
