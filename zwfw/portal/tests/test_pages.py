import pytest
from django.template.loader import render_to_string
from django.urls import reverse

from zwfw.accounts.models import AccountKind

from .network import POINT_PHONE, STAFF_PHONE, build_network, make_user
from .pages import assert_no_personal_data, assert_page

pytestmark = pytest.mark.django_db


@pytest.fixture
def network():
    return build_network()


def test_home_shows_search_entries_and_counts(client, network):
    html = assert_page(
        client.get(reverse("portal:home")), "个人办事", "法人办事", "服务网点", "搜索", 'action="/guide/"'
    )
    assert '<span class="stat-value">3</span><span class="stat-label">进驻部门</span>' in html
    assert '<span class="stat-value">2</span><span class="stat-label">自助终端</span>' in html
    assert "/static/vendor/htmx/htmx.min.js" in html
    assert "/static/zwfw/css/site.css" in html
    assert "http://" not in html.replace('href="http://testserver', "") and "https://" not in html


def test_anonymous_nav_offers_sign_in_not_workbench(client, network):
    html = assert_page(client.get(reverse("portal:home")), "登录")
    assert reverse("workbench:home") not in html
    assert "退出" not in html


def test_citizen_nav_has_sign_out_but_no_workbench(client, network):
    client.force_login(make_user("citizen1", kind=AccountKind.CITIZEN, full_name="李四"))
    html = assert_page(client.get(reverse("portal:home")), "您好，李四", "退出")
    assert reverse("workbench:home") not in html
    nav = html.split('<nav class="site-nav"', 1)[1].split("</nav>", 1)[0]
    assert reverse("accounts:login") not in nav  # the staff entrance is only in the footer
    assert f'href="{reverse("portal:my_space")}"' in nav


def test_staff_nav_links_the_workbench(client, network):
    client.force_login(make_user("clerk1", "window_clerk", full_name="王五", department=network.civil))
    html = assert_page(client.get(reverse("portal:home")), "工作台", "退出")
    assert f'href="{reverse("workbench:home")}"' in html


def test_network_lists_centers_windows_points_and_kiosks(client, network):
    make_user("clerk1", "window_clerk", full_name="张三丰", department=network.civil, service_center=network.hall,
              window=network.window)
    html = assert_page(
        client.get(reverse("portal:network")),
        "广安区政务服务中心", "广安区示例路1号", "周一至周五 9:00–17:30", "0826-2000000",
        "B03", "民政窗口", "广安区民政局", "A01", "综合窗口", "无差别全科受理",
        "广安区不动产登记分中心", "广安区自然资源和规划局",
        "浓洄街道便民服务中心", "示例社区代办点", "示例社区党群服务中心", "社区自助终端", "中心自助终端",
        "岳池县政务服务中心",
    )
    assert "138****5678" in html
    assert POINT_PHONE not in html
    # No staff on public pages: neither the clerk's name nor any form of the clerk's phone.
    assert "张三丰" not in html
    assert "138****1234" not in html and STAFF_PHONE not in html


def test_network_hides_inactive_windows(client, network):
    network.comprehensive.is_active = False
    network.comprehensive.save()
    html = assert_page(client.get(reverse("portal:network")), "B03")
    assert "综合受理窗口一" not in html


def test_departments_grouped_by_region(client, network):
    html = assert_page(client.get(reverse("portal:departments")), "广安区", "岳池县", "广安区民政局",
                       "广安区自然资源和规划局", "岳池县民政局", "0826-2000201")
    assert html.index("广安区民政局") < html.index("岳池县民政局")


def test_old_search_address_redirects_to_the_guide_search(client, network):
    response = client.get(reverse("portal:search"), {"q": "民政", "audience": "person"})
    assert response.status_code == 302
    assert response["Location"] == "/guide/?q=%E6%B0%91%E6%94%BF&audience=person"


def test_old_search_address_drops_unknown_audience_and_cuts_long_query(client, network):
    response = client.get(reverse("portal:search"), {"audience": "<x>", "q": "民" * 80})
    assert response.status_code == 302
    assert response["Location"] == "/guide/?q=" + "%E6%B0%91" * 50


def test_guide_search_also_lists_matching_departments(client, network):
    html = assert_page(client.get(reverse("portal:guide_browse"), {"q": "民政"}), "与“民政”相关的部门",
                       "广安区民政局", "岳池县民政局")
    assert "广安区自然资源和规划局" not in html


def test_not_found_page_is_chinese(client, network):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "页面不存在" in html and "返回首页" in html and '<html lang="zh-hans">' in html


def test_server_error_page_renders_without_request_context():
    html = render_to_string("500.html")
    assert "系统繁忙" in html and "一体化政务服务平台" in html and "12345" in html
    assert_no_personal_data(html)


def test_forbidden_page_is_chinese(client, network):
    client.force_login(make_user("clerk1", "window_clerk", department=network.civil))
    response = client.get(reverse("workbench:role", args=["system_admin"]))
    assert response.status_code == 403
    html = response.content.decode()
    assert "没有访问权限" in html and '<html lang="zh-hans">' in html
