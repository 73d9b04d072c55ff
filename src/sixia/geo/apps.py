from django.apps import AppConfig


class GeoConfig(AppConfig):
    name = "sixia.geo"
    verbose_name = "行政区划 Regions"
