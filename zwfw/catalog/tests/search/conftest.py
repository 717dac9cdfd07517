"""A small realistic catalog for the search tests, published through the bulk load path."""

from __future__ import annotations

import pytest

from zwfw.catalog.demo.bulk import ItemSpec, VersionSpec, bulk_publish
from zwfw.catalog.models import ServiceItem

# (name, item type, department fixture, audience, conditions)
ITEMS = [
    ("户籍", "20", "police", ["1"], ""),
    ("户籍证明", "20", "police", ["1"], ""),
    ("户籍迁入登记", "07", "police", ["1"], ""),
    ("对户籍管理工作的检查", "06", "police", ["6"], ""),
    ("残疾人证核发", "20", "civil", ["1"], "具有本县户籍的残疾人"),
    ("婚姻登记（结婚登记）", "07", "civil", ["1"], ""),
    ("内地居民离婚登记", "07", "civil", ["1"], ""),
    ("不动产登记", "07", "approval", ["1", "2"], ""),
    ("城乡居民基本养老保险参保登记", "20", "approval", ["1"], ""),
    ("机关事业单位社会保险缴费申报", "20", "approval", ["2", "3"], ""),
    ("医疗保险关系转移", "20", "approval", ["1"], ""),
    ("住房公积金提取", "20", "approval", ["1"], ""),
    ("食品经营许可", "01", "approval", ["2"], ""),
    ("食品生产许可证核发", "01", "approval", ["2"], ""),
    ("建设工程消防设计审查", "01", "approval", ["2"], ""),
]


@pytest.fixture
def police_dept(county):
    from zwfw.organizations.models import Department

    return Department.objects.create(region=county, code="ga", name="区公安分局", credit_code="11511301008778401E")


@pytest.fixture
def catalog(county, approval_dept, other_dept, police_dept, reviewer, now) -> dict[str, ServiceItem]:
    """The ITEMS, published in one bulk load; returns items by name."""
    depts = {"police": police_dept, "civil": other_dept, "approval": approval_dept}
    specs = []
    for n, (name, item_type, dept, audience, conditions) in enumerate(ITEMS):
        item = ServiceItem(catalog_level="implementation", region=county, department=depts[dept], level="4",
                           base_code=f"X{n:011d}")
        fields = {"name": name, "item_type": item_type, "audience": audience, "conditions": conditions}
        specs.append(ItemSpec(item=item, versions=[VersionSpec(fields)]))
    bulk_publish(actor=reviewer, now=now, specs=specs)
    return {s.item.current_version.name: s.item for s in specs}


def names(page) -> list[str]:
    return [hit.name for hit in page.results]
