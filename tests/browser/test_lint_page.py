"""Issue 12 point 9 in a browser: the quality check page reports an item whose steps take longer
than its promised limit, and lists every rule with its legal source, at desktop and phone sizes."""

import pytest

from zwfw.catalog.services import item_draft_create
from zwfw.portal.tests.guides import NOW, _publish, build_guides
from zwfw.portal.tests.network import build_network

from .conftest import DESKTOP, PHONE

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_lint_page_flags_steps_over_the_promised_limit(visit, clean_catalog, viewport):
    network = build_network()
    guides = build_guides(network)
    # Promised 10 working days, but its steps take 1 + 12 + 1 = 14.
    steps = [{"name": "受理", "role": "窗口人员", "working_days": 1}, {"name": "审核", "role": "审批人员", "working_days": 12},
             {"name": "办结", "role": "部门负责人", "working_days": 1}]
    version = item_draft_create(actor=guides.editor, department=network.civil, base_code="000101004000",
                                name="社会团体成立登记", item_type="01", steps=steps,
                                fields={"legal_basis": "《社会团体登记管理条例》第十二条", "statutory_limit": 30,
                                        "promised_limit": 10}, now=NOW)
    _publish(version, guides.editor, guides.reviewer, NOW)
    v = visit(viewport=viewport, user=guides.editor)
    v.goto("/workbench/catalog/lint/")
    card = v.page.locator("article.card", has_text="社会团体成立登记")
    assert "L09 办理环节：各环节时限合计14个工作日，超过承诺时限10个工作日" in card.inner_text()
    rules = v.page.locator("table.lint-rules tbody tr")
    assert rules.count() == 16  # L14–L16: the one-table form, pre-review, identity materials
    assert rules.nth(8).locator("td").all_inner_texts() == [
        "L09", "各环节时限之和不超过承诺时限", "《优化营商环境条例》第三十五条（编制并公开标准化办事指南，细化量化办理时限）"]
    assert "promised_limit" not in v.page.locator("main").inner_text()
    assert not v.has_horizontal_overflow()
    v.screenshot(f"lint-page-{viewport['width']}.png")
