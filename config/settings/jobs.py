"""Background jobs (huey), the outbox and notifications: settings from the environment.

The queue is a SQLite file in the data folder by default (no extra server) and Redis when
`ZWFW_REDIS_URL` is set (docs/adr/0014-queue-huey.md). `HUEY` is read by huey's Django
integration (`huey.contrib.djhuey`); the consumer runs as `zwfw worker`.
"""

from .env import BASE_DIR, env_int, env_str

DATA_DIR = BASE_DIR / "data"


def huey_config(*, redis_url: str, name: str, sqlite_path: str) -> dict:
    """The `HUEY` setting: Redis when a URL is given, else a SQLite queue file."""
    common = {
        "name": name,
        # djhuey would default `immediate` to DEBUG, which runs tasks inside the web request on an
        # in-memory queue; the whole point of the queue is to leave the request, so never.
        "immediate": False,
        "utc": True,
        "consumer": {"workers": 2, "worker_type": "thread", "periodic": True},
    }
    if redis_url:
        return {**common, "huey_class": "huey.RedisHuey", "url": redis_url}
    return {**common, "huey_class": "huey.SqliteHuey", "filename": sqlite_path}


ZWFW_REDIS_URL = env_str("ZWFW_REDIS_URL", "")
ZWFW_JOBS_QUEUE_FILE = env_str("ZWFW_JOBS_QUEUE_FILE", str(DATA_DIR / "queue.sqlite3"))
HUEY = huey_config(redis_url=ZWFW_REDIS_URL, name=env_str("ZWFW_JOBS_QUEUE_NAME", "zwfw"),
                   sqlite_path=ZWFW_JOBS_QUEUE_FILE)

# Outbox delivery: attempts before a message becomes a dead letter, the first retry delay (doubled
# on each further failure: 30 s, 1 min, 2 min … capped), and how long a claimed message stays
# with one worker before another may take it over (a worker killed mid-delivery).
ZWFW_OUTBOX_MAX_ATTEMPTS = env_int("ZWFW_OUTBOX_MAX_ATTEMPTS", 8)
ZWFW_OUTBOX_BACKOFF_SECONDS = env_int("ZWFW_OUTBOX_BACKOFF_SECONDS", 30)
ZWFW_OUTBOX_BACKOFF_MAX_SECONDS = env_int("ZWFW_OUTBOX_BACKOFF_MAX_SECONDS", 3600)
ZWFW_OUTBOX_LEASE_SECONDS = env_int("ZWFW_OUTBOX_LEASE_SECONDS", 300)

# Notifications. SMS through a backend named by dotted path (a provincial SMS gateway plugs in
# here); by default lines with masked numbers in a file. E-mail through Django's EMAIL_BACKEND.
ZWFW_SMS_BACKEND = env_str("ZWFW_SMS_BACKEND", "zwfw.notifications.backends.FileSmsBackend")
ZWFW_SMS_FILE = env_str("ZWFW_SMS_FILE", str(DATA_DIR / "outbox-sms.log"))
EMAIL_BACKEND = env_str("ZWFW_EMAIL_BACKEND", "django.core.mail.backends.filebased.EmailBackend")
EMAIL_FILE_PATH = env_str("ZWFW_EMAIL_FILE_PATH", str(DATA_DIR / "outbox-mail"))
DEFAULT_FROM_EMAIL = env_str("ZWFW_EMAIL_FROM", "noreply@zwfw.localhost")
# At most this many SMS/e-mail notifications per recipient within the window (the in-app inbox
# is never limited: it is the record).
ZWFW_NOTIFY_RATE_LIMIT = env_int("ZWFW_NOTIFY_RATE_LIMIT", 10)
ZWFW_NOTIFY_RATE_WINDOW_MINUTES = env_int("ZWFW_NOTIFY_RATE_WINDOW_MINUTES", 60)

# Clocks recomputed per transaction by the recompute job after a calendar change.
ZWFW_CLOCK_RECOMPUTE_BATCH = env_int("ZWFW_CLOCK_RECOMPUTE_BATCH", 500)

# How long an Idempotency-Key's first answer is replayed (docs/adr/0025-idempotency-keys.md).
ZWFW_IDEMPOTENCY_KEEP_DAYS = env_int("ZWFW_IDEMPOTENCY_KEEP_DAYS", 7)
