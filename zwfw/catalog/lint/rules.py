"""The lint rules. Each takes a version (children prefetched) and yields findings."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from ..models import CaseKind, ItemVersion, MaterialSource, OnlineDepth
from .numbers import first_limit_in_text


@dataclass(frozen=True)
class Finding:
    code: str
    field: str
    message: str


Rule = Callable[[ItemVersion], Iterator[Finding]]


def promised_longer_than_statutory(v: ItemVersion) -> Iterator[Finding]:
    if (v.statutory_limit is not None and v.promised_limit is not None
            and v.statutory_limit_unit == v.promised_limit_unit and v.promised_limit > v.statutory_limit):
        yield Finding("L01", "promised_limit",
                      f"承诺时限（{v.promised_limit}）长于法定时限（{v.statutory_limit}）")


def immediate_over_one_day(v: ItemVersion) -> Iterator[Finding]:
    if v.case_kind == CaseKind.IMMEDIATE and (v.promised_limit or 0) > 1:
        yield Finding("L02", "promised_limit", f"即办件的承诺时限为{v.promised_limit}天，超过1天")


def fully_online_with_visits(v: ItemVersion) -> Iterator[Finding]:
    if v.online_depth == OnlineDepth.LEVEL_4 and (v.max_visits or 0) > 0:
        yield Finding("L03", "max_visits", f"网上办理深度为Ⅳ级（全程网办），但仍需到现场{v.max_visits}次")


def no_visit_without_channel(v: ItemVersion) -> Iterator[Finding]:
    if v.max_visits == 0 and v.online_depth != OnlineDepth.LEVEL_4 and not v.postal_delivery:
        yield Finding("L04", "max_visits", "到现场次数为0，但既不能全程网办也不支持邮寄")


def fee_without_items(v: ItemVersion) -> Iterator[Finding]:
    if not v.fee_charged:
        return
    fees = list(v.fee_items.all())
    if not fees:
        yield Finding("L05", "fee_items", "收费事项未列明收费项目")
    for i, fee in enumerate(fees):
        if not fee.standard.strip() or not fee.basis.strip():
            yield Finding("L05", f"fee_items[{i}]", f"收费项目“{fee.name}”缺少收费标准或收费依据")


def material_available_elsewhere(v: ItemVersion) -> Iterator[Finding]:
    # 《国务院关于加快推进全国一体化在线政务服务平台建设的指导意见》(国发〔2018〕45号): 凡是能通过
    # 网络共享复用的材料，不得要求企业和群众重复提交。
    for i, m in enumerate(v.materials.all()):
        if m.certificate_library and m.source == MaterialSource.APPLICANT:
            yield Finding("L06", f"materials[{i}]", f"材料“{m.name}”可从电子证照库或共享数据获取，仍要求申请人提交")


def missing_legal_basis(v: ItemVersion) -> Iterator[Finding]:
    if not v.legal_basis.strip():
        yield Finding("L07", "legal_basis", "缺少设定依据")


def limit_text_contradicts_number(v: ItemVersion) -> Iterator[Finding]:
    for field, label in (("statutory_limit", "法定"), ("promised_limit", "承诺")):
        number, note = getattr(v, field), getattr(v, f"{field}_note")
        written = first_limit_in_text(note)
        if number is not None and written is not None and written != number:
            yield Finding("L08", field, f"{label}时限为{number}，但说明写的是“{written}”日：“{note[:40]}”")


RULES: tuple[Rule, ...] = (
    promised_longer_than_statutory, immediate_over_one_day, fully_online_with_visits, no_visit_without_channel,
    fee_without_items, material_available_elsewhere, missing_legal_basis, limit_text_contradicts_number,
)


def lint_version(version: ItemVersion) -> list[Finding]:
    return [finding for rule in RULES for finding in rule(version)]
