"""Test settings: fast password hashing, in-memory-fast SQLite unless DATABASE_URL is given."""

from .base import *  # noqa: F403
from .env import env_str

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
SECRET_KEY = env_str("SECRET_KEY", "test-secret-key-not-for-production-0123456789abcdefghij")
# Static files come from the finders in tests; there is no collected STATIC_ROOT to watch.
STATIC_ROOT = None
