"""Writes of the accounts context: staff and roles, applicants, sign-in."""

from .applicants import (
    applicant_register_enterprise,
    applicant_register_person,
    applicant_reveal_id_number,
    citizen_account_create,
)
from .citizens import citizen_password_reset, citizen_sign_up, password_reset_code_send, sign_up_code_send
from .enterprises import agent_authorisation_revoke, agent_authorise, enterprise_account_open
from .mandates import proxy_mandate_create, proxy_mandate_revoke
from .sign_in import citizen_sign_in, sign_out, staff_sign_in
from .staff import (
    role_grant,
    role_revoke,
    staff_bootstrap,
    staff_create,
    staff_deactivate,
    staff_set_password,
    staff_update,
)

__all__ = [
    "agent_authorisation_revoke",
    "agent_authorise",
    "citizen_password_reset",
    "citizen_sign_up",
    "enterprise_account_open",
    "password_reset_code_send",
    "proxy_mandate_create",
    "proxy_mandate_revoke",
    "sign_up_code_send",
    "applicant_register_enterprise",
    "applicant_register_person",
    "applicant_reveal_id_number",
    "citizen_account_create",
    "citizen_sign_in",
    "role_grant",
    "role_revoke",
    "sign_out",
    "staff_bootstrap",
    "staff_create",
    "staff_deactivate",
    "staff_set_password",
    "staff_sign_in",
    "staff_update",
]
