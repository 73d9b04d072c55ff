"""``sixia backup [--to DIR]``: database + files + manifest (see sixia.core.backup)."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from sixia.core import audit
from sixia.core import backup as backups


class Command(BaseCommand):
    help = "Back up the database (SQLite online backup / pg_dump), media and attachments, with a manifest."

    def add_arguments(self, parser):
        parser.add_argument("--to", type=Path, help="a new directory (default var/backups/<date-time>)")

    def handle(self, *args, to=None, **options):
        to = to or Path(settings.VAR_DIR) / "backups" / timezone.localtime().strftime("%Y%m%d-%H%M%S")
        audit.record(audit.Action.EXPORT, object_type="core.backup", summary=f"backup to {to}")
        try:
            manifest = backups.backup(to=to)
        except backups.BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(self.style.SUCCESS(f"Backup in {to}: {manifest['counts']}"))
