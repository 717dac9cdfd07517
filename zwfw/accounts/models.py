"""Accounts: staff with roles and scope, citizens and enterprises as applicants, sign-in state."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from zwfw.core.fields import SealedField


class AccountKind(models.TextChoices):
    STAFF = "staff", _("工作人员")
    CITIZEN = "citizen", _("自然人")
    ENTERPRISE = "enterprise", _("法人")


class Role(models.TextChoices):
    CATALOG_EDITOR = "catalog_editor", _("事项编辑")
    CATALOG_REVIEWER = "catalog_reviewer", _("事项审核")
    WINDOW_CLERK = "window_clerk", _("窗口人员")
    APPROVER = "approver", _("审批人员")
    DEPARTMENT_HEAD = "department_head", _("部门负责人")
    SUPERVISOR = "supervisor", _("电子监察")
    PROXY_AGENT = "proxy_agent", _("代办员")
    # Keeps the files of concluded cases (归档); reads archived cases of their department or region.
    ARCHIVIST = "archivist", _("档案管理员")
    # 等保 2.0 三员分立: system administration, security administration and audit are separate.
    SYSTEM_ADMIN = "system_admin", _("系统管理员")
    SECURITY_ADMIN = "security_admin", _("安全管理员")
    SECURITY_AUDITOR = "security_auditor", _("安全审计员")


class User(AbstractUser):
    """Anyone who signs in. Staff carry a scope (department and/or region) and roles."""

    kind = models.CharField(_("账号类型"), max_length=12, choices=AccountKind.choices, default=AccountKind.STAFF)
    full_name = models.CharField(_("姓名"), max_length=60, blank=True)
    phone = SealedField(_("手机号码"), kind="phone")
    phone_digest = models.CharField(max_length=64, blank=True, db_index=True)
    department = models.ForeignKey(
        "organizations.Department", verbose_name=_("所属部门"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="staff",
    )
    region = models.ForeignKey(
        "organizations.Region", verbose_name=_("管辖区划"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="staff",
    )
    service_center = models.ForeignKey(
        "organizations.ServiceCenter", verbose_name=_("驻点中心"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="staff",
    )
    window = models.ForeignKey(
        "organizations.Window", verbose_name=_("窗口"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="staff",
    )
    service_point = models.ForeignKey(
        "organizations.ServicePoint", verbose_name=_("代办点"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="staff",
    )
    password_changed_at = models.DateTimeField(_("密码修改时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("账号")
        verbose_name_plural = _("账号")

    def __str__(self) -> str:
        return self.full_name or self.username

    @property
    def role_set(self) -> frozenset[str]:
        cached = getattr(self, "_role_cache", None)
        if cached is None:
            cached = frozenset(self.role_grants.values_list("role", flat=True)) if self.pk else frozenset()
            self._role_cache = cached
        return cached

    def has_role(self, *roles: str) -> bool:
        return bool(self.role_set.intersection(roles))


class RoleGrant(models.Model):
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="role_grants")
    role = models.CharField(_("角色"), max_length=32, choices=Role.choices)
    granted_at = models.DateTimeField(_("授予时间"))
    granted_by = models.ForeignKey(
        User, verbose_name=_("授予人"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("角色授予")
        verbose_name_plural = _("角色授予")
        constraints = [models.UniqueConstraint(fields=["user", "role"], name="role_grant_unique")]

    def __str__(self) -> str:
        return f"{self.user} · {self.get_role_display()}"


class ApplicantKind(models.TextChoices):
    PERSON = "person", _("自然人")
    ENTERPRISE = "enterprise", _("法人")


class Applicant(models.Model):
    """申请人: a natural person (resident ID number, GB 11643) or a legal person (unified social
    credit code, GB 32100). ID and phone numbers are SM4-encrypted; the digests find them."""

    kind = models.CharField(_("类型"), max_length=12, choices=ApplicantKind.choices)
    name = models.CharField(_("名称"), max_length=120)
    id_number = SealedField(_("身份证号码"), kind="id_number")
    id_number_digest = models.CharField(max_length=64, null=True, blank=True, unique=True)
    credit_code = models.CharField(_("统一社会信用代码"), max_length=18, null=True, blank=True, unique=True)
    legal_representative = models.CharField(_("法定代表人"), max_length=60, blank=True)
    phone = SealedField(_("联系电话"), kind="phone")
    phone_digest = models.CharField(max_length=64, blank=True, db_index=True)
    address = models.CharField(_("地址"), max_length=200, blank=True)
    region = models.ForeignKey(
        "organizations.Region", verbose_name=_("所在区划"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="applicants",
    )
    user = models.OneToOneField(
        User, verbose_name=_("登录账号"), null=True, blank=True, on_delete=models.SET_NULL, related_name="applicant"
    )
    created_at = models.DateTimeField(_("创建时间"))

    class Meta:
        ordering = ["id"]
        verbose_name = _("申请人")
        verbose_name_plural = _("申请人")
        constraints = [
            models.CheckConstraint(
                name="applicant_identifier_by_kind",
                condition=(
                    models.Q(kind="person", id_number_digest__isnull=False, credit_code__isnull=True)
                    | models.Q(kind="enterprise", credit_code__isnull=False)
                ),
            )
        ]

    def __str__(self) -> str:
        return self.name


class ThrottleScope(models.TextChoices):
    ACCOUNT = "account", _("登录名")
    ADDRESS = "address", _("来源地址")
    DEVICE = "device", _("已知设备")


class LoginThrottle(models.Model):
    """Sign-in attempts per account name (known or not, so both get the same answer), per source
    address and per known device. Attempts are counted before the password is judged, in one
    locked step (zwfw.accounts.services.throttle); a success gives its attempt back."""

    username_digest = models.CharField(max_length=64, unique=True)  # keyed digest of scope + subject
    scope = models.CharField(_("类型"), max_length=10, choices=ThrottleScope.choices, default=ThrottleScope.ACCOUNT)
    label = models.CharField(_("对象"), max_length=150, blank=True)  # masked name, or the address
    user = models.ForeignKey(User, verbose_name=_("账号"), null=True, blank=True, on_delete=models.CASCADE,
                             related_name="+")
    failures = models.PositiveIntegerField(default=0)
    window_started_at = models.DateTimeField()
    locked_until = models.DateTimeField(null=True, blank=True)
    lockouts = models.PositiveIntegerField(_("连续锁定次数"), default=0)

    class Meta:
        verbose_name = _("登录失败记录")

    def __str__(self) -> str:
        return f"{self.get_scope_display()} {self.label or self.username_digest[:8]} ×{self.failures}"


class ApiToken(models.Model):
    """A bearer token for the API. Only its keyed SM3 digest is stored; the key is shown once."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("用途"), max_length=60)
    key_digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(_("创建时间"))
    expires_at = models.DateTimeField(_("过期时间"))
    last_used_at = models.DateTimeField(_("最近使用"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("吊销时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("接口令牌")
        verbose_name_plural = _("接口令牌")

    def __str__(self) -> str:
        return f"{self.user} · {self.name}"


class VerificationPurpose(models.TextChoices):
    SIGN_UP = "sign_up", _("注册")
    PASSWORD_RESET = "password_reset", _("找回密码")


class VerificationCode(models.Model):
    """A 6-digit SMS code (短信验证码). Only its keyed SM3 digest is kept for checking; the clear
    code is held SM4-encrypted until the SMS is handed to the gateway, then erased.

    `subject_digest` is what the code is bound to: the phone number (sign-up) or the ID number
    (password reset). A reset asked for an ID number without an account still gets a row, with
    no phone, so that every answer and every rate limit is the same whether or not it exists."""

    purpose = models.CharField(_("用途"), max_length=16, choices=VerificationPurpose.choices)
    subject_digest = models.CharField(max_length=64)
    ip_digest = models.CharField(max_length=64, blank=True, db_index=True)
    phone = SealedField(_("手机号码"), kind="phone")
    code_digest = models.CharField(max_length=64)
    code_sealed = models.TextField(blank=True)
    attempts = models.PositiveSmallIntegerField(_("错误次数"), default=0)
    created_at = models.DateTimeField(_("发送时间"))
    expires_at = models.DateTimeField(_("过期时间"))
    sent_at = models.DateTimeField(_("交付短信网关时间"), null=True, blank=True)
    consumed_at = models.DateTimeField(_("使用时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("短信验证码")
        verbose_name_plural = _("短信验证码")
        indexes = [models.Index(fields=["purpose", "subject_digest", "created_at"], name="verification_subject_idx")]

    def __str__(self) -> str:
        return f"{self.purpose} {self.subject_digest[:8]}…"


class EnterpriseAccount(models.Model):
    """法人账号: an enterprise applicant held by its legal representative's citizen account."""

    applicant = models.OneToOneField(Applicant, verbose_name=_("法人"), on_delete=models.PROTECT,
                                     related_name="enterprise_account")
    representative = models.ForeignKey(User, verbose_name=_("法定代表人账号"), on_delete=models.PROTECT,
                                       related_name="enterprise_accounts")
    opened_at = models.DateTimeField(_("开通时间"))

    class Meta:
        ordering = ["id"]
        verbose_name = _("法人账号")
        verbose_name_plural = _("法人账号")

    def __str__(self) -> str:
        return str(self.applicant)


class AgentAuthorisation(models.Model):
    """经办人授权: the legal representative authorises another citizen account to act for the
    enterprise for one item (or all items, `item` empty) until a date (inclusive), or until revoked."""

    enterprise = models.ForeignKey(Applicant, verbose_name=_("法人"), on_delete=models.PROTECT,
                                   related_name="agent_authorisations")
    agent = models.ForeignKey(User, verbose_name=_("经办人"), on_delete=models.PROTECT,
                              related_name="agent_authorisations")
    item = models.ForeignKey("catalog.ServiceItem", verbose_name=_("授权事项"), null=True, blank=True,
                             on_delete=models.PROTECT, related_name="+")
    valid_until = models.DateField(_("有效期至"))
    granted_by = models.ForeignKey(User, verbose_name=_("授权人"), on_delete=models.PROTECT, related_name="+")
    granted_at = models.DateTimeField(_("授权时间"))
    revoked_at = models.DateTimeField(_("撤销时间"), null=True, blank=True)
    revoked_by = models.ForeignKey(User, verbose_name=_("撤销人"), null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-granted_at", "-id"]
        verbose_name = _("经办人授权")
        verbose_name_plural = _("经办人授权")
        indexes = [models.Index(fields=["agent", "enterprise"], name="agent_auth_agent_idx")]

    def __str__(self) -> str:
        return f"{self.enterprise} → {self.agent}"


class ProxyMandate(models.Model):
    """帮办代办授权: a resident (or enterprise) authorises a proxy agent of a service point to apply
    and follow up for them, for one item (or all, `item` empty) until a date; the signed mandate
    or its scan is the `material` (a private file, purpose "applicant.mandate")."""

    agent = models.ForeignKey(User, verbose_name=_("代办员"), on_delete=models.PROTECT, related_name="proxy_mandates")
    service_point = models.ForeignKey("organizations.ServicePoint", verbose_name=_("代办点"),
                                      on_delete=models.PROTECT, related_name="proxy_mandates")
    applicant = models.ForeignKey(Applicant, verbose_name=_("委托人"), on_delete=models.PROTECT,
                                  related_name="proxy_mandates")
    item = models.ForeignKey("catalog.ServiceItem", verbose_name=_("代办事项"), null=True, blank=True,
                             on_delete=models.PROTECT, related_name="+")
    valid_until = models.DateField(_("有效期至"))
    material = models.ForeignKey("files.StoredFile", verbose_name=_("委托书"), on_delete=models.PROTECT,
                                 related_name="+")
    created_at = models.DateTimeField(_("登记时间"))
    revoked_at = models.DateTimeField(_("撤销时间"), null=True, blank=True)
    revoked_by = models.ForeignKey(User, verbose_name=_("撤销人"), null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("代办授权")
        verbose_name_plural = _("代办授权")
        indexes = [models.Index(fields=["agent", "applicant"], name="proxy_mandate_agent_idx")]

    def __str__(self) -> str:
        return f"{self.agent} ← {self.applicant}"
