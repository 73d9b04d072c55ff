from django.apps import AppConfig


class InsightConfig(AppConfig):
    name = "sixia.insight"
    verbose_name = "智能研判 Insight"

    def ready(self) -> None:
        from sixia.insight import signals  # noqa: F401  (keeps the repeat index in step with case texts)
