from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "sixia.people"
    verbose_name = "群众 People"
