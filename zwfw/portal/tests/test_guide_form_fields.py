"""The public guide lists the item's one-table form (its own fields or the default block for its
audience), pre-review and in-person facts; items the government acts on of its own motion have no
application form."""

import pytest

from zwfw.catalog.services import item_draft_create, item_version_create, item_version_update

from .guides import LATER, NOW, _publish, build_guides
from .network import build_network
from .pages import assert_page

pytestmark = pytest.mark.django_db


@pytest.fixture
def guides():
    return build_guides(build_network())


def test_guide_lists_the_form_with_conditions_and_applying_facts(client, guides):
    version = item_version_create(actor=guides.editor, item=guides.social, now=LATER)
    item_version_update(actor=guides.editor, version=version, now=LATER, fields={
        "pre_review_offered": True, "in_person_required": True, "effective_on": LATER.date()}, form_fields=[
        {"key": "way", "label": "领取方式", "kind": "choice", "required": True, "choices": ["窗口领取", "邮寄"]},
        {"key": "post", "label": "邮寄地址", "required": True, "condition_field": "way", "condition_value": "邮寄",
         "help_text": "写到门牌号"},
    ])
    _publish(version, guides.editor, guides.reviewer, LATER)
    html = assert_page(client.get(f"/guide/{guides.social.pk}/"), "申请表（一表式）", "领取方式", "窗口领取、邮寄",
                       "“领取方式”为“邮寄”时填写", "写到门牌号", "网上预审", "提供（1 个工作日内反馈）",
                       "须由申请人本人到场申请，不得委托代理")
    assert 'data-form-field="post"' in html


def test_guide_of_an_item_without_fields_lists_the_default_block(client, guides):
    html = assert_page(client.get(f"/guide/{guides.licence.pk}/"), "申请表（一表式）", "单位名称", "统一社会信用代码",
                       "申请事项说明")
    assert "网上预审" not in html and "公民身份号码" not in html


def test_authority_initiated_items_have_no_application_form(client, guides):
    version = item_draft_create(actor=guides.editor, department=guides.licence.department, base_code="000102009000",
                                name="依职权检查事项", item_type="06", fields={"initiated_by": "authority"}, now=NOW)
    _publish(version, guides.editor, guides.reviewer, NOW)
    html = assert_page(client.get(f"/guide/{version.item_id}/"), "依职权检查事项")
    assert "申请表（一表式）" not in html
