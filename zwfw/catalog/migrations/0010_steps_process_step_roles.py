"""Process steps as data the cases act on: each step's kind, the role whose queue it lands in,
and whether it is a joint step (会签/并联) for another department.

SQLite loses a table's triggers when Django rebuilds it to add a column, so the immutability
triggers (0002, and 0008's for form fields) are dropped for the duration and created again.
While they are down, the rows already there (also of published versions) get the kind and role
their own name and wording imply: new columns filled from what the row said, not a change of
what citizens were shown.
"""

import importlib

import django.db.models.deletion
from django.db import migrations, models

FORM_FIELDS = importlib.import_module("zwfw.catalog.migrations.0008_formspec_form_fields")

# Read from the guide's wording when the new columns are filled (no app code in a migration).
KIND_BY_NAME = (("受理", "accept"), ("收件", "accept"), ("核查", "verify"), ("勘验", "verify"), ("勘察", "verify"),
                ("踏勘", "verify"), ("现场", "verify"), ("审查", "review"), ("审核", "review"), ("初审", "review"),
                ("送达", "deliver"), ("发证", "deliver"), ("发放", "deliver"), ("制证", "certify"),
                ("决定", "decide"), ("审批", "decide"), ("审定", "decide"), ("批准", "decide"), ("签发", "decide"),
                ("办结", "decide"))
ROLE_BY_WORDING = (("窗口", "window_clerk"), ("负责人", "department_head"), ("局长", "department_head"),
                   ("领导", "department_head"), ("审批", "approver"), ("经办", "approver"), ("科", "approver"))
ROLE_BY_KIND = {"accept": "window_clerk", "deliver": "window_clerk", "decide": "department_head"}


def _fill(apps, schema_editor):
    step_model = apps.get_model("catalog", "ProcessStep")
    for step in step_model.objects.all().only("pk", "name", "role"):
        kind = next((k for word, k in KIND_BY_NAME if word in step.name), "other")
        role = next((r for word, r in ROLE_BY_WORDING if word in (step.role or "")), ROLE_BY_KIND.get(kind, "approver"))
        step_model.objects.filter(pk=step.pk).update(kind=kind, performer_role=role)


class Migration(migrations.Migration):

    dependencies = [
        ("catalog", "0009_lead_search_stamp"),
        ("organizations", "0002_point_coordinates"),
    ]

    operations = [
        migrations.RunPython(FORM_FIELDS._frozen("down", form_fields=True), FORM_FIELDS._frozen("up", form_fields=True)),
        migrations.AddField(
            model_name="processstep",
            name="kind",
            field=models.CharField(choices=[("accept", "受理"), ("review", "审查"), ("verify", "现场核查"), ("decide", "决定"), ("certify", "制证"), ("deliver", "送达"), ("other", "其他")], default="other", max_length=10, verbose_name="环节类型"),
        ),
        migrations.AddField(
            model_name="processstep",
            name="performer_role",
            field=models.CharField(blank=True, choices=[("catalog_editor", "事项编辑"), ("catalog_reviewer", "事项审核"), ("window_clerk", "窗口人员"), ("approver", "审批人员"), ("department_head", "部门负责人"), ("supervisor", "电子监察"), ("proxy_agent", "代办员"), ("system_admin", "系统管理员"), ("security_admin", "安全管理员"), ("security_auditor", "安全审计员")], help_text="办件到达本环节时进入哪一角色的待办队列", max_length=32, verbose_name="办理角色"),
        ),
        migrations.AddField(
            model_name="processstep",
            name="joint",
            field=models.BooleanField(default=False, help_text="本环节须送另一部门会签（并联办理），收到其意见后本环节办结", verbose_name="会签环节"),
        ),
        migrations.AddField(
            model_name="processstep",
            name="joint_department",
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name="+", to="organizations.department", verbose_name="会签部门"),
        ),
        migrations.RunPython(_fill, migrations.RunPython.noop),
        migrations.RunPython(FORM_FIELDS._frozen("up", form_fields=True), FORM_FIELDS._frozen("down", form_fields=True)),
    ]
