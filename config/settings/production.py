"""Production: every secret from the environment, HTTPS only, no debug."""

from .base import *  # noqa: F403
from .env import env_bool, env_int, env_str
from .storage import storages_config

DEBUG = False
SECRET_KEY = env_str("SECRET_KEY")
ZWFW_DATA_KEY = env_str("ZWFW_DATA_KEY")
ZWFW_DIGEST_KEY = env_str("ZWFW_DIGEST_KEY")
ZWFW_AUDIT_KEY = env_str("ZWFW_AUDIT_KEY")

# Only behind the hall's reverse proxy (ZWFW_TRUST_PROXY) is X-Forwarded-Proto believed; a
# directly exposed server would otherwise let any client claim HTTPS.
if ZWFW_TRUST_PROXY:  # noqa: F405
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("ZWFW_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = env_int("ZWFW_HSTS_SECONDS", 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
STORAGES = storages_config(staticfiles_backend="whitenoise.storage.CompressedManifestStaticFilesStorage")
