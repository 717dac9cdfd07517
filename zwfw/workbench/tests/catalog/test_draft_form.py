"""Issue 12 point 14: the draft editor in sections with a table of contents and Chinese empty
choices; returned drafts as a to-do on the workbench home; people's names in the change log."""

import re

import pytest
from django.urls import reverse

from zwfw.catalog.models import ItemVersion
from zwfw.catalog.services import item_review_return, item_submit_for_review
from zwfw.portal.tests.pages import assert_page
from zwfw.workbench.catalog.draft_sections import GUIDE_SECTIONS
from zwfw.workbench.catalog.forms import EDITED_FIELDS

from .conftest import make_user
from .html_forms import form_fields

pytestmark = pytest.mark.django_db


def edit_url(version):
    return reverse("workbench:catalog_version_edit", args=[version.pk])


def _named(editor, reviewer):
    for user, name in ((editor, "李编辑"), (reviewer, "王审核")):
        user.full_name = name
        user.save(update_fields=["full_name"])


def _returned(draft, editor, reviewer, comment="请补充设定依据的条款"):
    item_submit_for_review(actor=editor, version=draft)
    draft.refresh_from_db()
    return item_review_return(actor=reviewer, version=draft, comment=comment,
                              field_comments={"legal_basis": "缺少条款号"})


def test_draft_form_has_a_table_of_contents_and_every_field_in_one_section(client, draft, editor):
    client.force_login(editor)
    html = assert_page(client.get(edit_url(draft)), "目录", "基本信息", "办理时限", "申请材料", "办理环节")
    toc = re.search(r'<nav class="draft-toc".*?</nav>', html, re.S).group(0)
    section_ids = re.findall(r'<section class="draft-section" id="([^"]+)"', html)
    assert re.findall(r'href="#([^"]+)"', toc) == section_ids
    assert section_ids[:len(GUIDE_SECTIONS)] == [s[0] for s in GUIDE_SECTIONS]
    assert section_ids[-5:] == ["fs-materials", "fs-steps", "fs-special_procedures", "fs-fee_items", "fs-form_fields"]
    for name in EDITED_FIELDS:
        assert html.count(f'name="{name}"') >= 1, name
    assert "workbench/draft-sections.js" in html


def test_no_django_dashes_in_any_drop_down(client, draft, editor):
    client.force_login(editor)
    html = client.get(edit_url(draft)).content.decode()
    assert "---------" not in html
    assert html.count("请选择…") >= 3
    create = client.get(reverse("workbench:catalog_item_create")).content.decode()
    assert "---------" not in create


def test_sections_do_not_change_what_is_saved(client, draft, editor):
    client.force_login(editor)
    data = form_fields(client.get(edit_url(draft)).content.decode())
    data["conditions"] = "改过的条件"
    assert client.post(edit_url(draft), data).status_code == 302
    draft.refresh_from_db()
    assert draft.conditions == "改过的条件"


def test_a_section_with_errors_is_marked_in_the_contents(client, draft, editor):
    client.force_login(editor)
    data = form_fields(client.get(edit_url(draft)).content.decode())
    data["promised_limit"] = "-3"
    html = client.post(edit_url(draft), data).content.decode()
    toc = re.search(r'<nav class="draft-toc".*?</nav>', html, re.S).group(0)
    assert re.search(r'href="#limits"[^>]*>办理时限 <span class="tag tag-error">有误</span>', toc)
    assert 'href="#basic" data-section-link="basic">基本信息</a>' in toc


def test_editor_sees_returned_drafts_as_a_to_do(client, draft, editor, reviewer):
    _named(editor, reviewer)
    client.force_login(editor)
    assert "被退回的草稿" not in client.get(reverse("workbench:home")).content.decode()
    _returned(draft, editor, reviewer)
    html = assert_page(client.get(reverse("workbench:home")), "待办：1 个被退回的草稿待修改", "我起草的",
                       "被 王审核 退回", "请补充设定依据的条款", f'href="{edit_url(draft)}"')
    assert "reviewer" not in re.search(r'<section class="card todo".*?</section>', html, re.S).group(0)


def test_returned_drafts_are_the_departments_and_only_for_editors(client, draft, editor, reviewer, other_editor,
                                                                  clerk):
    _returned(draft, editor, reviewer)
    for viewer in (other_editor, clerk, reviewer):
        client.force_login(viewer)
        assert "被退回的草稿" not in client.get(reverse("workbench:home")).content.decode()
    colleague = make_user("colleague", "catalog_editor", department=editor.department)
    client.force_login(colleague)
    html = assert_page(client.get(reverse("workbench:home")), "待办：1 个被退回的草稿待修改")
    assert "我起草的" not in html


def test_change_log_and_review_record_show_names_not_account_names(client, draft, editor, reviewer):
    _named(editor, reviewer)
    _returned(draft, editor, reviewer)
    client.force_login(editor)
    html = assert_page(client.get(reverse("workbench:catalog_version", args=[draft.pk])), "李编辑", "王审核")
    trail = re.search(r'<h2 id="version-trail">.*?</table>', html, re.S).group(0)
    assert ">editor<" not in trail and ">reviewer<" not in trail
    decisions = re.search(r'<h2 id="version-decisions">.*?</table>', html, re.S).group(0)
    assert "<td>王审核</td>" in decisions
    assert ItemVersion.objects.get(pk=draft.pk).status == "returned"
