from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "sixia.cases"
    verbose_name = "诉求案件 Cases"
