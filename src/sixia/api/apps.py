from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "sixia.api"
    verbose_name = "接口 API"
