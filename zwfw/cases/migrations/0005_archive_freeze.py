"""Archive (ADR 0033): `Case.archived_at` (the seal), the index of the upward feed
(`updated_at`) and of the archive sweep (status, archived_at), and the export batches.

The freeze triggers are not created here: SQLite rebuilds a table to add a column, and a trigger
of another table that names `cases_case` makes that rebuild fail ("error in trigger …: no such
table"), so every later migration touching a frozen table would have to lift them first. Instead
`zwfw/cases/freeze_triggers.py` drops them before `migrate` (SQLite) and installs them for every
table in `zwfw.cases.freeze.FROZEN_CHILDREN` after it (both databases, idempotent) — the
pre_migrate/post_migrate handlers of CasesConfig, as django-pgtrigger installs its triggers.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('accounts', '0005_archive_archivist_role'),
        ('cases', '0004_special_procedures_and_extensions'),
        ('catalog', '0008_formspec_form_fields'),
        ('documents', '0001_official_documents'),
        ('organizations', '0002_point_coordinates'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='CaseExportBatch',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('since', models.DateTimeField(blank=True, null=True, verbose_name='起始水位')),
                ('until', models.DateTimeField(db_index=True, verbose_name='截止水位')),
                ('exported', models.PositiveIntegerField(default=0, verbose_name='导出办件数')),
                ('created_at', models.DateTimeField(verbose_name='导出时间')),
            ],
            options={
                'verbose_name': '办件上报批次',
                'verbose_name_plural': '办件上报批次',
                'ordering': ['-until', '-id'],
            },
        ),
        migrations.AddField(
            model_name='case',
            name='archived_at',
            field=models.DateTimeField(blank=True, null=True, verbose_name='归档时间'),
        ),
        migrations.AddIndex(
            model_name='case',
            index=models.Index(fields=['updated_at'], name='case_updated_idx'),
        ),
        migrations.AddIndex(
            model_name='case',
            index=models.Index(fields=['status', 'archived_at'], name='case_status_archived_idx'),
        ),
        migrations.AddField(
            model_name='caseexportbatch',
            name='created_by',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='操作人'),
        ),
    ]
