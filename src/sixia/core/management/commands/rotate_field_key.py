"""``sixia rotate-field-key --old-key-file F``: re-encrypt personal data under the configured field key."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from sixia import keys
from sixia.core import rotation
from sixia.core.models import KeyRotation


class Command(BaseCommand):
    help = ("Re-encrypt every personal token under the configured field key (SIXIA_FIELD_KEY / var/field_key) and "
            "recompute every blind index. The previous key: --old-key-file or SIXIA_FIELD_KEY_OLD. Resumable.")

    def add_arguments(self, parser):
        parser.add_argument("--old-key-file", type=Path, help="file holding the previous field key")
        parser.add_argument("--batch-size", type=int, default=500)
        parser.add_argument("--again", action="store_true",
                            help="run even though a rotation with these keys and algorithms has finished")

    def handle(self, *args, old_key_file=None, batch_size=500, again=False, **options):
        old_key = old_key_file.read_text(encoding="utf-8").strip() if old_key_file else settings.FIELD_KEY_OLD
        if not old_key:
            raise CommandError("Give the previous field key: --old-key-file FILE or SIXIA_FIELD_KEY_OLD.")
        finished = KeyRotation.objects.filter(
            old_fingerprint=keys.fingerprint(old_key), new_fingerprint=keys.fingerprint(settings.FIELD_KEY),
            cipher=settings.FIELD_CIPHER, index_algorithm=settings.BLIND_INDEX, finished_at__isnull=False).first()
        if finished and not again:
            self.stdout.write(f"Rotation #{finished.pk} to this key finished at {finished.finished_at}; "
                              "nothing to do (--again runs it once more).")
            return
        try:
            run = rotation.rotate(old_key=old_key, batch_size=batch_size, report=self.stdout.write)
        except rotation.RotationError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(self.style.SUCCESS(f"Rotation #{run.pk} done: {run.rows}"))
