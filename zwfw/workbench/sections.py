"""One workbench section per role: which template shows it and which selector feeds it."""

from __future__ import annotations

from collections.abc import Callable

from django.utils.translation import gettext_lazy as _

from zwfw.accounts.models import Role, User

from . import selectors

Builder = Callable[[User], dict]


def _department(viewer: User) -> dict:
    return {"overview": selectors.department_overview(viewer=viewer)}


def _supervisor(viewer: User) -> dict:
    return {"overview": selectors.region_overview(viewer=viewer)}


def _proxy(viewer: User) -> dict:
    return {"point": selectors.proxy_point(viewer=viewer)}


def _archivist(viewer: User) -> dict:
    from zwfw.accounts.scope import Scope
    from zwfw.cases.archive.selectors import archived_cases_for

    scope = Scope.for_viewer(viewer)
    where = scope.department or scope.region
    return {"scope_name": where.name if where is not None else "", "archived": archived_cases_for(viewer).count()}


def _system_admin(viewer: User) -> dict:
    return {"counts": selectors.system_counts(viewer=viewer)}


def _security_admin(viewer: User) -> dict:
    from zwfw.accounts.services.throttle import sign_in_locks
    from zwfw.accounts.tokens import api_tokens_visible_to

    return {"overview": selectors.security_overview(viewer=viewer),
            "locks": list(sign_in_locks(viewer=viewer)[:200]),
            "tokens": list(api_tokens_visible_to(viewer)[:200])}


def _security_auditor(viewer: User) -> dict:
    from zwfw.core.audit_runs import audit_verification_last

    return {"events": selectors.audit_recent(viewer=viewer), "last_run": audit_verification_last()}


DESCRIPTIONS = {
    Role.CATALOG_EDITOR: _("维护本部门的政务服务事项和办事指南，提交审核。"),
    Role.CATALOG_REVIEWER: _("审核事项和办事指南的变更，确认后发布。"),
    Role.WINDOW_CLERK: _("在窗口受理申请，一次性告知需补正的材料，出具受理凭证。"),
    Role.APPROVER: _("审查办件，在时限内作出决定。"),
    Role.DEPARTMENT_HEAD: _("掌握本部门办件和时限情况，审批延期和特别程序。"),
    Role.SUPERVISOR: _("对辖区内办件进行电子监察，预警催办。"),
    Role.PROXY_AGENT: _("在代办点为群众帮办代办，跟踪办件进度。"),
    Role.ARCHIVIST: _("保管本部门或本辖区已办结办件的档案，下载档案包。"),
    Role.SYSTEM_ADMIN: _("维护组织机构、工作日历和后台任务，任命安全管理员。"),
    Role.SECURITY_ADMIN: _("创建和管理工作人员账号、授予角色，管理登录安全和接口令牌。"),
    Role.SECURITY_AUDITOR: _("查看审计记录，校验审计链的完整性。"),
}

SECTIONS: dict[str, tuple[str, Builder]] = {
    Role.CATALOG_EDITOR: ("workbench/roles/department.html", _department),
    Role.CATALOG_REVIEWER: ("workbench/roles/department.html", _department),
    Role.WINDOW_CLERK: ("workbench/roles/department.html", _department),
    Role.APPROVER: ("workbench/roles/department.html", _department),
    Role.DEPARTMENT_HEAD: ("workbench/roles/department.html", _department),
    Role.SUPERVISOR: ("workbench/roles/supervisor.html", _supervisor),
    Role.PROXY_AGENT: ("workbench/roles/proxy_agent.html", _proxy),
    Role.ARCHIVIST: ("workbench/roles/archivist.html", _archivist),
    Role.SYSTEM_ADMIN: ("workbench/roles/system_admin.html", _system_admin),
    Role.SECURITY_ADMIN: ("workbench/roles/security_admin.html", _security_admin),
    Role.SECURITY_AUDITOR: ("workbench/roles/security_auditor.html", _security_auditor),
}


def section_for(role: Role, viewer: User) -> tuple[str, dict]:
    template, build = SECTIONS[role]
    return template, {**build(viewer), "role_description": DESCRIPTIONS[role]}
