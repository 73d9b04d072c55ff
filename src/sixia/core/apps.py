from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "sixia.core"
    verbose_name = "核心 Core"

    def ready(self) -> None:
        from sixia.core import checks  # noqa: F401  (registers the key checks)
        from sixia.core.validation import install_model_guard

        install_model_guard()  # text length, NUL, surrogates, integer ranges and absurd dates refused before SQL
