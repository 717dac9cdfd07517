"""The pages: rating from the account, the SMS/QR link and the hall tablet; the workbench work
order (call-back, fix, review), statistics and the public figures."""

from __future__ import annotations

import pytest
from django.urls import reverse

from zwfw.ratings.models import Rating, RatingChannel, WorkOrder, WorkOrderStatus
from zwfw.ratings.tokens import case_token, window_token


def test_my_case_page_offers_rating_and_the_form_saves(client, concluded, citizen):
    client.force_login(citizen)
    page = client.get(reverse("portal:my_case", args=[concluded.pk]))
    assert reverse("portal:rate_case", args=[concluded.pk]).encode() in page.content
    url = reverse("portal:rate_case", args=[concluded.pk])
    assert "办事指南清晰准确" in client.get(url).content.decode()
    response = client.post(url, {"level": "5", "tags": ["slow_result"], "comment": "等了很久"})
    assert response.status_code == 302
    rating = Rating.objects.get(case=concluded)
    assert (rating.channel, rating.level, rating.tags) == (RatingChannel.PC, 5, ["slow_result"])
    assert WorkOrder.objects.filter(rating=rating).count() == 1


@pytest.mark.parametrize("comment,message", [("差" * 10_000, "评价内容不能超过 500 个字"),
                                             ("<img src=x onerror=alert(1)>", "评价内容不能包含网页代码")])
def test_a_bad_comment_on_the_page_shows_a_chinese_message_and_saves_nothing(client, concluded, citizen, comment,
                                                                            message):
    client.force_login(citizen)
    response = client.post(reverse("portal:rate_case", args=[concluded.pk]), {"level": "5", "comment": comment})
    assert response.status_code == 200 and message in response.content.decode()
    assert not Rating.objects.exists() and not WorkOrder.objects.exists()


def test_someone_elses_case_page_is_not_found(client, concluded):
    from zwfw.accounts.services.applicants import citizen_account_create

    from .conftest import NOW
    other = citizen_account_create(id_number="110105194912310046", name="李四", password="Zwfw-test-2026!", now=NOW)
    client.force_login(other)
    response = client.post(reverse("portal:rate_case", args=[concluded.pk]), {"level": "5"})
    assert response.status_code == 404 and not Rating.objects.exists()


def test_sms_link_page_rates_without_sign_in_and_shows_no_personal_data(client, concluded):
    url = reverse("portal:rate_link", args=[case_token(concluded.pk, "sms")])
    page = client.get(url).content.decode()
    assert concluded.item_name in page and "张三" not in page and concluded.number not in page
    response = client.post(url, {"level": "1", "tags": ["friendly_staff"]})
    assert response.status_code == 200 and "感谢您的评价" in response.content.decode()
    assert Rating.objects.get(case=concluded).channel == RatingChannel.SMS
    assert client.get(reverse("portal:rate_link", args=["forged-token-000"])).status_code == 404


def test_tablet_page_is_bound_to_a_window(client, concluded, window):
    url = reverse("portal:rate_tablet", args=[window_token(window.pk)])
    assert window.name in client.get(url).content.decode()
    response = client.post(url, {"case_code": f"http://testserver/rate/{case_token(concluded.pk, 'qr')}/",
                                 "level": "2"})
    assert response.status_code == 302
    rating = Rating.objects.get(case=concluded)
    assert (rating.channel, rating.window_id) == (RatingChannel.HALL_TABLET, window.pk)
    again = client.post(url, {"case_code": case_token(concluded.pk, "qr"), "level": "2"})
    assert "每个渠道只能评价一次" in again.content.decode() and Rating.objects.count() == 1


def test_work_order_pages_from_call_back_to_close(client, concluded, citizen, dept_staff, supervisor, approval_dept):
    from zwfw.ratings.services import rating_create_by_applicant

    from .conftest import at
    rating = rating_create_by_applicant(actor=citizen, case_id=concluded.pk, level=5, comment="态度差", now=at(4))
    order = WorkOrder.objects.get(rating=rating)
    url = reverse("workbench:ratings_order", args=[order.pk])
    client.force_login(dept_staff)
    assert client.get(reverse("workbench:ratings_orders")).content.decode().count('data-testid="order-row"') == 1
    bad = client.post(url, {"step": "callback", "cb-method": "phone", "cb-reached": "on", "cb-outcome": ""})
    assert "请填写回访情况" in bad.content.decode()
    assert client.post(url, {"step": "callback", "cb-method": "phone", "cb-reached": "on",
                             "cb-outcome": "已致歉"}).status_code == 302
    assert client.post(url, {"step": "submit", "fix-resolution": "fixed", "fix-note": "已培训"}).status_code == 302
    assert WorkOrder.objects.get(pk=order.pk).status == WorkOrderStatus.SUBMITTED
    client.force_login(supervisor)
    assert client.post(url, {"step": "close", "rv-note": "同意"}).status_code == 302
    assert WorkOrder.objects.get(pk=order.pk).status == WorkOrderStatus.CLOSED
    stats = client.get(reverse("workbench:ratings_stats")).content.decode()
    assert approval_dept.name in stats
    drill = client.get(reverse("workbench:ratings_list") + f"?department={approval_dept.pk}").content.decode()
    assert "态度差" in drill


def test_public_pages_show_figures_and_only_published_comments(client, concluded, citizen, supervisor, approval_dept,
                                                               hall):
    from zwfw.ratings.services import rating_comment_moderate, rating_create_by_applicant

    from .conftest import at
    rating = rating_create_by_applicant(actor=citizen, case_id=concluded.pk, level=2, comment="窗口服务周到", now=at(4))
    url = reverse("portal:ratings_department", args=[approval_dept.pk])
    page = client.get(url).content.decode()
    assert "窗口服务周到" not in page and "100.0%" in page and "张三" not in page
    rating_comment_moderate(actor=supervisor, rating=rating, publish=True, now=at(5))
    assert "窗口服务周到" in client.get(url).content.decode()
    index = client.get(reverse("portal:ratings_public")).content.decode()
    assert approval_dept.name in index
    assert client.get(reverse("portal:ratings_center", args=[hall.pk])).status_code == 200


def test_the_receipt_carries_the_rating_qr_code(client, concluded, citizen):
    from zwfw.ratings.tokens import case_from_token, rating_qr_url

    client.force_login(citizen)
    page = client.get(reverse("portal:receipt", args=[concluded.pk])).content.decode()
    assert "扫码评价本次服务" in page and page.count("<svg") >= 2
    url = rating_qr_url(concluded.pk)
    assert case_from_token(url) == (concluded.pk, "qr")


def test_policy_page_for_the_supervision_office_only(client, supervisor, dept_staff, county):
    from zwfw.ratings.models import RatingPolicy

    client.force_login(dept_staff)
    assert client.get(reverse("workbench:ratings_policy")).status_code == 403
    client.force_login(supervisor)
    page = client.get(reverse("workbench:ratings_policy")).content.decode()
    assert "平台默认" in page and "安阳市政务服务条例" in page
    bad = client.post(reverse("workbench:ratings_policy"), {
        "default_after_days": "7", "default_level": "3", "callback_working_days": "1",
        "rectification_working_days": "99", "source": "广安区好差评实施办法"})
    assert bad.status_code == 200 and not RatingPolicy.objects.exists()
    ok = client.post(reverse("workbench:ratings_policy"), {
        "default_rating_enabled": "on", "default_after_days": "7", "default_level": "3",
        "callback_working_days": "1", "rectification_working_days": "10", "source": "广安区好差评实施办法"})
    assert ok.status_code == 302
    row = RatingPolicy.objects.get()
    assert (row.region_id, row.version, row.default_rating_enabled, row.rectification_working_days) == (
        county.pk, 1, True, 10)


def test_review_page_moderates_and_decides_appeals(client, concluded, citizen, dept_staff, supervisor):
    from zwfw.ratings.models import Appeal, CommentStatus, RatingStatus
    from zwfw.ratings.services import rating_appeal_file, rating_create_by_applicant

    from .conftest import at
    rating = rating_create_by_applicant(actor=citizen, case_id=concluded.pk, level=5, comment="恶意刷评", now=at(4))
    rating_appeal_file(actor=dept_staff, rating=rating, reason="申请人重复刷评", now=at(4, 11))
    client.force_login(supervisor)
    page = client.get(reverse("workbench:ratings_review")).content.decode()
    assert "申请人重复刷评" in page and "恶意刷评" in page
    appeal = Appeal.objects.get()
    client.post(reverse("workbench:ratings_appeal_decide", args=[appeal.pk]), {"outcome": "remove", "reason": ""})
    assert Appeal.objects.get().status == "pending"  # no reason: refused, nothing changed
    client.post(reverse("workbench:ratings_appeal_decide", args=[appeal.pk]),
                {"outcome": "remove", "reason": "核实为重复刷评"})
    client.post(reverse("workbench:ratings_comment_moderate", args=[rating.pk]), {"publish": "0"})
    row = Rating.objects.get(pk=rating.pk)
    assert (row.status, row.comment_status) == (RatingStatus.REMOVED, CommentStatus.HIDDEN)
