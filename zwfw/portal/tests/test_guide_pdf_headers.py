"""Issue 12 point 5: the guide PDF's table headers are whole words (no 序/号, 复印/件, 表格下/载):
the print layout gives Chinese headers the width they need. Checked on the PDF's own text."""

from __future__ import annotations

import shutil
import subprocess

import pytest
from django.test import Client

from zwfw.catalog.services import item_draft_create

from .guides import NOW, _publish, build_guides
from .network import build_network

pytestmark = [pytest.mark.django_db,
              pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils is not installed")]

MATERIAL_HEADERS = ["序号", "材料名称", "原件", "复印件", "电子材料", "必要性", "来源渠道", "容缺", "表格下载"]
STEP_HEADERS = ["环节", "办理人员", "时限", "办理标准"]


def _pdf_text(tmp_path, data: bytes) -> str:
    path = tmp_path / "guide.pdf"
    path.write_bytes(data)
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True,
                          text=True).stdout


def test_table_headers_are_not_broken(tmp_path, settings):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    network = build_network()
    guides = build_guides(network)
    # Long cells, as the demo catalog has them: the table layout must still leave headers whole.
    long = "通过电子证照库调取，无需提交；无法调取的，由申请人提供纸质材料并当场核验原件后退还"
    materials = [{"name": "申请人身份证明及户口簿首页和本人页" * 2, "copy_count": 1, "original_count": 1,
                  "source": "applicant", "source_note": long, "condition": long, "page_format": "A4纸张"}
                 for _ in range(3)]
    steps = [{"name": "受理审查决定", "role": "窗口工作人员和审批科室负责人", "working_days": 2,
              "description": long * 2}]
    version = item_draft_create(actor=guides.editor, department=network.civil, base_code="000107009000",
                                name="长材料事项", item_type="07", materials=materials, steps=steps, now=NOW)
    _publish(version, guides.editor, guides.reviewer, NOW)
    response = Client().get(f"/guide/{version.item.pk}/pdf")
    assert response.status_code == 200
    text = _pdf_text(tmp_path, b"".join(response.streaming_content))
    header = next(line for line in text.splitlines() if "材料名称" in line)
    assert [h for h in MATERIAL_HEADERS if h not in header] == []
    step_header = next(line for line in text.splitlines() if "办理人员" in line)
    assert [h for h in STEP_HEADERS if h not in step_header] == []
