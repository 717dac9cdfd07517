"""Keeping a file: validate it for its purpose, strip image metadata, store the bytes once under
their SHA-256 and record the use. The caller audits its own change (the attach, the issue) with
the returned row's sha256, in its own transaction.
"""

from __future__ import annotations

import hashlib
from pathlib import PurePath

from django.core.files.base import ContentFile
from django.db import models

from zwfw.core import clock

from .images import image_without_metadata
from .models import StoredFile
from .purposes import purpose_get
from .sniffing import sniff
from .storage import private_storage, storage_name
from .types import IMAGE_TYPES, FileRefused, FileType, refuse, types_label

MAX_NAME_LENGTH = 200
PIL_FORMATS = {"jpeg": "JPEG", "png": "PNG"}
EXTENSION_ALIASES = {"jpg": {"jpg", "jpeg"}}


def clean_filename(name: str) -> str:
    """The last path part of a browser-sent name, without NULs, at most 200 characters."""
    base = PurePath(str(name).replace("\\", "/")).name.strip().replace("\x00", "")
    if len(base) > MAX_NAME_LENGTH:
        stem, dot, ext = base.rpartition(".")
        base = (stem[: MAX_NAME_LENGTH - len(ext) - 1] + dot + ext) if dot else base[:MAX_NAME_LENGTH]
    return base


def display_name(name: str, file_type: FileType) -> str:
    """The name to download the file under: the uploader's name with the extension of the type
    the content really is (a PDF uploaded as "表格.png" comes back as "表格.pdf")."""
    base = clean_filename(name)
    stem, dot, ext = base.rpartition(".")
    if dot and ext.lower() in EXTENSION_ALIASES.get(file_type.extension, {file_type.extension}):
        return base
    stem = (stem if dot else base) or "文件"
    return clean_filename(f"{stem}.{file_type.extension}")


def _read(content, *, limit: int) -> bytes:
    """All bytes of `content` (bytes or an uploaded file), refusing more than `limit` bytes
    without reading further."""
    too_large = refuse("file_too_large", mb=_megabytes(limit))
    if isinstance(content, bytes | bytearray):
        if len(content) > limit:
            raise too_large
        return bytes(content)
    if getattr(content, "size", None) is not None and content.size > limit:
        raise too_large
    chunks, total = [], 0
    parts = content.chunks() if hasattr(content, "chunks") else iter(lambda: content.read(64 * 1024), b"")
    for chunk in parts:
        total += len(chunk)
        if total > limit:
            raise too_large
        chunks.append(chunk)
    return b"".join(chunks)


def _megabytes(limit: int) -> str:
    value = limit / (1024 * 1024)
    return f"{value:g}" if value >= 1 else f"{value:.2f}"


def file_validate(content, *, purpose: str) -> tuple[bytes, FileType]:
    """The bytes to store and their type, or FileRefused. Images come back without metadata."""
    spec = purpose_get(purpose)
    data = _read(content, limit=spec.limit())
    if not data:
        raise refuse("file_empty")
    try:
        file_type = sniff(data)
    except FileRefused as refused:
        if refused.code != "file_type_not_allowed":
            raise
        file_type = None
    if file_type is None or file_type.code not in spec.types:
        raise refuse("file_type_not_allowed", types=types_label(spec.types))
    if file_type.code in IMAGE_TYPES:
        data = image_without_metadata(data, expected_format=PIL_FORMATS[file_type.code])
    return data, file_type


def file_store(*, content, purpose: str, name: str, actor=None, owner: models.Model | None = None,
               now=None) -> StoredFile:
    """Validate `content` (bytes or an uploaded file) for `purpose` and keep it.

    Refusals (FileRefused, a ValidationFailed on the field "file") happen before anything is
    written. The bytes are written once per content; a transaction that rolls back afterwards
    leaves at most an unreferenced stored object, which is harmless and never served.
    """
    now = now or clock.now()
    data, file_type = file_validate(content, purpose=purpose)
    sha256 = hashlib.sha256(data).hexdigest()
    name_in_storage = storage_name(sha256, file_type.extension)
    storage = private_storage()
    if not storage.exists(name_in_storage):
        name_in_storage = storage.save(name_in_storage, ContentFile(data))
    return StoredFile.objects.create(
        sha256=sha256, size=len(data), file_type=file_type.code, content_type=file_type.content_type,
        original_name=display_name(name, file_type), purpose=purpose, storage_name=name_in_storage,
        **StoredFile.owner_fields(owner), created_by=actor if getattr(actor, "pk", None) else None, created_at=now,
    )


def stored_file_set_owner(stored_file: StoredFile, owner: models.Model) -> None:
    """Name the owner created after its file (a document row is made once its PDF is stored)."""
    fields = StoredFile.owner_fields(owner)
    StoredFile.objects.filter(pk=stored_file.pk).update(**fields)
    stored_file.owner_type, stored_file.owner_id = fields["owner_type"], fields["owner_id"]


def file_open(stored_file: StoredFile):
    return private_storage().open(stored_file.storage_name, "rb")


def file_read(stored_file: StoredFile) -> bytes:
    with file_open(stored_file) as handle:
        return handle.read()


def file_digest(stored_file: StoredFile) -> str | None:
    """SHA-256 of the bytes in storage now, or None when they are gone."""
    digest = hashlib.sha256()
    try:
        with file_open(stored_file) as handle:
            for chunk in iter(lambda: handle.read(1024 * 1024), b""):
                digest.update(chunk)
    except (FileNotFoundError, OSError):
        return None
    return digest.hexdigest()
