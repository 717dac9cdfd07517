"""Test settings: fast password hashing, in-memory-fast SQLite unless DATABASE_URL is given."""

from .base import *  # noqa: F403
from .devkeys import TEST_SECRET_KEY
from .env import BASE_DIR, env_str

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
SECRET_KEY = env_str("SECRET_KEY", TEST_SECRET_KEY)
# Static files come from the finders in tests; there is no collected STATIC_ROOT to watch.
STATIC_ROOT = None

# One queue per test process (xdist worker), so parallel workers never take each other's jobs;
# tests that use the queue flush it (zwfw.jobs.testing). Redis when ZWFW_REDIS_URL is set (CI's
# Redis pass), else a SQLite queue file in the temporary folder.
import os  # noqa: E402
import tempfile  # noqa: E402

from .jobs import huey_config  # noqa: E402

_worker = f"{os.environ.get('PYTEST_XDIST_WORKER', 'main')}-{os.getpid()}"
ZWFW_JOBS_QUEUE_FILE = os.path.join(tempfile.gettempdir(), f"zwfw-test-queue-{_worker}.sqlite3")
HUEY = huey_config(redis_url=ZWFW_REDIS_URL, name=f"zwfw-test-{_worker}",  # noqa: F405
                   sqlite_path=ZWFW_JOBS_QUEUE_FILE)

# SQLite test databases are files (data/test.sqlite3_gw0 …), not shared-cache memory: in shared
# cache, concurrent connections fail at once with "database table is locked" instead of queueing
# on the write lock, so tests that run real concurrent transactions (numbering's 20 threads)
# need the same locking as production (WAL + IMMEDIATE, ADR 0003).
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    DATABASES["default"]["TEST"] = {"NAME": str(BASE_DIR / "data" / "test.sqlite3")}  # noqa: F405
