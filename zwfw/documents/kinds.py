"""The kinds of official document, as data: title, template, number format and legal basis.

The case services issue these; each template is a Django template under
templates/documents/kinds/ rendered with the context the kind lists as required (the service
refuses a context that lacks one, so a notice is never printed with a blank where a date belongs).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class DocumentKind:
    code: str
    title: str
    template: str
    number_kind: str
    legal_basis: str
    required: tuple[str, ...]


# Remedies stated in a refusal (行政许可法第三十八条第二款: the right to reconsideration or
# litigation): 行政复议法（2023 年修订）第二十条 60 days; 行政诉讼法第四十六条 6 months.
REMEDY = {"reconsideration_days": 60, "litigation_months": 6}

ACCEPT_NOTICE = "notice.accept"
REJECT_NOTICE = "notice.reject"
SUPPLEMENT_NOTICE = "notice.supplement"
SPECIAL_PROCEDURE_NOTICE = "notice.special_procedure"
EXTENSION_NOTICE = "notice.extension"
DECISION_APPROVE = "decision.approve"
DECISION_DENY = "decision.deny"
DECISION_OTHER = "decision.other"

_COMMON = ("applicant_name", "item_name", "case_number", "received_on", "contact")

KINDS: dict[str, DocumentKind] = {k.code: k for k in [
    # 行政许可法第三十二条第二款: acceptance or refusal is notified in writing, sealed and dated.
    DocumentKind(ACCEPT_NOTICE, "受理通知书", "documents/kinds/accept_notice.html", ACCEPT_NOTICE,
                 "《中华人民共和国行政许可法》第三十二条",
                 (*_COMMON, "accepted_on", "promised_by", "materials")),
    # 行政许可法第三十二条第一款第（一）（二）项 and 第三十八条第二款 (reasons, remedies).
    DocumentKind(REJECT_NOTICE, "不予受理通知书", "documents/kinds/reject_notice.html", REJECT_NOTICE,
                 "《中华人民共和国行政许可法》第三十二条、第三十八条",
                 (*_COMMON, "reasons", "reconsideration_body", "court")),
    # 行政许可法第三十二条第一款第（四）项: everything missing, told at once (一次性告知).
    DocumentKind(SUPPLEMENT_NOTICE, "补正材料通知书（一次性告知书）", "documents/kinds/supplement_notice.html",
                 SUPPLEMENT_NOTICE, "《中华人民共和国行政许可法》第三十二条",
                 (*_COMMON, "missing", "supplement_by")),
    # 行政许可法第四十五条: the time a special procedure needs is told to the applicant in writing.
    DocumentKind(SPECIAL_PROCEDURE_NOTICE, "特别程序告知书", "documents/kinds/special_procedure_notice.html",
                 SPECIAL_PROCEDURE_NOTICE, "《中华人民共和国行政许可法》第四十五条",
                 (*_COMMON, "procedure_kind", "reason", "started_on", "expected_time", "expected_end_on")),
    # 行政许可法第四十二条第一款: the reason for an extension is told to the applicant.
    DocumentKind(EXTENSION_NOTICE, "延长审批期限告知书", "documents/kinds/extension_notice.html", EXTENSION_NOTICE,
                 "《中华人民共和国行政许可法》第四十二条", (*_COMMON, "reason", "days", "due_after")),
    # 行政许可法第三十八条第一款 (准予) and 第二款 (不予: reasons, reconsideration, litigation). The
    # remedies' bodies and limits come from the case's law (zwfw.cases.law) in the context.
    DocumentKind(DECISION_APPROVE, "准予行政许可决定书", "documents/kinds/decision.html", DECISION_APPROVE,
                 "《中华人民共和国行政许可法》第三十八条第一款、第四十四条",
                 (*_COMMON, "accepted_on", "outcome", "verdict", "reasons")),
    DocumentKind(DECISION_DENY, "不予行政许可决定书", "documents/kinds/decision.html", DECISION_DENY,
                 "《中华人民共和国行政许可法》第三十八条第二款",
                 (*_COMMON, "accepted_on", "outcome", "verdict", "reasons", "reconsideration_body", "reconsideration_days",
                  "court", "litigation_months")),
    # Items that are not 行政许可 (确认, 给付, 公共服务…): one 决定书 for either outcome; a denial
    # states the same remedies (行政复议法第十一条, 行政诉讼法第十二条 cover those acts too).
    DocumentKind(DECISION_OTHER, "决定书", "documents/kinds/decision.html", DECISION_OTHER, "",
                 (*_COMMON, "accepted_on", "outcome", "verdict", "reasons")),
]}
