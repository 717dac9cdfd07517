"""System check: the private storage must not sit where the web server publishes files."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.core.checks import Error, register

from .storage import ALIAS


@register()
def private_storage_is_private(app_configs, **kwargs):
    config = settings.STORAGES.get(ALIAS)
    if config is None:
        return [Error(f"STORAGES has no '{ALIAS}' storage", id="zwfw.files.E001")]
    location = config.get("OPTIONS", {}).get("location")
    if not location or "FileSystemStorage" not in config["BACKEND"]:
        return []
    private = Path(location).resolve()
    errors = []
    for name in ("MEDIA_ROOT", "STATIC_ROOT"):
        public = getattr(settings, name, None)
        if public and (private == Path(public).resolve() or Path(public).resolve() in private.parents):
            errors.append(Error(f"the private file storage ({private}) is inside {name} ({public})",
                                hint="set ZWFW_PRIVATE_FILES_ROOT outside the published folders",
                                id="zwfw.files.E002"))
    return errors
