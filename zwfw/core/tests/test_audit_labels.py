"""Every audit action used in the code base has a Chinese label (issue 12 point 12).

The actions are collected from the source: every call of `audit_record(...)` under zwfw/ and
bench/ (tests excluded). A literal is taken as is, a module constant is resolved, an f-string
must be one of the known patterns below (expanded from its choices); anything else fails, so a
new action — or a new way of passing one — cannot reach the audit page without a name.
"""

import ast
import re
from pathlib import Path

from django.apps import apps

from zwfw.cases.services.state import CASE_STATES
from zwfw.cases.services.steps import STEP_ACTION_LABELS
from zwfw.cases.services.steps_state import CASE_STEP_STATES
from zwfw.catalog.models.codes import ChangeKind
from zwfw.core.audit_labels import ACTION_LABELS, OBJECT_LABELS, action_label, object_label

ROOT = Path(__file__).resolve().parents[3]
CJK = re.compile(r"[\u4e00-\u9fff]")

# f-string actions and the codes they can produce.
DYNAMIC = {
    "catalog.item.{kind}": [f"catalog.item.{kind}" for kind in ChangeKind.values],
    "cases.case.{action}": [f"cases.case.{action}" for action in CASE_STATES.transitions],
    "cases.step.{action}": [f"cases.step.{action}" for action in [*CASE_STEP_STATES.transitions, *STEP_ACTION_LABELS]],
}


def _sources():
    for top in ("zwfw", "bench"):
        for path in sorted((ROOT / top).rglob("*.py")):
            parts = path.relative_to(ROOT).parts
            if "tests" in parts or "migrations" in parts:
                continue
            yield path


def _constants(tree: ast.Module) -> dict[str, str]:
    found = {}
    for node in tree.body:
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant) and isinstance(node.value.value, str):
            for target in node.targets:
                if isinstance(target, ast.Name):
                    found[target.id] = node.value.value
    return found


def _pattern(node: ast.JoinedStr) -> str:
    return "".join(
        part.value if isinstance(part, ast.Constant) else "{" + ast.unparse(part.value) + "}" for part in node.values
    )


def collect_audit_usage() -> tuple[dict[str, list[str]], dict[str, list[str]], list[str]]:
    """(action code -> places, explicit object_type -> places, calls whose action is not understood)."""
    actions: dict[str, list[str]] = {}
    object_types: dict[str, list[str]] = {}
    unknown: list[str] = []
    for path in _sources():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        constants = _constants(tree)
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)
            if name != "audit_record":
                continue
            where = f"{path.relative_to(ROOT)}:{node.lineno}"
            keywords = {k.arg: k.value for k in node.keywords}
            action = keywords.get("action")
            if isinstance(action, ast.Constant) and isinstance(action.value, str):
                codes = [action.value]
            elif isinstance(action, ast.Name) and action.id in constants:
                codes = [constants[action.id]]
            elif isinstance(action, ast.JoinedStr) and _pattern(action) in DYNAMIC:
                codes = DYNAMIC[_pattern(action)]
            else:
                unknown.append(where)
                continue
            for code in codes:
                actions.setdefault(code, []).append(where)
            object_type = keywords.get("object_type")
            if isinstance(object_type, ast.Constant) and object_type.value:
                object_types.setdefault(object_type.value, []).append(where)
    return actions, object_types, unknown


def test_the_collector_finds_the_known_calls():
    actions, object_types, _ = collect_audit_usage()
    assert len(actions) > 50
    assert "auth.sign_in_succeeded" in actions
    assert "documents.document.issue" in actions  # through a module constant
    assert "catalog.item.take_over" in actions  # through the f-string pattern
    assert "organizations.region" in object_types


def test_every_audit_action_in_the_code_base_has_a_chinese_label():
    actions, _, unknown = collect_audit_usage()
    assert unknown == [], f"audit_record calls whose action cannot be collected (add a pattern to DYNAMIC): {unknown}"
    missing = {code: places for code, places in sorted(actions.items()) if code not in ACTION_LABELS}
    assert missing == {}, f"add these actions to zwfw/core/audit_labels.py ACTION_LABELS: {missing}"


def test_labels_are_chinese():
    for code, label in ACTION_LABELS.items():
        assert CJK.search(str(label)), code
    for code, label in OBJECT_LABELS.items():
        assert CJK.search(str(label)), code


def test_every_object_type_has_a_chinese_name():
    _, object_types, _ = collect_audit_usage()
    for object_type, places in object_types.items():
        assert CJK.search(object_label(object_type)) and "未登记" not in object_label(object_type), (object_type, places)
    # `target=` records the model's label: every model of the platform names itself in Chinese.
    for model in apps.get_models():
        if model.__module__.startswith("zwfw."):
            assert CJK.search(str(model._meta.verbose_name)), model._meta.label_lower


def test_unknown_codes_are_shown_as_unregistered_not_hidden():
    assert action_label("auth.sign_in_succeeded") == "登录成功"
    assert action_label("x.unknown") == "未登记的操作（x.unknown）"
    assert object_label("accounts.user") == "账号"
    assert object_label("nope.nothing") == "未登记的对象（nope.nothing）"
    assert object_label("") == ""
