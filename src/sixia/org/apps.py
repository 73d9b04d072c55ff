from django.apps import AppConfig


class OrgConfig(AppConfig):
    name = "sixia.org"
    verbose_name = "组织与人员 Organisation"

    def ready(self) -> None:
        from sixia.org import signals  # noqa: F401  (login audit and lockout bookkeeping)
