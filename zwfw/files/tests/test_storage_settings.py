import pytest
from django.core.checks import run_checks
from django.core.exceptions import ImproperlyConfigured

from config.settings.storage import private_storage_config

S3_ENV = {
    "ZWFW_FILE_STORAGE": "s3", "ZWFW_S3_BUCKET": "zwfw-files", "ZWFW_S3_ENDPOINT_URL": "http://127.0.0.1:9000",
    "ZWFW_S3_ACCESS_KEY": "minio", "ZWFW_S3_SECRET_KEY": "minio-secret",
}


def test_the_default_is_a_private_folder_outside_media(monkeypatch):
    monkeypatch.delenv("ZWFW_FILE_STORAGE", raising=False)
    monkeypatch.setenv("ZWFW_PRIVATE_FILES_ROOT", "/srv/zwfw/private")
    config = private_storage_config()
    assert config["BACKEND"] == "zwfw.files.storage.PrivateFileSystemStorage"
    assert config["OPTIONS"]["location"] == "/srv/zwfw/private"


def test_s3_is_chosen_by_setting_with_a_private_bucket(monkeypatch):
    for name, value in S3_ENV.items():
        monkeypatch.setenv(name, value)
    config = private_storage_config()
    assert config["BACKEND"] == "storages.backends.s3.S3Storage"
    options = config["OPTIONS"]
    assert (options["bucket_name"], options["endpoint_url"], options["default_acl"]) == (
        "zwfw-files", "http://127.0.0.1:9000", "private")
    from storages.backends.s3 import S3Storage

    storage = S3Storage(**options)  # builds without contacting the store
    assert storage.bucket_name == "zwfw-files" and storage.querystring_auth is True


def test_s3_without_a_bucket_or_an_unknown_backend_is_refused(monkeypatch):
    monkeypatch.setenv("ZWFW_FILE_STORAGE", "s3")
    monkeypatch.delenv("ZWFW_S3_BUCKET", raising=False)
    with pytest.raises(ImproperlyConfigured):
        private_storage_config()
    monkeypatch.setenv("ZWFW_FILE_STORAGE", "ftp")
    with pytest.raises(ImproperlyConfigured):
        private_storage_config()


def test_a_private_folder_inside_media_root_fails_the_checks(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    settings.STORAGES = {**settings.STORAGES, "private": {
        "BACKEND": "zwfw.files.storage.PrivateFileSystemStorage",
        "OPTIONS": {"location": str(tmp_path / "media" / "private")}}}
    assert [e.id for e in run_checks() if e.id.startswith("zwfw.files")] == ["zwfw.files.E002"]
    settings.STORAGES = {**settings.STORAGES, "private": {
        "BACKEND": "zwfw.files.storage.PrivateFileSystemStorage", "OPTIONS": {"location": str(tmp_path / "p")}}}
    assert [e.id for e in run_checks() if e.id.startswith("zwfw.files")] == []
