"""One LimitUnit for the catalog and the clocks, and the extension maximum on the item version.

The catalog stored `working_day` / `natural_day`; the clocks (zwfw.calendar.limits.LimitUnit)
count `working_days` / `natural_days`, and `clock_start` refused the catalog's values. The stored
values are converted here. Published versions are frozen by the triggers of migration 0002,
which refuse exactly this UPDATE (and SQLite loses a table's triggers when Django rebuilds it to
add a column), so they are dropped for the duration and created again from 0002's own SQL.
"""

import importlib

from django.db import migrations, models

FROZEN = importlib.import_module("zwfw.catalog.migrations.0002_published_versions_immutable")
RENAMED = {"working_day": "working_days", "natural_day": "natural_days"}
COLUMNS = [
    ("catalog_itemversion", "statutory_limit_unit"),
    ("catalog_itemversion", "promised_limit_unit"),
    ("catalog_specialprocedure", "duration_unit"),
]


def _frozen(direction):
    """Drop (`down`) or create (`up`) the immutability triggers of migration 0002."""
    statements = {
        "sqlite": {"up": FROZEN._sqlite_up, "down": FROZEN._sqlite_down},
        "postgresql": {"up": FROZEN._postgres_up, "down": FROZEN._postgres_down},
    }

    def run(apps, schema_editor):
        vendor = statements.get(schema_editor.connection.vendor)
        for sql in vendor[direction]() if vendor else []:
            schema_editor.execute(sql)

    return run


def _rename(mapping):
    def run(apps, schema_editor):
        for table, column in COLUMNS:
            for old, new in mapping.items():
                schema_editor.execute(
                    f"UPDATE {table} SET {column} = %s WHERE {column} = %s", [new, old]  # noqa: S608 (constants)
                )

    return run


class Migration(migrations.Migration):

    dependencies = [
        ('catalog', '0005_catalog_search_tiers'),
    ]

    operations = [
        migrations.RunPython(_frozen("down"), _frozen("up")),
        migrations.AddField(
            model_name='itemversion',
            name='extension_max',
            field=models.PositiveSmallIntegerField(default=10, help_text='行政许可法第四十二条：经本行政机关负责人批准可延长 10 个工作日；统一办理、联合办理、集中办理的可延长 15 个工作日', verbose_name='最长延长期限（工作日）'),
        ),
        migrations.AlterField(
            model_name='itemversion',
            name='promised_limit_unit',
            field=models.CharField(choices=[('working_days', '工作日'), ('natural_days', '自然日'), ('hours', '小时')], default='working_days', max_length=12, verbose_name='承诺时限单位'),
        ),
        migrations.AlterField(
            model_name='itemversion',
            name='statutory_limit_unit',
            field=models.CharField(choices=[('working_days', '工作日'), ('natural_days', '自然日'), ('hours', '小时')], default='working_days', max_length=12, verbose_name='法定时限单位'),
        ),
        migrations.AlterField(
            model_name='specialprocedure',
            name='duration_unit',
            field=models.CharField(choices=[('working_days', '工作日'), ('natural_days', '自然日'), ('hours', '小时')], default='working_days', max_length=12, verbose_name='时限单位'),
        ),
        migrations.RunPython(_rename(RENAMED), _rename({new: old for old, new in RENAMED.items()})),
        migrations.RunPython(_frozen("up"), _frozen("down")),
    ]
