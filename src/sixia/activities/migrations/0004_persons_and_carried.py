"""Visitors and households as persons, and 带案下访 (issue 13 items 2 and 4).

The data step moves the phones and ID numbers a visit's ``households`` held in clear to persons (encrypted,
found again through the blind index: the same ID number, else the same phone and name) and strips them from
the JSON, which keeps the masks and the person's id. A value that is not a valid phone or ID number is dropped
(it cannot be kept in clear)."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

PHONE_KEYS = ("phone", "mobile", "tel", "telephone")
ID_KEYS = ("id_number", "id_card", "id_no", "idcard")


def _sealed(seal, raw):
    from sixia.core.errors import InvalidInput

    try:
        return seal(raw)
    except InvalidInput:
        return None


def _person(Person, name, region_id, sealed_id, sealed_phone):
    found = None
    if sealed_id is not None and sealed_id.index:
        found = Person.objects.filter(id_number_index=sealed_id.index).order_by("pk").first()
    if found is None and sealed_phone is not None and sealed_phone.index:
        found = Person.objects.filter(phone_index=sealed_phone.index, name=name).order_by("pk").first()
    if found is not None:
        return found
    if not ((sealed_id and sealed_id.index) or (sealed_phone and sealed_phone.index)):
        return None
    sealed_id = sealed_id or _EMPTY
    sealed_phone = sealed_phone or _EMPTY
    return Person.objects.create(
        name=name[:100], region_id=region_id, id_number_token=sealed_id.token, id_number_index=sealed_id.index,
        id_number_masked=sealed_id.masked, phone_token=sealed_phone.token, phone_index=sealed_phone.index,
        phone_masked=sealed_phone.masked)


class _Empty:
    token = index = masked = ""


_EMPTY = _Empty()


def households_to_persons(apps, schema_editor):
    from sixia.core.personal import seal_id_number, seal_phone

    Activity = apps.get_model("activities", "Activity")
    Person = apps.get_model("people", "Person")
    for activity in Activity.objects.exclude(households=[]).iterator():
        rows, changed = [], False
        for row in activity.households or []:
            if not isinstance(row, dict):
                rows.append({"name": str(row)})
                changed = True
                continue
            phone = next((str(row[k]) for k in PHONE_KEYS if row.get(k)), "")
            id_number = next((str(row[k]) for k in ID_KEYS if row.get(k)), "")
            if not phone and not id_number:
                rows.append(row)
                continue
            changed = True
            kept = {k: v for k, v in row.items() if k not in PHONE_KEYS + ID_KEYS}
            name = str(row.get("name") or "").strip()
            person = _person(Person, name, activity.region_id, _sealed(seal_id_number, id_number) if id_number
                             else None, _sealed(seal_phone, phone) if phone else None) if name else None
            if person is not None:
                kept |= {"person_id": person.pk, "phone_masked": person.phone_masked,
                         "id_number_masked": person.id_number_masked}
                activity.household_persons.add(person)
            rows.append(kept)
        if changed:
            activity.households = rows
            activity.save(update_fields=["households"])


class Migration(migrations.Migration):

    dependencies = [
        ('activities', '0003_appointment_cancel_and_limits'),
        ('cases', '0005_statutory_defaults'),
        ('people', '0001_initial'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name='activity',
            name='household_persons',
            field=models.ManyToManyField(blank=True, related_name='+', to='people.person', verbose_name='走访户群众'),
        ),
        migrations.AddField(
            model_name='problem',
            name='person',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='people.person', verbose_name='来访群众'),
        ),
        migrations.CreateModel(
            name='CarriedCase',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='创建时间')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='更新时间')),
                ('action_taken', models.TextField(blank=True, verbose_name='处理情况')),
                ('outcome', models.CharField(blank=True, choices=[('resolved', '当面化解'), ('progressed', '推动办理'), ('explained', '解释疏导'), ('follow_up', '继续跟进')], max_length=12, verbose_name='结果')),
                ('recorded_at', models.DateTimeField(blank=True, null=True, verbose_name='记录时间')),
                ('activity', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='carried', to='activities.activity')),
                ('case', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='carried_visits', to='cases.case')),
                ('recorded_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': '带案下访',
                'verbose_name_plural': '带案下访',
                'ordering': ['activity_id', 'id'],
            },
        ),
        migrations.AddField(
            model_name='activity',
            name='carried_cases',
            field=models.ManyToManyField(blank=True, related_name='carried_by_activities', through='activities.CarriedCase', to='cases.case', verbose_name='带案下访的诉求'),
        ),
        migrations.AddConstraint(
            model_name='carriedcase',
            constraint=models.UniqueConstraint(fields=('activity', 'case'), name='carried_case_unique'),
        ),
        migrations.RunPython(households_to_persons, migrations.RunPython.noop),
    ]
