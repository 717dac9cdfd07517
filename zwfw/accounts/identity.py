"""The citizen identity seam (docs/adr/0007-citizen-identity-seam.md).

Citizens sign in through an `IdentityProvider`. The local one checks an ID number and a password
kept here; a provincial unified identity service (统一身份认证) can replace it by implementing the
same two methods and naming its class in settings ZWFW_CITIZEN_IDENTITY_PROVIDER. Everything after
"who is this person" — the account, lockout, audit, session — stays in `citizen_sign_in`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Protocol, runtime_checkable

from django.conf import settings
from django.utils.module_loading import import_string

from zwfw.core.errors import ValidationFailed
from zwfw.core.identifiers import id_number_validate
from zwfw.core.masking import mask_id_number, mask_phone

from .models import AccountKind, Applicant, ApplicantKind, User


@dataclass(frozen=True, repr=False)
class VerifiedIdentity:
    """A person an identity provider vouches for. `level` names how strongly (e.g. "local_password",
    or the provincial service's assurance level)."""

    id_number: str
    name: str
    phone: str = ""
    level: str = "local_password"

    def __repr__(self) -> str:  # never the clear numbers, even in a traceback
        return (f"VerifiedIdentity({mask_id_number(self.id_number)}, {self.name}, "
                f"{mask_phone(self.phone)}, {self.level})")


@runtime_checkable
class IdentityProvider(Protocol):
    def account_key(self, credentials: Mapping[str, str]) -> str:
        """The account name the credentials claim, normalised; lockout is counted per key."""

    def authenticate(self, credentials: Mapping[str, str]) -> VerifiedIdentity | None:
        """The verified person, or None. Must take about the same time whether or not the account exists."""


def burn_password_hash(password: str) -> None:
    """Hash a password and throw it away, so a failure for an unknown account costs the same
    time as a wrong password (as django.contrib.auth.backends.ModelBackend does)."""
    User().set_password(password or "")


def get_identity_provider() -> IdentityProvider:
    return import_string(settings.ZWFW_CITIZEN_IDENTITY_PROVIDER)()


def local_accounts_enabled() -> bool:
    """Whether citizens open and reset local accounts here (the local provider is configured)."""
    return isinstance(get_identity_provider(), LocalPasswordProvider)


class LocalPasswordProvider:
    """ID number + password of a citizen account opened here (citizen_account_create)."""

    def account_key(self, credentials: Mapping[str, str]) -> str:
        raw = "".join(str(credentials.get("id_number", "")).split()).upper()
        try:
            return id_number_validate(raw)
        except ValidationFailed:
            return raw

    def authenticate(self, credentials: Mapping[str, str]) -> VerifiedIdentity | None:
        from .services._common import id_number_digest

        password = str(credentials.get("password", ""))
        try:
            number = id_number_validate(str(credentials.get("id_number", "")))
        except ValidationFailed:
            burn_password_hash(password)
            return None
        applicant = (
            Applicant.objects.select_related("user")
            .filter(kind=ApplicantKind.PERSON, id_number_digest=id_number_digest(number),
                    user__kind=AccountKind.CITIZEN)
            .first()
        )
        if applicant is None:
            burn_password_hash(password)
            return None
        if not applicant.user.check_password(password) or not applicant.user.is_active:
            return None
        phone = applicant.phone.reveal() if applicant.phone else ""
        return VerifiedIdentity(id_number=number, name=applicant.name, phone=phone, level="local_password")
