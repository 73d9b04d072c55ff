# Indexes of the work queue and the list API (issue 17 item 3): keyset walks by deadline and by registration,
# the handler list by (unit, state, id), the colour tabs counted from (region, state, warning) alone.

from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('cases', '0009_case_headcount'),
        ('geo', '0001_initial'),
        ('org', '0005_organization_dept_role'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name='case',
            name='case_due',
        ),
        # the jurisdiction's LIKE-prefix on region_id uses a btree only with varchar_pattern_ops (or the C collation)
        migrations.RemoveIndex(
            model_name='case',
            name='case_region_state_due',
        ),
        migrations.AddIndex(
            model_name='case',
            index=models.Index(fields=['region', 'state', 'due_at'], name='case_region_state_due',
                               opclasses=['varchar_pattern_ops', '', '']),
        ),
        migrations.AddIndex(
            model_name='case',
            index=models.Index(fields=['due_at', '-id'], name='case_due_id'),
        ),
        migrations.AddIndex(
            model_name='case',
            index=models.Index(fields=['-registered_at', '-id'], name='case_registered_id'),
        ),
        migrations.AddIndex(
            model_name='case',
            index=models.Index(fields=['responsible_unit', 'state', 'id'], name='case_unit_state_id'),
        ),
        migrations.AddIndex(
            model_name='case',
            index=models.Index(fields=['region', 'state', 'warning'], name='case_region_state_warning',
                               opclasses=['varchar_pattern_ops', '', '']),
        ),
    ]
