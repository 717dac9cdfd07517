"""办件: one application for one item, from the draft to acceptance (and on, in the processing context).

The national data elements of an application and its acceptance (GB/T 39046—2020 tables 5–6)
are kept as columns, so that a later export is a mapping: 办件编号 `number`, 实施编码
`implementation_code`, 事项名称 `item_name`, 办件类型 `case_kind` (A.6 via `gb_case_kind`),
申请人 `applicant`, 申报来源/办理形式 `channel` (A.5 via `gb_channel`), 申请时间 `received_at`,
行政区划 `region`, 受理单位 `department`, 受理人员 `accepted_by`, 受理时间 `accepted_at`,
受理文书编号 `accept_notice`, 承诺办结时间 `promised_by`.

A case in a final state (办结, 不予受理, 撤回) is sealed by `archived_at` once every document it
is owed has been issued; from then on the database refuses any change to it and to its child
rows (migration 0005_archive_freeze, ADR 0033). `updated_at` is bumped by every change a
receiver of the upward feed must see (`zwfw cases export`, indexed).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from zwfw.catalog.models import CaseKind
from zwfw.core.fields import SealedField, SealedJSONField


class Channel(models.TextChoices):
    """办理渠道; `GB_CHANNEL` maps each to GB/T 39046 code list A.5 (办理形式)."""

    WINDOW = "window", _("窗口")
    PC = "pc", _("电脑端网办")
    MOBILE = "mobile", _("移动端")
    POST = "post", _("快递申请")
    PROXY_POINT = "proxy_point", _("代办点")
    KIOSK = "kiosk", _("自助终端")


# GB/T 39046—2020 A.5: 1 窗口, 2 电脑端网办, 3 移动端, 4 快递申请, 9 其他.
GB_CHANNEL = {Channel.WINDOW: "1", Channel.PC: "2", Channel.MOBILE: "3", Channel.POST: "4",
              Channel.PROXY_POINT: "9", Channel.KIOSK: "9"}
# GB/T 39046—2020 A.6: 1 即办件, 2 承诺件, 9 其他.
GB_CASE_KIND = {CaseKind.IMMEDIATE: "1", CaseKind.PROMISED: "2"}
ONLINE_CHANNELS = frozenset({Channel.PC, Channel.MOBILE})


class CaseStatus(models.TextChoices):
    DRAFT = "draft", _("草稿")
    PRE_REVIEW = "pre_review", _("预审中")
    RECEIVED = "received", _("已收件")
    SUPPLEMENT = "supplement", _("待补正")
    ACCEPTED = "accepted", _("已受理")
    DECIDED = "decided", _("已决定")
    REJECTED = "rejected", _("不予受理")
    CONCLUDED = "concluded", _("已办结")
    WITHDRAWN = "withdrawn", _("已撤回")


class DecisionOutcome(models.TextChoices):
    APPROVE = "approve", _("准予")
    DENY = "deny", _("不予")


class ResultType(models.TextChoices):
    """办结结果类型 (GB/T 39046—2020 表 8 with the provincial conclusion codes, CASES.md): kept as our
    own value and mapped per receiver by the export."""

    APPROVED = "approved", _("准予")
    DENIED = "denied", _("不予")
    RETURNED = "returned", _("退件")
    WITHDRAWN = "withdrawn", _("撤回")
    FORWARDED = "forwarded", _("转报")
    VOIDED = "voided", _("作废")


class Case(models.Model):
    number = models.CharField(_("办件编号"), max_length=50, null=True, blank=True, unique=True)
    query_code = models.CharField(_("查询码"), max_length=6, blank=True)
    status = models.CharField(_("状态"), max_length=12, choices=CaseStatus.choices, default=CaseStatus.DRAFT)
    # Bumped by every action: a page or an API client that read revision N and acts on N+1 is stale.
    revision = models.PositiveIntegerField(_("修订号"), default=1)

    item = models.ForeignKey("catalog.ServiceItem", verbose_name=_("事项"), on_delete=models.PROTECT,
                             related_name="cases")
    version = models.ForeignKey("catalog.ItemVersion", verbose_name=_("事项版本"), on_delete=models.PROTECT,
                                related_name="cases")
    item_name = models.CharField(_("事项名称"), max_length=300)
    implementation_code = models.CharField(_("实施编码"), max_length=40, blank=True)
    case_kind = models.CharField(_("办件类型"), max_length=10, choices=CaseKind.choices, default=CaseKind.PROMISED)

    applicant = models.ForeignKey("accounts.Applicant", verbose_name=_("申请人"), on_delete=models.PROTECT,
                                  related_name="cases")
    # Who acts: the applicant's own account, an enterprise's authorised agent (经办人), a proxy
    # agent (帮办代办) or the clerk at the window. Every act records the actor as well.
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("提交人"), null=True, blank=True,
                                     on_delete=models.PROTECT, related_name="cases_submitted")
    agent = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("经办人"), null=True, blank=True,
                              on_delete=models.PROTECT, related_name="cases_as_agent")
    proxy = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("代办员"), null=True, blank=True,
                              on_delete=models.PROTECT, related_name="cases_as_proxy")
    contact_name = models.CharField(_("联系人"), max_length=60, blank=True)
    contact_phone = SealedField(_("联系电话"), kind="phone")
    form_data = SealedJSONField(_("申请表"))

    channel = models.CharField(_("办理渠道"), max_length=12, choices=Channel.choices)
    region = models.ForeignKey("organizations.Region", verbose_name=_("行政区划"), on_delete=models.PROTECT,
                               related_name="+")
    department = models.ForeignKey("organizations.Department", verbose_name=_("受理单位"), on_delete=models.PROTECT,
                                   related_name="cases")
    service_center = models.ForeignKey("organizations.ServiceCenter", verbose_name=_("受理中心"), null=True,
                                       blank=True, on_delete=models.PROTECT, related_name="cases")
    window = models.ForeignKey("organizations.Window", verbose_name=_("受理窗口"), null=True, blank=True,
                               on_delete=models.PROTECT, related_name="cases")
    service_point = models.ForeignKey("organizations.ServicePoint", verbose_name=_("代办点"), null=True, blank=True,
                                      on_delete=models.PROTECT, related_name="cases")

    created_at = models.DateTimeField(_("创建时间"))
    updated_at = models.DateTimeField(_("更新时间"))
    pre_review_requested_at = models.DateTimeField(_("申请预审时间"), null=True, blank=True)
    pre_review_comment = models.TextField(_("预审意见"), blank=True)
    received_at = models.DateTimeField(_("收件时间"), null=True, blank=True, db_index=True)
    received_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("收件人"), null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="+")
    accepted_at = models.DateTimeField(_("受理时间"), null=True, blank=True)
    accepted_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("受理人员"), null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="+")
    deemed_accepted = models.BooleanField(_("视为受理"), default=False)
    pending_materials = models.BooleanField(_("容缺受理"), default=False)
    promised_by = models.DateField(_("承诺办结日期"), null=True, blank=True)
    accept_notice = models.ForeignKey("documents.OfficialDocument", verbose_name=_("受理通知书"), null=True,
                                      blank=True, on_delete=models.PROTECT, related_name="+")
    rejected_at = models.DateTimeField(_("不予受理时间"), null=True, blank=True)
    rejection_reason = models.TextField(_("不予受理理由"), blank=True)
    refer_to = models.CharField(_("应向其申请的机关"), max_length=200, blank=True)
    # The decision (行政许可法第三十八条): approve or deny, with reasons; the document is issued after
    # commit by the outbox (services/notices.py) and linked here.
    decision = models.CharField(_("决定"), max_length=8, choices=DecisionOutcome.choices, blank=True)
    decision_reasons = models.TextField(_("决定理由"), blank=True)
    decided_at = models.DateTimeField(_("决定时间"), null=True, blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("决定人"), null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="+")
    decision_document = models.ForeignKey("documents.OfficialDocument", verbose_name=_("决定书"), null=True,
                                          blank=True, on_delete=models.PROTECT, related_name="+")
    # 办结 (GB/T 39046—2020 表 8): result type, handler, time; whether the result went by post.
    result_type = models.CharField(_("办结结果类型"), max_length=10, choices=ResultType.choices, blank=True)
    concluded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("办结人"), null=True, blank=True,
                                     on_delete=models.PROTECT, related_name="+")
    result_posted = models.BooleanField(_("是否快递寄送结果"), default=False)
    concluded_at = models.DateTimeField(_("办结时间"), null=True, blank=True)
    result_note = models.TextField(_("办理结果"), blank=True)
    withdrawn_at = models.DateTimeField(_("撤回时间"), null=True, blank=True)
    # 归档封存: set once, when the case is final and nothing is owed to it any more (ADR 0033).
    archived_at = models.DateTimeField(_("归档时间"), null=True, blank=True)

    class Meta:
        ordering = ["-id"]
        verbose_name = _("办件")
        verbose_name_plural = _("办件")
        indexes = [
            models.Index(fields=["status", "department"], name="case_status_dept_idx"),
            models.Index(fields=["status", "service_center"], name="case_status_center_idx"),
            models.Index(fields=["applicant", "status"], name="case_applicant_idx"),
            # The upward feed reads the cases changed since its watermark; the archive sweep the
            # final cases not yet sealed.
            models.Index(fields=["updated_at"], name="case_updated_idx"),
            models.Index(fields=["status", "archived_at"], name="case_status_archived_idx"),
        ]
        constraints = [
            models.CheckConstraint(name="case_numbered_once_received",
                                   condition=models.Q(status__in=["draft", "pre_review"]) | models.Q(number__isnull=False)),
            # 行政许可法第三十八条: no decision without reasons, whatever path wrote it.
            models.CheckConstraint(name="case_decision_has_reasons",
                                   condition=models.Q(decision="") | ~models.Q(decision_reasons="")),
        ]

    def __str__(self) -> str:
        return self.number or gettext("草稿 %(id)s") % {"id": self.pk}

    @property
    def gb_channel(self) -> str:
        return GB_CHANNEL[self.channel]

    @property
    def gb_case_kind(self) -> str:
        return GB_CASE_KIND.get(self.case_kind, "9")

    @property
    def is_online(self) -> bool:
        return self.channel in ONLINE_CHANNELS
