from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "sixia.core"
    verbose_name = "核心 Core"
