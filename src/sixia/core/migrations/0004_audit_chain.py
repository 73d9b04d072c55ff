"""The audit trail becomes a hash chain with a jurisdiction per entry, and PostgreSQL refuses to change it.

Existing entries are chained in id order (their region: the actor's jurisdiction). The RunPython steps are
also re-run by the test suite after a flush (with ``schema_editor=None``), so they are idempotent.
"""

import django.utils.timezone
from django.db import migrations, models

TRIGGER_SQL = """
CREATE OR REPLACE FUNCTION sixia_audit_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'core_auditentry is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
DROP TRIGGER IF EXISTS core_auditentry_append_only ON core_auditentry;
CREATE TRIGGER core_auditentry_append_only BEFORE UPDATE OR DELETE ON core_auditentry
    FOR EACH ROW EXECUTE FUNCTION sixia_audit_append_only();
"""
DROP_TRIGGER_SQL = """
DROP TRIGGER IF EXISTS core_auditentry_append_only ON core_auditentry;
DROP FUNCTION IF EXISTS sixia_audit_append_only();
"""


def chain_existing(apps, schema_editor):
    from sixia.core import audit_chain

    entry_model = apps.get_model("core", "AuditEntry")
    head_model = apps.get_model("core", "AuditChainHead")
    if entry_model.objects.filter(hash="").exists():
        prev, last_id = "", 0
        rows = entry_model.objects.order_by("id").values(
            "id", "actor__jurisdiction_id", *[f for f in audit_chain.HASHED_FIELDS if f != "region_code"])
        for row in rows.iterator(chunk_size=2000):
            row["region_code"] = (row.pop("actor__jurisdiction_id") or "")[:12]
            row["changes"] = audit_chain.normalise_changes(row["changes"])
            digest = audit_chain.digest(prev, row)
            entry_model.objects.filter(pk=row["id"]).update(
                region_code=row["region_code"], changes=row["changes"], prev_hash=prev, hash=digest)
            prev, last_id = digest, row["id"]
        head_model.objects.update_or_create(pk=1, defaults={"hash": prev, "last_id": last_id})
    elif not head_model.objects.filter(pk=1).exists():
        last = entry_model.objects.order_by("-id").values("id", "hash").first() or {"id": 0, "hash": ""}
        head_model.objects.create(pk=1, hash=last["hash"], last_id=last["id"])


def add_trigger(apps, schema_editor):
    if schema_editor is not None and schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(TRIGGER_SQL, params=None)  # no parameters: the % of RAISE stays as it is


def drop_trigger(apps, schema_editor):
    if schema_editor is not None and schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP_TRIGGER_SQL, params=None)


class Migration(migrations.Migration):

    dependencies = [
        ('core', '0003_input_rules'),
    ]

    operations = [
        migrations.CreateModel(
            name='AuditChainHead',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('last_id', models.BigIntegerField(default=0)),
                ('hash', models.CharField(blank=True, max_length=80)),
            ],
            options={
                'verbose_name': '审计链头',
                'verbose_name_plural': '审计链头',
            },
        ),
        migrations.AddField(
            model_name='auditentry',
            name='hash',
            field=models.CharField(blank=True, max_length=80, verbose_name='哈希'),
        ),
        migrations.AddField(
            model_name='auditentry',
            name='prev_hash',
            field=models.CharField(blank=True, max_length=80, verbose_name='前一条哈希'),
        ),
        migrations.AddField(
            model_name='auditentry',
            name='region_code',
            field=models.CharField(blank=True, db_index=True, max_length=12, verbose_name='所属区划'),
        ),
        migrations.AlterField(
            model_name='auditentry',
            name='at',
            field=models.DateTimeField(db_index=True, default=django.utils.timezone.now, verbose_name='时间'),
        ),
        migrations.RunPython(chain_existing, migrations.RunPython.noop),
        migrations.RunPython(add_trigger, drop_trigger),
    ]
