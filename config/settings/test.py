"""Test settings: fast password hashing, in-memory-fast SQLite unless DATABASE_URL is given."""

from .base import *  # noqa: F403
from .env import BASE_DIR, env_str

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
SECRET_KEY = env_str("SECRET_KEY", "test-secret-key-not-for-production-0123456789abcdefghij")
# Static files come from the finders in tests; there is no collected STATIC_ROOT to watch.
STATIC_ROOT = None

# SQLite test databases are files (data/test.sqlite3_gw0 …), not shared-cache memory: in shared
# cache, concurrent connections fail at once with "database table is locked" instead of queueing
# on the write lock, so tests that run real concurrent transactions (numbering's 20 threads)
# need the same locking as production (WAL + IMMEDIATE, ADR 0003).
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    DATABASES["default"]["TEST"] = {"NAME": str(BASE_DIR / "data" / "test.sqlite3")}  # noqa: F405
