"""System checks for settings the platform cannot run safely without."""

from django.core.checks import Error, Tags, register
from django.core.exceptions import ImproperlyConfigured


@register(Tags.security)
def audit_key_check(app_configs, **kwargs):
    """ZWFW_AUDIT_KEY must be usable before the first audited write, not discovered at sealing."""
    from .audit import audit_key

    try:
        audit_key()
    except ImproperlyConfigured as exc:
        return [Error(str(exc), id="zwfw.E001")]
    return []
