"""`zwfw worker`: run the background-job consumer (outbox delivery, periodic sweep)."""

from __future__ import annotations

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils.module_loading import autodiscover_modules


class Command(BaseCommand):
    help = "运行后台任务处理进程（投递待发消息、重算时限等）"

    def add_arguments(self, parser):
        consumer = settings.HUEY.get("consumer", {})
        parser.add_argument("--workers", type=int, default=consumer.get("workers", 2),
                            help="并发处理的线程数")
        parser.add_argument("--no-periodic", action="store_true", help="不运行定时任务（巡检补投）")

    def handle(self, *args, workers: int, no_periodic: bool, **options):
        from huey.contrib.djhuey import HUEY

        autodiscover_modules("tasks")  # every app's tasks.py registers its tasks with the queue
        backend = "Redis" if settings.ZWFW_REDIS_URL else f"SQLite {settings.ZWFW_JOBS_QUEUE_FILE}"
        self.stdout.write(f"worker: queue {HUEY.name} on {backend}, {workers} thread(s)")
        # huey's logger propagates to the root logger, whose handler masks personal data.
        consumer = HUEY.create_consumer(workers=workers, worker_type="thread", periodic=not no_periodic)
        consumer.run()
