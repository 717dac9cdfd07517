"""Helpers shared by the account services."""

from __future__ import annotations

from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError as DjangoValidationError

from zwfw.core.crypto import digest
from zwfw.core.errors import PermissionDenied, ValidationFailed
from zwfw.core.masking import mask_phone

from ..models import AccountKind, User

ID_NUMBER_PURPOSE = "id_number"
PHONE_PURPOSE = "phone"


def id_number_digest(number: str) -> str:
    return digest(number, purpose=ID_NUMBER_PURPOSE)


def phone_digest(number: str) -> str:
    return digest(number, purpose=PHONE_PURPOSE) if number else ""


def require_staff(actor) -> None:
    if not (actor and actor.is_authenticated and actor.is_active and actor.kind == AccountKind.STAFF):
        raise PermissionDenied()


def password_errors(password: str, user: User) -> list[str]:
    """Messages of the AUTH_PASSWORD_VALIDATORS policy (Django ships them in Chinese)."""
    try:
        password_validation.validate_password(password, user)
    except DjangoValidationError as exc:
        return [str(m) for m in exc.messages]
    return []


def raise_if(errors: dict[str, list[str]]) -> None:
    """Report every problem at once (一次性告知), or return when there are none."""
    if errors:
        first = next(iter(errors.values()))[0]
        raise ValidationFailed(first if len(errors) == 1 else None, field_errors=errors)


def collect(errors: dict[str, list[str]], fn, *args, **kwargs):
    """Run a validator; on ValidationFailed merge its field errors and return None."""
    try:
        return fn(*args, **kwargs)
    except ValidationFailed as exc:
        for field, messages in exc.field_errors.items():
            errors.setdefault(field, []).extend(messages)
        return None


def staff_snapshot(user: User) -> dict:
    """Audit-safe view of a staff account (phone masked, never the password)."""
    phone = user.phone.reveal() if user.phone else ""
    return {
        "username": user.username,
        "full_name": user.full_name,
        "phone": mask_phone(phone),
        "department": user.department_id,
        "region": user.region_id,
        "service_center": user.service_center_id,
        "window": user.window_id,
        "service_point": user.service_point_id,
        "is_active": user.is_active,
    }


def item_published(item) -> bool:
    """Whether a catalog item has a version in force (asked of the database, not a stale instance;
    the item's model is not imported: accounts sits below the catalog)."""
    return type(item)._default_manager.filter(pk=item.pk, current_version__isnull=False).exists()
