"""The exchange template's columns, as data: header, field, type, required, allowed values, help.

The template, the import and the export all read these definitions, so a column added here
appears in all three. Coded columns carry the national codes of C 0102—2018 (models/codes.py);
national code lists display as "代码 名称" (e.g. "01 行政许可"), internal lists by their label.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models

from zwfw.accounts.models import Role

from ..models import (
    AuthoritySource,
    CaseKind,
    FastTrackTag,
    FeeItem,
    HandlingVariant,
    InitiatedBy,
    ItemType,
    ItemVersion,
    LimitUnit,
    Material,
    MaterialRequirement,
    MaterialSource,
    OnlineDepth,
    ProcessStep,
    ServiceItem,
    SharedSource,
    SpecialProcedure,
    SpecialProcedureKind,
    StepKind,
)
from ..models.codes import Audience
from ..models.versions import STEP_ROLES

TEXT, INT, BOOL, CHOICE, MULTI, CODES = "text", "int", "bool", "choice", "multi", "codes"
KIND_LABELS = {TEXT: "文本", INT: "非负整数", BOOL: "是/否", CHOICE: "单选（下拉列表）", MULTI: "多选（用“、”分隔）",
               CODES: "编码（多个用“、”分隔）"}
TRUE_WORDS, FALSE_WORDS = frozenset({"是", "Y", "YES", "TRUE", "1", "√"}), frozenset({"否", "N", "NO", "FALSE", "0"})


def national(choices: type[models.TextChoices]) -> tuple[tuple[str, str], ...]:
    return tuple((value, f"{value} {label}") for value, label in choices.choices)


def plain(choices: type[models.TextChoices]) -> tuple[tuple[str, str], ...]:
    return tuple((value, str(label)) for value, label in choices.choices)


@dataclass(frozen=True)
class Column:
    header: str
    field: str
    kind: str = TEXT
    required: bool = False
    choices: tuple[tuple[str, str], ...] = ()
    help: str = ""
    example: object = None
    max_length: int | None = None
    default: object = None
    width: int = 16

    @property
    def displays(self) -> list[str]:
        return [display for _, display in self.choices]

    def describe(self) -> str:
        return self.help or KIND_LABELS[self.kind]


@dataclass(frozen=True)
class Sheet:
    title: str
    key: str  # "items" or the CHILDREN key of snapshots
    columns: tuple[Column, ...]
    child_model: type[models.Model] | None = None
    intro: str = ""

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.field == name)


def _model_column(model, name: str, *, kind: str = TEXT, choices=(), required: bool | None = None,
                  help: str = "", example=None, width: int | None = None, header: str | None = None) -> Column:
    f = model._meta.get_field(name)
    if required is None:
        required = not f.blank and f.default is models.NOT_PROVIDED and kind not in (BOOL,)
    if f.default is not models.NOT_PROVIDED:
        default = f.default
    else:
        default = "" if isinstance(f, models.CharField | models.TextField) else None
    if callable(default):
        default = default()
    if kind == TEXT and isinstance(f, models.TextField):
        width = width or 40
    return Column(header=header or str(f.verbose_name), field=name, kind=kind, required=required,
                  choices=tuple(choices), help=help, example=example, max_length=getattr(f, "max_length", None),
                  default=default, width=width or (12 if kind in (INT, BOOL) else 16))


KEY_HELP = "本文件内唯一，各子表用它关联事项；导出时为实施编码＋业务办理项编码"
KEY = Column("事项标识", "key", required=True, help=KEY_HELP, example="1151130168236467954000104002000",
             max_length=60, width=34)
POSITION = Column("序号", "position", kind=INT, required=True, help="同一事项内的排列顺序，不得重复", example=1,
                  width=8)

V, SI = ItemVersion, ServiceItem
ITEM_COLUMNS: tuple[Column, ...] = (
    KEY,
    Column("实施主体统一社会信用代码", "department", help="18位（GB 32100-2015）；为空时为导入人所在部门",
           example="115113016823646795", max_length=18, width=22),
    Column("实施主体名称", "department_name", help="仅供核对；实施主体无统一社会信用代码时按名称匹配",
           example="区行政审批局", max_length=100, width=20),
    _model_column(SI, "base_code", required=True, help="12位数字或大写字母（C 0101—2018）", example="000104002000",
                  width=16),
    _model_column(SI, "implementation_code", help="可留空，由实施主体信用代码＋层级＋基本编码生成；填写时须一致",
                  example="1151130168236467954000104002000", width=34),
    _model_column(SI, "sub_code", help="2位数字，主项留空", example=None, width=10),
    _model_column(SI, "local_code", example="511602-XK-0001", width=20),
    Column("主项标识", "parent", help="子项填写其主项的事项标识（本文件内或已有事项）", max_length=60, width=20),
    _model_column(SI, "variant", kind=CHOICE, choices=plain(HandlingVariant)),
    _model_column(V, "name", example="固定资产投资项目节能审查", width=30),
    _model_column(V, "item_type", kind=CHOICE, choices=national(ItemType), required=True, example="01 行政许可"),
    _model_column(V, "initiated_by", kind=CHOICE, choices=plain(InitiatedBy), example="依申请"),
    _model_column(V, "audience", kind=MULTI, choices=national(Audience), example="1 自然人、2 企业法人", width=24),
    Column("服务主题", "themes", kind=CODES, help="主题编码，多个用“、”分隔", width=16),
    _model_column(V, "public_service_content_type"),
    _model_column(V, "authority_source", kind=CHOICE, choices=national(AuthoritySource), example="1 法定本级行使"),
    _model_column(V, "joint_bodies"),
    _model_column(V, "legal_basis", example="《中华人民共和国节约能源法》第十五条"),
    _model_column(V, "conditions", example="申请材料齐全、符合法定形式"),
    _model_column(V, "statutory_limit", kind=INT, help="天数，单位见“法定时限单位”", example=20),
    _model_column(V, "statutory_limit_unit", kind=CHOICE, choices=plain(LimitUnit), example="工作日"),
    _model_column(V, "statutory_limit_note", example="行政许可法第四十二条"),
    _model_column(V, "promised_limit", kind=INT, help="天数；不应长于法定时限", example=5),
    _model_column(V, "promised_limit_unit", kind=CHOICE, choices=plain(LimitUnit), example="工作日"),
    _model_column(V, "promised_limit_note"),
    _model_column(V, "extension_max", kind=INT, help="工作日；空白为 10（行政许可法第四十二条），统一、联合、集中办理为 15",
                  example=10),
    _model_column(V, "case_kind", kind=CHOICE, choices=plain(CaseKind), example="承诺件"),
    _model_column(V, "fee_charged", kind=BOOL, example="否"),
    _model_column(V, "result_type", example="审批文件"),
    _model_column(V, "result_name", example="节能审查意见"),
    _model_column(V, "result_sample"),
    _model_column(V, "handling_form", example="窗口办理、网上办理"),
    _model_column(V, "max_visits", kind=INT, example=1),
    _model_column(V, "visits_reason"),
    _model_column(V, "online_depth", kind=CHOICE, choices=national(OnlineDepth), example="3 Ⅲ级（网上预审、受理，到现场一次）",
                  width=24),
    _model_column(V, "fast_track_tags", kind=MULTI, choices=plain(FastTrackTag), example="网上办、一次办"),
    _model_column(V, "appointment_available", kind=BOOL, example="是"),
    _model_column(V, "online_payment", kind=BOOL),
    _model_column(V, "postal_delivery", kind=BOOL),
    _model_column(V, "kiosk_available", kind=BOOL),
    _model_column(V, "pre_review_offered", kind=BOOL, example="否"),
    _model_column(V, "pre_review_limit", kind=INT, help="工作日；空白为 1（地方政务服务条例）", example=1),
    _model_column(V, "in_person_required", kind=BOOL, help="行政许可法第二十九条：须本人到场的，不得委托代理", example="否"),
    _model_column(V, "area_served"),
    _model_column(V, "address", example="广安区政务服务中心二楼"),
    _model_column(V, "hours"),
    _model_column(V, "consultation_channels"),
    _model_column(V, "complaint_channels"),
    _model_column(V, "review_remedy"),
    _model_column(V, "lawsuit_remedy"),
    _model_column(V, "change_summary", help="为空时记为“Excel导入”", width=24),
)

MATERIAL_COLUMNS = (
    KEY, POSITION,
    _model_column(Material, "name", example="项目节能报告", width=28),
    _model_column(Material, "requirement", kind=CHOICE, choices=plain(MaterialRequirement), example="必要"),
    _model_column(Material, "condition"),
    _model_column(Material, "original_count", kind=INT, example=1),
    _model_column(Material, "copy_count", kind=INT, example=0),
    _model_column(Material, "electronic_accepted", kind=BOOL, example="是"),
    _model_column(Material, "page_format", example="A4"),
    _model_column(Material, "blank_form"),
    _model_column(Material, "sample_form"),
    _model_column(Material, "source", kind=CHOICE, choices=plain(MaterialSource), example="申请人自备"),
    _model_column(Material, "source_note"),
    _model_column(Material, "certificate_library", kind=BOOL, example="否"),
    _model_column(Material, "acceptance_standard"),
    _model_column(Material, "legal_basis"),
    _model_column(Material, "tolerance_allowed", kind=BOOL, example="否"),
    _model_column(Material, "shared_source", kind=CHOICE, choices=plain(SharedSource),
                  help="平台已掌握、可替代本材料的信息（国务院令第716号第七条）；空白为不可替代"),
)
STEP_COLUMNS = (
    KEY, POSITION,
    _model_column(ProcessStep, "name", example="受理"),
    _model_column(ProcessStep, "kind", kind=CHOICE, choices=plain(StepKind), example="受理"),
    _model_column(ProcessStep, "role", example="窗口人员"),
    _model_column(ProcessStep, "performer_role", kind=CHOICE, example="窗口人员",
                  choices=tuple((r.value, str(r.label)) for r in Role if r in STEP_ROLES)),
    _model_column(ProcessStep, "working_days", kind=INT, example=1),
    _model_column(ProcessStep, "joint", kind=BOOL, example="否",
                  help="会签部门在工作台的事项编辑页选择（部门为本平台的组织机构，不随文件交换）"),
    _model_column(ProcessStep, "description", width=30),
)
SPECIAL_COLUMNS = (
    KEY, POSITION,
    _model_column(SpecialProcedure, "kind", kind=CHOICE, choices=plain(SpecialProcedureKind), required=True,
                  example="专家评审"),
    _model_column(SpecialProcedure, "description"),
    _model_column(SpecialProcedure, "duration", kind=INT, required=True, example=10),
    _model_column(SpecialProcedure, "duration_unit", kind=CHOICE, choices=plain(LimitUnit), example="工作日"),
    _model_column(SpecialProcedure, "department_name"),
)
FEE_COLUMNS = (
    KEY, POSITION,
    _model_column(FeeItem, "name", example="不动产登记费"),
    _model_column(FeeItem, "standard", example="住宅类每件80元"),
    _model_column(FeeItem, "basis", example="《关于不动产登记收费标准等有关问题的通知》（发改价格规〔2016〕2559号）"),
    _model_column(FeeItem, "waiver"),
)

ITEM_SHEET = Sheet("事项", "items", ITEM_COLUMNS, intro="每行一个事项（导入后为草稿版本）")
CHILD_SHEETS = (
    Sheet("申请材料", "materials", MATERIAL_COLUMNS, Material, "每行一项材料，按事项标识和序号关联"),
    Sheet("办理环节", "steps", STEP_COLUMNS, ProcessStep, "每行一个办理环节"),
    Sheet("特别程序", "special_procedures", SPECIAL_COLUMNS, SpecialProcedure, "不计入办理时限的特别程序（行政许可法第四十五条）"),
    Sheet("收费项目", "fee_items", FEE_COLUMNS, FeeItem, "每行一个收费项目"),
)
SHEETS = (ITEM_SHEET, *CHILD_SHEETS)
GUIDE_COLUMNS = tuple(c for c in ITEM_COLUMNS if c.field in {f.name for f in ItemVersion._meta.concrete_fields})
IDENTITY_FIELDS = ("key", "department", "department_name", "base_code", "implementation_code", "sub_code",
                   "local_code", "parent", "variant")
