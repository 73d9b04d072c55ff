from django.db import migrations, models


class Migration(migrations.Migration):
    """人次: a case records how many people it brought (statistics count 批次 as cases and 人次 as the sum)."""

    dependencies = [("cases", "0008_outbox_generic")]

    operations = [
        migrations.AddField(model_name="case", name="headcount",
                            field=models.PositiveIntegerField(default=1, verbose_name="人数")),
    ]
