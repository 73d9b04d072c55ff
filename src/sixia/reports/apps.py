from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "sixia.reports"
    verbose_name = "统计报表 Reports"

    def ready(self) -> None:
        from sixia.reports import ledger_job  # registers the ledger export as a long job (core.jobs)

        ledger_job.register()
