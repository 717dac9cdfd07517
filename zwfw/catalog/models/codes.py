"""Code lists of the catalog.

The values are the codes of the national element standard for government-service items
(全国一体化在线政务服务平台标准 C 0102—2018《政务服务事项基本目录及实施清单 第2部分：要素要求》,
with the coding rules of C 0101—2018《第1部分：编码要求》). They change only when the standard
changes, so they live in code as TextChoices whose stored values are the standard's codes,
not as an editable table (docs/adr/0011-catalog-versions.md).
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

# The unit of a limit is shared with the clocks that count it: one enum, owned by the calendar.
from zwfw.calendar.limits import LimitUnit  # noqa: F401 (re-exported for the catalog's models)


class ItemType(models.TextChoices):
    """事项类型 (C 0102—2018). Stored value = the national two-digit code."""

    LICENSING = "01", _("行政许可")
    PENALTY = "02", _("行政处罚")
    ENFORCEMENT = "03", _("行政强制")
    LEVY = "04", _("行政征收")
    BENEFIT = "05", _("行政给付")
    INSPECTION = "06", _("行政检查")
    CONFIRMATION = "07", _("行政确认")
    REWARD = "08", _("行政奖励")
    ADJUDICATION = "09", _("行政裁决")
    OTHER = "10", _("其他行政权力")
    PUBLIC_SERVICE = "20", _("公共服务")


# Types exercised on the government's own initiative (依职权); the others are applied for.
AUTHORITY_INITIATED_TYPES = frozenset({ItemType.PENALTY, ItemType.ENFORCEMENT, ItemType.LEVY, ItemType.INSPECTION})


class InitiatedBy(models.TextChoices):
    APPLICATION = "application", _("依申请")
    AUTHORITY = "authority", _("依职权")


class Audience(models.TextChoices):
    """服务对象 (C 0102—2018)."""

    PERSON = "1", _("自然人")
    ENTERPRISE = "2", _("企业法人")
    INSTITUTION = "3", _("事业法人")
    SOCIAL_ORGANISATION = "4", _("社会组织法人")
    UNINCORPORATED = "5", _("非法人企业")
    GOVERNMENT = "6", _("行政机关")
    OTHER = "9", _("其他组织")


class AuthoritySource(models.TextChoices):
    """权力来源 (C 0102—2018)."""

    STATUTORY = "1", _("法定本级行使")
    DEVOLVED = "2", _("上级下放")
    AUTHORISED_BY_HIGHER = "3", _("上级授权")
    AUTHORISED_BY_PEER = "4", _("同级授权")
    ENTRUSTED_BY_HIGHER = "5", _("上级委托")
    ENTRUSTED_BY_PEER = "6", _("同级委托")


class ItemLevel(models.TextChoices):
    """行使层级; the digit is also the level digit of the implementation code (C 0101—2018)."""

    NATIONAL = "1", _("国家级")
    PROVINCE = "2", _("省级")
    CITY = "3", _("市级")
    COUNTY = "4", _("县级")
    TOWN = "5", _("镇（乡、街道）级")
    VILLAGE = "6", _("村（社区）级")


class CatalogLevel(models.TextChoices):
    BASE = "base", _("基本目录")
    IMPLEMENTATION = "implementation", _("实施清单")


class HandlingVariant(models.TextChoices):
    """办理项 of a sub-item."""

    NEW = "new", _("新设")
    CHANGE = "change", _("变更")
    RENEW = "renew", _("延续")
    CANCEL = "cancel", _("注销")


class ItemStatus(models.TextChoices):
    ACTIVE = "active", _("在用")
    CANCELLED = "cancelled", _("已取消")


class CaseKind(models.TextChoices):
    IMMEDIATE = "immediate", _("即办件")
    PROMISED = "promised", _("承诺件")


class OnlineDepth(models.TextChoices):
    """网上办理深度 Ⅰ–Ⅳ; Ⅳ = 全程网办 (no visit)."""

    LEVEL_1 = "1", _("Ⅰ级（网上咨询）")
    LEVEL_2 = "2", _("Ⅱ级（网上预约、下载表格）")
    LEVEL_3 = "3", _("Ⅲ级（网上预审、受理，到现场一次）")
    LEVEL_4 = "4", _("Ⅳ级（全程网办）")


class FastTrackTag(models.TextChoices):
    """四办."""

    AT_ONCE = "at_once", _("马上办")
    ONLINE = "online", _("网上办")
    NEARBY = "nearby", _("就近办")
    ONE_VISIT = "one_visit", _("一次办")


class MaterialSource(models.TextChoices):
    APPLICANT = "applicant", _("申请人自备")
    SHARED_DATA = "shared_data", _("共享获取")
    CERTIFICATE_LIBRARY = "certificate_library", _("电子证照库")
    GOVERNMENT = "government", _("政府部门核发")


class MaterialRequirement(models.TextChoices):
    REQUIRED = "required", _("必要")
    CONDITIONAL = "conditional", _("情形必要")


class SpecialProcedureKind(models.TextChoices):
    """特别程序: time not counted in the limit (行政许可法第四十五条)."""

    HEARING = "hearing", _("听证")
    TENDER = "tender", _("招标")
    AUCTION = "auction", _("拍卖")
    INSPECTION = "inspection", _("检验")
    TESTING = "testing", _("检测")
    QUARANTINE = "quarantine", _("检疫")
    APPRAISAL = "appraisal", _("鉴定")
    EXPERT_REVIEW = "expert_review", _("专家评审")
    PUBLIC_NOTICE = "public_notice", _("公示")
    # 现场勘查: local catalogs list it among the procedures whose time is not counted (not named in
    # 行政许可法第四十五条 itself; an item declares it, with its duration, where its law provides it).
    SITE_SURVEY = "site_survey", _("现场勘查")
    OTHER = "other", _("其他")


class StepKind(models.TextChoices):
    """What a process step (办理环节) does. The case's steps (zwfw.cases) act on it: the `decide`
    step is where the decision is made (with the decision form, not by passing it on), `deliver`
    where the result is handed over, `verify` is substantive on-site verification, which two staff
    carry out (行政许可法第三十四条第三款)."""

    ACCEPT = "accept", _("受理")
    REVIEW = "review", _("审查")
    VERIFY = "verify", _("现场核查")
    DECIDE = "decide", _("决定")
    CERTIFY = "certify", _("制证")
    DELIVER = "deliver", _("送达")
    OTHER = "other", _("其他")


class VersionStatus(models.TextChoices):
    DRAFT = "draft", _("草稿")
    SUBMITTED = "submitted", _("已提交审核")
    REVIEWED = "reviewed", _("审核中")
    RETURNED = "returned", _("已退回")
    APPROVED = "approved", _("已审定")
    PUBLISHED = "published", _("已发布")


class ReviewOutcome(models.TextChoices):
    APPROVE = "approve", _("通过")
    RETURN = "return", _("退回")


class ChangeKind(models.TextChoices):
    CANCEL = "cancel", _("取消")
    DELEGATE = "delegate", _("赋权（下放乡镇）")
    TAKE_OVER = "take_over", _("承接")


class FormFieldKind(models.TextChoices):
    """Kinds of a field of an item's one-table form (一表式申请表)."""

    TEXT = "text", _("单行文本")
    LONG_TEXT = "long_text", _("多行文本")
    NUMBER = "number", _("数字")
    DATE = "date", _("日期")
    CHOICE = "choice", _("单选")
    MULTI_CHOICE = "multi_choice", _("多选")
    REGION = "region", _("行政区划")
    ID_NUMBER = "id_number", _("公民身份号码")
    CREDIT_CODE = "credit_code", _("统一社会信用代码")
    PHONE = "phone", _("联系电话")
    EMAIL = "email", _("电子邮箱")


CHOICE_KINDS = frozenset({FormFieldKind.CHOICE, FormFieldKind.MULTI_CHOICE})


class ProfileSource(models.TextChoices):
    """What of the applicant's own profile (实名信息) a form field is filled with by default."""

    NAME = "name", _("申请人姓名/名称")
    ID_NUMBER = "id_number", _("公民身份号码")
    PHONE = "phone", _("手机号码")
    ADDRESS = "address", _("联系地址")
    CREDIT_CODE = "credit_code", _("统一社会信用代码")
    LEGAL_REPRESENTATIVE = "legal_representative", _("法定代表人")


class SharedSource(models.TextChoices):
    """What the platform already holds that can stand for a material, so it is not asked for
    again (国务院令第716号《国务院关于在线政务服务的若干规定》第七条; 国发〔2018〕27号)."""

    APPLICANT_IDENTITY = "applicant_identity", _("申请人实名身份信息（身份证件）")
    ENTERPRISE_REGISTRATION = "enterprise_registration", _("法人登记信息（营业执照）")
    PLATFORM_CERTIFICATE = "platform_certificate", _("本平台核发的证照、批文")


# 网上预审 (online pre-review before the visit): a local rule, e.g. 《安阳市政务服务条例》 and similar
# municipal 政务服务条例, requires staff to decide on a pre-review within 1 working day. Kept as the
# default of ItemVersion.pre_review_limit so a region with another rule changes data, not code.
PRE_REVIEW_LIMIT_DAYS = 1
PRE_REVIEW_BASIS = "地方政务服务条例（如《安阳市政务服务条例》）：网上预审在1个工作日内作出"
# 行政许可法第二十九条第二款: 申请人可以委托代理人提出行政许可申请；但依法应当由申请人到行政机关
# 办公场所提出行政许可申请的除外.
IN_PERSON_BASIS = "《中华人民共和国行政许可法》第二十九条"
