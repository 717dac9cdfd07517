"""The private storage: Django's STORAGES alias "private" (config/settings/storage.py).

On the file system it lives under data/private/ (outside MEDIA_ROOT and STATIC_ROOT) and has no
URL at all; on an S3-compatible store the bucket is private. Either way a file leaves the
platform only through a permission-checked view (zwfw.files.views).
"""

from __future__ import annotations

from django.core.files.storage import FileSystemStorage, Storage, storages

ALIAS = "private"


class PrivateFileSystemStorage(FileSystemStorage):
    def url(self, name):
        raise NotImplementedError("private files have no URL; serve them through zwfw.files.views")


def private_storage() -> Storage:
    return storages[ALIAS]


def storage_name(sha256: str, extension: str) -> str:
    """Content address: the same bytes always land under the same name, so they are stored once."""
    return f"{sha256[:2]}/{sha256}.{extension}"
