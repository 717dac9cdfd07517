"""Who may do what in the catalog (roles from zwfw.accounts.models.Role)."""

from __future__ import annotations

from dataclasses import dataclass

from zwfw.accounts.models import Role
from zwfw.accounts.scope import Scope
from zwfw.core.errors import PermissionDenied
from zwfw.organizations.models import Region

from ..models import ReviewChainStep, ServiceItem


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
    return review_chains_steps([region])[region.code]


def review_chains_steps(regions) -> dict[str, tuple[ChainStep, ...]]:
    """`review_chain_steps` for many regions in one query (the review queue), keyed by region code."""
    lineage = {region.code: region.ancestor_codes() for region in regions}  # nearest first
    by_region: dict[str, list[ChainStep]] = {}
    rows = (ReviewChainStep.objects.filter(chain__region_id__in={c for cs in lineage.values() for c in cs})
            .values_list("chain__region_id", "label", "department_id", "role").order_by("chain_id", "position"))
    for region_id, label, department_id, role in rows:
        steps = by_region.setdefault(region_id, [])
        steps.append(ChainStep(len(steps), label, department_id, role))
    return {code: next((tuple(by_region[c]) for c in codes if c in by_region), DEFAULT_CHAIN)
            for code, codes in lineage.items()}


def can_review_step(user, item: ServiceItem, step: ChainStep) -> bool:
    if not (user and user.is_authenticated and user.has_role(step.role)):
        return False
    if step.department_id is not None:
        return user.department_id == step.department_id
    return covers_region(user, item.region)


def require(allowed: bool, message: str = "您没有执行此操作的权限") -> None:
    if not allowed:
        raise PermissionDenied(message)
