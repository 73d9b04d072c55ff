from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "sixia.web"
    verbose_name = "页面 Web"
