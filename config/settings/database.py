"""Database selection: SQLite file by default, any DATABASE_URL (PostgreSQL) otherwise.

SQLite runs in WAL mode with IMMEDIATE transactions so that concurrent writers queue on the
write lock at BEGIN instead of failing mid-transaction (see docs/adr/0003-sqlite-default.md).
"""

import dj_database_url

from .env import BASE_DIR, env_str


def database_config(default_path: str | None = None) -> dict:
    url = env_str("DATABASE_URL", "")
    if url:
        config = dj_database_url.parse(url, conn_max_age=60, conn_health_checks=True)
        if config["ENGINE"] == "django.db.backends.sqlite3":
            config["OPTIONS"] = _sqlite_options()
        return config
    data_dir = BASE_DIR / "data"
    data_dir.mkdir(exist_ok=True)
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": default_path or str(data_dir / "zwfw.sqlite3"),
        "OPTIONS": _sqlite_options(),
    }


def _sqlite_options() -> dict:
    return {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": (
            "PRAGMA journal_mode=WAL;"
            "PRAGMA synchronous=NORMAL;"
            "PRAGMA foreign_keys=ON;"
            "PRAGMA busy_timeout=20000;"
        ),
    }
