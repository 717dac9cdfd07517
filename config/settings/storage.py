"""Where files live: Django's STORAGES, with the private store under its own alias.

`private` (zwfw.files) holds every uploaded and generated file. By default it is a folder outside
MEDIA_ROOT with no URL (data/private/, ZWFW_PRIVATE_FILES_ROOT); with ZWFW_FILE_STORAGE=s3 it is
a private bucket of an S3-compatible store (MinIO, a cloud's object storage) through
django-storages. Files leave it only through permission-checked views (docs/adr/0017).
"""

from django.core.exceptions import ImproperlyConfigured

from .env import BASE_DIR, env_bool, env_str


def private_storage_config() -> dict:
    kind = env_str("ZWFW_FILE_STORAGE", "filesystem")
    if kind == "filesystem":
        return {
            "BACKEND": "zwfw.files.storage.PrivateFileSystemStorage",
            "OPTIONS": {
                "location": env_str("ZWFW_PRIVATE_FILES_ROOT", str(BASE_DIR / "data" / "private")),
                # Content-addressed names: writing the same name again writes the same bytes.
                "allow_overwrite": True,
                "file_permissions_mode": 0o600,
                "directory_permissions_mode": 0o700,
            },
        }
    if kind == "s3":
        return {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": env_str("ZWFW_S3_BUCKET"),
                "endpoint_url": env_str("ZWFW_S3_ENDPOINT_URL", "") or None,
                "region_name": env_str("ZWFW_S3_REGION", "") or None,
                "access_key": env_str("ZWFW_S3_ACCESS_KEY", "") or None,
                "secret_key": env_str("ZWFW_S3_SECRET_KEY", "") or None,
                "location": env_str("ZWFW_S3_PREFIX", "private"),
                "addressing_style": env_str("ZWFW_S3_ADDRESSING_STYLE", "path"),
                "verify": env_bool("ZWFW_S3_VERIFY_TLS", True),
                "default_acl": "private",
                "querystring_auth": True,
                "file_overwrite": True,
            },
        }
    raise ImproperlyConfigured(f"ZWFW_FILE_STORAGE must be 'filesystem' or 's3', got {kind!r}")


def storages_config(*, staticfiles_backend: str) -> dict:
    return {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "staticfiles": {"BACKEND": staticfiles_backend},
        "private": private_storage_config(),
    }
