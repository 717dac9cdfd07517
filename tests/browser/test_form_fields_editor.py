"""Issue 8 point 3 in a real browser: a catalog editor adds a choice field and a field shown only
for one of its answers to a draft's one-table form; the preview shows the conditional field only
once that answer is picked, and the engine's Chinese message lands on it."""

import pytest
from playwright.sync_api import expect

from zwfw.accounts.models import Role
from zwfw.catalog.models import FormField
from zwfw.catalog.tests.conftest import GUIDE, make_user
from zwfw.organizations.models import Department, Region, RegionLevel

from .conftest import PHONE, submit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _draft():
    from zwfw.catalog.services import item_draft_create

    province = Region.objects.create(code="510000000000", name="四川省", level=RegionLevel.PROVINCE)
    city = Region.objects.create(code="511600000000", name="广安市", level=RegionLevel.CITY, parent=province)
    county = Region.objects.create(code="511602000000", name="广安区", level=RegionLevel.COUNTY, parent=city)
    dept = Department.objects.create(region=county, code="xzsp", name="区行政审批局", credit_code="115113016823646795")
    editor = make_user("editor", Role.CATALOG_EDITOR, department=dept)
    draft = item_draft_create(actor=editor, department=dept, base_code="000104002000", name="食品小经营店备案",
                              item_type="20", fields=dict(GUIDE))
    return editor, draft


def test_editor_adds_a_conditional_field_and_previews_it(visit, clean_catalog):  # noqa: F811
    editor, draft = _draft()
    v = visit(user=editor)
    v.goto(f"/workbench/catalog/versions/{draft.pk}/edit/")
    page = v.page
    # The editor shows one section at a time (issue 12 point 14): open the form's section.
    page.locator("nav.draft-toc a[data-section-link='fs-form_fields']").click()
    page.fill("#id_form_fields-0-key", "kind")
    page.fill("#id_form_fields-0-label", "申请类型")
    page.select_option("#id_form_fields-0-kind", "choice")
    page.check("#id_form_fields-0-required")
    page.fill("#id_form_fields-0-choices", "新办\n变更")
    submit(page.get_by_role("button", name="保存草稿"))
    expect(page.get_by_text("草稿已保存。")).to_be_visible()

    page.fill("#id_form_fields-1-key", "reason")
    page.fill("#id_form_fields-1-label", "变更原因")
    page.select_option("#id_form_fields-1-kind", "long_text")
    page.check("#id_form_fields-1-required")
    page.fill("#id_form_fields-1-condition_field", "kind")
    page.fill("#id_form_fields-1-condition_value", "变更")
    submit(page.get_by_role("button", name="保存草稿"))
    expect(page.get_by_text("草稿已保存。")).to_be_visible()
    assert list(FormField.objects.filter(version=draft).values_list("key", "condition_field")) == [
        ("kind", ""), ("reason", "kind")]

    v.goto(f"/workbench/catalog/versions/{draft.pk}/form-preview/")
    reason = page.locator('[data-form-row="reason"]')
    expect(reason).to_be_hidden()
    page.get_by_label("变更", exact=True).check()
    expect(reason).to_be_visible()
    submit(page.get_by_role("button", name="检查填写"))
    # The check is a form post: wait for the answer page rather than reading the old one.
    expect(page.locator('[data-form-row="reason"]').get_by_text("请填写“变更原因”")).to_be_visible()
    page.set_viewport_size(PHONE)
    page.get_by_label("新办", exact=True).check()
    expect(page.locator('[data-form-row="reason"]')).to_be_hidden()
    submit(page.get_by_role("button", name="检查填写"))
    expect(page.get_by_text("预览：申请表填写正确（未保存）。")).to_be_visible()
    assert not v.has_horizontal_overflow()
    v.screenshot("form-preview-375.png")
    assert v.external_requests() == []
