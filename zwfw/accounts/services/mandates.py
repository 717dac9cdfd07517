"""Proxy mandates (帮办代办, issue 8 point 6): a village proxy agent or a hall helper records that
a resident (or enterprise) authorised them — for one item or all, until a date — with the signed
mandate or its scan as a private file. Free of charge (安阳市政务服务条例 and similar local rules);
nothing here charges.

A hall helper is a proxy agent (Role.PROXY_AGENT) whose service point is at the hall."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from zwfw.core import clock
from zwfw.core.audit import audit_record
from zwfw.core.errors import NotFound, PermissionDenied, StateError
from zwfw.files.services import file_store, stored_file_set_owner

from ..file_purposes import MANDATE_PURPOSE
from ..models import AccountKind, Applicant, ProxyMandate, Role, User
from ._common import item_published, raise_if


def _require_proxy_agent(actor: User) -> None:
    if not (actor and actor.is_authenticated and actor.is_active and actor.kind == AccountKind.STAFF
            and actor.has_role(Role.PROXY_AGENT)):
        raise PermissionDenied(_("只有代办员可以登记代办授权。"))
    if actor.service_point_id is None:
        raise PermissionDenied(_("您的账号未指定代办点，不能登记代办授权。"))


def proxy_mandate_create(
    *, actor: User, applicant: Applicant, valid_until: dt.date, material, material_name: str, item=None,
    now: dt.datetime | None = None,
) -> ProxyMandate:
    """Record a mandate given to `actor` at their service point. `material` is the signed mandate
    (bytes or an upload), kept in the private store under the purpose "applicant.mandate"."""
    now = now or clock.now()
    _require_proxy_agent(actor)
    errors: dict[str, list[str]] = {}
    if not isinstance(valid_until, dt.date):
        errors["valid_until"] = [_("请填写授权有效期。")]
    elif valid_until < timezone.localtime(now).date():
        errors["valid_until"] = [_("授权有效期不能早于今天。")]
    if item is not None and not item_published(item):
        errors["item"] = [_("该事项尚未发布，不能授权。")]
    if material is None:
        errors["material"] = [_("请上传委托人签字的委托书或其扫描件。")]
    raise_if(errors)
    with transaction.atomic():
        stored = file_store(content=material, purpose=MANDATE_PURPOSE, name=material_name or "委托书",
                            actor=actor, now=now)
        mandate = ProxyMandate.objects.create(agent=actor, service_point_id=actor.service_point_id,
                                              applicant=applicant, item=item, valid_until=valid_until,
                                              material=stored, created_at=now)
        stored_file_set_owner(stored, mandate)
        audit_record(actor=actor, action="proxy_mandate.create", target=mandate, now=now, changes={
            "applicant": applicant.pk, "service_point": actor.service_point_id, "item": getattr(item, "pk", None),
            "valid_until": valid_until.isoformat(), "material": stored.pk, "sha256": stored.sha256})
    return mandate


def proxy_mandate_revoke(*, actor: User, mandate: ProxyMandate, now: dt.datetime | None = None) -> ProxyMandate:
    """The agent who recorded a mandate ends it (the resident withdrew it)."""
    now = now or clock.now()
    _require_proxy_agent(actor)
    if mandate.agent_id != actor.pk:
        raise NotFound()
    with transaction.atomic():
        if not ProxyMandate.objects.filter(pk=mandate.pk, revoked_at__isnull=True).update(
                revoked_at=now, revoked_by=actor):
            raise StateError(_("该代办授权已撤销。"), code="mandate_revoked")
        mandate.revoked_at, mandate.revoked_by = now, actor
        audit_record(actor=actor, action="proxy_mandate.revoke", target=mandate, now=now,
                     changes={"applicant": mandate.applicant_id})
    return mandate


__all__ = ["proxy_mandate_create", "proxy_mandate_revoke"]
