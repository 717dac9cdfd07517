"""Search over the real 广安区 demo catalog (zwfw/catalog/sources/guangan): the queries the issue
names must find the real names, best match first."""

import pytest

from zwfw.catalog.demo.guangan import catalog_load_guangan, guangan_departments
from zwfw.catalog.search import catalog_search
from zwfw.organizations.models import Department

from .conftest import names

pytestmark = pytest.mark.django_db


@pytest.fixture
def guangan(county, reviewer, now):
    departments = {name: Department.objects.create(region=county, code=f"d{i:02d}", name=name, credit_code=code)
                   for i, (name, code) in enumerate(guangan_departments())}
    catalog_load_guangan(actor=reviewer, region=county, departments_by_name=departments, now=now)


def test_huji_finds_the_real_hukou_names_through_the_synonym_group(guangan):
    page = catalog_search(query="户籍")
    # the real names say 户口: prefix tier of the synonym spelling (79), then contains (59)
    assert names(page)[:8] == ["户口恢复", "户口注销", "户口变更", "户口登记", "户口迁移审批",
                               "户口登记项目内容变更更正证明", "注销户口证明", "集体户口管理"]
    assert [h.score for h in page.results][:8] == [79] * 6 + [59] * 2
    # then the demo guides whose text (materials such as 居民户口簿) mentions it, ranked lower
    assert all(h.score < 59 for h in page.results[8:]) and "居住证办理" in names(page)
    assert page.results[3].highlight == "<mark>户口</mark>登记"
    # and the group is symmetric: 户口 ranks the same names with the spelling typed
    assert names(catalog_search(query="户口")) == names(page)


def test_dengji_ranks_the_shortest_real_registrations_first(guangan):
    page = catalog_search(query="登记", page_size=5)
    assert names(page) == ["户口登记", "失业登记", "就业登记", "预备役登记", "离婚登记预约"]
    # 116 names say 登记; five complete demo guides mention it only in their text
    assert (page.total, page.total_capped) == (121, False)


def test_shebao_finds_its_own_spelling_then_social_insurance(guangan):
    page = catalog_search(query="社保")
    assert names(page)[:4] == ["高校毕业生社保补贴申领", "就业困难人员灵活就业社保补贴申领",
                               "达到法定退休年龄缴费不满15年社保权益申请", "企业社会保险登记"]
    assert [h.score for h in page.results][:4] == [60, 60, 60, 59]
    assert page.total == 14  # 10 by name, 4 complete demo guides by their text (社会保险法 …)
    assert names(catalog_search(query="社会保险"))[:1] == ["企业社会保险登记"]
    assert "高校毕业生社保补贴申领" in names(catalog_search(query="社会保险"))
