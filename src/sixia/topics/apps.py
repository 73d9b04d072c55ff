from django.apps import AppConfig


class TopicsConfig(AppConfig):
    name = "sixia.topics"
    verbose_name = "点题整治 Public-nominated rectification"
