"""Issue 12 point 7: the personal space answers only to citizens and enterprises."""

import pytest
from django.test import Client

from .network import build_network, make_user

pytestmark = pytest.mark.django_db


def test_visitor_is_sent_to_the_citizen_sign_in_and_staff_to_the_workbench():
    response = Client().get("/my/")
    assert response.status_code == 302 and response["Location"] == "/accounts/citizen/login/?next=/my/"
    build_network()
    staff = Client()
    staff.force_login(make_user("clerk_x", "window_clerk"))
    assert staff.get("/my/")["Location"] == "/workbench/"


def test_header_sign_in_link_is_the_citizen_sign_in():
    body = Client().get("/").content.decode()
    assert '<a href="/accounts/citizen/login/">登录</a>' in body
    assert '<a href="/accounts/login/">工作人员入口</a>' in body


def test_the_personal_space_shows_the_citizens_own_inbox_messages_and_links_to_the_inbox():
    import datetime as dt

    from zwfw.accounts.models import AccountKind
    from zwfw.notifications.models import InboxMessage, Notification

    citizen = make_user("citizen_x", kind=AccountKind.CITIZEN)
    other = make_user("citizen_y", kind=AccountKind.CITIZEN)
    at = dt.datetime(2026, 11, 29, 2, 0, tzinfo=dt.UTC)
    for user, title in ((citizen, "您的材料已收到"), (other, "别人的消息")):
        note = Notification.objects.create(recipient=user, template="catalog.review_requested", context={},
                                           created_at=at)
        InboxMessage.objects.create(notification=note, recipient=user, title=title, body="正文", created_at=at)
    client = Client()
    client.force_login(citizen)
    body = client.get("/my/").content.decode()
    assert "您的材料已收到" in body and "别人的消息" not in body
    assert 'href="/inbox/"' in body and "暂无消息" not in body
    assert "1 条未读" in body


def test_the_account_is_named_by_the_masked_id_number_not_the_internal_username():
    """A citizen signs in with the ID number: the page shows it masked, never "c_51bb0c49…"."""
    import datetime as dt

    from zwfw.accounts.models import AccountKind, Applicant
    from zwfw.core.fields import Sealed

    citizen = make_user("c_51bb0c491030706680b706f812e56f1b", kind=AccountKind.CITIZEN, full_name="张三")
    Applicant.objects.create(kind="person", name="张三", id_number=Sealed.of("11010519491231002X", kind="id_number"),
                             id_number_digest="d" * 64, user=citizen, created_at=dt.datetime(2026, 1, 1, tzinfo=dt.UTC))
    client = Client()
    client.force_login(citizen)
    body = client.get("/my/").content.decode()
    assert "c_51bb" not in body
    assert "身份证号码" in body and "110105********002X" in body and "19491231" not in body
