"""Audit events numbered at write and sealed later (ADR 0019).

`seq` becomes the primary key, numbered by the database (an identity) so writers take no lock;
the chain moves to `chain_seq`/`prev_hash`/`hash`, set once by the sealer with HMAC-SM3.
Existing events keep their `seq` and lose their old SM3 chain values (anyone with database access
could recompute those): the sealer seals them first, in `seq` order, into the keyed chain.
The old triggers go first (they would refuse the rewrite); 0005 installs the new ones.
"""

from django.db import migrations, models

GENESIS = "0" * 64

DROP_OLD_TRIGGERS = {
    "sqlite": [
        "DROP TRIGGER IF EXISTS core_auditevent_no_update",
        "DROP TRIGGER IF EXISTS core_auditevent_no_delete",
        "DROP TRIGGER IF EXISTS core_auditchainhead_no_delete",
    ],
    "postgresql": [
        "DROP TRIGGER IF EXISTS core_auditevent_append_only ON core_auditevent",
        "DROP FUNCTION IF EXISTS core_auditevent_refuse()",
        "DROP TRIGGER IF EXISTS core_auditchainhead_no_delete ON core_auditchainhead",
        "DROP FUNCTION IF EXISTS core_auditchainhead_refuse_delete()",
    ],
}


def drop_old_triggers(apps, schema_editor):
    for sql in DROP_OLD_TRIGGERS.get(schema_editor.connection.vendor, []):
        schema_editor.execute(sql)


def continue_numbering(apps, schema_editor):
    """PostgreSQL's new identity starts at 1; make it continue after the existing events."""
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "SELECT setval(pg_get_serial_sequence('core_auditevent', 'seq'), COALESCE(MAX(seq), 0) + 1, false)"
            " FROM core_auditevent"
        )


class Migration(migrations.Migration):
    dependencies = [("core", "0003_audit_chain_head_no_delete")]

    operations = [
        migrations.RunPython(drop_old_triggers, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="auditevent",
            name="hash",
            field=models.CharField(blank=True, default="", max_length=64),
        ),
        migrations.AlterField(
            model_name="auditevent",
            name="prev_hash",
            field=models.CharField(blank=True, default="", max_length=64),
        ),
        migrations.RemoveField(model_name="auditevent", name="id"),
        migrations.AlterField(
            model_name="auditevent",
            name="seq",
            field=models.BigAutoField(primary_key=True, serialize=False, verbose_name="序号"),
        ),
        migrations.RunPython(continue_numbering, migrations.RunPython.noop),
        migrations.AddField(
            model_name="auditevent",
            name="chain_seq",
            field=models.PositiveBigIntegerField(blank=True, null=True, unique=True, verbose_name="链序号"),
        ),
        migrations.AddIndex(
            model_name="auditevent",
            index=models.Index(
                condition=models.Q(("chain_seq__isnull", True)), fields=["seq"], name="audit_unsealed_idx"
            ),
        ),
        migrations.RunSQL(
            [
                "UPDATE core_auditevent SET prev_hash = '', hash = ''",
                ("UPDATE core_auditchainhead SET last_seq = 0, last_hash = %s", [GENESIS]),
            ],
            migrations.RunSQL.noop,
        ),
    ]
