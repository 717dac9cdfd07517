"""Deploy check: documents and printed guides carry ZWFW_SITE_URL in their QR codes."""

from __future__ import annotations

from urllib.parse import urlsplit

from django.conf import settings
from django.core.checks import Tags, Warning, register

LOCAL_HOSTS = {"127.0.0.1", "localhost", "0.0.0.0", "::1"}  # noqa: S104 (names, not a bind address)


@register(Tags.security, deploy=True)
def site_url_is_public(app_configs, **kwargs):
    parts = urlsplit(settings.ZWFW_SITE_URL)
    if parts.scheme == "https" and parts.hostname not in LOCAL_HOSTS:
        return []
    return [Warning(f"ZWFW_SITE_URL is {settings.ZWFW_SITE_URL!r}: QR codes on official documents and guides "
                    "would point there", hint="set ZWFW_SITE_URL to the public https address of the site",
                    id="zwfw.documents.W001")]
