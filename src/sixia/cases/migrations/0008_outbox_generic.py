"""The outbox carries every notice (issue 15 item 2): a message without a case (a reception-day booking), the
gateway's message id and its delivery receipt, and texts per language. Seeds the default templates of the new
kinds (return visit, bookings) and the English defaults; admins change the rows."""

import django.db.models.deletion
from django.db import migrations, models


def seed(apps, schema_editor):
    from sixia.cases.defaults import MESSAGE_TEMPLATES, MESSAGE_TEMPLATES_EN

    MessageTemplate = apps.get_model("cases", "MessageTemplate")
    for kind, (text, _source) in MESSAGE_TEMPLATES.items():
        MessageTemplate.objects.get_or_create(kind=kind, region_prefix="", language="zh-hans", defaults={"text": text})
    for kind, text in MESSAGE_TEMPLATES_EN.items():
        MessageTemplate.objects.get_or_create(kind=kind, region_prefix="", language="en", defaults={"text": text})


def unseed(apps, schema_editor):
    apps.get_model("cases", "MessageTemplate").objects.filter(region_prefix="", language="en").delete()


class Migration(migrations.Migration):

    dependencies = [
        ('activities', '0004_persons_and_carried'),
        ('cases', '0007_intake_guards'),
        ('people', '0002_person_language'),
    ]

    operations = [
        migrations.AlterModelOptions(
            name='messagetemplate',
            options={'ordering': ['kind', 'language', 'region_prefix'], 'verbose_name': '告知模板', 'verbose_name_plural': '告知模板'},
        ),
        migrations.RemoveConstraint(
            model_name='messagetemplate',
            name='message_template_key',
        ),
        migrations.AddField(
            model_name='messagetemplate',
            name='language',
            field=models.CharField(default='zh-hans', max_length=10, verbose_name='语言'),
        ),
        migrations.AddField(
            model_name='outboundmessage',
            name='appointment',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='outbound_messages', to='activities.appointment'),
        ),
        migrations.AddField(
            model_name='outboundmessage',
            name='delivered_at',
            field=models.DateTimeField(blank=True, null=True, verbose_name='回执时间'),
        ),
        migrations.AddField(
            model_name='outboundmessage',
            name='delivery',
            field=models.CharField(blank=True, choices=[('', '未回执'), ('delivered', '已送达'), ('undelivered', '未送达')], default='', max_length=12, verbose_name='送达状态'),
        ),
        migrations.AddField(
            model_name='outboundmessage',
            name='gateway_id',
            field=models.CharField(blank=True, editable=False, max_length=64, verbose_name='网关消息号'),
        ),
        migrations.AddField(
            model_name='outboundmessage',
            name='language',
            field=models.CharField(default='zh-hans', max_length=10, verbose_name='语言'),
        ),
        migrations.AlterField(
            model_name='outboundmessage',
            name='case',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='outbound_messages', to='cases.case'),
        ),
        migrations.AddIndex(
            model_name='outboundmessage',
            index=models.Index(fields=['gateway_id'], name='outbound_gateway_id'),
        ),
        migrations.AddConstraint(
            model_name='messagetemplate',
            constraint=models.UniqueConstraint(fields=('kind', 'region_prefix', 'language'), name='message_template_key_language'),
        ),
        migrations.RunPython(seed, unseed),
    ]
