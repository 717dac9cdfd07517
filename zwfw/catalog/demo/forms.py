"""Demo blank forms and filled samples (七公开: 申报材料 “空白表格、示例样表”).

The 广安 source has no form files, so the demo generates real PDF application forms with
WeasyPrint for a handful of items: a blank one and a filled sample (fictitious, already masked
personal data). The items are already published, so each gets a new published version that
carries the files (demo/republish.py); one summary audit event per load. Idempotent: an item
whose current version already has files is left alone.
"""

from __future__ import annotations

from django.conf import settings
from django.db import transaction

from zwfw.core import clock
from zwfw.core.audit import audit_record
from zwfw.documents.rendering import pdf_render
from zwfw.files.services import file_store

from ..forms_files import FORM_FILE, material_file_set
from ..models import FormFileKind, ItemStatus, Material, MaterialFile, MaterialSource, ServiceItem
from .republish import has_open_version, item_republish, reindex

# Which demo items get forms: the first published item whose name contains each keyword
# (frequent items of a county hall), then any further items up to DEMO_FORM_ITEMS. 演示假设.
DEMO_FORM_KEYWORDS = ("户", "婚", "社会保障卡", "营业执照", "食品经营", "建设工程", "医师", "道路运输")
DEMO_FORM_ITEMS = 8
FORM_MATERIAL_HINTS = ("申请", "登记表", "表")
CHANGE_SUMMARY = "演示数据：补充申请表的空白表格和填写示例（系统生成）"
SAMPLE_VALUES = [
    ("申请人姓名", "张三", False), ("证件类型", "居民身份证", False),
    ("证件号码", "511602********1234", False), ("联系电话", "138****0000", False),
    ("联系地址", "四川省广安市广安区示例路1号", False), ("申请事项", "", False),
    ("申请事由", "因工作需要，申请办理本事项。", True), ("所附材料", "见申请材料清单", True),
]


def _form_material(version) -> Material | None:
    materials = [m for m in version.materials.order_by("position", "id") if m.source == MaterialSource.APPLICANT]
    for hint in FORM_MATERIAL_HINTS:
        for material in materials:
            if hint in material.name:
                return material
    return materials[0] if materials else None


def _candidates() -> list[ServiceItem]:
    published = (ServiceItem.objects.filter(status=ItemStatus.ACTIVE, current_version__isnull=False)
                 .select_related("current_version", "department").order_by("id"))
    chosen: dict[int, ServiceItem] = {}
    for keyword in DEMO_FORM_KEYWORDS:
        item = published.filter(current_version__name__contains=keyword).exclude(pk__in=list(chosen)).first()
        if item is not None:
            chosen[item.pk] = item
    for item in published.exclude(pk__in=list(chosen))[: max(DEMO_FORM_ITEMS - len(chosen), 0)]:
        chosen[item.pk] = item
    return list(chosen.values())[:DEMO_FORM_ITEMS]


def demo_form_pdf(*, item_name: str, department_name: str, material_name: str, sample: bool) -> bytes:
    rows = [(label, item_name if label == "申请事项" else value, tall) for label, value, tall in SAMPLE_VALUES]
    return pdf_render("portal/demo_form_print.html", {
        "title": material_name, "material_name": material_name, "item_name": item_name,
        "department_name": department_name, "rows": rows, "sample": sample,
        "platform_name": settings.ZWFW_PLATFORM_NAME,
    })


def _attach(version, now) -> None:
    material = _form_material(version)
    item = version.item
    department = item.department.name if item.department_id else ""
    for kind, sample, suffix in ((FormFileKind.BLANK, False, "空白表格"), (FormFileKind.SAMPLE, True, "填写示例")):
        data = demo_form_pdf(item_name=version.name, department_name=department, material_name=material.name,
                             sample=sample)
        stored = file_store(content=data, purpose=FORM_FILE, name=f"{material.name}（{suffix}）.pdf", owner=material,
                            now=now)
        material_file_set(material=material, kind=kind, stored_file=stored)


def demo_forms_attach(*, actor, now=None) -> dict:
    """Give a handful of published demo items a blank and a sample application form."""
    now = now or clock.now()
    attached, skipped = [], 0
    with transaction.atomic():
        for item in _candidates():
            version = item.current_version
            if MaterialFile.objects.filter(material__version=version).exists():
                skipped += 1
                continue
            if _form_material(version) is None or has_open_version(item):
                continue
            item_republish(item=item, actor=actor, now=now, change_summary=CHANGE_SUMMARY,
                           change=lambda v: _attach(v, now))
            attached.append(item.pk)
        reindex(attached, now=now)
        summary = {"items_with_forms": len(attached), "files": 2 * len(attached), "skipped_existing": skipped}
        if attached:
            audit_record(actor=actor, action="catalog.demo.forms_attach", object_type="catalog.materialfile",
                         object_id="demo", object_repr="演示空白表格和填写示例", changes=summary, now=now)
    return summary
