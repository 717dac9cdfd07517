"""Who may act for which applicant (申请人), and in what capacity — the reads the case code calls.

- the applicant's own account (`self`);
- an enterprise's legal representative (`legal_representative`, EnterpriseAccount);
- an enterprise's agent (`agent`, AgentAuthorisation: per item or all, until a date, not revoked);
- a proxy agent with a recorded mandate (`proxy`, ProxyMandate).

`on` is a moment (datetime) or a day (date): an authorisation counts from the moment it was
granted through its `valid_until` day, and stops at the moment it is revoked.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.utils import timezone

from zwfw.core import clock
from zwfw.core.errors import NotFound

from .models import AccountKind, AgentAuthorisation, Applicant, EnterpriseAccount, ProxyMandate, Role


def _active(user) -> bool:
    return bool(user is not None and getattr(user, "is_authenticated", False) and user.is_active)


def _valid_q(on: dt.date | dt.datetime | None, *, start: str) -> Q:
    """Rows in force `on`: started, not past `valid_until`, not revoked (by then)."""
    on = on or clock.now()
    if isinstance(on, dt.datetime):
        day = timezone.localtime(on).date()
        return (Q(**{f"{start}__lte": on}) & Q(valid_until__gte=day)
                & (Q(revoked_at__isnull=True) | Q(revoked_at__gt=on)))
    # A whole day: granted on or before it, revoked (if at all) only after it.
    tz = timezone.get_current_timezone()
    next_day = dt.datetime.combine(on + dt.timedelta(days=1), dt.time.min, tzinfo=tz)
    return (Q(**{f"{start}__lt": next_day}) & Q(valid_until__gte=on)
            & (Q(revoked_at__isnull=True) | Q(revoked_at__gte=next_day)))


def _item_q(item) -> Q:
    return Q(item__isnull=True) if item is None else (Q(item__isnull=True) | Q(item=item))


def is_legal_representative(user, enterprise: Applicant) -> bool:
    return _active(user) and EnterpriseAccount.objects.filter(applicant=enterprise, representative=user).exists()


def agent_authorisation_for(user, enterprise_applicant: Applicant, item=None, on=None) -> AgentAuthorisation | None:
    """The authorisation in force under which `user` acts for the enterprise for `item`, if any."""
    if not _active(user) or user.kind != AccountKind.CITIZEN:
        return None
    return (AgentAuthorisation.objects.filter(_valid_q(on, start="granted_at"), _item_q(item),
                                              agent=user, enterprise=enterprise_applicant)
            .order_by("item_id").first())


def agent_authorised(user, enterprise_applicant: Applicant, item=None, on=None) -> bool:
    """Whether `user` may act for the enterprise for `item` (None: the question is "all items") `on`
    a day or moment: as its legal representative, or as an agent authorised for that item or for all."""
    return (is_legal_representative(user, enterprise_applicant)
            or agent_authorisation_for(user, enterprise_applicant, item, on) is not None)


def proxy_mandate_for(agent, applicant: Applicant, item=None, on=None) -> ProxyMandate | None:
    if not (_active(agent) and agent.kind == AccountKind.STAFF and agent.has_role(Role.PROXY_AGENT)):
        return None
    return (ProxyMandate.objects.filter(_valid_q(on, start="created_at"), _item_q(item),
                                        agent=agent, applicant=applicant)
            .order_by("item_id").first())


def proxy_mandate_valid(agent, applicant: Applicant, item=None, on=None) -> bool:
    """Whether the proxy agent holds a mandate of `applicant` in force for `item` `on` a day or moment."""
    return proxy_mandate_for(agent, applicant, item, on) is not None


@dataclass(frozen=True)
class Acting:
    """Who acts, for whom, and in what capacity — to be recorded with every act (audit context)."""

    actor_id: int
    applicant_id: int
    capacity: str  # "self", "legal_representative", "agent", "proxy"
    authorisation_id: int | None = None
    mandate_id: int | None = None

    def audit_context(self) -> dict:
        out = {"actor": self.actor_id, "applicant": self.applicant_id, "capacity": self.capacity}
        if self.authorisation_id:
            out["authorisation"] = self.authorisation_id
        if self.mandate_id:
            out["mandate"] = self.mandate_id
        return out


def acting_for(user, applicant: Applicant, *, item=None, on=None) -> Acting:
    """How `user` may act for `applicant` for `item` `on`; NotFound when they may not (anything
    else answers 404, issue 8 point 8)."""
    if _active(user):
        if applicant.user_id is not None and applicant.user_id == user.pk:
            return Acting(user.pk, applicant.pk, "self")
        if is_legal_representative(user, applicant):
            return Acting(user.pk, applicant.pk, "legal_representative")
        if (grant := agent_authorisation_for(user, applicant, item, on)) is not None:
            return Acting(user.pk, applicant.pk, "agent", authorisation_id=grant.pk)
        if (mandate := proxy_mandate_for(user, applicant, item, on)) is not None:
            return Acting(user.pk, applicant.pk, "proxy", mandate_id=mandate.pk)
    raise NotFound()


def agent_grants(user, *, on=None) -> QuerySet[AgentAuthorisation]:
    """The authorisations in force `on` under which `user` acts as an enterprise's agent."""
    if not _active(user) or user.kind == AccountKind.STAFF:
        return AgentAuthorisation.objects.none()
    return AgentAuthorisation.objects.filter(_valid_q(on, start="granted_at"), agent=user)


def enterprises_held(user) -> QuerySet[Applicant]:
    """Enterprises whose legal representative is `user`."""
    if not _active(user):
        return Applicant.objects.none()
    return Applicant.objects.filter(enterprise_account__representative=user)


def applicants_acting_for(user, *, on=None) -> QuerySet[Applicant]:
    """Applicants `user` may act for on some item `on`: their own record, enterprises they
    represent, enterprises with an authorisation in force. Staff: none (proxies act per mandate)."""
    if not _active(user) or user.kind == AccountKind.STAFF:
        return Applicant.objects.none()
    agent_of = AgentAuthorisation.objects.filter(_valid_q(on, start="granted_at"), agent=user).values("enterprise_id")
    return Applicant.objects.filter(Q(user=user) | Q(enterprise_account__representative=user) | Q(pk__in=agent_of))


def authorisations_visible_to(viewer, enterprise: Applicant) -> QuerySet[AgentAuthorisation]:
    """The legal representative sees every authorisation of the enterprise; an agent only their own."""
    qs = AgentAuthorisation.objects.select_related("agent", "item", "item__current_version").filter(
        enterprise=enterprise)
    if not _active(viewer):
        return qs.none()
    if is_legal_representative(viewer, enterprise):
        return qs
    return qs.filter(agent=viewer)


def authorisation_get(viewer, pk) -> AgentAuthorisation:
    """One authorisation of an enterprise the viewer represents; NotFound otherwise."""
    try:
        grant = AgentAuthorisation.objects.select_related("enterprise").get(pk=int(pk))
    except (AgentAuthorisation.DoesNotExist, ValueError, TypeError):
        raise NotFound() from None
    if not is_legal_representative(viewer, grant.enterprise):
        raise NotFound()
    return grant


def enterprise_get(viewer, pk, *, on=None) -> Applicant:
    """An enterprise the viewer represents or is (`on`, default now) an agent of; NotFound otherwise."""
    try:
        return applicants_acting_for(viewer, on=on).filter(kind="enterprise").distinct().get(pk=int(pk))
    except (Applicant.DoesNotExist, ValueError, TypeError):
        raise NotFound() from None


def mandates_visible_to(viewer) -> QuerySet[ProxyMandate]:
    """A proxy agent sees the mandates they recorded; staff who serve applicants see those of
    applicants in their scope; the applicant sees mandates they gave."""
    from .scope import Scope

    qs = ProxyMandate.objects.select_related("applicant", "item", "item__current_version", "service_point")
    if not _active(viewer):
        return qs.none()
    scope = Scope.for_viewer(viewer)
    if scope.is_applicant:
        return qs.filter(applicant__user=viewer)
    return qs.filter(Q(agent=viewer) | Q(applicant__in=scope.applicants()))


def mandate_get(viewer, pk) -> ProxyMandate:
    try:
        return mandates_visible_to(viewer).get(pk=int(pk))
    except (ProxyMandate.DoesNotExist, ValueError, TypeError):
        raise NotFound() from None


__all__ = ["Acting", "acting_for", "agent_authorised", "agent_grants", "applicants_acting_for", "proxy_mandate_valid"]
