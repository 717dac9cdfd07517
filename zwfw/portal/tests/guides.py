"""Published guides for page and browser tests, made through the catalog services (draft →
review → publish), with a second published version, an open draft and an unpublished item."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.core.files.uploadedfile import SimpleUploadedFile

from zwfw.catalog.forms_files import material_file_attach
from zwfw.catalog.models import ItemVersion, ServiceItem, Theme, ThemeAudience, ThemeKind
from zwfw.catalog.services import (
    item_draft_create,
    item_publish,
    item_review_approve,
    item_submit_for_review,
    item_version_create,
    item_version_update,
)

from .network import Network, make_user

NOW = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)
LATER = dt.datetime(2026, 6, 1, 9, 0, tzinfo=dt.UTC)
PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _png() -> bytes:
    import io

    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (4, 4), (255, 255, 255)).save(out, "PNG")
    return out.getvalue()


PNG_BYTES = _png()

MATERIALS = [
    {"name": "户口迁移申请表", "original_count": 1, "source": "applicant", "electronic_accepted": True},
    {"name": "居民身份证", "copy_count": 1, "source": "certificate_library", "certificate_library": True},
    {"name": "结婚证", "requirement": "conditional", "condition": "投靠配偶的", "copy_count": 1,
     "source": "shared_data", "tolerance_allowed": True},
]
STEPS = [
    {"name": "受理", "role": "窗口人员", "working_days": 1, "description": "材料齐全即受理"},
    {"name": "审核", "role": "户籍民警", "working_days": 3},
    {"name": "办结", "role": "派出所所长", "working_days": 1},
]
GUIDE = {
    "legal_basis": "《中华人民共和国户口登记条例》第十条",
    "conditions": "符合本县户口迁移政策的居民",
    "statutory_limit": 20, "statutory_limit_note": "公安部规定",
    "promised_limit": 5,
    "max_visits": 1, "visits_reason": "需核验本人身份",
    "online_depth": "3", "fast_track_tags": ["online", "one_visit"],
    "audience": ["1"], "result_type": "证照", "result_name": "居民户口簿",
    "postal_delivery": True, "appointment_available": True,
    "consultation_channels": "咨询电话 0826-2000201；联系人手机 13912345678",
    "complaint_channels": "12345 政务服务便民热线",
    "review_remedy": "广安区人民政府",
    "lawsuit_remedy": "广安区人民法院",
}


@dataclass
class Guides:
    editor: object
    reviewer: object
    household: ServiceItem  # 户籍迁移登记: v1, v2 published, v3 draft open
    social: ServiceItem  # 社会保险个人权益记录查询: published, charged
    licence: ServiceItem  # 营业执照登记（法人）: published
    hidden: ServiceItem  # 未公开事项: draft only, never published
    household_v1: ItemVersion
    household_v2: ItemVersion
    household_draft: ItemVersion
    theme: Theme
    life_event: Theme


def _publish(version, editor, reviewer, now):
    item_submit_for_review(actor=editor, version=version, now=now)
    item_review_approve(actor=reviewer, version=version, now=now)
    return item_publish(actor=reviewer, version=version, now=now)


def upload(name: str, data: bytes, content_type: str = "application/octet-stream") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type=content_type)


def build_guides(network: Network) -> Guides:
    editor = make_user("guide_editor", "catalog_editor", full_name="编辑甲", department=network.civil)
    reviewer = make_user("guide_reviewer", "catalog_reviewer", full_name="审核乙", region=network.county)
    theme = Theme.objects.create(code="T-HJ", name="户籍办理", kind=ThemeKind.THEME, audience=ThemeAudience.PERSON)
    event = Theme.objects.create(code="E-QY", name="迁居", kind=ThemeKind.LIFE_EVENT, audience=ThemeAudience.PERSON)

    v1 = item_draft_create(actor=editor, department=network.civil, base_code="000107001000", name="户籍迁移登记",
                           item_type="07", fields=dict(GUIDE), materials=[dict(m) for m in MATERIALS],
                           steps=[dict(s) for s in STEPS], now=NOW)
    item_version_update(actor=editor, version=v1, window_ids=[network.window.pk],
                        special_procedures=[{"kind": "public_notice", "duration": 7, "description": "公示七天",
                                             "duration_unit": "natural_days"}], now=NOW)
    first = v1.materials.get(position=0)
    material_file_attach(actor=editor, material=first, kind="blank",
                         uploaded_file=upload("户口迁移申请表.pdf", PDF_BYTES), now=NOW)
    material_file_attach(actor=editor, material=first, kind="sample",
                         uploaded_file=upload("户口迁移申请表（样表）.png", PNG_BYTES), now=NOW)
    v1.themes.set([theme, event])
    ItemVersion.objects.filter(pk=v1.pk).update(effective_on=NOW.date())
    _publish(v1, editor, reviewer, NOW)

    household = v1.item
    v2 = item_version_create(actor=editor, item=household, change_summary="承诺时限缩短", now=LATER)
    item_version_update(actor=editor, version=v2, fields={"promised_limit": 3, "effective_on": LATER.date()}, now=LATER)
    _publish(v2, editor, reviewer, LATER)
    draft = item_version_create(actor=editor, item=household, change_summary="草稿修改", now=LATER)
    item_version_update(actor=editor, version=draft, fields={"name": "户籍迁移登记草稿名称"}, now=LATER)

    social = item_draft_create(actor=editor, department=network.civil, base_code="000120001000",
                               name="社会保险个人权益记录查询", item_type="20",
                               fields={"audience": ["1"], "fee_charged": True, "legal_basis": "《社会保险法》",
                                       "statutory_limit": 10, "promised_limit": 10},
                               steps=[{"name": "受理", "role": "窗口人员", "working_days": 0}], now=NOW)
    item_version_update(actor=editor, version=social, fee_items=[
        {"name": "补卡工本费", "standard": "20元/张", "basis": "川发改价格〔2019〕1号", "waiver": "首次申领免费"}], now=NOW)
    _publish(social, editor, reviewer, NOW)

    licence = item_draft_create(actor=editor, department=network.civil, base_code="000101002000",
                                name="民办非企业单位登记", item_type="01",
                                fields={"audience": ["2", "4"], "statutory_limit": 20, "promised_limit": 10},
                                steps=[dict(s) for s in STEPS], now=NOW)
    _publish(licence, editor, reviewer, NOW)

    hidden = item_draft_create(actor=editor, department=network.civil, base_code="000101003000",
                               name="未公开的登记事项", item_type="01", now=NOW)
    return Guides(editor, reviewer, household, social.item, licence.item, hidden.item, v1, v2, draft, theme, event)
