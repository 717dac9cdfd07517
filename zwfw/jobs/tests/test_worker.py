import io

from django.core.management import call_command
from huey.contrib.djhuey import HUEY


def test_worker_command_runs_the_consumer_with_the_periodic_sweep(monkeypatch, settings):
    started = {}

    class Consumer:
        def run(self):
            started["ran"] = True

    def create_consumer(**options):
        started.update(options)
        return Consumer()

    monkeypatch.setattr(HUEY, "create_consumer", create_consumer)
    out = io.StringIO()
    call_command("worker", "--workers", "3", stdout=out)
    assert started == {"workers": 3, "worker_type": "thread", "periodic": True, "ran": True}
    assert {"zwfw.jobs.tasks.zwfw.outbox.deliver", "zwfw.jobs.tasks.zwfw.outbox.sweep"} <= set(HUEY._registry._registry)
    backend = "Redis" if settings.ZWFW_REDIS_URL else "SQLite"
    assert backend in out.getvalue()
