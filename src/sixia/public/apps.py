from django.apps import AppConfig


class PublicConfig(AppConfig):
    name = "sixia.public"
    label = "public"
    verbose_name = "群众门户 Public portal"
