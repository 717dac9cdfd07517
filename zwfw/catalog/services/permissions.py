"""Who may do what in the catalog (roles from zwfw.accounts.models.Role)."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Prefetch

from zwfw.accounts.models import Role
from zwfw.accounts.scope import Scope
from zwfw.core.errors import PermissionDenied
from zwfw.organizations.models import Region

from ..models import ReviewChain, ReviewChainStep, ServiceItem


def covers_region(user, region: Region) -> bool:
    """True when the user's jurisdiction (own region, else their department's) contains `region`."""
    scope = Scope.for_viewer(user)
    return scope.region is not None and scope.covers_region(region)


def can_edit_item(user, item: ServiceItem) -> bool:
    """catalog_editor of the implementing department; for base items, an editor whose
    region contains the item's region and who belongs to no single department."""
    if not (user and user.is_authenticated and user.has_role(Role.CATALOG_EDITOR)):
        return False
    if item.department_id is not None:
        return user.department_id == item.department_id
    return user.department_id is None and covers_region(user, item.region)


def can_publish(user, item: ServiceItem) -> bool:
    return bool(user and user.is_authenticated and user.has_role(Role.CATALOG_REVIEWER)
                and covers_region(user, item.region))


@dataclass(frozen=True)
class ChainStep:
    position: int
    label: str
    department_id: int | None
    role: str


DEFAULT_CHAIN = (ChainStep(0, "事项审核", None, Role.CATALOG_REVIEWER),)


def review_chain_steps(region: Region) -> tuple[ChainStep, ...]:
    """The review chain of the nearest region upwards that has one with steps; else one default step."""
    codes = region.ancestor_codes()
    chains = {chain.region_id: chain for chain in ReviewChain.objects.filter(region_id__in=codes)
              .prefetch_related(Prefetch("steps", queryset=ReviewChainStep.objects.order_by("position")))}
    for code in codes:  # nearest first
        chain = chains.get(code)
        steps = tuple(ChainStep(i, s.label, s.department_id, s.role) for i, s in enumerate(chain.steps.all())) \
            if chain is not None else ()
        if steps:
            return steps
    return DEFAULT_CHAIN


def can_review_step(user, item: ServiceItem, step: ChainStep) -> bool:
    if not (user and user.is_authenticated and user.has_role(step.role)):
        return False
    if step.department_id is not None:
        return user.department_id == step.department_id
    return covers_region(user, item.region)


def require(allowed: bool, message: str = "您没有执行此操作的权限") -> None:
    if not allowed:
        raise PermissionDenied(message)
