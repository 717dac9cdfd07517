"""Complete a guide the source data leaves empty, from the rules in sources/enrichment.json, or —
for the twenty items residents and businesses use most — take the complete guide written for the
demo in sources/guides/guides.json (each citing its laws and articles, marked as demo content).

Limits, visits and online depth vary by item (deterministically from its name), so the demo's
statistics look like a real catalog's instead of every item at exactly 50 % speed-up.
"""

from __future__ import annotations

import hashlib
import json
from functools import cache
from pathlib import Path

from ..models import AUTHORITY_INITIATED_TYPES, CaseKind, InitiatedBy

SOURCES = Path(__file__).resolve().parent.parent / "sources"
RULES_PATH = SOURCES / "enrichment.json"
GUIDES_PATH = SOURCES / "guides" / "guides.json"


@cache
def enrichment_rules() -> dict:
    return json.loads(RULES_PATH.read_text(encoding="utf-8"))


@cache
def curated_guides() -> dict[str, dict]:
    """The complete demo guides by item name (sources/guides/guides.json)."""
    data = json.loads(GUIDES_PATH.read_text(encoding="utf-8"))
    return {g["name"]: {**g, "note": data["note"]} for g in data["guides"]}


def _pick(options: list, name: str, salt: str):
    digest = hashlib.sha256(f"{salt}:{name}".encode()).digest()
    return options[int.from_bytes(digest[:4], "big") % len(options)]


def _steps(template: list[dict], promised: int) -> list[dict]:
    """The template's steps fitted to `promised` working days: the "rest" step (or the longest
    one) takes what the others leave; the others shrink, longest first, when they alone exceed it."""
    steps = [dict(s) for s in template]
    rest = next((i for i, s in enumerate(steps) if s["working_days"] == "rest"), None)
    if rest is None:
        rest = max(range(len(steps)), key=lambda i: steps[i]["working_days"])
    others = [i for i in range(len(steps)) if i != rest]
    while others and sum(steps[i]["working_days"] for i in others) > promised:
        longest = max(others, key=lambda i: steps[i]["working_days"])
        steps[longest]["working_days"] -= 1
    steps[rest]["working_days"] = max(promised - sum(steps[i]["working_days"] for i in others), 0)
    return steps


def audience_for(*, item_type: str, name: str, department: str = "") -> list[str]:
    """服务对象 from the item's name, type and department (rules in enrichment.json)."""
    rules = enrichment_rules()["audience_rules"]
    for rule in rules["keywords"]:
        if any(k in name for k in rule["any"]):
            return list(rule["audience"])
    if department in rules["person_departments"]:
        return ["1"]
    return list(rules["by_type"].get(item_type, ["1", "2"]))


def _varied(fields: dict, rule: dict, name: str) -> None:
    """Promised limit, visits and online depth varied per item, within the law's limit."""
    variation = enrichment_rules()["variation"]
    statutory = fields["statutory_limit"]
    if statutory:
        share = _pick(variation["promised_share_of_statutory"], name, "promised")
        fields["promised_limit"] = max(1, round(statutory * share))
    else:
        fields["promised_limit"] = _pick(variation["promised_without_statutory"], name, "promised")
    fields["online_depth"] = _pick(variation["online_depth"], name, "online")
    # 全程网办 (Ⅳ) means no visit at all (lint rule L03)
    fields["max_visits"] = 0 if fields["online_depth"] == "4" else _pick(variation["max_visits"], name, "visits")
    if fields["max_visits"] == 0 and fields["online_depth"] != "4" and not fields["postal_delivery"]:
        fields["max_visits"] = 1  # no visit needs online handling or postal delivery (L04)
    fields["visits_reason"] = rule["visits_reason"] if fields["max_visits"] else ""
    tags = [t for t in rule["fast_track_tags"] if t not in ("online", "one_visit")]
    if fields["online_depth"] in ("3", "4"):
        tags.append("online")
    if fields["max_visits"] <= 1:
        tags.append("one_visit")
    fields["fast_track_tags"] = tags


def _curated(guide: dict, *, item_type: str, name: str, common: dict) -> tuple[dict, dict]:
    fields = {
        "name": name,
        "item_type": item_type,
        "initiated_by": InitiatedBy.AUTHORITY if item_type in AUTHORITY_INITIATED_TYPES else InitiatedBy.APPLICATION,
        "audience": list(guide["audience"]),
        "legal_basis": guide["legal_basis"],
        "conditions": guide["conditions"],
        "statutory_limit": guide["statutory_limit"],
        "statutory_limit_note": guide["statutory_limit_note"],
        "promised_limit": guide["promised_limit"],
        "promised_limit_note": guide["promised_limit_note"],
        "case_kind": guide["case_kind"],
        "fee_charged": bool(guide.get("fees")),
        "result_type": guide["result_type"],
        "result_name": guide["result_name"],
        "handling_form": "窗口办理、网上办理" if guide["online_depth"] in ("3", "4") else "窗口办理",
        "max_visits": guide["max_visits"],
        "visits_reason": guide["visits_reason"],
        "online_depth": guide["online_depth"],
        "fast_track_tags": list(guide["fast_track_tags"]),
        "appointment_available": True,
        "postal_delivery": guide["postal_delivery"],
        **{k: common[k] for k in ("address", "hours", "consultation_channels", "complaint_channels",
                                  "review_remedy", "lawsuit_remedy")},
        "change_summary": guide["note"] % {"source": guide["source"]},
    }
    children = {"materials": _identity_shared(guide["materials"]), "steps": guide["steps"],
                "special_procedures": guide.get("special_procedures", []), "fee_items": guide.get("fees", [])}
    return fields, children


def _identity_shared(materials: list[dict]) -> list[dict]:
    """The applicant's own ID card is held by the platform (real-name account): mark it 免提交."""
    from ..lint.rules import names_applicants_identity
    from ..models import SharedSource

    return [{**m, "shared_source": SharedSource.APPLICANT_IDENTITY}
            if names_applicants_identity(m["name"]) and not m.get("shared_source") else dict(m) for m in materials]


def demo_guide(*, item_type: str, name: str, department: str = "") -> tuple[dict, dict]:
    """(version fields, {"materials", "steps", "special_procedures", "fee_items"}) of the demo
    guide of an item: the curated one when written, else completed from the rules."""
    guide = curated_guides().get(name)
    if guide is not None:
        fields, children = _curated(guide, item_type=item_type, name=name, common=enrichment_rules()["common"])
        return fields, {k: [dict(row) for row in rows] for k, rows in children.items()}
    fields, materials, steps = enriched_guide(item_type=item_type, name=name, department=department)
    return fields, {"materials": materials, "steps": steps, "special_procedures": [], "fee_items": []}


def enriched_guide(*, item_type: str, name: str, department: str = "") -> tuple[dict, list[dict], list[dict]]:
    """(version fields, materials, steps) of a complete, plausible guide for an item that only
    has a name and a type. Deterministic: the same input gives the same guide."""
    rules = enrichment_rules()
    common, rule = rules["common"], rules["types"][item_type]
    immediate = item_type == "20" and any(k in name for k in rules["immediate_keywords"])
    fields = {
        "name": name,
        "item_type": item_type,
        "initiated_by": InitiatedBy.AUTHORITY if item_type in AUTHORITY_INITIATED_TYPES else InitiatedBy.APPLICATION,
        "audience": audience_for(item_type=item_type, name=name, department=department),
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
    _varied(fields, rule, name)
    if immediate:
        special = rules["immediate"]
        fields.update({k: special[k] for k in ("case_kind", "promised_limit", "promised_limit_note", "max_visits",
                                               "online_depth")})
        fields["fast_track_tags"] = list(special["fast_track_tags"])
        fields["visits_reason"] = ""
        materials, steps = special["materials"], special["steps"]
    return fields, [dict(m) for m in materials], _steps(steps, fields["promised_limit"] or 0)
