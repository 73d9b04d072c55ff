from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "sixia.documents"
    label = "documents"
    verbose_name = "文书模板"
