"""Field-key rotation: re-encrypt every personal token under the configured key and recompute every blind index.

Run by ``sixia rotate-field-key`` after the new key is in place (env / var/field_key) with the previous one
given as ``--old-key-file`` or ``SIXIA_FIELD_KEY_OLD``. Tables are walked in primary-key order, in batches of
one transaction each; the batch's last key is saved in the same transaction (``KeyRotation.progress``), so a
run that is interrupted resumes after the last batch written. A token that no longer opens with the old key but
opens with the new one (written during the run, or rotated before) is simply rewritten: reruns are harmless.
The same command switches the cipher (SIXIA_FIELD_CIPHER) or the index MAC (SIXIA_BLIND_INDEX) with an
unchanged key: old key = new key.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.apps import apps
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from sixia import keys
from sixia.core import audit, crypto
from sixia.core.models import KeyRotation
from sixia.core.personal import name_address_index


@dataclass(frozen=True)
class SealedTable:
    label: str  # model label
    fields: tuple[tuple[str, str], ...]  # (field stem, blind-index prefix): <stem>_token and <stem>_index
    name_address: bool = False  # people.Person also keeps a name-and-address index


# Every model that holds personal tokens (a foundation test fails when a *_token field is missing here).
SEALED_TABLES = (
    SealedTable("people.Person", (("id_number", "id:"), ("phone", "phone:")), name_address=True),
    SealedTable("org.Official", (("phone", "phone:"),)),
    SealedTable("cases.OutboundMessage", (("phone", "phone:"),)),
    SealedTable("activities.Appointment", (("phone", "phone:"),)),
    SealedTable("topics.Nomination", (("phone", "phone:"),)),
    SealedTable("topics.Vote", (("phone", "phone:"),)),
    SealedTable("topics.Rating", (("phone", "phone:"),)),
)


class RotationError(RuntimeError):
    pass


def _reseal(obj, table: SealedTable, old_key: str, new_key: str) -> None:
    for stem, prefix in table.fields:
        token = getattr(obj, f"{stem}_token")
        if not token:
            continue
        try:
            clear = crypto.decrypt(token, key=old_key)
        except crypto.DecryptionError:
            try:
                clear = crypto.decrypt(token, key=new_key)
            except crypto.DecryptionError:
                raise RotationError(f"{table.label} #{obj.pk}: {stem} opens with neither key") from None
        setattr(obj, f"{stem}_token", crypto.encrypt(clear, key=new_key))
        setattr(obj, f"{stem}_index", crypto.blind_index(prefix + clear, key=new_key))
    if table.name_address:
        obj.name_address_index = name_address_index(obj.name, obj.address, key=new_key) if obj.address.strip() else ""


def _columns(table: SealedTable) -> list[str]:
    columns = [f"{stem}_{part}" for stem, _ in table.fields for part in ("token", "index")]
    return columns + (["name_address_index"] if table.name_address else [])


def current_run(old_key: str, new_key: str) -> KeyRotation | None:
    """The unfinished run for this key pair and these algorithms, to resume."""
    return KeyRotation.objects.filter(
        old_fingerprint=keys.fingerprint(old_key), new_fingerprint=keys.fingerprint(new_key),
        cipher=settings.FIELD_CIPHER, index_algorithm=settings.BLIND_INDEX, finished_at__isnull=True).first()


def rotate(*, old_key: str, batch_size: int = 500, report: Callable[[str], None] = lambda _: None) -> KeyRotation:
    """Rewrite every sealed value from ``old_key`` to the configured field key; resumes an unfinished run."""
    new_key = settings.FIELD_KEY
    if not old_key:
        raise RotationError("the old field key is empty")
    run = current_run(old_key, new_key)
    if run is None:
        run = KeyRotation.objects.create(
            old_fingerprint=keys.fingerprint(old_key), new_fingerprint=keys.fingerprint(new_key),
            cipher=settings.FIELD_CIPHER, index_algorithm=settings.BLIND_INDEX)
    else:
        report(f"resuming rotation #{run.pk} after {run.progress}")
    for table in SEALED_TABLES:
        _rotate_table(run, table, old_key, new_key, batch_size, report)
    with transaction.atomic():
        run.finished_at = timezone.now()
        run.save(update_fields=["finished_at"])
        audit.record(audit.Action.UPDATE, obj=run, summary="field key rotated",
                     changes={"old_fingerprint": run.old_fingerprint[:16], "new_fingerprint": run.new_fingerprint[:16],
                              "cipher": run.cipher, "index_algorithm": run.index_algorithm, "rows": run.rows})
    return run


def _rotate_table(run: KeyRotation, table: SealedTable, old_key: str, new_key: str, batch_size: int,
                  report: Callable[[str], None]) -> None:
    label = table.label.lower()
    if run.progress.get(label) == "done":
        return
    model = apps.get_model(table.label)
    columns = _columns(table)
    only = ["pk", *columns, *(("name", "address") if table.name_address else ())]
    while True:
        with transaction.atomic():
            after = run.progress.get(label, 0)
            batch = list(model.objects.select_for_update().filter(pk__gt=after).order_by("pk").only(*only)
                         [:batch_size])
            if not batch:
                run.progress[label] = "done"
                run.save(update_fields=["progress"])
                audit.record(audit.Action.UPDATE, object_type=label, object_id=run.pk,
                             summary=f"field key rotated: {run.rows.get(label, 0)} rows of {label}",
                             changes={"rotation": run.pk, "rows": run.rows.get(label, 0)})
                report(f"{label}: {run.rows.get(label, 0)} rows")
                return
            for obj in batch:
                _reseal(obj, table, old_key, new_key)
            model.objects.bulk_update(batch, columns)
            run.progress[label] = batch[-1].pk
            run.rows[label] = run.rows.get(label, 0) + len(batch)
            run.save(update_fields=["progress", "rows"])
