"""Serve the platform with gunicorn in a child process (benchmarks and the kill test).

The server runs in its own process group so that it can be stopped, or killed outright, by its
PID: `kill()` sends SIGKILL to that group (master and workers) — never anything found by name.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def database_url(settings_dict: dict) -> str:
    """The DATABASE_URL of a Django connection's settings (the test database while testing)."""
    if settings_dict["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{Path(settings_dict['NAME']).resolve()}"
    user = settings_dict.get("USER") or "postgres"
    host = settings_dict.get("HOST") or "127.0.0.1"
    port = settings_dict.get("PORT") or 5432
    password = f":{settings_dict['PASSWORD']}" if settings_dict.get("PASSWORD") else ""
    return f"postgres://{user}{password}@{host}:{port}/{settings_dict['NAME']}"


class Served:
    """gunicorn serving config.wsgi on 127.0.0.1:`port` with `workers` sync workers."""

    def __init__(self, *, env: dict[str, str], workers: int = 2, port: int | None = None, threads: int = 1,
                 log: Path | None = None) -> None:
        self.env = {**os.environ, **env}
        self.workers = workers
        self.threads = threads
        self.port = port or free_port()
        self.log = log
        self.proc: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, *, timeout: float = 60) -> Served:
        gunicorn = str(Path(sys.executable).parent / "gunicorn")
        out = open(self.log, "ab") if self.log else subprocess.DEVNULL  # noqa: SIM115 (kept for the child)
        self.proc = subprocess.Popen(
            # --preload with bench._wsgi: the whole application is imported once, before the fork.
            [gunicorn, "bench._wsgi", "--preload", "--bind", f"127.0.0.1:{self.port}", "--workers", str(self.workers),
             "--threads", str(self.threads), "--timeout", "120", "--graceful-timeout", "5"],
            cwd=ROOT, env=self.env, stdout=out, stderr=out, start_new_session=True,
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"gunicorn exited with {self.proc.returncode}")
            try:
                urllib.request.urlopen(self.url + "/favicon.ico", timeout=2).read()  # noqa: S310 (local)
                return self
            except (urllib.error.URLError, ConnectionError, OSError):
                time.sleep(0.2)
        self.stop()
        raise RuntimeError("gunicorn did not answer in time")

    def kill(self) -> None:
        """SIGKILL the server's process group (master and workers): a crash, not a shutdown."""
        if self.proc and self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait(timeout=30)

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.kill()

    def __enter__(self) -> Served:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()
