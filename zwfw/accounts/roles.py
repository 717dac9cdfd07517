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
# 档案管理员 keeps a department's or a region's archived cases (ADR 0033): either scope, hence not
# a department role.
BUSINESS_ROLES = DEPARTMENT_ROLES | {Role.SUPERVISOR, Role.PROXY_AGENT, Role.ARCHIVIST}

# Who grants which role (data, tested as a matrix in tests/test_role_rules.py; ADR 0028 amends
# ADR 0006): the security administrator is the authority for accounts and authorisation and grants
# every role but its own; a further security administrator needs a second person, the system
# administrator, to grant it on an account the security administrator created. The auditor grants
# nothing.
GRANTABLE_BY = {
    Role.SECURITY_ADMIN: BUSINESS_ROLES | {Role.SYSTEM_ADMIN, Role.SECURITY_AUDITOR},
    Role.SYSTEM_ADMIN: frozenset({Role.SECURITY_ADMIN}),
}
# Who creates, edits, disables and resets the password of staff accounts (any staff account but
# their own, which each person changes themself with the current password).
ACCOUNT_MANAGERS = frozenset({Role.SECURITY_ADMIN})
# Who may read the accounts pages: the three administrators (the auditor only reads).
ACCOUNT_READERS = ADMIN_ROLES

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


def manages_account(actor, target_roles: frozenset[str] | set[str] = frozenset()) -> bool:
    """Whether `actor` may create/update/deactivate/reset an account holding `target_roles`.

    Every staff account, administrators' included, is managed by the security administrator
    (等保 2.0 8.1.10.1 c 安全管理: 身份鉴别和授权); the system administrator keeps the platform and
    the auditor only reads, so neither can take over an account.
    """
    return actor.has_role(*ACCOUNT_MANAGERS)
