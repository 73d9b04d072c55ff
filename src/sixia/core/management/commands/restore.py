"""``sixia restore DIR [--force]``: restore a backup made by ``sixia backup`` into the configured database."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from sixia.core import audit
from sixia.core import backup as backups


class Command(BaseCommand):
    help = ("Restore a backup into the configured (empty) database and file directories, after checking its "
            "hashes and that the configured keys are the backup's.")
    requires_system_checks: list[str] = []  # an empty database has no tables for the checks to read

    def add_arguments(self, parser):
        parser.add_argument("source", type=Path)
        parser.add_argument("--force", action="store_true", help="replace a database that is not empty")

    def handle(self, *args, source, force=False, **options):
        try:
            found = backups.restore(source=source, force=force)
        except backups.BackupError as exc:
            raise CommandError(str(exc)) from exc
        audit.record(audit.Action.IMPORT, object_type="core.backup", summary=f"restored from {source}",
                     changes={"counts": found, "force": force})
        self.stdout.write(self.style.SUCCESS(f"Restored from {source}: {found}"))
