from django.apps import AppConfig


class ActivitiesConfig(AppConfig):
    name = "sixia.activities"
    verbose_name = "下基层活动 Grassroots activities"
