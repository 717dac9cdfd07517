"""The lint rules. Each takes a version (children prefetched) and yields findings."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from ..models import CaseKind, ItemVersion, LimitUnit, MaterialSource, OnlineDepth
from .numbers import first_limit_in_text


@dataclass(frozen=True)
class Finding:
    code: str
    field: str
    message: str


Rule = Callable[[ItemVersion], Iterator[Finding]]


@dataclass(frozen=True)
class RuleInfo:
    """What a rule checks and the law or standard it comes from (listed on the lint page)."""

    code: str
    title: str
    source: str


# Sources cited by the limit rules.
LICENSING_LIMIT = "《中华人民共和国行政许可法》第四十二条（行政许可决定期限）"
STANDARD_GUIDE = "《优化营商环境条例》第三十五条（编制并公开标准化办事指南，细化量化办理时限）"


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


def _in_working_days(days, unit) -> int | None:
    return days if days is not None and unit == LimitUnit.WORKING_DAYS else None


def _steps(v: ItemVersion) -> list:
    return list(v.steps.all())


def steps_exceed_promised(v: ItemVersion) -> Iterator[Finding]:
    promised = _in_working_days(v.promised_limit, v.promised_limit_unit)
    total = sum(s.working_days for s in _steps(v))
    if promised is not None and total > promised:
        yield Finding("L09", "steps", f"各环节时限合计{total}个工作日，超过承诺时限{promised}个工作日")


def steps_exceed_statutory(v: ItemVersion) -> Iterator[Finding]:
    statutory = _in_working_days(v.statutory_limit, v.statutory_limit_unit)
    total = sum(s.working_days for s in _steps(v))
    if statutory is not None and total > statutory:
        yield Finding("L10", "steps", f"各环节时限合计{total}个工作日，超过法定时限{statutory}个工作日")


def step_longer_than_whole(v: ItemVersion) -> Iterator[Finding]:
    promised = _in_working_days(v.promised_limit, v.promised_limit_unit)
    if promised is None:
        return
    for i, step in enumerate(_steps(v)):
        if step.working_days > promised:
            yield Finding("L11", f"steps[{i}]",
                          f"环节“{step.name}”时限{step.working_days}个工作日，长于整个事项的承诺时限{promised}个工作日")


def immediate_with_step_days(v: ItemVersion) -> Iterator[Finding]:
    if v.case_kind != CaseKind.IMMEDIATE:
        return
    for i, step in enumerate(_steps(v)):
        if step.working_days > 0:
            yield Finding("L12", f"steps[{i}]", f"即办件的环节“{step.name}”却需{step.working_days}个工作日")


def promised_without_days(v: ItemVersion) -> Iterator[Finding]:
    if v.case_kind == CaseKind.PROMISED and v.promised_limit == 0:
        yield Finding("L13", "promised_limit", "承诺件的承诺时限为0（即办），请改为即办件或填写承诺时限")


def form_structure(v: ItemVersion) -> Iterator[Finding]:
    # Saving a draft refuses these; versions loaded in bulk or published before the check still
    # may have them, and an applicant could not fill such a form in.
    from ..forms_spec import FieldSpec, form_structure_errors

    rows = sorted(v.form_fields.all(), key=lambda r: (r.position, r.pk))
    for i, (attr, _code, message) in form_structure_errors([FieldSpec.from_row(r) for r in rows]).items():
        yield Finding("L14", f"form_fields[{i}].{attr}", f"申请表字段“{rows[i].label}”：{message}")


def pre_review_without_online(v: ItemVersion) -> Iterator[Finding]:
    if v.pre_review_offered and v.online_depth in ("", OnlineDepth.LEVEL_1, OnlineDepth.LEVEL_2):
        yield Finding("L15", "pre_review_offered", "提供网上预审，但网上办理深度低于Ⅲ级（网上预审、受理）")


IDENTITY_MATERIAL_WORDS = ("身份证", "身份证明")
# A material naming someone else's identity document (a guardian's, a spouse's, an agent's) is not
# the applicant's own: the platform's real-name record cannot stand for it.
OTHER_PERSON_WORDS = ("监护人", "代理人", "委托人", "受托人", "经办人", "配偶", "父母", "父亲", "母亲", "子女", "被",
                      "夫妻", "双方", "家庭成员", "共同")


def names_applicants_identity(name: str) -> bool:
    """Whether a material is the applicant's own identity document (国务院令第716号第七条)."""
    return any(w in name for w in IDENTITY_MATERIAL_WORDS) and not any(w in name for w in OTHER_PERSON_WORDS)


def identity_material_not_shared(v: ItemVersion) -> Iterator[Finding]:
    # The platform holds the applicant's verified identity (实名认证): an ID card copy is not asked
    # for again (国务院令第716号第七条).
    for i, m in enumerate(v.materials.all()):
        if (names_applicants_identity(m.name) and m.source == MaterialSource.APPLICANT
                and not m.shared_source and not m.certificate_library):
            yield Finding("L16", f"materials[{i}]", f"材料“{m.name}”可由平台实名身份信息替代，未标注“可由共享数据替代”")


def in_person_without_visit(v: ItemVersion) -> Iterator[Finding]:
    if v.in_person_required and (v.online_depth == OnlineDepth.LEVEL_4 or v.max_visits == 0):
        yield Finding("L17", "in_person_required", "须由申请人本人到场申请，但标注为全程网办或到现场0次")


RULES: tuple[Rule, ...] = (
    promised_longer_than_statutory, immediate_over_one_day, fully_online_with_visits, no_visit_without_channel,
    fee_without_items, material_available_elsewhere, missing_legal_basis, limit_text_contradicts_number,
    steps_exceed_promised, steps_exceed_statutory, step_longer_than_whole, immediate_with_step_days,
    promised_without_days, form_structure, pre_review_without_online, identity_material_not_shared,
    in_person_without_visit,
)

RULE_INFO: tuple[RuleInfo, ...] = (
    RuleInfo("L01", "承诺时限不得长于法定时限", LICENSING_LIMIT),
    RuleInfo("L02", "即办件当场或当日办结", "《中华人民共和国行政许可法》第三十四条（能够当场作出决定的，应当当场作出书面决定）"),
    RuleInfo("L03", "全程网办事项无需到现场", "《国务院关于在线政务服务的若干规定》（国务院令第716号）"),
    RuleInfo("L04", "零跑动须有网办或邮寄渠道", "《国务院关于在线政务服务的若干规定》（国务院令第716号）"),
    RuleInfo("L05", "收费须列明收费项目、标准和依据", "《中华人民共和国行政许可法》第五十九条（按照公布的法定项目和标准收费）"),
    RuleInfo("L06", "可共享获取的材料不得要求重复提交",
             "《国务院关于加快推进全国一体化在线政务服务平台建设的指导意见》（国发〔2018〕27号）"),
    RuleInfo("L07", "须写明设定依据", "《中华人民共和国行政许可法》第三十条（公示依据、条件、数量、程序、期限）"),
    RuleInfo("L08", "时限说明与时限数字一致", STANDARD_GUIDE),
    RuleInfo("L09", "各环节时限之和不超过承诺时限", STANDARD_GUIDE),
    RuleInfo("L10", "各环节时限之和不超过法定时限", LICENSING_LIMIT),
    RuleInfo("L11", "单个环节时限不长于整个事项的承诺时限", STANDARD_GUIDE),
    RuleInfo("L12", "即办件各环节不另计工作日", "《中华人民共和国行政许可法》第三十四条"),
    RuleInfo("L13", "承诺件须有承诺时限", STANDARD_GUIDE),
    RuleInfo("L14", "申请表字段完整可填（条件字段存在、选择题有选项、标识不重复）",
             "《国务院关于在线政务服务的若干规定》（国务院令第716号）第六条（一网通办，在线填报）"),
    RuleInfo("L15", "提供网上预审须能在网上提交申请", "《国务院关于在线政务服务的若干规定》（国务院令第716号）"),
    RuleInfo("L16", "平台已有的身份信息不再要求提交", "《国务院关于在线政务服务的若干规定》（国务院令第716号）第七条"),
    RuleInfo("L17", "须本人到场的事项不能标为零跑动", "《中华人民共和国行政许可法》第二十九条"),
)


def lint_version(version: ItemVersion) -> list[Finding]:
    return [finding for rule in RULES for finding in rule(version)]
