"""ItemVersion: every element a guide publishes (七公开 and the national element groups).

An item changes only through versions; the status is moved by services.state alone, and a
published version (with its child rows) is refused UPDATE/DELETE by database triggers
(migration 0002)."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from zwfw.accounts.models import Role
from zwfw.calendar.limits import EXTENSION_MAX_DAYS

from .codes import (
    IN_PERSON_BASIS,
    PRE_REVIEW_BASIS,
    PRE_REVIEW_LIMIT_DAYS,
    AuthoritySource,
    CaseKind,
    FormFieldKind,
    InitiatedBy,
    ItemType,
    LimitUnit,
    MaterialRequirement,
    MaterialSource,
    OnlineDepth,
    ProfileSource,
    SharedSource,
    SpecialProcedureKind,
    StepKind,
    VersionStatus,
)


class ItemVersion(models.Model):
    item = models.ForeignKey("catalog.ServiceItem", verbose_name=_("事项"), on_delete=models.PROTECT,
                             related_name="versions")
    number = models.PositiveIntegerField(_("版本号"))
    status = models.CharField(_("状态"), max_length=10, choices=VersionStatus.choices, default=VersionStatus.DRAFT)
    review_step = models.PositiveSmallIntegerField(_("当前审核环节"), default=0)
    change_summary = models.CharField(_("变更说明"), max_length=300, blank=True)
    effective_on = models.DateField(_("生效日期"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("起草人"), null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(_("起草时间"))
    submitted_at = models.DateTimeField(_("提交时间"), null=True, blank=True)
    approved_at = models.DateTimeField(_("审定时间"), null=True, blank=True)
    published_at = models.DateTimeField(_("发布时间"), null=True, blank=True)
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("发布人"), null=True, blank=True,
                                     on_delete=models.SET_NULL, related_name="+")

    # Identity and legal elements
    name = models.CharField(_("事项名称"), max_length=300)
    item_type = models.CharField(_("事项类型"), max_length=2, choices=ItemType.choices)
    initiated_by = models.CharField(_("行使方式"), max_length=12, choices=InitiatedBy.choices,
                                    default=InitiatedBy.APPLICATION)
    audience = models.JSONField(_("服务对象"), default=list, blank=True)
    themes = models.ManyToManyField("catalog.Theme", verbose_name=_("服务主题"), blank=True, related_name="+")
    public_service_content_type = models.CharField(_("公共服务内容类型"), max_length=40, blank=True)
    authority_source = models.CharField(_("权力来源"), max_length=1, choices=AuthoritySource.choices,
                                        default=AuthoritySource.STATUTORY)
    joint_bodies = models.CharField(_("联办机构"), max_length=300, blank=True)
    legal_basis = models.TextField(_("设定依据"), blank=True)
    conditions = models.TextField(_("申报条件"), blank=True)

    # Limits (days, in the given unit). Special procedures are outside the limit.
    statutory_limit = models.PositiveIntegerField(_("法定办结时限"), null=True, blank=True)
    statutory_limit_unit = models.CharField(_("法定时限单位"), max_length=12, choices=LimitUnit.choices,
                                            default=LimitUnit.WORKING_DAYS)
    statutory_limit_note = models.TextField(_("法定时限说明"), blank=True)
    promised_limit = models.PositiveIntegerField(_("承诺办结时限"), null=True, blank=True)
    promised_limit_unit = models.CharField(_("承诺时限单位"), max_length=12, choices=LimitUnit.choices,
                                           default=LimitUnit.WORKING_DAYS)
    promised_limit_note = models.TextField(_("承诺时限说明"), blank=True)
    # 行政许可法第四十二条: how far the head of the organ may extend the limit (10 working days;
    # 15 for 统一办理、联合办理、集中办理). Copied onto every clock started from this version.
    extension_max = models.PositiveSmallIntegerField(
        _("最长延长期限（工作日）"), default=EXTENSION_MAX_DAYS,
        help_text=_("行政许可法第四十二条：经本行政机关负责人批准可延长 10 个工作日；统一办理、联合办理、集中办理的可延长 15 个工作日"),
    )
    case_kind = models.CharField(_("办件类型"), max_length=10, choices=CaseKind.choices, default=CaseKind.PROMISED)

    # Fees and results
    fee_charged = models.BooleanField(_("是否收费"), default=False)
    result_type = models.CharField(_("办理结果类型"), max_length=40, blank=True)
    result_name = models.CharField(_("办理结果名称"), max_length=300, blank=True)
    result_sample = models.CharField(_("结果样本"), max_length=300, blank=True)

    # Delivery
    handling_form = models.CharField(_("办理形式"), max_length=60, blank=True)
    max_visits = models.PositiveSmallIntegerField(_("到办事现场次数"), null=True, blank=True)
    visits_reason = models.CharField(_("必须到现场原因"), max_length=300, blank=True)
    online_depth = models.CharField(_("网上办理深度"), max_length=1, choices=OnlineDepth.choices, blank=True)
    fast_track_tags = models.JSONField(_("四办"), default=list, blank=True)
    appointment_available = models.BooleanField(_("支持预约办理"), default=False)
    online_payment = models.BooleanField(_("支持网上支付"), default=False)
    postal_delivery = models.BooleanField(_("支持物流快递"), default=False)
    kiosk_available = models.BooleanField(_("支持自助终端办理"), default=False)
    # Applying online (issue 8): pre-review before the visit, and whether the applicant must appear
    # in person (then no agent or proxy may apply for them).
    pre_review_offered = models.BooleanField(
        _("提供网上预审"), default=False,
        help_text=_("申请人到现场前，工作人员先在网上审查申请表和材料，并一次性告知需补正的内容"),
    )
    pre_review_limit = models.PositiveSmallIntegerField(
        _("预审时限（工作日）"), default=PRE_REVIEW_LIMIT_DAYS, help_text=PRE_REVIEW_BASIS,
    )
    in_person_required = models.BooleanField(
        _("须由申请人本人到场申请"), default=False,
        help_text=_("%(basis)s：依法应当由申请人到行政机关办公场所提出申请的，不得委托代理人或代办")
        % {"basis": IN_PERSON_BASIS},
    )
    area_served = models.CharField(_("通办范围"), max_length=60, blank=True)
    windows = models.ManyToManyField("organizations.Window", verbose_name=_("办理窗口"), blank=True,
                                     related_name="+")
    address = models.CharField(_("办理地点"), max_length=300, blank=True)
    hours = models.CharField(_("办理时间"), max_length=200, blank=True)
    consultation_channels = models.TextField(_("咨询方式"), blank=True)
    complaint_channels = models.TextField(_("监督投诉方式"), blank=True)
    review_remedy = models.TextField(_("行政复议"), blank=True)
    lawsuit_remedy = models.TextField(_("行政诉讼"), blank=True)

    class Meta:
        ordering = ["item_id", "number"]
        verbose_name = _("事项版本")
        verbose_name_plural = _("事项版本")
        constraints = [
            models.UniqueConstraint(fields=["item", "number"], name="version_number_unique"),
            # At most one version in the making per item: two editors cannot open rival drafts.
            models.UniqueConstraint(
                fields=["item"], condition=~models.Q(status="published"), name="version_one_open_per_item"
            ),
        ]
        indexes = [models.Index(fields=["status", "item_type"], name="version_status_type_idx")]

    def __str__(self) -> str:
        return f"{self.name} v{self.number}"


class VersionChild(models.Model):
    """Rows that belong to one version and are frozen with it."""

    position = models.PositiveSmallIntegerField(_("序号"), default=0)

    class Meta:
        abstract = True
        ordering = ["version_id", "position", "id"]


class Material(VersionChild):
    version = models.ForeignKey(ItemVersion, on_delete=models.CASCADE, related_name="materials")
    name = models.CharField(_("材料名称"), max_length=300)
    requirement = models.CharField(_("必要性"), max_length=12, choices=MaterialRequirement.choices,
                                   default=MaterialRequirement.REQUIRED)
    condition = models.CharField(_("适用情形"), max_length=300, blank=True)
    original_count = models.PositiveSmallIntegerField(_("原件份数"), default=0)
    copy_count = models.PositiveSmallIntegerField(_("复印件份数"), default=0)
    electronic_accepted = models.BooleanField(_("接受电子材料"), default=False)
    page_format = models.CharField(_("纸质规格"), max_length=40, blank=True)
    blank_form = models.CharField(_("空白表格"), max_length=300, blank=True)
    sample_form = models.CharField(_("示例样表"), max_length=300, blank=True)
    source = models.CharField(_("来源渠道"), max_length=24, choices=MaterialSource.choices,
                              default=MaterialSource.APPLICANT)
    source_note = models.CharField(_("来源说明"), max_length=300, blank=True)
    certificate_library = models.BooleanField(_("电子证照库可调取"), default=False)
    acceptance_standard = models.CharField(_("受理标准"), max_length=300, blank=True)
    legal_basis = models.TextField(_("设定依据"), blank=True)
    tolerance_allowed = models.BooleanField(_("允许容缺"), default=False)
    shared_source = models.CharField(
        _("可由共享数据替代"), max_length=24, choices=SharedSource.choices, blank=True,
        help_text=_("平台已掌握的信息可替代本材料时，申请人无需再提交（国务院令第716号第七条）"),
    )

    class Meta(VersionChild.Meta):
        verbose_name = _("申请材料")
        verbose_name_plural = _("申请材料")

    def __str__(self) -> str:
        return self.name


# The roles that handle a case's steps (the others administer, supervise or apply).
STEP_ROLES = frozenset({Role.WINDOW_CLERK, Role.APPROVER, Role.DEPARTMENT_HEAD})


class ProcessStep(VersionChild):
    """One step of the item's process (办理流程). `working_days` is its share of the promised limit;
    a case opened from the version runs one step clock of that many working days per step
    (zwfw.cases.services.steps). `role` is the guide's wording of who handles it; `performer_role`
    is the account role whose queue the step lands in, in the case's department — or, for a
    joint step (会签/并联), answered by `joint_department`."""

    version = models.ForeignKey(ItemVersion, on_delete=models.CASCADE, related_name="steps")
    name = models.CharField(_("环节名称"), max_length=60)
    kind = models.CharField(_("环节类型"), max_length=10, choices=StepKind.choices, default=StepKind.OTHER)
    role = models.CharField(_("办理人员"), max_length=60)
    performer_role = models.CharField(_("办理角色"), max_length=32, choices=Role.choices, blank=True,
                                      help_text=_("办件到达本环节时进入哪一角色的待办队列"))
    working_days = models.PositiveSmallIntegerField(_("时限（工作日）"), default=0)
    joint = models.BooleanField(_("会签环节"), default=False,
                                help_text=_("本环节须送另一部门会签（并联办理），收到其意见后本环节办结"))
    joint_department = models.ForeignKey("organizations.Department", verbose_name=_("会签部门"), null=True,
                                         blank=True, on_delete=models.PROTECT, related_name="+")
    description = models.CharField(_("办理标准"), max_length=300, blank=True)

    class Meta(VersionChild.Meta):
        verbose_name = _("办理环节")
        verbose_name_plural = _("办理环节")

    def __str__(self) -> str:
        return self.name

    def clean(self):
        super().clean()
        if self.joint and self.joint_department_id is None:
            raise ValidationError({"joint_department": _("会签环节须选择会签部门")}, code="joint_department_required")
        if self.performer_role and self.performer_role not in STEP_ROLES:
            raise ValidationError({"performer_role": _("办理角色应为窗口人员、审批人员或部门负责人")}, code="step_role_invalid")
        if not self.joint and self.joint_department_id is not None:
            raise ValidationError({"joint": _("选择了会签部门的环节须标为会签环节")}, code="joint_flag_required")


class SpecialProcedure(VersionChild):
    version = models.ForeignKey(ItemVersion, on_delete=models.CASCADE, related_name="special_procedures")
    kind = models.CharField(_("特别程序种类"), max_length=16, choices=SpecialProcedureKind.choices)
    description = models.TextField(_("特别程序说明"), blank=True)
    duration = models.PositiveIntegerField(_("时限"))
    duration_unit = models.CharField(_("时限单位"), max_length=12, choices=LimitUnit.choices,
                                     default=LimitUnit.WORKING_DAYS)
    department_name = models.CharField(_("实施机构"), max_length=100, blank=True)

    class Meta(VersionChild.Meta):
        verbose_name = _("特别程序")
        verbose_name_plural = _("特别程序")

    def __str__(self) -> str:
        return self.kind


class FeeItem(VersionChild):
    version = models.ForeignKey(ItemVersion, on_delete=models.CASCADE, related_name="fee_items")
    name = models.CharField(_("收费项目"), max_length=200)
    standard = models.CharField(_("收费标准"), max_length=300)
    basis = models.TextField(_("收费依据"))
    waiver = models.CharField(_("减免情形"), max_length=300, blank=True)

    class Meta(VersionChild.Meta):
        verbose_name = _("收费项目")
        verbose_name_plural = _("收费项目")

    def __str__(self) -> str:
        return self.name


KEY_VALIDATOR = RegexValidator(r"^[a-z][a-z0-9_]{0,39}$", _("字段标识须以小写字母开头，只含小写字母、数字和下划线（最长40位）"),
                               code="form_field_key")


class FormField(VersionChild):
    """One field of the item's one-table form (一表式): what an applicant fills in when applying.
    A field with `condition_field` is shown, and required, only when that earlier field has
    `condition_value` (for a multi-choice: contains it). The engine is zwfw.catalog.forms_spec."""

    version = models.ForeignKey(ItemVersion, on_delete=models.CASCADE, related_name="form_fields")
    key = models.CharField(_("字段标识"), max_length=40, validators=[KEY_VALIDATOR])
    label = models.CharField(_("字段名称"), max_length=100)
    kind = models.CharField(_("字段类型"), max_length=16, choices=FormFieldKind.choices, default=FormFieldKind.TEXT)
    required = models.BooleanField(_("必填"), default=False)
    choices = models.JSONField(_("选项"), default=list, blank=True, help_text=_("单选、多选字段的选项，每行一项"))
    help_text = models.CharField(_("填写说明"), max_length=300, blank=True)
    max_length = models.PositiveIntegerField(_("最大长度"), null=True, blank=True)
    min_value = models.BigIntegerField(_("最小值"), null=True, blank=True)
    max_value = models.BigIntegerField(_("最大值"), null=True, blank=True)
    condition_field = models.CharField(_("显示条件：字段"), max_length=40, blank=True,
                                       help_text=_("填写前面某个字段的标识：仅当该字段为下列取值时显示并要求填写本字段"))
    condition_value = models.CharField(_("显示条件：取值"), max_length=100, blank=True)
    profile_default = models.CharField(_("默认取自申请人信息"), max_length=24, choices=ProfileSource.choices,
                                       blank=True)
    section = models.CharField(_("分组"), max_length=60, blank=True)

    class Meta(VersionChild.Meta):
        verbose_name = _("申请表字段")
        verbose_name_plural = _("申请表字段（一表式）")
        constraints = [models.UniqueConstraint(fields=["version", "key"], name="form_field_key_unique")]

    def __str__(self) -> str:
        return self.label


class FormFileKind(models.TextChoices):
    BLANK = "blank", _("空白表格")
    SAMPLE = "sample", _("示例样表")


def form_file_path(instance, filename: str) -> str:
    # Kept for migration 0003, which names it; files now live in the private store (zwfw.files).
    suffix = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"catalog/forms/{instance.sha256[:2]}/{instance.sha256}.{suffix}"


class MaterialFile(models.Model):
    """A downloadable blank form or filled sample attached to a material (七公开: 申报材料).
    The bytes, name and type are the stored file's (zwfw.files); a new version copied from a
    published one points at the same stored file."""

    material = models.ForeignKey(Material, on_delete=models.CASCADE, related_name="files")
    kind = models.CharField(_("类型"), max_length=8, choices=FormFileKind.choices)
    stored_file = models.ForeignKey("files.StoredFile", verbose_name=_("文件"), on_delete=models.PROTECT,
                                    related_name="+")

    class Meta:
        ordering = ["material_id", "kind", "id"]
        verbose_name = _("表格文件")
        verbose_name_plural = _("表格文件")
        constraints = [models.UniqueConstraint(fields=["material", "kind"], name="material_file_one_per_kind")]

    def __str__(self) -> str:
        return self.original_name

    @property
    def original_name(self) -> str:
        return self.stored_file.original_name

    @property
    def sha256(self) -> str:
        return self.stored_file.sha256
