"""Role groups and the separation-of-duties rules (docs/adr/0006-role-separation.md).

等保 2.0 (GB/T 22239-2019) 8.1.4.2 访问控制 c/d and 8.1.10.1 系统管理/审计管理/安全管理: accounts hold
least privilege; system administration, security administration and audit are held by different
people (三员分立).
"""

from __future__ import annotations

from .models import Role

# Roles bound to one department: they act on that department's items, cases and staff only.
DEPARTMENT_ROLES = frozenset(
    {Role.CATALOG_EDITOR, Role.CATALOG_REVIEWER, Role.WINDOW_CLERK, Role.APPROVER, Role.DEPARTMENT_HEAD}
)
# The three administrators of 三员分立; each is held alone (no second admin role, no business role).
ADMIN_ROLES = frozenset({Role.SYSTEM_ADMIN, Role.SECURITY_ADMIN, Role.SECURITY_AUDITOR})
BUSINESS_ROLES = DEPARTMENT_ROLES | {Role.SUPERVISOR, Role.PROXY_AGENT}

# Who grants what: the system administrator runs accounts and business roles; privileged
# (administrator) roles are granted only by the security administrator.
GRANTABLE_BY = {
    Role.SYSTEM_ADMIN: BUSINESS_ROLES,
    Role.SECURITY_ADMIN: ADMIN_ROLES,
}

# Roles whose work needs an applicant's full ID number (identity check at acceptance, deciding,
# applying on the resident's behalf). Each reveal is audited.
REVEAL_ROLES = frozenset({Role.WINDOW_CLERK, Role.APPROVER, Role.DEPARTMENT_HEAD, Role.PROXY_AGENT})

# Staff who serve applicants and so may list them, scoped to their jurisdiction.
APPLICANT_SERVING_ROLES = REVEAL_ROLES | {Role.SUPERVISOR}
# Front-desk roles that may look an applicant up by the exact ID number presented at the window.
APPLICANT_LOOKUP_ROLES = frozenset({Role.WINDOW_CLERK, Role.PROXY_AGENT})


def grantable_roles(actor) -> frozenset[str]:
    """The roles `actor` may grant to or revoke from other accounts."""
    out: set[str] = set()
    for role, grantable in GRANTABLE_BY.items():
        if actor.has_role(role):
            out |= grantable
    return frozenset(out)


def manages_account(actor, target_roles: frozenset[str] | set[str]) -> bool:
    """Whether `actor` may create/update/deactivate/reset an account holding `target_roles`.

    Accounts of administrators are managed by the security administrator, so the system
    administrator cannot take over the auditor's or the security administrator's account.
    """
    if set(target_roles) & ADMIN_ROLES:
        return actor.has_role(Role.SECURITY_ADMIN)
    return actor.has_role(Role.SYSTEM_ADMIN)
