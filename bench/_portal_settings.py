"""Settings of the server `zwfw bench portal` starts: the demo's (config.settings.local) plus one
trivial view to compare every page with (bench/_portal_urls.py)."""

from config.settings.local import *  # noqa: F403

ROOT_URLCONF = "bench._portal_urls"
