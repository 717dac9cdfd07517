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


# The keys a deployment must choose itself, each with its own value.
_KEY_SETTINGS = ("SECRET_KEY", "ZWFW_DATA_KEY", "ZWFW_DIGEST_KEY", "ZWFW_AUDIT_KEY")


@register(Tags.security, deploy=True)
def development_keys_check(app_configs, **kwargs):
    """`check --deploy` fails while a key is one of the development keys published in this
    repository, or while two purposes share one key (issue 13, finding 10)."""
    from django.conf import settings

    from config.settings.devkeys import PUBLISHED_KEYS

    errors = []
    values: dict[str, str] = {}
    for name in _KEY_SETTINGS:
        value = str(getattr(settings, name, "") or "")
        normalised = value.strip().lower()
        if normalised in {key.lower() for key in PUBLISHED_KEYS}:
            errors.append(Error(f"{name} is a development key published in the repository",
                                hint=f"Set {name} in the environment to a new random value.", id="zwfw.E002"))
        elif normalised in values:
            errors.append(Error(f"{name} has the same value as {values[normalised]}",
                                hint="Every key needs its own random value.", id="zwfw.E003"))
        values.setdefault(normalised, name)
    return errors
