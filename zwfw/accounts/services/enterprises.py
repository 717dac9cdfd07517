"""Enterprise accounts (法人账号) and their agents (经办人).

The legal representative opens the account with their own citizen account and the enterprise's
unified social credit code (GB 32100), then authorises other citizen accounts — found by ID
number and name — per item or for all items, until a date, and may revoke at any time. Only the
representative authorises; an agent cannot pass the authority on.

The local platform cannot check that the signer is really the legal representative (that is the
market regulator's register); the provincial identity provider will vouch for it (ADR 0007).
"""

from __future__ import annotations

import datetime as dt

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from zwfw.core import clock
from zwfw.core.audit import audit_record
from zwfw.core.errors import Conflict, NotFound, PermissionDenied, StateError, ValidationFailed
from zwfw.core.masking import mask_id_number

from ..models import (
    AccountKind,
    AgentAuthorisation,
    Applicant,
    ApplicantKind,
    EnterpriseAccount,
    User,
)
from ..validation import credit_code_validate, id_number_validate
from ._common import collect, id_number_digest, item_published, raise_if
from .applicants import _name


def _require_citizen(actor: User) -> None:
    if not (actor and actor.is_authenticated and actor.is_active and actor.kind == AccountKind.CITIZEN):
        raise PermissionDenied(_("请使用个人账号登录后办理。"))


def enterprise_account_open(
    *, actor: User, name: str, credit_code: str, now: dt.datetime | None = None,
) -> EnterpriseAccount:
    """The legal representative opens the enterprise's account. An enterprise already registered
    at a window is taken over when it has no account yet and its recorded legal representative (if
    any) is the actor."""
    now = now or clock.now()
    _require_citizen(actor)
    errors: dict[str, list[str]] = {}
    name = _name(errors, name)
    code = collect(errors, credit_code_validate, credit_code)
    raise_if(errors)
    with transaction.atomic():
        applicant = Applicant.objects.select_for_update().filter(credit_code=code).first()
        if applicant is not None:
            if EnterpriseAccount.objects.filter(applicant=applicant).exists():
                message = _("该统一社会信用代码已开通法人账号。")
                raise Conflict(message, code="enterprise_account_exists", field_errors={"credit_code": [message]})
            if applicant.legal_representative and applicant.legal_representative != actor.full_name:
                message = _("该企业登记的法定代表人与您的姓名不一致。")
                raise Conflict(message, code="legal_representative_mismatch",
                               field_errors={"credit_code": [message]})
        else:
            applicant = Applicant.objects.create(
                kind=ApplicantKind.ENTERPRISE, name=name, credit_code=code,
                legal_representative=actor.full_name[:60], created_at=now,
            )
            audit_record(actor=actor, action="applicant.register", target=applicant, now=now, changes={
                "kind": applicant.kind, "name": name, "credit_code": code, "channel": "portal"})
        try:
            with transaction.atomic():
                account = EnterpriseAccount.objects.create(applicant=applicant, representative=actor, opened_at=now)
        except IntegrityError:
            message = _("该统一社会信用代码已开通法人账号。")
            raise Conflict(message, code="enterprise_account_exists",
                           field_errors={"credit_code": [message]}) from None
        audit_record(actor=actor, action="enterprise_account.open", target=applicant, now=now,
                     changes={"credit_code": code, "representative": actor.pk})
    return account


def _held(actor: User, enterprise: Applicant) -> EnterpriseAccount:
    """The enterprise's account, locked, when `actor` is its legal representative; else NotFound."""
    account = (EnterpriseAccount.objects.select_for_update()
               .filter(applicant=enterprise, representative=actor).first())
    if account is None:
        raise NotFound()
    return account


def _local_date(now: dt.datetime) -> dt.date:
    return timezone.localtime(now).date()


def agent_authorise(
    *, actor: User, enterprise: Applicant, agent_id_number: str, agent_name: str, valid_until: dt.date,
    item=None, now: dt.datetime | None = None,
) -> AgentAuthorisation:
    """Authorise a citizen account as the enterprise's agent for `item` (None: all items) until
    `valid_until` (inclusive). The agent is identified by ID number and name; a wrong pair or a
    person without an account gets one answer."""
    now = now or clock.now()
    _require_citizen(actor)
    errors: dict[str, list[str]] = {}
    number = collect(errors, id_number_validate, agent_id_number, field="agent_id_number")
    agent_name = (agent_name or "").strip()
    if not agent_name:
        errors["agent_name"] = [_("请填写经办人姓名。")]
    if not isinstance(valid_until, dt.date):
        errors["valid_until"] = [_("请填写授权有效期。")]
    elif valid_until < _local_date(now):
        errors["valid_until"] = [_("授权有效期不能早于今天。")]
    if item is not None and not item_published(item):
        errors["item"] = [_("该事项尚未发布，不能授权。")]
    raise_if(errors)
    with transaction.atomic():
        account = _held(actor, enterprise)
        agent = (User.objects.filter(kind=AccountKind.CITIZEN, is_active=True, full_name=agent_name,
                                     applicant__id_number_digest=id_number_digest(number)).first())
        if agent is None:
            raise ValidationFailed.on("agent_id_number", _("未找到姓名与身份证号码相符的个人账号，请经办人先注册。"),
                                      code="agent_not_found")
        if agent.pk == account.representative_id:
            raise ValidationFailed.on("agent_id_number", _("法定代表人无需授权自己。"), code="agent_is_representative")
        same = AgentAuthorisation.objects.filter(enterprise=enterprise, agent=agent, item=item,
                                                 revoked_at__isnull=True, valid_until__gte=_local_date(now))
        if same.exists():
            raise Conflict(_("该经办人已有此事项的有效授权，如需变更请先撤销。"), code="authorisation_exists")
        grant = AgentAuthorisation.objects.create(enterprise=enterprise, agent=agent, item=item,
                                                  valid_until=valid_until, granted_by=actor, granted_at=now)
        audit_record(actor=actor, action="agent.authorise", target=grant, now=now, changes={
            "enterprise": enterprise.pk, "agent": agent.pk, "agent_id_number": mask_id_number(number),
            "item": getattr(item, "pk", None), "valid_until": valid_until.isoformat()})
    return grant


def agent_authorisation_revoke(
    *, actor: User, authorisation: AgentAuthorisation, now: dt.datetime | None = None,
) -> AgentAuthorisation:
    """The legal representative withdraws an authorisation; it stops at once."""
    now = now or clock.now()
    _require_citizen(actor)
    with transaction.atomic():
        _held(actor, authorisation.enterprise)
        if not AgentAuthorisation.objects.filter(pk=authorisation.pk, revoked_at__isnull=True).update(
                revoked_at=now, revoked_by=actor):
            raise StateError(_("该授权已撤销。"), code="authorisation_revoked")
        authorisation.revoked_at, authorisation.revoked_by = now, actor
        audit_record(actor=actor, action="agent.revoke", target=authorisation, now=now, changes={
            "enterprise": authorisation.enterprise_id, "agent": authorisation.agent_id})
    return authorisation
