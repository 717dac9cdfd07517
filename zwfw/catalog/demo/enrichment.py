"""Complete a guide the source data leaves empty, from the rules in sources/enrichment.json."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

from ..models import AUTHORITY_INITIATED_TYPES, CaseKind, InitiatedBy

RULES_PATH = Path(__file__).resolve().parent.parent / "sources" / "enrichment.json"


@cache
def enrichment_rules() -> dict:
    return json.loads(RULES_PATH.read_text(encoding="utf-8"))


def _steps(template: list[dict], promised: int) -> list[dict]:
    fixed = sum(s["working_days"] for s in template if s["working_days"] != "rest")
    return [
        {**s, "working_days": max(promised - fixed, 0) if s["working_days"] == "rest" else s["working_days"]}
        for s in template
    ]


def enriched_guide(*, item_type: str, name: str) -> tuple[dict, list[dict], list[dict]]:
    """(version fields, materials, steps) of a complete, plausible guide for an item that only
    has a name and a type. Deterministic: the same input gives the same guide."""
    rules = enrichment_rules()
    common, rule = rules["common"], rules["types"][item_type]
    immediate = item_type == "20" and any(k in name for k in rules["immediate_keywords"])
    fields = {
        "name": name,
        "item_type": item_type,
        "initiated_by": InitiatedBy.AUTHORITY if item_type in AUTHORITY_INITIATED_TYPES else InitiatedBy.APPLICATION,
        "audience": list(common["audience"]),
        "legal_basis": rule["legal_basis"],
        "conditions": rule["conditions"],
        "statutory_limit": rule["statutory_limit"],
        "statutory_limit_note": rule["statutory_limit_note"],
        "promised_limit": rule["promised_limit"],
        "promised_limit_note": "",
        "case_kind": CaseKind.PROMISED,
        "fee_charged": common["fee_charged"],
        "result_type": rule["result_type"],
        "result_name": rule["result_suffix"],
        "handling_form": "窗口办理、网上办理",
        "max_visits": rule["max_visits"],
        "visits_reason": rule["visits_reason"],
        "online_depth": rule["online_depth"],
        "fast_track_tags": list(rule["fast_track_tags"]),
        "appointment_available": True,
        "postal_delivery": rule.get("postal_delivery", False),
        "address": common["address"],
        "hours": common["hours"],
        "consultation_channels": common["consultation_channels"],
        "complaint_channels": common["complaint_channels"],
        "review_remedy": common["review_remedy"],
        "lawsuit_remedy": common["lawsuit_remedy"],
        "change_summary": rules["change_summary"],
    }
    materials = rule.get("materials", rules["default_materials"])
    steps = rule.get("steps", rules["default_steps"])
    if immediate:
        special = rules["immediate"]
        fields.update({k: special[k] for k in ("case_kind", "promised_limit", "promised_limit_note", "max_visits",
                                               "online_depth")})
        fields["fast_track_tags"] = list(special["fast_track_tags"])
        fields["visits_reason"] = ""
        materials, steps = special["materials"], special["steps"]
    return fields, [dict(m) for m in materials], _steps(steps, fields["promised_limit"] or 0)
