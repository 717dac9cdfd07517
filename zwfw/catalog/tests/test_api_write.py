"""Write API: draft, update, submit, return with field comments, approve, publish, new version,
cancel, zero reports; errors in the platform format; nothing changes on refusal."""

import pytest
from rest_framework.test import APIClient

from zwfw.catalog.models import ItemChange, ItemVersion, ReviewDecision, ZeroReport
from zwfw.core.models import AuditEvent

pytestmark = pytest.mark.django_db


def api(user=None):
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


def test_full_review_cycle_through_the_api(editor, reviewer):
    res = api(editor).post("/api/v1/catalog/drafts", {
        "name": "社会团体成立登记", "item_type": "07", "base_code": "000201001000",
        "fields": {"legal_basis": "《社会团体登记管理条例》", "statutory_limit": 60, "promised_limit": 20},
        "materials": [{"name": "登记申请书", "original_count": 1}],
    }, format="json")
    assert res.status_code == 201, res.json()
    version_id = res.json()["id"]
    assert res.json()["status"] == "draft"

    res = api(editor).patch(f"/api/v1/catalog/drafts/{version_id}", {
        "fields": {"promised_limit": 15}, "steps": [{"name": "受理", "role": "窗口人员", "working_days": 1}],
    }, format="json")
    assert (res.status_code, res.json()["promised_limit"], len(res.json()["steps"])) == (200, 15, 1)
    assert [m["name"] for m in res.json()["materials"]] == ["登记申请书"]  # not given: kept

    assert api(editor).post(f"/api/v1/catalog/versions/{version_id}/submit").json()["status"] == "submitted"
    res = api(reviewer).post(f"/api/v1/catalog/versions/{version_id}/return",
                             {"comment": "", "field_comments": {"promised_limit": "请压缩到10个工作日"}}, format="json")
    assert res.json()["status"] == "returned"
    assert ReviewDecision.objects.get().field_comments == {"promised_limit": "请压缩到10个工作日"}
    api(editor).patch(f"/api/v1/catalog/drafts/{version_id}", {"fields": {"promised_limit": 10}}, format="json")
    api(editor).post(f"/api/v1/catalog/versions/{version_id}/submit")
    assert api(reviewer).post(f"/api/v1/catalog/versions/{version_id}/approve", {"comment": "同意"},
                              format="json").json()["status"] == "approved"
    res = api(reviewer).post(f"/api/v1/catalog/versions/{version_id}/publish", {"effective_on": "2026-05-01"},
                             format="json")
    assert (res.json()["status"], res.json()["effective_on"]) == ("published", "2026-05-01")
    assert api().get(f"/api/v1/catalog/versions/{version_id}").json()["promised_limit"] == 10

    item_id = ItemVersion.objects.get(pk=version_id).item_id
    res = api(editor).post(f"/api/v1/catalog/items/{item_id}/new-version", {"change_summary": "更新材料"},
                           format="json")
    assert (res.status_code, res.json()["number"], res.json()["status"]) == (201, 2, "draft")
    res = api(reviewer).post(f"/api/v1/catalog/items/{item_id}/cancel",
                             {"effective_on": "2026-06-01", "reason": "依法取消"}, format="json")
    assert (res.status_code, res.json()["kind"]) == (201, "cancel")


def test_errors_come_in_the_platform_format_and_change_nothing(draft, editor, other_editor, reviewer):
    events = AuditEvent.objects.count()
    res = api(editor).patch(f"/api/v1/catalog/drafts/{draft.pk}", {
        "fields": {"promised_limit": 3}, "materials": [{"name": ""}],
    }, format="json")
    assert res.status_code == 400
    assert res.json() == {"code": "validation_failed", "message": "提交的内容有误，请按提示修改",
                          "fields": {"materials[0].name": ["此字段不能为空。"]}}
    draft.refresh_from_db()
    assert draft.promised_limit == 5  # nothing half-saved
    res = api(other_editor).patch(f"/api/v1/catalog/drafts/{draft.pk}", {"fields": {"name": "x"}}, format="json")
    assert (res.status_code, res.json()["code"]) == (404, "not_found")
    res = api(reviewer).post(f"/api/v1/catalog/versions/{draft.pk}/approve", {}, format="json")
    assert (res.status_code, res.json()["code"]) == (409, "not_under_review")
    res = api(editor).post(f"/api/v1/catalog/versions/{draft.pk}/submit")
    res = api(reviewer).post(f"/api/v1/catalog/versions/{draft.pk}/return", {"comment": ""}, format="json")
    assert (res.status_code, res.json()["fields"]) == (400, {"comment": ["退回时必须填写审核意见"]})
    res = api(editor).post(f"/api/v1/catalog/versions/{draft.pk}/publish", {}, format="json")
    assert (res.status_code, res.json()["code"]) == (403, "permission_denied")
    assert api().post("/api/v1/catalog/drafts", {}, format="json").status_code == 401
    assert AuditEvent.objects.count() == events + 1  # only the submit


def test_zero_report_api(editor, published):
    res = api(editor).post("/api/v1/catalog/zero-reports", {"item_type": "01", "year": 2026, "statement": "无"},
                           format="json")
    assert (res.status_code, res.json()["code"]) == (400, "has_items")
    res = api(editor).post("/api/v1/catalog/zero-reports", {"item_type": "09", "year": 2026, "statement": "无"},
                           format="json")
    assert (res.status_code, res.json()["item_type"]) == (201, "09")
    assert ZeroReport.objects.count() == 1
    assert ItemChange.objects.count() == 0


def test_openapi_documents_the_write_endpoints(db):
    res = APIClient().get("/api/v1/openapi.json")
    assert res.status_code == 200  # the document is public: no sign-in to read it
    paths = res.json()["paths"]
    for path in ("/api/v1/catalog/drafts", "/api/v1/catalog/drafts/{id}", "/api/v1/catalog/versions/{id}/submit",
                 "/api/v1/catalog/versions/{id}/approve", "/api/v1/catalog/versions/{id}/return",
                 "/api/v1/catalog/versions/{id}/publish", "/api/v1/catalog/items/{id}/new-version",
                 "/api/v1/catalog/items/{id}/cancel", "/api/v1/catalog/items/{id}/delegate",
                 "/api/v1/catalog/items/{id}/take-over", "/api/v1/catalog/zero-reports", "/api/v1/catalog/stats",
                 "/api/v1/catalog/stats/export", "/api/v1/catalog/consistency"):
        assert path in paths, path
    assert "patch" in paths["/api/v1/catalog/drafts/{id}"]


@pytest.mark.parametrize("patch", [
    {"name": "固定资产\x00投资"},
    {"fields": {"legal_basis": "《条例》\x00"}},
    {"materials": [{"name": "申请书\x00", "original_count": 1}]},
])
def test_a_draft_patch_with_a_nul_byte_is_refused_and_changes_nothing(draft, editor, patch):
    """Issue 13 finding 6: answered 500 on PostgreSQL."""
    before = ItemVersion.objects.values().get(pk=draft.pk)
    res = api(editor).patch(f"/api/v1/catalog/drafts/{draft.pk}", patch, format="json")
    assert (res.status_code, res.json()["code"]) == (400, "control_characters")
    assert ItemVersion.objects.values().get(pk=draft.pk) == before


def test_a_draft_patch_with_an_overlong_text_is_refused_and_changes_nothing(draft, editor, settings):
    """Issue 13 finding 9: a 30,000,000-character field was stored. Free-form guide fields have
    no serializer length, so the edge bounds every string of a JSON body."""
    settings.ZWFW_API_MAX_TEXT_CHARS = 20_000
    before = ItemVersion.objects.values().get(pk=draft.pk)
    res = api(editor).patch(f"/api/v1/catalog/drafts/{draft.pk}", {"fields": {"legal_basis": "法" * 20_001}},
                            format="json")
    assert (res.status_code, res.json()["code"]) == (400, "text_too_long")
    assert list(res.json()["fields"]) == ["fields.legal_basis"]
    assert ItemVersion.objects.values().get(pk=draft.pk) == before
    ok = api(editor).patch(f"/api/v1/catalog/drafts/{draft.pk}", {"fields": {"legal_basis": "法" * 20_000}},
                           format="json")
    assert ok.status_code == 200
