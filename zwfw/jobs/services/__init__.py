"""Public services of the jobs app: the outbox and job runs."""

from .outbox import outbox_deliver, outbox_deliver_due, outbox_put, outbox_retry
from .runs import job_run_advance, job_run_begin, job_run_enqueue, job_run_fail, job_run_finish

__all__ = [
    "job_run_advance",
    "job_run_begin",
    "job_run_enqueue",
    "job_run_fail",
    "job_run_finish",
    "outbox_deliver",
    "outbox_deliver_due",
    "outbox_put",
    "outbox_retry",
]
