"""Issue 12 point 14 in a browser: the draft editor shows one section at a time beside its table
of contents (it was one page of about 9,200 px with dropdowns reading "---------"), and the
returned draft is the editor's to-do on the workbench home."""

import pytest

from zwfw.catalog.services import item_review_return, item_submit_for_review
from zwfw.portal.tests.guides import build_guides
from zwfw.portal.tests.network import build_network

from .conftest import DESKTOP, PHONE

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize(("viewport", "max_height"), [(DESKTOP, 3000), (PHONE, 6500)], ids=["desktop", "phone"])
def test_draft_editor_in_sections(visit, clean_catalog, viewport, max_height):
    guides = build_guides(build_network())
    draft = guides.household_draft
    item_submit_for_review(actor=guides.editor, version=draft)
    draft.refresh_from_db()
    item_review_return(actor=guides.reviewer, version=draft, comment="请补充材料说明")
    v = visit(viewport=viewport, user=guides.editor)
    v.goto("/workbench/")
    todo = v.page.locator("section.todo")
    assert "被退回的草稿待修改" in todo.inner_text()
    todo.get_by_role("link").first.click()
    v.page.wait_for_url(f"**/workbench/catalog/versions/{draft.pk}/edit/")
    height = v.page.evaluate("document.documentElement.scrollHeight")
    print(f"draft editor height at {viewport['width']} px: {height} px")
    assert height < max_height
    assert "---------" not in v.page.content()
    assert v.page.locator("#basic").is_visible() and not v.page.locator("#fs-materials").is_visible()
    v.page.locator("nav.draft-toc").get_by_role("link", name="申请材料").click()
    assert v.page.locator("#fs-materials").is_visible() and not v.page.locator("#basic").is_visible()
    v.page.get_by_role("button", name="显示全部").click()
    assert v.page.locator("#basic").is_visible() and v.page.locator("#fs-materials").is_visible()
    print(f"all sections at {viewport['width']} px: {v.page.evaluate('document.documentElement.scrollHeight')} px")
    assert not v.has_horizontal_overflow()
    v.screenshot(f"draft-editor-{viewport['width']}.png")
