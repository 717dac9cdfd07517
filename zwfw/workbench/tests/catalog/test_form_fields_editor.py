"""The draft editor's one-table form section: add, reorder, remove, conditional fields; errors from
the service land on the right row and nothing is saved."""

import pytest
from django.urls import reverse

from zwfw.catalog.models import FormField
from zwfw.portal.tests.pages import assert_page

from .html_forms import form_fields

pytestmark = pytest.mark.django_db


def _edit(client, draft):
    return form_fields(client.get(reverse("workbench:catalog_version_edit", args=[draft.pk])).content.decode())


def _post(client, draft, data):
    return client.post(reverse("workbench:catalog_version_edit", args=[draft.pk]), data)


def _keys(draft):
    return list(FormField.objects.filter(version=draft).order_by("position").values_list("key", "position"))


def test_editor_adds_reorders_and_removes_form_fields(client, draft, editor):
    client.force_login(editor)
    data = _edit(client, draft)
    assert data["form_fields-TOTAL_FORMS"] == "1"
    data.update({"form_fields-0-key": "kind", "form_fields-0-label": "申请类型", "form_fields-0-kind": "choice",
                 "form_fields-0-required": "on", "form_fields-0-choices": "新办\r\n变更\r\n"})
    response = _post(client, draft, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert FormField.objects.get(version=draft).choices == ["新办", "变更"]

    data = _edit(client, draft)
    assert data["form_fields-0-choices"] == "新办\n变更"
    assert data["form_fields-0-ORDER"] == "1"
    data.update({"form_fields-1-key": "reason", "form_fields-1-label": "变更原因", "form_fields-1-kind": "long_text",
                 "form_fields-1-condition_field": "kind", "form_fields-1-condition_value": "变更",
                 "form_fields-1-ORDER": "2"})
    assert _post(client, draft, data).status_code == 302
    assert _keys(draft) == [("kind", 0), ("reason", 1)]

    # Move "shop" to the top with the order number; then remove "reason".
    data = _edit(client, draft)
    data.update({"form_fields-2-key": "shop", "form_fields-2-label": "店名", "form_fields-2-ORDER": "0"})
    response = _post(client, draft, data)
    assert response.status_code == 302, [line for line in response.content.decode().splitlines() if "error" in line]
    assert _keys(draft) == [("shop", 0), ("kind", 1), ("reason", 2)]
    data = _edit(client, draft)
    data["form_fields-2-DELETE"] = "on"
    response = _post(client, draft, data)
    assert response.status_code == 302, [line for line in response.content.decode().splitlines() if "error" in line]
    assert _keys(draft) == [("shop", 0), ("kind", 1)]
    html = assert_page(client.get(reverse("workbench:catalog_version", args=[draft.pk])), "申请表字段（一表式）", "店名")
    assert "<code>kind</code>" in html


def test_condition_on_a_missing_field_is_shown_on_its_row_and_nothing_saved(client, draft, editor):
    client.force_login(editor)
    data = _edit(client, draft)
    data.update({"form_fields-0-key": "reason", "form_fields-0-label": "变更原因",
                 "form_fields-0-condition_field": "kind", "form_fields-0-condition_value": "变更",
                 "promised_limit": "4"})
    html = assert_page(_post(client, draft, data), "显示条件引用的字段“kind”不存在或不在本字段之前")
    assert "变更原因" in html
    assert _keys(draft) == []
    draft.refresh_from_db()
    assert draft.promised_limit == 5
