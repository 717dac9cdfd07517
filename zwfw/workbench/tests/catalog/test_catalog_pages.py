"""Catalog workbench pages: scoping by viewer, Chinese validation errors with nothing saved,
review actions refused to the wrong people, recorded changes and zero reports."""

import pytest
from django.urls import reverse

from zwfw.accounts.models import Role
from zwfw.catalog.models import ItemChange, ItemVersion, ReviewDecision, ZeroReport
from zwfw.catalog.services import item_review_return, item_submit_for_review
from zwfw.catalog.snapshots import version_snapshot
from zwfw.core.models import AuditEvent
from zwfw.portal.tests.pages import assert_page

from .conftest import make_user
from .html_forms import form_fields

pytestmark = pytest.mark.django_db


def url(name, *args):
    return reverse(f"workbench:{name}", args=args)


def test_anonymous_and_staff_without_catalog_role(client, draft, clerk):
    assert client.get(url("catalog_items"))["Location"].startswith(reverse("accounts:login"))
    client.force_login(clerk)
    for name in ("catalog_items", "catalog_consistency", "catalog_lint", "catalog_stats"):
        assert client.get(url(name)).status_code == 403
    assert client.get(url("catalog_version", draft.pk)).status_code == 404


def test_editor_list_shows_own_department_items_with_open_version(client, draft, editor, other_editor):
    client.force_login(editor)
    html = assert_page(client.get(url("catalog_items")), "区行政审批局", "固定资产投资项目节能审查", "v1", "草稿")
    assert f'href="{url("catalog_version", draft.pk)}"' in html
    client.force_login(other_editor)
    html = assert_page(client.get(url("catalog_items")), "区民政局", "没有符合条件的事项")
    assert "固定资产投资项目节能审查" not in html
    assert client.get(url("catalog_version", draft.pk)).status_code == 404
    assert client.get(url("catalog_version_edit", draft.pk)).status_code == 404


def test_invalid_edit_shows_chinese_errors_and_saves_nothing(client, draft, editor):
    client.force_login(editor)
    before, events = version_snapshot(draft), AuditEvent.objects.count()
    data = form_fields(client.get(url("catalog_version_edit", draft.pk)).content.decode())
    data.update({"promised_limit": "-3", "conditions": "改过的条件",
                 "materials-0-name": "", "materials-0-original_count": "2"})
    html = assert_page(client.post(url("catalog_version_edit", draft.pk), data),
                       "提交的内容有误，请按提示修改；本次修改未保存。", "该字段是必填项。")
    assert "确保该值大于或等于 0" in html or "大于或等于0" in html
    draft.refresh_from_db()
    assert version_snapshot(draft) == before
    assert AuditEvent.objects.count() == events


def test_edit_replaces_child_rows_and_deletes_marked_ones(client, draft, editor):
    client.force_login(editor)
    data = form_fields(client.get(url("catalog_version_edit", draft.pk)).content.decode())
    assert data["materials-TOTAL_FORMS"] == "3"  # two rows and one blank
    data.update({"materials-1-DELETE": "on", "fee_items-0-name": "工本费", "fee_items-0-standard": "10元/本",
                 "fee_items-0-basis": "《收费标准通知》", "special_procedures-0-kind": "expert_review",
                 "special_procedures-0-duration": "10", "fee_charged": "on"})
    assert client.post(url("catalog_version_edit", draft.pk), data).status_code == 302
    draft.refresh_from_db()
    snap = version_snapshot(draft)
    assert [m["name"] for m in snap["materials"]] == ["申请书"]
    assert [(f["name"], f["standard"]) for f in snap["fee_items"]] == [("工本费", "10元/本")]
    assert [(p["kind"], p["duration"]) for p in snap["special_procedures"]] == [("expert_review", 10)]
    assert snap["fee_charged"] is True


def test_submitted_version_cannot_be_edited_and_reviewer_sees_it_in_queue(client, draft, editor, reviewer):
    client.force_login(editor)
    assert client.post(url("catalog_version_submit", draft.pk)).status_code == 302
    response = client.get(url("catalog_version_edit", draft.pk))
    assert response["Location"] == url("catalog_version", draft.pk)
    assert "固定资产投资项目节能审查" not in client.get(url("catalog_queue")).content.decode()  # not one's own
    client.force_login(reviewer)
    html = assert_page(client.get(url("catalog_queue")), "固定资产投资项目节能审查", "事项审核")
    assert url("catalog_review", draft.pk) in html


def test_return_without_comment_is_refused_and_changes_nothing(client, draft, editor, reviewer):
    item_submit_for_review(actor=editor, version=draft)
    client.force_login(reviewer)
    html = assert_page(client.post(url("catalog_return", draft.pk), {"comment": ""}), "退回时必须填写审核意见")
    assert "退回修改" in html
    draft.refresh_from_db()
    assert draft.status == "submitted"
    assert ReviewDecision.objects.count() == 0


def test_editor_cannot_approve_or_publish(client, draft, editor):
    item_submit_for_review(actor=editor, version=draft)
    client.force_login(editor)
    assert client.post(url("catalog_approve", draft.pk), {"comment": ""}).status_code == 403
    assert client.post(url("catalog_publish", draft.pk), {}).status_code == 200  # page says it cannot publish
    draft.refresh_from_db()
    assert draft.status == "submitted"


def test_returned_version_page_lists_field_comments_in_chinese(client, draft, editor, reviewer):
    item_submit_for_review(actor=editor, version=draft)
    item_review_return(actor=reviewer, version=draft, comment="", field_comments={"materials": "补充身份证明"})
    client.force_login(editor)
    assert_page(client.get(url("catalog_version", draft.pk)), "退回意见", "<strong>申请材料</strong>：补充身份证明")
    assert_page(client.get(url("catalog_version_edit", draft.pk)), 'data-comment-for="materials"', "补充身份证明")


def test_reviewer_cancels_and_delegates_editor_may_not(client, published, editor, reviewer, town_dept):
    item = published.item
    client.force_login(editor)
    assert client.get(url("catalog_item_change", item.pk, "cancel")).status_code == 403
    client.force_login(reviewer)
    data = {"effective_on": "2026-04-01", "reason": "下放街道办理", "document": "广安区府发〔2026〕1号",
            "to_department": str(town_dept.pk)}
    response = client.post(url("catalog_item_change", item.pk, "delegate"), data)
    assert response.status_code == 302
    change = ItemChange.objects.get(kind="delegate")
    assert (change.to_department, change.resulting_item.department) == (town_dept, town_dept)
    assert_page(client.post(url("catalog_item_change", item.pk, "cancel"), {**data, "reason": ""}), "该字段是必填项。")
    assert ItemChange.objects.filter(kind="cancel").count() == 0
    assert client.post(url("catalog_item_change", item.pk, "cancel"), {**data, "reason": "已废止"}).status_code == 302
    item.refresh_from_db()
    assert item.status == "cancelled"


def test_town_editor_takes_over_a_county_item(client, published, town_dept):
    town_editor = make_user("town_editor", Role.CATALOG_EDITOR, department=town_dept)
    client.force_login(town_editor)
    assert published.name in client.get(url("catalog_take_over")).content.decode()
    response = client.post(url("catalog_item_change", published.item_id, "take_over"),
                           {"effective_on": "2026-04-01", "reason": "承接县级下放事项", "document": ""})
    assert response.status_code == 302
    new_item = ItemChange.objects.get(kind="take_over").resulting_item
    assert response["Location"] == url("catalog_item", new_item.pk)
    assert ItemVersion.objects.get(item=new_item).status == "draft"


def test_zero_report_filed_and_refused_when_department_has_items(client, published, editor):
    client.force_login(editor)
    html = assert_page(client.post(url("catalog_zero_reports"), {"item_type": "01", "year": "2026",
                                                                "statement": "本部门无此类事项"}),
                       "本部门有该类型的在用事项，不能填报零报告")
    assert ZeroReport.objects.count() == 0
    assert "填报零报告" in html
    response = client.post(url("catalog_zero_reports"), {"item_type": "09", "year": "2026", "statement": "无行政裁决事项"})
    assert response.status_code == 302
    html = assert_page(client.get(url("catalog_zero_reports")), "行政裁决", "无行政裁决事项")
    assert ZeroReport.objects.get().department == editor.department


def test_workbench_role_sections_link_to_catalog_pages(client, editor, reviewer):
    client.force_login(editor)
    html = assert_page(client.get(reverse("workbench:role", args=["catalog_editor"])), "本部门事项")
    for name in ("catalog_items", "catalog_item_create", "catalog_zero_reports", "catalog_stats"):
        assert f'href="{url(name)}"' in html
    client.force_login(reviewer)
    html = assert_page(client.get(reverse("workbench:role", args=["catalog_reviewer"])), "待审核事项")
    assert f'href="{url("catalog_queue")}"' in html


def test_edit_sets_the_themes_of_a_draft(client, draft, editor):
    from zwfw.catalog.models import Theme

    Theme.objects.create(code="T17", name="社会保障")
    Theme.objects.create(code="E05", name="退休", kind="life_event")
    client.force_login(editor)
    page = client.get(url("catalog_version_edit", draft.pk)).content.decode()
    assert "社会保障" in page and "退休" in page
    data = form_fields(page)
    data["themes"] = "E05"
    assert client.post(url("catalog_version_edit", draft.pk), data).status_code == 302
    assert list(draft.themes.values_list("code", flat=True)) == ["E05"]
