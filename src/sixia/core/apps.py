from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "sixia.core"
    verbose_name = "核心 Core"

    def ready(self) -> None:
        from sixia.core import checks  # noqa: F401  (registers the key checks)
