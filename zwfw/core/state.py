"""State machines: one transition table per model and the only writer of its status field.

A model that has a life cycle declares it once, next to its services::

    VERSION_STATES = StateMachine(
        name="catalog.version",
        field="status",
        transitions={"submit": {"draft": {"submitted"}, "returned": {"submitted"}}, ...},
        labels={"submit": _("提交审核"), ...},
        conflict_message=_("该版本已被他人处理，请刷新后重试"),
    )

and its services move an instance along one edge with

    moved = VERSION_STATES.move(version, action="submit", to="submitted",
                                guard={"review_step": version.review_step}, submitted_at=now)
    audit_record(..., changes={"status": moved.change})

`move` checks the edge against the table (StateError, with a Chinese message, when the table
has no such edge from the status read before) and then writes with one conditional
``UPDATE … SET status = <to>, <fields> WHERE pk = … AND status = <from> [AND <guard>]``. If
someone else moved the row in between, the UPDATE matches nothing and `Conflict` is raised:
two reviewers, or two clerks, cannot both succeed, with or without a row lock. `move_many` is
the same for a queryset (bulk loads). Rows are created in their model's default state; the
status field is written nowhere else (`zwfw/core/tests/test_state_guard.py` enforces it).

We keep our own table instead of django-fsm (docs/adr/0020-state-machines.md).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from typing import Any, ClassVar

from django.db import models
from django.utils.translation import gettext as _

from .errors import Conflict, StateError


@dataclass(frozen=True)
class Moved:
    """The edge just taken; `change` is the `[before, after]` pair for an audit change set."""

    action: str
    before: str
    after: str

    @property
    def change(self) -> list[str]:
        return [self.before, self.after]


@dataclass(frozen=True, eq=False)
class StateMachine:
    """A transition table `{action: {from status: {to statuses}}}` over one model field.

    `labels` name the actions in Chinese for messages ("不能提交审核"). `errors` may give an action
    its own message and code for a refused edge (e.g. "只有计时中的时限可以暂停", "clock_not_running");
    otherwise the message says the current status and the action. `conflict_message` /
    `conflict_code` are raised when the row changed under us.
    """

    name: str
    transitions: Mapping[str, Mapping[str, Iterable[str]]]
    labels: Mapping[str, str] = dataclass_field(default_factory=dict)
    field: str = "status"
    errors: Mapping[str, tuple[str, str]] = dataclass_field(default_factory=dict)
    conflict_message: str = "该记录已被他人处理，请刷新后重试"
    conflict_code: str = "state_changed"

    registry: ClassVar[dict[str, StateMachine]] = {}

    def __post_init__(self) -> None:
        # Freeze the table so nobody adds an edge at run time.
        table = {action: {str(src): frozenset(str(t) for t in targets) for src, targets in edges.items()}
                 for action, edges in self.transitions.items()}
        object.__setattr__(self, "transitions", table)
        StateMachine.registry[self.name] = self

    # Reading the table

    def allowed(self, action: str, current: str) -> frozenset[str]:
        """The statuses `action` may lead to from `current` (empty: not allowed)."""
        return self.transitions.get(action, {}).get(str(current), frozenset())

    def can(self, obj: models.Model, action: str) -> bool:
        return bool(self.allowed(action, getattr(obj, self.field)))

    def actions(self, current: str) -> list[str]:
        """Actions possible from `current`, in table order (for showing buttons)."""
        return [action for action, edges in self.transitions.items() if edges.get(str(current))]

    def statuses(self) -> frozenset[str]:
        return frozenset(s for edges in self.transitions.values() for src, tos in edges.items() for s in {src, *tos})

    def check(self, obj: models.Model, *, action: str, to: str | None = None) -> None:
        """Raise StateError unless the table has `action` (to `to`, if given) from obj's status."""
        allowed = self.allowed(action, getattr(obj, self.field))
        if allowed and (to is None or str(to) in allowed):
            return
        if action in self.errors:
            message, code = self.errors[action]
            raise StateError(str(message), code=code)
        raise StateError(
            _("当前状态为“%(status)s”，不能%(action)s")
            % {"status": self._display(obj), "action": self.labels.get(action, action)},
            code="invalid_transition",
        )

    # Writing

    def move(self, obj: models.Model, *, action: str, to: str, guard: Mapping[str, Any] | None = None,
             **fields: Any) -> Moved:
        """Move `obj` along one edge with a conditional UPDATE (see the module docstring).

        `guard` adds column conditions read together with the status (e.g. the review step);
        `fields` are written in the same UPDATE and set on `obj`. Call inside the service's
        transaction, before its audit event.
        """
        self.check(obj, action=action, to=to)
        before = str(getattr(obj, self.field))
        condition = {"pk": obj.pk, self.field: before, **(guard or {})}
        updated = type(obj)._base_manager.filter(**condition).update(**{self.field: to}, **fields)
        if updated != 1:
            raise Conflict(str(self.conflict_message), code=self.conflict_code)
        setattr(obj, self.field, to)
        for name, value in fields.items():
            setattr(obj, name, value)
        return Moved(action=action, before=before, after=str(to))

    def move_many(self, queryset: models.QuerySet, *, action: str, source: str, to: str, **fields: Any) -> int:
        """Move every row of `queryset` that is in `source` along one edge; returns how many moved.

        For bulk loads (demo, migrations of data): the rows not in `source` are left alone, so the
        caller compares the count with what it expected.
        """
        if str(to) not in self.allowed(action, source):
            raise StateError(
                _("状态“%(status)s”不能%(action)s") % {"status": source, "action": self.labels.get(action, action)},
                code="invalid_transition",
            )
        return queryset.filter(**{self.field: source}).update(**{self.field: to}, **fields)

    def move_where(self, queryset: models.QuerySet, *, action: str, to: str, **fields: Any) -> int:
        """Move the rows of `queryset` whose status allows `action` to `to`; return how many moved.

        For claims and races where "nothing matched" is an answer, not an error (an outbox worker
        that lost the race for a message): one conditional UPDATE over every allowed source status.
        """
        sources = [src for src, targets in self.transitions.get(action, {}).items() if str(to) in targets]
        if not sources:
            raise StateError(_("不能%(action)s") % {"action": self.labels.get(action, action)},
                             code="invalid_transition")
        return queryset.filter(**{f"{self.field}__in": sources}).update(**{self.field: to}, **fields)

    def _display(self, obj: models.Model) -> str:
        display = getattr(obj, f"get_{self.field}_display", None)
        return str(display()) if display else str(getattr(obj, self.field))
