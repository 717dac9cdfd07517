"""Local development and the demo: SQLite under ./data unless DATABASE_URL says otherwise."""

from .base import *  # noqa: F403
from .env import env_bool, env_str

DEBUG = env_bool("ZWFW_DEBUG", True)
# The demo county (广安市广安区) is the demo deployment's home region.
ZWFW_HOME_REGION = env_str("ZWFW_HOME_REGION", "511602")
