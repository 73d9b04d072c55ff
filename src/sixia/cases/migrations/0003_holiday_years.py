"""Years whose official holiday arrangement was imported (ADR 0003).

Before this table, the only way to fill a year chinese-calendar lacks was ``sixia import-holidays`` of the whole
notice: such a year (overrides in a year chinese-calendar does not ship) is recorded as imported.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models
from django.utils import timezone


def backfill(apps, schema_editor):
    from sixia.engines.deadlines import shipped

    override, year_model = apps.get_model("cases", "HolidayOverride"), apps.get_model("cases", "HolidayYear")
    years = {d.year for d in override.objects.values_list("date", flat=True)}
    year_model.objects.bulk_create([year_model(year=y, imported_at=timezone.now(), source="sixia import-holidays")
                                    for y in sorted(years) if not shipped(y)])


class Migration(migrations.Migration):

    dependencies = [
        ('cases', '0002_seed_defaults'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='HolidayYear',
            fields=[
                ('year', models.PositiveSmallIntegerField(primary_key=True, serialize=False, verbose_name='年份')),
                ('imported_at', models.DateTimeField(verbose_name='导入时间')),
                ('source', models.CharField(blank=True, max_length=200, verbose_name='来源')),
                ('imported_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='导入人')),
            ],
            options={
                'verbose_name': '节假日安排年份',
                'verbose_name_plural': '节假日安排年份',
                'ordering': ['year'],
            },
        ),
        migrations.RunPython(backfill, migrations.RunPython.noop),
    ]
