"""The outbox message and job-run lifecycles: the one place that writes their `status`
(zwfw.core.state, docs/adr/0020-state-machines.md).

    outbox:  pending ──claim──▶ sending ──deliver──▶ delivered
               ▲  ▲               │  └─claim (lease ended: another worker takes over)
               │  └────fail───────┤
               └──retry── dead ◀──┘ fail (attempts used up)

    job run: pending ──begin──▶ running ──finish──▶ done
                                  │  ▲
                                  fail└─begin (the outbox redelivers the run)
"""

from __future__ import annotations

from zwfw.core.state import StateMachine

from ..models import JobRunStatus, OutboxStatus

OS = OutboxStatus
OUTBOX_STATES = StateMachine(
    name="jobs.outbox",
    transitions={
        "claim": {OS.PENDING: {OS.SENDING}, OS.SENDING: {OS.SENDING}},
        "deliver": {OS.SENDING: {OS.DELIVERED}},
        "fail": {OS.SENDING: {OS.PENDING, OS.DEAD}},
        "retry": {OS.DEAD: {OS.PENDING}},
    },
    labels={"claim": "领取", "deliver": "投递", "fail": "记录失败", "retry": "重新投递"},
    errors={"retry": ("只有投递失败的消息可以重新投递", "outbox_not_dead")},
)

R = JobRunStatus
JOB_RUN_STATES = StateMachine(
    name="jobs.run",
    transitions={
        "begin": {R.PENDING: {R.RUNNING}, R.RUNNING: {R.RUNNING}, R.FAILED: {R.RUNNING}},
        "finish": {R.PENDING: {R.DONE}, R.RUNNING: {R.DONE}, R.FAILED: {R.DONE}},
        "fail": {R.PENDING: {R.FAILED}, R.RUNNING: {R.FAILED}, R.FAILED: {R.FAILED}},
    },
    labels={"begin": "开始", "finish": "完成", "fail": "记录失败"},
)
