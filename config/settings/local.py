"""Local development and the demo: SQLite under ./data unless DATABASE_URL says otherwise."""

from .base import *  # noqa: F403
from .env import env_bool

DEBUG = env_bool("ZWFW_DEBUG", True)
