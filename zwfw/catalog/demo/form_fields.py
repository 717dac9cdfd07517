"""Demo one-table forms (一表式) for a handful of published demo items, so applying online can be
shown with realistic fields: a food stall filing close to 个体工商户登记 (with pre-review), an
immediate item (即办), relief with 容缺 materials, a disability allowance, a marriage-certificate
reissue that must be applied for in person, and an enterprise investment filing. 演示假设: the
fields follow common provincial application forms; they are not the departments' own.

Each item gets a new published version carrying its form (demo/republish.py); ID-card materials
are marked as supplied from the applicant's verified identity. Idempotent.
"""

from __future__ import annotations

from django.db import transaction

from zwfw.core import clock
from zwfw.core.audit import audit_record

from ..models import (
    CaseKind,
    FormField,
    ItemStatus,
    ItemVersion,
    Material,
    ProcessStep,
    ServiceItem,
    SharedSource,
)
from .republish import has_open_version, item_republish, reindex

CHANGE_SUMMARY = "演示数据：配置网上申请表（一表式）（系统生成）"
ME = "申请人信息"


def f(key, label, kind="text", required=False, **kw) -> dict:
    return {"key": key, "label": label, "kind": kind, "required": required, **kw}


PERSON = [
    f("applicant_name", "申请人姓名", required=True, max_length=50, profile_default="name", section=ME),
    f("applicant_id_number", "公民身份号码", "id_number", True, profile_default="id_number", section=ME),
    f("applicant_phone", "联系电话", "phone", True, profile_default="phone", section=ME),
]
FOOD = "食品经营信息"
DEMO_FORMS = [
    # (name keyword, version flags, fields, materials added to the version's list)
    ("食品小经营店备案发放", {"pre_review_offered": True}, [
        f("operator_type", "经营者类型", "choice", True, choices=["个体工商户", "自然人"], section=ME),
        *PERSON,
        f("business_name", "个体工商户名称", required=True, max_length=100, condition_field="operator_type",
          condition_value="个体工商户", section=ME),
        f("credit_code", "统一社会信用代码", "credit_code", True, condition_field="operator_type",
          condition_value="个体工商户", profile_default="credit_code", section=ME),
        f("premises_region", "经营场所所在区县", "region", True, help_text="行政区划代码，如广安区 511602", section=FOOD),
        f("premises_address", "经营场所详细地址", required=True, max_length=200, section=FOOD),
        f("business_items", "经营项目", "multi_choice", True,
          choices=["预包装食品销售", "散装食品销售", "热食类食品制售", "冷食类食品制售", "自制饮品制售"], section=FOOD),
        f("area", "经营场所面积（平方米）", "number", True, min_value=1, max_value=200, section=FOOD),
        f("staff_count", "从业人员人数", "number", True, min_value=1, max_value=50, section=FOOD),
        f("opening_date", "拟开业日期", "date", section=FOOD),
        f("email", "电子邮箱", "email", help_text="用于接收电子备案凭证（选填）", section=ME),
    ], [{"name": "经营场所使用证明（租赁合同或产权证明）", "copy_count": 1, "electronic_accepted": True,
         "tolerance_allowed": True},
        {"name": "从业人员健康证明", "copy_count": 1, "electronic_accepted": True, "tolerance_allowed": True}]),
    ("老年人优待证", {"case_kind": CaseKind.IMMEDIATE}, [
        *PERSON,
        f("birth_date", "出生日期", "date", True, section=ME),
        f("household_region", "户籍所在地", "region", True, section=ME),
        f("delivery", "领取方式", "choice", True, choices=["窗口领取", "邮寄到家"], section="领取方式"),
        f("postal_address", "邮寄地址", required=True, max_length=200, condition_field="delivery",
          condition_value="邮寄到家", profile_default="address", section="领取方式"),
    ], [{"name": "近期1寸免冠彩色照片", "original_count": 1, "electronic_accepted": True}]),
    ("临时救助", {"pre_review_offered": True}, [
        *PERSON,
        f("household_size", "家庭人口数", "number", True, min_value=1, max_value=20, section="家庭情况"),
        f("monthly_income", "家庭月总收入（元）", "number", True, min_value=0, section="家庭情况"),
        f("reason", "申请救助原因", "choice", True, choices=["因病", "因灾", "因意外事故", "其他"], section="救助事由"),
        f("medical_cost", "自付医疗费用（元）", "number", True, min_value=0, condition_field="reason",
          condition_value="因病", section="救助事由"),
        f("reason_detail", "困难情况说明", "long_text", True, max_length=1000, section="救助事由"),
    ], [{"name": "家庭经济状况证明", "original_count": 1, "tolerance_allowed": True},
        {"name": "医疗费用票据及诊断证明", "requirement": "conditional", "condition": "因病申请的", "copy_count": 1,
         "electronic_accepted": True, "tolerance_allowed": True}]),
    ("重度残疾人护理补贴", {}, [
        *PERSON,
        f("disability_card", "残疾人证号", required=True, max_length=20, section="残疾情况"),
        f("disability_level", "残疾等级", "choice", True, choices=["一级", "二级"], section="残疾情况"),
        f("disability_kinds", "残疾类别", "multi_choice", True,
          choices=["视力", "听力", "言语", "肢体", "智力", "精神"], section="残疾情况"),
        f("bank_account", "补贴发放账号（社保卡金融账户）", required=True, max_length=30, section="发放方式"),
    ], [{"name": "第二代残疾人证", "copy_count": 1, "certificate_library": True, "source": "certificate_library"},
        {"name": "社会保障卡（金融账户）复印件", "copy_count": 1, "electronic_accepted": True, "tolerance_allowed": True}]),
    ("补领结婚证", {"in_person_required": True}, [
        f("man_name", "男方姓名", required=True, max_length=50, section="双方信息"),
        f("man_id_number", "男方公民身份号码", "id_number", True, section="双方信息"),
        f("woman_name", "女方姓名", required=True, max_length=50, section="双方信息"),
        f("woman_id_number", "女方公民身份号码", "id_number", True, section="双方信息"),
        f("registered_on", "原结婚登记日期", "date", True, section="原登记情况"),
        f("registry", "原登记机关", required=True, max_length=100, section="原登记情况"),
        f("reissue_reason", "补领原因", "choice", True, choices=["遗失", "损毁"], section="原登记情况"),
    ], [{"name": "双方户口簿", "original_count": 2},
        {"name": "近期2寸半身免冠合影照片", "original_count": 3}]),
    ("企业投资项目备案", {"pre_review_offered": True}, [
        f("org_name", "项目单位名称", required=True, max_length=100, profile_default="name", section="项目单位"),
        f("org_credit_code", "统一社会信用代码", "credit_code", True, profile_default="credit_code", section="项目单位"),
        f("legal_representative", "法定代表人", required=True, max_length=50, profile_default="legal_representative",
          section="项目单位"),
        f("contact_phone", "联系电话", "phone", True, profile_default="phone", section="项目单位"),
        f("project_name", "项目名称", required=True, max_length=200, section="项目情况"),
        f("project_region", "建设地点", "region", True, section="项目情况"),
        f("nature", "建设性质", "choice", True, choices=["新建", "改建", "扩建", "技术改造"], section="项目情况"),
        f("investment", "总投资（万元）", "number", True, min_value=1, section="项目情况"),
        f("scale", "建设规模及内容", "long_text", True, max_length=2000, section="项目情况"),
        f("start_date", "计划开工时间", "date", section="项目情况"),
    ], []),
]
IDENTITY_WORDS = ("身份证", "身份证明")
# 即办件 (行政许可法第三十四条: 当场作出决定): no limit in days and no step that takes days.
IMMEDIATE = {"promised_limit": 0, "promised_limit_note": "即办件，材料齐全、符合法定形式的当场办结"}


def _find(keyword: str) -> ServiceItem | None:
    return (ServiceItem.objects.filter(status=ItemStatus.ACTIVE, current_version__name__contains=keyword)
            .select_related("current_version").order_by("id").first())


def _configure(version: ItemVersion, flags: dict, fields: list[dict], materials: list[dict]) -> None:
    FormField.objects.bulk_create(FormField(version=version, position=i, **spec) for i, spec in enumerate(fields))
    if flags.get("case_kind") == CaseKind.IMMEDIATE:
        flags = {**flags, **IMMEDIATE}
        ProcessStep.objects.filter(version=version).update(working_days=0)
    if flags:
        ItemVersion.objects.filter(pk=version.pk).update(**flags)
    for material in Material.objects.filter(version=version):
        if any(word in material.name for word in IDENTITY_WORDS):
            Material.objects.filter(pk=material.pk).update(shared_source=SharedSource.APPLICANT_IDENTITY)
    start = Material.objects.filter(version=version).count()
    Material.objects.bulk_create(Material(version=version, position=start + i, **spec)
                                 for i, spec in enumerate(materials))


def demo_form_fields_attach(*, actor, now=None) -> dict:
    """Give the demo items above their one-table form (a new published version each)."""
    now = now or clock.now()
    configured, skipped = [], 0
    with transaction.atomic():
        for keyword, flags, fields, materials in DEMO_FORMS:
            item = _find(keyword)
            if item is None or has_open_version(item):
                continue
            if FormField.objects.filter(version=item.current_version).exists():
                skipped += 1
                continue
            item_republish(item=item, actor=actor, now=now, change_summary=CHANGE_SUMMARY,
                           change=lambda v, fl=flags, fs=fields, ms=materials: _configure(v, fl, fs, ms))
            configured.append(item.pk)
        reindex(configured, now=now)
        summary = {"items_with_forms": len(configured), "skipped_existing": skipped}
        if configured:
            audit_record(actor=actor, action="catalog.demo.form_fields", object_type="catalog.formfield",
                         object_id="demo", object_repr="演示网上申请表（一表式）", changes=summary, now=now)
    return summary
