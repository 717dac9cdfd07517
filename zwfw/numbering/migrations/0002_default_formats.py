"""The number formats the case services start with (data; an administrator may change them)."""

from django.db import migrations

FORMATS = [
    # 办件编号: no national structure beyond the length (GB/T 39046-2020 allows an..20 / an..50);
    # 6-digit county code + date + 6-digit sequence = 18 characters.
    ("case", "办件编号", "{区划6}{yymmdd}{seq6}", "year"),
    ("notice.accept", "受理通知书文号", "{机关}〔{yyyy}〕受字第{seq6}号", "year"),
    ("notice.reject", "不予受理通知书文号", "{机关}〔{yyyy}〕不受字第{seq6}号", "year"),
    ("notice.supplement", "补正材料通知书文号", "{机关}〔{yyyy}〕补字第{seq6}号", "year"),
]


def add_formats(apps, schema_editor):
    NumberFormat = apps.get_model("numbering", "NumberFormat")
    for kind, label, pattern, period in FORMATS:
        NumberFormat.objects.get_or_create(kind=kind, defaults={"label": label, "pattern": pattern, "period": period})


def remove_formats(apps, schema_editor):
    apps.get_model("numbering", "NumberFormat").objects.filter(kind__in=[f[0] for f in FORMATS]).delete()


class Migration(migrations.Migration):
    dependencies = [("numbering", "0001_formats_and_sequences")]
    operations = [migrations.RunPython(add_formats, remove_formats)]
