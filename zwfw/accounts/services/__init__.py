"""Writes of the accounts context: staff and roles, applicants, sign-in."""

from .applicants import (
    applicant_register_enterprise,
    applicant_register_person,
    applicant_reveal_id_number,
    citizen_account_create,
)
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
