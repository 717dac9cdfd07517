"""Realistic contexts of the notices the case services will issue (fictitious people)."""

from __future__ import annotations

import datetime as dt

APPLICANT = "张小梅"
CONTACT = "广安区政务服务中心 3 号综合窗口，电话 0826-2000201"
COMMON = {"applicant_name": APPLICANT, "item_name": "户籍迁移登记", "case_number": "511602261127000045",
          "received_on": dt.date(2026, 11, 27), "contact": CONTACT}

CONTEXTS = {
    "notice.accept": {
        **COMMON, "accepted_on": dt.date(2026, 11, 27), "promised_by": dt.date(2026, 12, 2), "query_code": "503817",
        "materials": [{"name": "户口迁移申请表", "count": 1, "form": "原件"},
                      {"name": "居民身份证", "count": 1, "form": "复印件"},
                      {"name": "结婚证", "count": 1, "form": "复印件"}],
    },
    "notice.reject": {
        **COMMON, "reasons": "申请迁入地不属于本区管辖范围，依法不属于本机关职权范围。",
        "redirect_to": "广安市前锋区公安分局户政窗口", "reconsideration_body": "广安市广安区人民政府",
        "court": "广安市广安区人民法院",
    },
    "notice.supplement": {
        **COMMON, "supplement_by": dt.date(2026, 12, 11),
        "missing": [{"name": "结婚证", "requirement": "提供原件及复印件各一份，复印件须清晰完整"},
                    {"name": "户口迁移申请表", "requirement": "申请人签名处未签名，请签名后重新提交"}],
    },
}
TEXTS = {
    "notice.accept": ["受理通知书", "决定予以受理", "2026年12月2日", "户口迁移申请表", "503817"],
    "notice.reject": ["不予受理通知书", "不予受理", "广安市前锋区公安分局户政窗口", "60日内", "6个月内",
                      "广安市广安区人民法院"],
    "notice.supplement": ["补正材料通知书", "一次性告知", "结婚证", "申请人签名处未签名", "2026年12月11日"],
}
