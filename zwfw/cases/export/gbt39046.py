"""A case in the data elements of GB/T 39046—2020 政务服务平台基础数据规范: 申请 (table 5),
受理 (table 6), 办理 (table 7), 办结 (table 8), with the standard's code lists (A.5 办理形式,
A.6 办件类型, A.7 特别程序种类). Keys are the standard's element names; date-times are written
`YYYYMMDDThhmmss` in China time. One mapping function per table: the processing contexts extend
them (`TABLES`), e.g. 办理 from the case's steps once they exist (today: its timeline).

Personal data: the feed is for the provincial platform, an authorised public body that the
standard asks to receive the applicant's identity number and mobile (table 5), so both go out in
full (ADR 0033); the file is written by an operator and is personal data at rest.
An element the platform does not record yet is written as "" (never guessed).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from zwfw.accounts.models import ApplicantKind
from zwfw.core import clock

from ..models import Case, CaseEvent, CaseStatus

# GB/T 39046—2020 A.5 办理形式 and A.6 办件类型 are kept on the case (models/case.py GB_CHANNEL, GB_CASE_KIND).
CHANNEL_NAMES = {"1": "窗口", "2": "电脑端网办", "3": "移动端", "4": "快递申请", "9": "其他"}
CASE_KIND_NAMES = {"1": "即办件", "2": "承诺件", "9": "其他"}
# A.7 特别程序种类: 1 延长审批, 2 其他 — the special-procedures context maps its finer kinds to these.
SPECIAL_PROCEDURE_CODES = {"extension": "1", "other": "2"}
# Table 7 业务动作: 通过, 退回, 其他 — what each timeline action is, as a step of handling.
ACTION_PASS, ACTION_RETURN, ACTION_OTHER = "通过", "退回", "其他"
BUSINESS_ACTIONS = {"accept": ACTION_PASS, "deem_accept": ACTION_PASS, "pre_review_pass": ACTION_PASS,
                    "settle": ACTION_PASS, "supply": ACTION_PASS,
                    "pre_review_return": ACTION_RETURN, "request_supplement": ACTION_RETURN, "reject": ACTION_RETURN}
# Table 7 环节状态: 1 待办, 2 已办. A timeline entry is a finished act.
STEP_DONE = "2"
# GA/T 2000.156 证件类型: 111 居民身份证. A legal person is identified by its 统一社会信用代码,
# for which that list has no code: the name goes out and each receiver maps it (we read).
ID_TYPES = {ApplicantKind.PERSON: ("111", "居民身份证"), ApplicantKind.ENTERPRISE: ("", "统一社会信用代码")}
# Our own conclusion types, mapped per receiver (CASES.md: provincial feeds differ); the decision
# context adds 准予 / 不予 / 转报 / 作废.
CONCLUSION_TYPES = {CaseStatus.CONCLUDED: ("concluded", "办结"), CaseStatus.REJECTED: ("not_accepted", "不予受理"),
                    CaseStatus.WITHDRAWN: ("withdrawn", "撤回")}
YES, NO = "1", "0"


def gb_datetime(moment: dt.datetime | None) -> str:
    """`YYYYMMDDThhmmss` in China time (GB/T 39046—2020), "" when not recorded."""
    if moment is None:
        return ""
    return moment.astimezone(clock.SHANGHAI).strftime("%Y%m%dT%H%M%S")


def gb_end_of_day(day: dt.date | None) -> str:
    """A date limit (承诺办结时间) as the last moment of that day (we read: the limit runs to its end)."""
    return f"{day:%Y%m%d}T235959" if day else ""


def _person(user) -> str:
    if user is None:
        return "系统"
    return user.full_name or user.get_username()


def _reveal(value) -> str:
    return value.reveal() if value is not None and hasattr(value, "reveal") else (value or "")


def application(case: Case) -> dict[str, Any]:
    """Table 5 申请, with its materials."""
    applicant = case.applicant
    id_code, id_name = ID_TYPES.get(applicant.kind, ("", ""))
    id_number = _reveal(applicant.id_number) if applicant.kind == ApplicantKind.PERSON else (applicant.credit_code or "")
    agent = case.agent or case.proxy
    materials = []
    for material in case.materials.all():
        files = list(material.files.all())
        materials.append({
            "材料名称": material.name,
            "是否收取": YES if material.supplied else NO,
            "收取方式": "、".join(material.forms),
            "收取数量": str(len(files) or (1 if material.supplied else 0)),
            "收取时间": gb_datetime(material.checked_at or (files[-1].added_at if files else None)),
            "附件": [{"文件名": f.stored_file.original_name, "SHA256": f.stored_file.sha256} for f in files],
        })
    return {
        "办件编号": case.number or "",
        "实施编码": case.implementation_code,
        "事项名称": case.item_name,
        "办件类型": case.gb_case_kind,
        "办件类型名称": CASE_KIND_NAMES[case.gb_case_kind],
        "申请人名称": applicant.name,
        "申请人证件类型": id_code,
        "申请人证件类型名称": id_name,
        "申请人证件号码": id_number,
        "联系人/代理人姓名": case.contact_name or (_person(agent) if agent else applicant.name),
        "联系人手机号码": _reveal(case.contact_phone) or _reveal(applicant.phone),
        "邮政编码": "",
        "通讯地址": applicant.address,
        "法定代表人": applicant.legal_representative,
        "申报来源": case.gb_channel,
        "申报来源名称": CHANNEL_NAMES[case.gb_channel],
        "申请时间": gb_datetime(case.received_at),
        "投资项目编号": "",
        "行政区划": case.region_id,
        "材料": materials,
    }


def acceptance(case: Case) -> dict[str, Any] | None:
    """Table 6 受理; None for a case never accepted (refused, withdrawn, or still waiting)."""
    if case.accepted_at is None:
        return None
    department = case.department
    return {
        "办件编号": case.number or "",
        "实施编码": case.implementation_code,
        "事项名称": case.item_name,
        "受理单位": department.name,
        "受理单位统一社会信用代码": department.credit_code or "",
        "受理人员": _person(case.accepted_by),
        "受理时间": gb_datetime(case.accepted_at),
        "受理文书编号": case.accept_notice.number if case.accept_notice_id else "",
        "承诺办结时间": gb_end_of_day(case.promised_by),
        "办件类型": case.gb_case_kind,
        "行政区划": case.region_id,
    }


def handling_from_event(case: Case, event: CaseEvent) -> dict[str, Any]:
    return {
        "业务动作": BUSINESS_ACTIONS.get(event.action, ACTION_OTHER),
        "环节名称": event.label,
        "办理人": _person(event.actor),
        "办理意见": event.note,
        "环节开始时间": gb_datetime(event.at),
        "环节结束时间": gb_datetime(event.at),
        "办理单位": case.department.name,
        "环节状态": STEP_DONE,
    }


def handling(case: Case) -> list[dict[str, Any]]:
    """Table 7 办理: one row per act on the case, in order (from the timeline until the steps
    context records steps); 特别程序 rows come with the special-procedures context."""
    return [handling_from_event(case, e) for e in case.events.all()]


def conclusion(case: Case) -> dict[str, Any] | None:
    """Table 8 办结; None until the case is final."""
    kind = CONCLUSION_TYPES.get(case.status)
    if kind is None:
        return None
    final_event = next((e for e in reversed(list(case.events.all())) if e.status_after == case.status), None)
    at = {CaseStatus.CONCLUDED: case.concluded_at, CaseStatus.REJECTED: case.rejected_at,
          CaseStatus.WITHDRAWN: case.withdrawn_at}[case.status]
    description = {CaseStatus.CONCLUDED: case.result_note, CaseStatus.REJECTED: case.rejection_reason,
                   CaseStatus.WITHDRAWN: final_event.note if final_event else ""}[case.status]
    return {
        "办结人员": _person(final_event.actor) if final_event else "",
        "办结时间": gb_datetime(at),
        "办结结果类型": kind[0],
        "办结结果类型名称": kind[1],
        "办理结果描述": description,
        "结果证照名称": "",
        "结果证照编号": "",
        "证照有效期": "",
        "发证机关": "",
        "是否快递寄送结果": "",
        "是否收费": "",
    }


# The tables of one exported case, in order. The lead/processing contexts replace or extend these.
TABLES: dict[str, Callable[[Case], Any]] = {"申请": application, "受理": acceptance, "办理": handling,
                                            "办结": conclusion}
# What to read alongside each case so a batch costs a few queries, not a few per case.
SELECT_RELATED = ("applicant", "department", "region", "accept_notice", "accepted_by", "agent", "proxy")
PREFETCH = ("events__actor", "materials__files__stored_file")


def case_record(case: Case) -> dict[str, Any]:
    """Every table of `case` (the feed row's body, and the archive package's case facts)."""
    return {name: build(case) for name, build in TABLES.items()}
