"""What a stored file is for: its purpose decides the allowed types, the size limit and who may
read it. The app that owns a use registers its purpose in its AppConfig.ready(), so the store
never imports the apps that use it (dependencies point one way, docs/architecture.md).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from .types import FILE_TYPES

# A reader answers whether `viewer` may download `stored_file` (a StoredFile of its purpose).
Reader = Callable[[Any, Any], bool]

MB = 1024 * 1024
APPLICANT_MATERIAL = "applicant.material"
OFFICE_AND_SCANS = frozenset({"pdf", "ofd", "jpeg", "png", "doc", "docx", "xls", "xlsx"})


def uploader_only(viewer, stored_file) -> bool:
    """The default reader until the owning service supplies its own: the person who stored it."""
    return bool(getattr(viewer, "is_authenticated", False)) and stored_file.created_by_id == viewer.pk


@dataclass(frozen=True)
class Purpose:
    code: str
    label: str
    types: frozenset[str]
    max_bytes: int
    # A setting (bytes) that overrides max_bytes in a deployment, read at upload time.
    max_bytes_setting: str = ""
    reader: Reader = uploader_only

    def __post_init__(self) -> None:
        unknown = set(self.types) - set(FILE_TYPES)
        if unknown:
            raise ValueError(f"purpose {self.code}: unknown file types {sorted(unknown)}")

    def limit(self) -> int:
        if self.max_bytes_setting:
            return int(getattr(settings, self.max_bytes_setting, self.max_bytes))
        return self.max_bytes


_PURPOSES: dict[str, Purpose] = {}


def purpose_register(purpose: Purpose) -> Purpose:
    """Register a purpose (idempotent: ready() may run more than once in tests)."""
    _PURPOSES[purpose.code] = purpose
    return purpose


def purpose_get(code: str) -> Purpose:
    try:
        return _PURPOSES[code]
    except KeyError:
        raise LookupError(f"no file purpose {code!r} is registered") from None


def register_builtin_purposes() -> None:
    # Scans, photos and documents an applicant hands in with an application. The case apps
    # replace the reader with their own check when they arrive; until then only the uploader.
    purpose_register(Purpose(
        code=APPLICANT_MATERIAL, label=_("申请材料"), types=OFFICE_AND_SCANS,
        max_bytes=20 * MB, max_bytes_setting="ZWFW_APPLICANT_FILE_MAX_BYTES",
    ))
