"""The private-file purpose of proxy mandates (委托书), registered in AccountsConfig.ready()."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from zwfw.files.purposes import MB, OFFICE_AND_SCANS, Purpose, purpose_register

MANDATE_PURPOSE = "applicant.mandate"


def mandate_reader(viewer, stored_file) -> bool:
    """The proxy agent who stored it, the person who gave the mandate, and staff who may see
    that applicant (Scope.applicants) may read a mandate."""
    from .models import ProxyMandate
    from .scope import Scope

    if not getattr(viewer, "is_authenticated", False):
        return False
    if stored_file.created_by_id == viewer.pk:
        return True
    mandate = ProxyMandate.objects.filter(material=stored_file).select_related("applicant").first()
    if mandate is None:
        return False
    return Scope.for_viewer(viewer).applicants().filter(pk=mandate.applicant_id).exists()


def register_mandate_purpose() -> None:
    purpose_register(Purpose(code=MANDATE_PURPOSE, label=_("代办委托书"), types=OFFICE_AND_SCANS,
                             max_bytes=10 * MB, reader=mandate_reader))
