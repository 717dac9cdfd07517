"""Every count `zwfw demo` prints is named in Chinese (the loader's summary keys are code)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from zwfw.core.management.commands.demo import LABELS

ROOT = Path(__file__).resolve().parents[3]


def test_every_summary_key_the_loader_adds_has_a_chinese_label():
    keys = set()
    for path in (ROOT / "zwfw" / "demo").glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if (isinstance(node, ast.Call) and getattr(node.func, "attr", "") == "add" and node.args
                    and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str)):
                keys.add(node.args[0].value)
    assert keys, "the loader's summary keys were not found"
    missing = sorted(k for k in keys if k not in LABELS or not re.search(r"[\u4e00-\u9fff]", LABELS[k]))
    assert missing == []
