"""Guard: a status field is written only by zwfw.core.state (through a declared StateMachine).

Scans the source of every app and of bench/ (tests and migrations excepted) for the ways Django code writes a
column — assignment to `obj.status`, `status=` in `.update()`/`.create()`/a model constructor,
`update_fields`/`bulk_update` naming it, `setattr(obj, "status", …)`, `**{"status": …}` — and
fails naming each place. Rows are created in the model's default state; every change goes
through `StateMachine.move` / `move_many` (docs/adr/0020-state-machines.md).
"""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

from django.apps import apps

from zwfw.core.state import StateMachine

ROOT = Path(__file__).resolve().parents[2]  # the zwfw package
# Generated demo history (zwfw.stats.generate, marked generated) writes cases and cards in bulk in
# the states of the past it depicts: no transition happens there, so no machine is taken.
ALLOWED = {ROOT / "core" / "state.py", ROOT / "stats" / "generate.py"}
WRITE_METHODS = {"update", "create", "get_or_create", "update_or_create", "bulk_create"}


def _state_fields_and_models() -> tuple[set[str], set[str]]:
    for app in apps.get_app_configs():  # each app declares its machines in services/state.py
        if (Path(app.path) / "services" / "state.py").exists():
            importlib.import_module(f"{app.name}.services.state")
    fields = {"status", "state"} | {m.field for m in StateMachine.registry.values()}
    models = {m.__name__ for m in apps.get_models(include_auto_created=False)
              if any(f.name in fields for f in m._meta.concrete_fields)}
    # Proxies (BaseItem, ImplementationItem) write the same table.
    models |= {m.__name__ for m in apps.get_models() if m._meta.proxy and m._meta.concrete_model.__name__ in models}
    return fields, models


def _names(node) -> list[str]:
    """String constants in a list/tuple/set literal."""
    if isinstance(node, ast.List | ast.Tuple | ast.Set):
        return [e.value for e in node.elts if isinstance(e, ast.Constant) and isinstance(e.value, str)]
    return []


def _callee(call: ast.Call) -> str:
    func = call.func
    return func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""


def _writes(tree: ast.AST, fields: set[str], models: set[str]):
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign | ast.AugAssign | ast.AnnAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            for target in targets:
                for t in (target.elts if isinstance(target, ast.Tuple) else [target]):
                    if isinstance(t, ast.Attribute) and t.attr in fields:
                        yield node.lineno, f"assigns .{t.attr}"
        if not isinstance(node, ast.Call):
            continue
        callee = _callee(node)
        if callee == "setattr" and len(node.args) > 1 and isinstance(node.args[1], ast.Constant) \
                and node.args[1].value in fields:
            yield node.lineno, "setattr of a status field"
        if callee == "bulk_update" and any(set(_names(a)) & fields for a in node.args):
            yield node.lineno, "bulk_update of a status field"
        for kw in node.keywords:
            if kw.arg in fields and (callee in WRITE_METHODS or callee in models):
                yield node.lineno, f"{callee}({kw.arg}=…)"
            if kw.arg == "update_fields" and set(_names(kw.value)) & fields:
                yield node.lineno, "save(update_fields=[status…])"
            if (kw.arg is None or kw.arg in ("defaults", "create_defaults")) and isinstance(kw.value, ast.Dict) \
                    and {k.value for k in kw.value.keys if isinstance(k, ast.Constant)} & fields:
                yield node.lineno, f"{callee}(**{{status: …}})"


def _sources():
    for path in sorted([*ROOT.rglob("*.py"), *(ROOT.parent / "bench").rglob("*.py")]):
        parts = set(path.relative_to(ROOT.parent).parts)
        if path in ALLOWED or parts & {"tests", "migrations"}:
            continue
        yield path


def test_status_fields_are_written_only_through_a_state_machine():
    fields, models = _state_fields_and_models()
    assert {"ItemVersion", "ServiceItem", "TimeLimitClock"} <= models
    offenders = [
        f"{path.relative_to(ROOT.parent)}:{line}: {what}"
        for path in _sources()
        for line, what in _writes(ast.parse(path.read_text(encoding="utf-8")), fields, models)
    ]
    assert offenders == []


def test_the_guard_catches_each_kind_of_write():
    fields, models = _state_fields_and_models()
    source = """
version.status = "published"
item.status, item.cancelled_on = "cancelled", day
ItemVersion.objects.filter(pk=1).update(status="published")
ItemVersion(number=1, status="approved")
TimeLimitClock.objects.create(status="paused")
clock.save(update_fields=["status", "stopped_at"])
ServiceItem.objects.bulk_update(items, ["status"])
setattr(clock, "status", "stopped")
qs.update(**{"status": "x"})
Response(data, status=201)
qs.filter(status="published")
"""
    found = [line for line, _what in _writes(ast.parse(source), fields, models)]
    assert found == [2, 3, 4, 5, 6, 7, 8, 9, 10]
