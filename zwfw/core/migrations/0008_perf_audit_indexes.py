"""Fewer indexes on the audit trail (ADR 0019, decision 8): every audited write and every seal
maintained ten; the LIKE indexes of `action` and `object_id` and the single-column `object_id`
index served no query. The database side drops them by name instead of altering the fields: on
SQLite an AlterField rebuilds the table, which would drop the append-only triggers with it."""

from django.db import migrations, models

DROPPED = (
    "core_auditevent_action_b3c9b7a8",
    "core_auditevent_action_b3c9b7a8_like",
    "core_auditevent_object_id_096dfe0c",
    "core_auditevent_object_id_096dfe0c_like",
)


class Migration(migrations.Migration):

    dependencies = [
        ("core", "0007_audit_verification_runs"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="auditevent",
                    name="action",
                    field=models.CharField(max_length=80, verbose_name="操作"),
                ),
                migrations.AlterField(
                    model_name="auditevent",
                    name="object_id",
                    field=models.CharField(blank=True, max_length=64, verbose_name="对象ID"),
                ),
            ],
            database_operations=[
                migrations.RunSQL(
                    [f"DROP INDEX IF EXISTS {name}" for name in DROPPED],
                    reverse_sql=[
                        "CREATE INDEX core_auditevent_action_b3c9b7a8 ON core_auditevent (action)",
                        "CREATE INDEX core_auditevent_object_id_096dfe0c ON core_auditevent (object_id)",
                    ],
                ),
            ],
        ),
        migrations.AddIndex(
            model_name="auditevent",
            index=models.Index(fields=["action"], name="audit_action_idx"),
        ),
    ]
