"""Settings shared by every environment. Everything variable comes from the environment."""

from .database import database_config
from .devkeys import DEV_AUDIT_KEY, DEV_DATA_KEY, DEV_DIGEST_KEY, DEV_SECRET_KEY
from .env import BASE_DIR, env_bool, env_int, env_list, env_str
from .jobs import *  # noqa: F403
from .storage import storages_config

SECRET_KEY = env_str("SECRET_KEY", DEV_SECRET_KEY)
DEBUG = env_bool("ZWFW_DEBUG", False)
ALLOWED_HOSTS = env_list("ZWFW_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "testserver"])

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "rest_framework",
    "drf_spectacular",
    "zwfw.core",
    "zwfw.organizations",
    "zwfw.accounts",
    "zwfw.calendar",
    "zwfw.files",
    "zwfw.numbering",
    "zwfw.documents",
    "zwfw.catalog",
    "zwfw.jobs",
    "zwfw.notifications",
    "zwfw.cases",
    "zwfw.supervision",
    "zwfw.ratings",
    "zwfw.stats",
    "zwfw.api",
    "zwfw.portal",
    "zwfw.workbench",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "zwfw.core.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "zwfw.accounts.middleware.IdleTimeoutMiddleware",
    "zwfw.core.middleware.RequestContextMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Control characters and API body size, once for every request (issue 13, findings 6 and 9).
    "zwfw.core.edge.EdgeInputMiddleware",
    "zwfw.core.middleware.DomainErrorMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "zwfw" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "zwfw.core.context_processors.platform",
                "zwfw.notifications.context_processors.inbox",
                "zwfw.portal.context_processors.home_region",
            ],
        },
    },
]

DATABASES = {"default": database_config()}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
]

# 等保 2.0 (GB/T 22239-2019) 8.1.4.1: identification with complexity rules and login-failure handling.
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "zwfw.accounts.passwords.CharacterClassValidator", "OPTIONS": {"min_classes": 3}},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "workbench:home"
LOGOUT_REDIRECT_URL = "portal:home"

# Sign-in protection, configurable per deployment.
ZWFW_LOGIN_MAX_FAILURES = env_int("ZWFW_LOGIN_MAX_FAILURES", 5)
ZWFW_LOGIN_FAILURE_WINDOW_MINUTES = env_int("ZWFW_LOGIN_FAILURE_WINDOW_MINUTES", 15)
ZWFW_LOGIN_LOCK_MINUTES = env_int("ZWFW_LOGIN_LOCK_MINUTES", 30)
# Growing delays (docs/adr/0027-sign-in-throttling.md): each consecutive lock doubles, up to this.
ZWFW_LOGIN_LOCK_MAX_MINUTES = env_int("ZWFW_LOGIN_LOCK_MAX_MINUTES", 24 * 60)
# Generated history cases `zwfw demo` adds to the demo county once (0: none); docs/adr/0036.
ZWFW_DEMO_HISTORY_CASES = env_int("ZWFW_DEMO_HISTORY_CASES", 3000)
# Failed attempts from one source address (any names) before the address is locked.
ZWFW_LOGIN_ADDRESS_MAX_FAILURES = env_int("ZWFW_LOGIN_ADDRESS_MAX_FAILURES", 20)
# A browser that signed in is a known device for that account this long (its own attempt count).
ZWFW_LOGIN_DEVICE_DAYS = env_int("ZWFW_LOGIN_DEVICE_DAYS", 180)
ZWFW_IDLE_TIMEOUT_MINUTES = env_int("ZWFW_IDLE_TIMEOUT_MINUTES", 30)
# An API token unused this long stops working (its 90-day lifetime notwithstanding).
ZWFW_API_TOKEN_IDLE_HOURS = env_int("ZWFW_API_TOKEN_IDLE_HOURS", 72)
# Behind the hall's reverse proxy: take the client address from X-Forwarded-For (its last hop).
ZWFW_TRUST_PROXY = env_bool("ZWFW_TRUST_PROXY", False)
# Behind a chain of proxies: their addresses or networks (comma-separated); the first hop from the
# right that is not one of them is the client (zwfw.core.context.client_ip).
ZWFW_TRUSTED_PROXIES = env_list("ZWFW_TRUSTED_PROXIES", [])
ZWFW_CITIZEN_IDENTITY_PROVIDER = env_str(
    "ZWFW_CITIZEN_IDENTITY_PROVIDER", "zwfw.accounts.identity.LocalPasswordProvider"
)

# Personal-data keys: SM4 for encryption at rest, a separate key for the keyed SM3 lookup digest.
# Hex strings of 32 characters (128 bits). Production must set both (see production.py).
ZWFW_DATA_KEY = env_str("ZWFW_DATA_KEY", DEV_DATA_KEY)
ZWFW_DIGEST_KEY = env_str("ZWFW_DIGEST_KEY", DEV_DIGEST_KEY)
# Audit chain (ADR 0019): the HMAC-SM3 key of the chain and of its checkpoints, 32+ hex
# characters, kept outside the database (production must set it); and where signed checkpoints
# of the chain's head go: file:///path (default data/audit-checkpoints.jsonl), syslog, or a
# dotted path to a witness class.
ZWFW_AUDIT_KEY = env_str("ZWFW_AUDIT_KEY", DEV_AUDIT_KEY)
# PostgreSQL: the audit INSERT is a server-side prepared statement (ADR 0019); set false behind a
# transaction-pooling PgBouncer older than 1.21, which cannot carry prepared statements.
ZWFW_AUDIT_PREPARE = env_bool("ZWFW_AUDIT_PREPARE", True)
ZWFW_AUDIT_CHECKPOINT = env_str("ZWFW_AUDIT_CHECKPOINT", f"file://{BASE_DIR / 'data' / 'audit-checkpoints.jsonl'}")

SESSION_COOKIE_AGE = env_int("ZWFW_SESSION_MAX_HOURS", 12) * 3600
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
CSRF_FAILURE_VIEW = "zwfw.core.views.csrf_failure"

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文")]
LOCALE_PATHS = [BASE_DIR / "zwfw" / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
# Front-end libraries come from npm (package-lock.json) into node_modules; only the files the
# pages use are exposed, under vendor/. Nothing is loaded from a CDN.
STATICFILES_DIRS = [
    BASE_DIR / "zwfw" / "static",
    ("vendor/htmx", BASE_DIR / "node_modules" / "htmx.org" / "dist"),
    ("vendor/echarts", BASE_DIR / "node_modules" / "echarts" / "dist"),
]
# Files served at the site root (favicon.ico) by WhiteNoise, with or without DEBUG.
WHITENOISE_ROOT = BASE_DIR / "zwfw" / "public"
STORAGES = storages_config(staticfiles_backend="django.contrib.staticfiles.storage.StaticFilesStorage")
MEDIA_ROOT = env_str("ZWFW_MEDIA_ROOT", str(BASE_DIR / "data" / "media"))
MEDIA_URL = "/media/"

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "zwfw.api.authentication.BearerTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "zwfw.api.pagination.PagePagination",
    "PAGE_SIZE": 20,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "zwfw.api.errors.exception_handler",
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    # The public case look-up (number + 6-digit query code) per client address.
    "DEFAULT_THROTTLE_RATES": {"case_lookup": env_str("ZWFW_CASE_LOOKUP_RATE", "20/min")},
}
SPECTACULAR_SETTINGS = {
    "TITLE": "zwfw 一体化政务服务平台 API",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "COMPONENT_SPLIT_REQUEST": True,
    # One name per choice set, so the document has no generated names like "Kind049Enum".
    "ENUM_NAME_OVERRIDES": {
        "RegionLevelEnum": "zwfw.organizations.models.RegionLevel",
        "CenterKindEnum": "zwfw.organizations.models.CenterKind",
        "WindowKindEnum": "zwfw.organizations.models.WindowKind",
        "PointKindEnum": "zwfw.organizations.models.PointKind",
        "AccountKindEnum": "zwfw.accounts.models.AccountKind",
        "ApplicantKindEnum": "zwfw.accounts.models.ApplicantKind",
        "RoleEnum": "zwfw.accounts.models.Role",
        "LimitUnitEnum": "zwfw.calendar.limits.LimitUnit",
        "VersionStatusEnum": "zwfw.catalog.models.codes.VersionStatus",
        "ItemStatusEnum": "zwfw.catalog.models.codes.ItemStatus",
        "CaseStatusEnum": "zwfw.cases.models.CaseStatus",
        "CaseChannelEnum": "zwfw.cases.models.Channel",
        "SpecialProcedureKindEnum": "zwfw.catalog.models.codes.SpecialProcedureKind",
        "DecisionOutcomeEnum": "zwfw.cases.models.DecisionOutcome",
        "ResultTypeEnum": "zwfw.cases.models.ResultType",
        "CloseResultTypeEnum": "zwfw.cases.services.delivery.CLOSE_RESULT_CHOICES",
        "RatingChannelEnum": "zwfw.ratings.models.RatingChannel",
        "RatingLevelEnum": "zwfw.ratings.models.Level",
        "RatingStatusEnum": "zwfw.ratings.models.RatingStatus",
        "RatingCommentStatusEnum": "zwfw.ratings.models.CommentStatus",
        "WorkOrderStatusEnum": "zwfw.ratings.models.WorkOrderStatus",
        "WorkOrderResolutionEnum": "zwfw.ratings.models.Resolution",
        "CallbackMethodEnum": "zwfw.ratings.models.CallbackMethod",
        "RatingAppealStatusEnum": "zwfw.ratings.models.AppealStatus",
        "StepKindEnum": "zwfw.catalog.models.codes.StepKind",
        "StepStatusEnum": "zwfw.cases.models.StepStatus",
        "BusinessActionEnum": "zwfw.cases.models.BusinessAction",
        "CardLevelEnum": "zwfw.supervision.models.Level",
        "CardStatusEnum": "zwfw.supervision.models.CardStatus",
        "CardAppealStatusEnum": "zwfw.supervision.models.AppealStatus",
        "RuleTargetEnum": "zwfw.supervision.models.Target",
        "RuleThresholdEnum": "zwfw.supervision.models.ThresholdKind",
        "AnomalyKindEnum": "zwfw.supervision.models.AnomalyKind",
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"mask_personal_data": {"()": "zwfw.core.masking.PersonalDataLogFilter"}},
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {
        "console": {
            "class": "zwfw.core.masking.StderrHandler",
            "formatter": "plain",
            "filters": ["mask_personal_data"],
        }
    },
    "root": {"handlers": ["console"], "level": env_str("ZWFW_LOG_LEVEL", "INFO")},
    # Django's own loggers come with their own handlers (DEFAULT_LOGGING: an unfiltered console
    # under DEBUG, runserver's request lines with query strings); route them through the masked one.
    "loggers": {
        "django": {"handlers": ["console"], "level": "INFO", "propagate": False},
        "django.server": {"handlers": ["console"], "level": "INFO", "propagate": False},
        "django.db.backends": {"level": "WARNING"},
        # WeasyPrint (guide PDFs) logs every layout step at INFO.
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}

# Content-Security-Policy: empty means the strict built-in policy (zwfw/core/csp.py).
ZWFW_CONTENT_SECURITY_POLICY = env_str("ZWFW_CONTENT_SECURITY_POLICY", "")
# Largest JSON body the API reads (bytes); uploads have their own limits (ZWFW_*_FILE_MAX_BYTES).
ZWFW_API_MAX_BODY_BYTES = env_int("ZWFW_API_MAX_BODY_BYTES", 1024 * 1024)
# Longest string anywhere in a JSON API body (characters); serializers set tighter lengths.
ZWFW_API_MAX_TEXT_CHARS = env_int("ZWFW_API_MAX_TEXT_CHARS", 20_000)

ZWFW_PLATFORM_NAME = env_str("ZWFW_PLATFORM_NAME", "一体化政务服务平台")
# The county (or city) this deployment serves first: 6/9/12-digit division code. Empty: the only
# county with a published catalog (zwfw/organizations/home.py, docs/adr/0023-home-region.md).
ZWFW_HOME_REGION = env_str("ZWFW_HOME_REGION", "")
# Size limits of the private file store's purposes (bytes; zwfw.files.purposes).
ZWFW_FORM_FILE_MAX_BYTES = env_int("ZWFW_FORM_FILE_MAX_BYTES", 10 * 1024 * 1024)
# Total size of the render-once PDF cache (guide PDFs); the oldest renders are dropped beyond it.
ZWFW_PDF_CACHE_MAX_BYTES = env_int("ZWFW_PDF_CACHE_MAX_BYTES", 2 * 1024 * 1024 * 1024)
# Uploaded .xlsx files (catalog import): limits checked before anything is parsed.
ZWFW_XLSX_MAX_UNPACKED_BYTES = env_int("ZWFW_XLSX_MAX_UNPACKED_BYTES", 64 * 1024 * 1024)
ZWFW_XLSX_MAX_ENTRIES = env_int("ZWFW_XLSX_MAX_ENTRIES", 1000)
ZWFW_APPLICANT_FILE_MAX_BYTES = env_int("ZWFW_APPLICANT_FILE_MAX_BYTES", 20 * 1024 * 1024)
# The public address of the site, for links that leave it: QR codes on printed guides and on
# official documents (their verification page). Never taken from a request's Host header.
ZWFW_SITE_URL = env_str("ZWFW_SITE_URL", "http://127.0.0.1:8000").rstrip("/")
# The upward case feed (`zwfw cases export`, ADR 0033) re-reads this many seconds before its last
# watermark, so a case written by a transaction still open when the last export ran is not lost
# (receivers upsert by 办件编号, so a case sent twice does no harm).
ZWFW_CASE_EXPORT_OVERLAP_SECONDS = env_int("ZWFW_CASE_EXPORT_OVERLAP_SECONDS", 300)
