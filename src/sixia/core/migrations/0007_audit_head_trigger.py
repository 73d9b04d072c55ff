"""On SQLite the chain head follows the last audit entry inserted, moved by the database (issue 17: a
registration in fewer statements). Appending an entry was three statements — lock the head, INSERT, UPDATE the
head — and is now two: on SQLite an ``AFTER INSERT`` trigger moves the head in the INSERT's own statement; on
PostgreSQL ``sixia.core.audit`` writes the INSERT and the head's UPDATE as one data-modifying CTE instead (a
plpgsql trigger would be loaded and compiled by every new connection on its first entry), so this migration
does nothing there.

The head must still be *read* under its lock before the INSERT (the new hash covers the previous one, and
SM3 is no SQL function), so that statement stays. The trigger fires per row in insertion order, so a multi-row
INSERT leaves the head on its last row. It only moves the head: the chain's checks (``audit_chain.verify``,
the append-only trigger of 0004 on PostgreSQL) are unchanged.
"""

from django.db import migrations

SQLITE = """
CREATE TRIGGER IF NOT EXISTS core_auditentry_moves_head AFTER INSERT ON core_auditentry
BEGIN
    UPDATE core_auditchainhead SET hash = NEW.hash, last_id = NEW.id WHERE id = 1;
END;
"""
SQLITE_DROP = "DROP TRIGGER IF EXISTS core_auditentry_moves_head;"


def add_trigger(apps, schema_editor):
    # The suite re-runs data migrations after a flush with schema_editor=None; a trigger survives a flush.
    if schema_editor is not None and schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(SQLITE, params=None)


def drop_trigger(apps, schema_editor):
    if schema_editor is not None and schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(SQLITE_DROP, params=None)


class Migration(migrations.Migration):

    dependencies = [
        ("core", "0006_jobs"),
    ]

    operations = [
        migrations.RunPython(add_trigger, drop_trigger),
    ]
