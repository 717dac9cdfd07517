"""Issue 8 points 3 and 7 (portal): applying online from a guide, the receipt, my cases, the
public look-up — each page and each refusal (Chinese message, nothing changed)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from zwfw.cases.models import Case, CaseMaterialFile, CaseStatus
from zwfw.cases.services.acceptance import case_request_supplement
from zwfw.cases.tests.conftest import FORM, NOW, publish_item
from zwfw.files.tests import samples
from zwfw.jobs.testing import outbox_drain

pytestmark = pytest.mark.django_db
# What the page saves: the answers, and the name from the real-name record (the ID number and
# phone are filled from the record when the form is checked, never stored from the browser).
SAVED = {**FORM, "applicant_name": "张三"}


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def pdf(name="申请书.pdf", content=samples.PDF):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def start(client, item) -> Case:
    response = client.post(f"/guide/{item.pk}/apply/")
    assert response.status_code == 302, response.content.decode()[:2000]
    case = Case.objects.latest("pk")
    assert response["Location"] == f"/my/applications/{case.pk}/"
    return case


def form_post(case, action="save", **extra):
    return {"revision": case.revision, "action": action, "f-applicant_type": "个人", "f-application_note": "新办",
            "c-contact_name": "张三",
            "c-contact_phone": "13800001234", **extra}


def upload(client, case, name="申请书", f=None, **headers):
    material = case.materials.get(name=name)
    return client.post(f"/my/cases/{case.pk}/materials/{material.pk}/files/", {"file": f or pdf()}, **headers)


def submitted(client, item) -> Case:
    case = start(client, item)
    upload(client, case)
    case.refresh_from_db()
    response = client.post(f"/my/applications/{case.pk}/", form_post(case, "submit"))
    assert response["Location"] == f"/my/cases/{case.pk}/receipt/"
    case.refresh_from_db()
    return case


# ---- guide page and start -------------------------------------------------------------------

def test_guide_page_offers_online_application_only_for_items_one_may_apply_for_online(client, item, editor,
                                                                                   reviewer, approval_dept):
    assert f'href="/guide/{item.pk}/apply/"' in client.get(f"/guide/{item.pk}/").content.decode()
    counter_only = publish_item(editor, reviewer, approval_dept, base_code="000104005000", name="窗口办理事项",
                                online_depth="2")
    body = client.get(f"/guide/{counter_only.pk}/").content.decode()
    assert "/apply/" not in body and "在线申请" not in body


def test_a_visitor_is_asked_to_sign_in_first_and_staff_go_to_the_workbench(client, item, clerk):
    response = client.get(f"/guide/{item.pk}/apply/")
    assert response.status_code == 302
    assert response["Location"] == f"/accounts/citizen/login/?next=/guide/{item.pk}/apply/"
    assert signed_in(clerk).get(f"/guide/{item.pk}/apply/")["Location"] == "/workbench/"


def test_starting_creates_a_draft_with_the_items_materials_and_marks_shared_ones(citizen, item, hall):
    client = signed_in(citizen)
    assert "开始申请" in client.get(f"/guide/{item.pk}/apply/").content.decode()
    case = start(client, item)
    assert case.status == CaseStatus.DRAFT and case.channel == "pc" and case.applicant.user == citizen
    body = client.get(f"/my/applications/{case.pk}/").content.decode()
    assert "申请事项说明" in body and "联系电话" in body and "申请书" in body
    # 营业执照 comes from the certificate library: 免提交, no upload control for it.
    shared = case.materials.get(name="营业执照")
    assert "免提交" in body and f"/materials/{shared.pk}/files/" not in body
    # The start page offers to resume the draft.
    assert f"/my/applications/{case.pk}/" in client.get(f"/guide/{item.pk}/apply/").content.decode()


def test_a_phone_browser_applies_through_the_mobile_channel(citizen, item, hall):
    client = signed_in(citizen)
    client.post(f"/guide/{item.pk}/apply/", HTTP_USER_AGENT="Mozilla/5.0 (iPhone; CPU iPhone OS 17_0) Mobile")
    assert Case.objects.get().channel == "mobile"


def test_an_item_not_published_or_not_online_is_refused_with_a_message(citizen, draft, editor, reviewer,
                                                                    approval_dept):
    client = signed_in(citizen)
    body = client.get(f"/guide/{draft.item.pk}/apply/").content.decode()
    assert "该事项尚未发布或尚未施行，暂不能申请" in body and "开始申请" not in body
    assert client.post(f"/guide/{draft.item.pk}/apply/").status_code == 200
    counter_only = publish_item(editor, reviewer, approval_dept, base_code="000104005000", name="窗口办理事项",
                                online_depth="2")
    body = client.post(f"/guide/{counter_only.pk}/apply/").content.decode()
    assert "该事项暂不支持网上申请" in body
    assert not Case.objects.exists()
    assert client.get("/guide/999999/apply/").status_code == 404


# ---- the application page ----------------------------------------------------------------------

def test_save_draft_keeps_the_answers_and_contact(citizen, item, hall):
    client = signed_in(citizen)
    case = start(client, item)
    response = client.post(f"/my/applications/{case.pk}/", form_post(case, **{"c-contact_phone": "13911112222"}))
    assert response["Location"] == f"/my/applications/{case.pk}/"
    case.refresh_from_db()
    assert case.form_data == SAVED and case.contact_phone.reveal() == "13911112222"
    body = client.get(f"/my/applications/{case.pk}/").content.decode()
    # The saved phone is shown masked, never in clear; a blank field keeps it. The ID number
    # in the form is the mask of the real-name record's.
    assert "新办" in body and "139****2222" in body and "13911112222" not in body
    assert case.applicant.id_number.reveal() not in body and str(case.applicant.id_number) in body
    client.post(f"/my/applications/{case.pk}/", form_post(case, **{"c-contact_phone": "", "revision": case.revision}))
    case.refresh_from_db()
    assert case.contact_phone.reveal() == "13911112222"


def test_a_bad_phone_number_is_shown_on_the_field_and_nothing_is_saved(citizen, item, hall):
    client = signed_in(citizen)
    case = start(client, item)
    before = case.revision
    body = client.post(f"/my/applications/{case.pk}/", form_post(case, **{"c-contact_phone": "12"})).content.decode()
    assert "请填写正确的手机号码或固定电话" in body
    case.refresh_from_db()
    assert case.revision == before and case.form_data == {}


def test_a_stale_page_is_told_to_refresh_and_nothing_is_saved(citizen, item, hall):
    client = signed_in(citizen)
    case = start(client, item)
    old = form_post(case)
    client.post(f"/my/applications/{case.pk}/", form_post(case, **{"f-application_note": "第一次"}))
    body = client.post(f"/my/applications/{case.pk}/", {**old, "f-application_note": "旧页面"}, follow=True).content.decode()
    assert "已有更新，请刷新" in body
    case.refresh_from_db()
    assert case.form_data == {**SAVED, "application_note": "第一次"}


def test_a_form_without_the_revision_is_treated_as_stale(citizen, item, hall):
    client = signed_in(citizen)
    case = start(client, item)
    data = form_post(case)
    del data["revision"]
    body = client.post(f"/my/applications/{case.pk}/", data, follow=True).content.decode()
    assert "已有更新，请刷新" in body
    assert Case.objects.get(pk=case.pk).form_data == {}


def test_submit_without_a_required_material_is_refused_and_nothing_changes(citizen, item, hall):
    client = signed_in(citizen)
    case = start(client, item)
    body = client.post(f"/my/applications/{case.pk}/", form_post(case, "submit", **{"f-application_note": "改了"}),
                       follow=True).content.decode()
    assert "请上传以下必要材料：申请书" in body
    case.refresh_from_db()
    assert case.status == CaseStatus.DRAFT and case.number is None and case.form_data == {}


def test_submit_without_a_required_answer_shows_it_on_the_field_and_nothing_changes(citizen, item, hall):
    client = signed_in(citizen)
    case = start(client, item)
    upload(client, case)
    body = client.post(f"/my/applications/{case.pk}/",
                       form_post(case, "submit", **{"f-application_note": "", "f-applicant_type": ""})).content.decode()
    assert "请填写“申请事项说明”" in body and "请选择“申请人类型”" in body
    case.refresh_from_db()
    assert case.status == CaseStatus.DRAFT and case.form_data == {} and case.revision == 1
    # A draft may be saved half-filled; submitting it later still asks for the answer.
    client.post(f"/my/applications/{case.pk}/", form_post(case, **{"f-application_note": ""}))
    case.refresh_from_db()
    assert case.form_data == {"applicant_type": "个人", "applicant_name": "张三"}


def test_a_file_that_is_not_what_its_name_says_is_refused_with_a_message(citizen, item, hall):
    client = signed_in(citizen)
    case = start(client, item)
    response = upload(client, case, f=pdf("申请书.pdf", b"<html><script>alert(1)</script></html>"), follow=True)
    body = response.content.decode()
    assert "“申请书”未上传" in body and ("只能上传" in body or "不能上传网页" in body)
    assert not CaseMaterialFile.objects.exists()
    # Through htmx the material's row answers with the refusal under it.
    row = upload(client, case, f=pdf("x.pdf", b"GIF89a not a pdf"), HTTP_HX_REQUEST="true").content.decode()
    assert row.startswith('<li class="material"') and 'role="alert"' in row and "未上传" in row
    assert not CaseMaterialFile.objects.exists()


def test_an_oversized_file_is_refused_with_the_limit(citizen, item, hall, settings):
    settings.ZWFW_APPLICANT_FILE_MAX_BYTES = 1024
    client = signed_in(citizen)
    case = start(client, item)
    body = upload(client, case, f=pdf("大.pdf", samples.PDF + b"%" * 2048), follow=True).content.decode()
    assert "文件过大" in body
    assert not CaseMaterialFile.objects.exists()


def test_upload_with_htmx_answers_the_row_and_a_file_can_be_removed(citizen, item, hall):
    client = signed_in(citizen)
    case = start(client, item)
    row = upload(client, case, HTTP_HX_REQUEST="true").content.decode()
    attachment = CaseMaterialFile.objects.get()
    assert "申请书.pdf" in row and f"/files/{attachment.stored_file_id}/" in row
    # The applicant can read their own upload.
    assert client.get(f"/files/{attachment.stored_file_id}/").status_code == 200
    row = client.post(f"/my/cases/{case.pk}/files/{attachment.pk}/remove/", HTTP_HX_REQUEST="true").content.decode()
    assert "尚未上传" in row and not CaseMaterialFile.objects.exists()


def test_submit_gives_a_receipt_with_number_query_code_deadline_materials_and_qr(citizen, item, hall):
    client = signed_in(citizen)
    case = submitted(client, item)
    assert case.status == CaseStatus.RECEIVED and case.form_data == SAVED
    body = client.get(f"/my/cases/{case.pk}/receipt/").content.decode()
    assert "收件回执" in body and case.number in body and case.query_code in body
    assert "2026年3月3日 10:00" in body  # receipt time
    assert "2026年3月10日前作出受理决定" in body  # five working days
    assert "申请书" in body and "营业执照" in body and "共享获取（免提交）" in body
    assert "<svg" in body and f"/track/{case.number}/?code={case.query_code}" in body
    # The applicant's inbox tells of the receipt and links to the case in 个人空间.
    from zwfw.notifications.models import InboxMessage

    outbox_drain(now=NOW)
    message = InboxMessage.objects.get(recipient=citizen)
    assert message.title == "已收件：固定资产投资项目节能审查" and message.link == f"/my/cases/{case.pk}/"
    assert client.get(message.link).status_code == 200
    # The same submission posted again (a double click) answers the first receipt, nothing new.
    again = client.post(f"/my/applications/{case.pk}/", form_post(case, "submit", revision=case.revision - 2))
    assert again["Location"] == f"/my/cases/{case.pk}/receipt/"
    assert Case.objects.count() == 1


def test_pre_review_where_offered_is_asked_from_the_page_and_shows_its_deadline(citizen, item, hall, editor,
                                                                              reviewer, approval_dept):
    client = signed_in(citizen)
    case = start(client, item)
    assert 'value="pre_review"' not in client.get(f"/my/applications/{case.pk}/").content.decode()
    offered = publish_item(editor, reviewer, approval_dept, base_code="000104007000", name="预审事项",
                           pre_review_offered=True)
    case = start(client, offered)
    assert 'value="pre_review"' in client.get(f"/my/applications/{case.pk}/").content.decode()
    upload(client, case)
    response = client.post(f"/my/applications/{case.pk}/", form_post(case, "pre_review"))
    assert response["Location"] == f"/my/cases/{case.pk}/"
    case.refresh_from_db()
    assert case.status == CaseStatus.PRE_REVIEW and case.number is None
    body = client.get(f"/my/cases/{case.pk}/").content.decode()
    # Asked on Tuesday 10:00: answered within one working day.
    assert "预审中" in body and "预审答复期限" in body and "2026年3月4日" in body


def test_the_receipt_prints_as_a_pdf(citizen, item, hall):
    client = signed_in(citizen)
    case = submitted(client, item)
    response = client.get(f"/my/cases/{case.pk}/receipt.pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF") and "no-store" in response["Cache-Control"]


def test_a_draft_has_no_receipt_and_can_be_deleted(citizen, item, hall):
    client = signed_in(citizen)
    case = start(client, item)
    assert client.get(f"/my/cases/{case.pk}/receipt/").status_code == 404
    response = client.post(f"/my/applications/{case.pk}/delete/", {"revision": case.revision})
    assert response["Location"] == "/my/cases/" and not Case.objects.exists()


def test_another_citizens_case_is_not_found_on_every_page(citizen, other_citizen, item, hall):
    case = submitted(signed_in(citizen), item)
    draft_case = start(signed_in(citizen), item)
    stranger = signed_in(other_citizen)
    material = case.materials.first()
    for url in (f"/my/cases/{case.pk}/", f"/my/cases/{case.pk}/receipt/", f"/my/cases/{case.pk}/receipt.pdf",
                f"/my/applications/{draft_case.pk}/"):
        assert stranger.get(url).status_code == 404, url
    for url in (f"/my/applications/{draft_case.pk}/", f"/my/applications/{draft_case.pk}/delete/",
                f"/my/cases/{case.pk}/withdraw/", f"/my/cases/{case.pk}/supply/",
                f"/my/cases/{case.pk}/materials/{material.pk}/files/"):
        assert stranger.post(url, {"revision": 1, "file": pdf()}).status_code == 404, url
    assert Case.objects.get(pk=draft_case.pk).status == CaseStatus.DRAFT
    assert Case.objects.get(pk=case.pk).status == CaseStatus.RECEIVED


# ---- personal space ----------------------------------------------------------------------------

def test_my_space_and_my_cases_list_drafts_and_submitted_cases(citizen, other_citizen, item, hall):
    client = signed_in(citizen)
    case = submitted(client, item)
    draft_case = start(client, item)
    for url in ("/my/", "/my/cases/"):
        body = client.get(url).content.decode()
        assert case.number in body and "已收件" in body and f"/my/cases/{case.pk}/" in body
        assert f"/my/applications/{draft_case.pk}/" in body and "继续填写" in body
    assert case.number not in signed_in(other_citizen).get("/my/").content.decode()


def test_the_case_page_shows_timeline_notices_and_what_is_missing_then_supply(citizen, item, hall, clerk,
                                                                            empty_queue, frozen):
    client = signed_in(citizen)
    case = submitted(client, item)
    body = client.get(f"/my/cases/{case.pk}/").content.decode()
    assert "提交申请" in body and "2026年3月10日前" in body and "撤回申请" in body
    form = case.materials.get(name="申请书")
    case_request_supplement(actor=clerk, case=case, missing=[{"material": form.pk, "note": "须本人签字"}],
                            supply_by=dt.date(2026, 3, 20), now=NOW + dt.timedelta(minutes=5))
    outbox_drain(now=NOW + dt.timedelta(minutes=5))
    frozen["now"] = NOW + dt.timedelta(minutes=10)  # within the sign-in's idle limit
    case.refresh_from_db()
    body = client.get(f"/my/cases/{case.pk}/").content.decode()
    assert "需要补正的内容" in body and "须本人签字" in body and "2026年3月20日前" in body
    assert "补正材料通知书" in body and "一次性告知补正" in body
    notice = case.events.get(action="request_supplement").document
    assert f"/files/{notice.stored_file_id}/" in body
    assert client.get(f"/files/{notice.stored_file_id}/").status_code == 200
    # 补正提交 without the listed material (the applicant took back the old file): refused.
    old = CaseMaterialFile.objects.get(material=form)
    client.post(f"/my/cases/{case.pk}/files/{old.pk}/remove/")
    assert not CaseMaterialFile.objects.filter(material=form).exists()
    body = client.post(f"/my/cases/{case.pk}/supply/", {"revision": case.revision}, follow=True).content.decode()
    assert "以下补正材料尚未提交：申请书" in body
    assert Case.objects.get(pk=case.pk).status == CaseStatus.SUPPLEMENT
    upload(client, case, f=pdf("签字版.pdf"))
    response = client.post(f"/my/cases/{case.pk}/supply/", {"revision": case.revision}, follow=True)
    assert "补正材料已提交" in response.content.decode(), [str(m) for m in response.context["messages"]]
    assert Case.objects.get(pk=case.pk).status == CaseStatus.RECEIVED


def test_withdraw_a_case_and_a_stale_withdraw_is_refused(citizen, item, hall):
    client = signed_in(citizen)
    case = submitted(client, item)
    body = client.post(f"/my/cases/{case.pk}/withdraw/", {"revision": case.revision - 1},
                       follow=True).content.decode()
    assert "已有更新，请刷新" in body and Case.objects.get(pk=case.pk).status == CaseStatus.RECEIVED
    client.post(f"/my/cases/{case.pk}/withdraw/", {"revision": case.revision, "reason": "不办了"})
    case.refresh_from_db()
    assert case.status == CaseStatus.WITHDRAWN
    body = client.get(f"/my/cases/{case.pk}/").content.decode()
    assert "已撤回" in body and "确认撤回" not in body


# ---- public tracking ---------------------------------------------------------------------------

def test_tracking_by_number_and_query_code_shows_status_and_dates_only(client, citizen, item, hall):
    case = submitted(signed_in(citizen), item)
    body = client.post("/track/", {"number": case.number, "code": case.query_code}).content.decode()
    assert "已收件" in body and case.number in body and "2026-03-03 10:00" in body
    for personal in ("张三", "13800001234", case.applicant.id_number.reveal(), "申请书.pdf"):
        assert personal not in body
    qr = client.get(f"/track/{case.number}/?code={case.query_code}")
    assert qr.status_code == 200 and "已收件" in qr.content.decode()


def test_a_wrong_code_is_refused_and_guessing_is_braked_per_address(client, citizen, item, hall):
    case = submitted(signed_in(citizen), item)
    wrong = "000000" if case.query_code != "000000" else "111111"
    response = client.post("/track/", {"number": case.number, "code": wrong})
    assert response.status_code == 404 and "办件编号或查询码不正确" in response.content.decode()
    assert "查询码是6位数字" in client.post("/track/", {"number": case.number, "code": "12"}).content.decode()
    for _ in range(9):
        client.post("/track/", {"number": case.number, "code": wrong})
    response = client.post("/track/", {"number": case.number, "code": case.query_code})
    assert response.status_code == 429 and "查询错误次数过多，请 15 分钟后再试" in response.content.decode()
    assert "已收件" not in response.content.decode()
    # Another address is not affected.
    other = client.post("/track/", {"number": case.number, "code": case.query_code}, REMOTE_ADDR="10.0.0.9")
    assert other.status_code == 200 and "已收件" in other.content.decode()


def test_my_cases_and_the_case_page_read_a_fixed_number_of_queries(citizen, item, hall):
    client = signed_in(citizen)
    case = submitted(client, item)
    counts = {}
    for n in (1, 6):
        while Case.objects.count() < n:
            submitted(client, item)
        with CaptureQueriesContext(connection) as my_list:
            assert client.get("/my/cases/").status_code == 200
        with CaptureQueriesContext(connection) as page:
            assert client.get(f"/my/cases/{case.pk}/").status_code == 200
        counts[n] = (len(my_list), len(page))
    assert counts[1] == counts[6], counts
    print("queries (my cases, case page):", counts[6])
