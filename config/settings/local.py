"""Local development and the demo: SQLite under ./data unless DATABASE_URL says otherwise.

The demo runs with debugging off, as a visitor would meet it: Chinese error pages, never Django's
debug page. A developer opts in with ZWFW_DEBUG=1."""

from .base import *  # noqa: F403
from .env import env_bool, env_str

DEBUG = env_bool("ZWFW_DEBUG", False)
# Static files straight from the finders (our static folder and node_modules): no collectstatic
# step before the demo serves its CSS and scripts with DEBUG off.
WHITENOISE_USE_FINDERS = True
# The demo county (广安市广安区) is the demo deployment's home region.
ZWFW_HOME_REGION = env_str("ZWFW_HOME_REGION", "511602")
