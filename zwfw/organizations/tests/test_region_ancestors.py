"""Region.ancestor_codes(): the path to the province from the 12-digit code alone, no queries."""

import pytest

from zwfw.organizations.models import Region, RegionLevel, region_ancestor_codes


@pytest.mark.parametrize(("code", "level", "expected"), [
    ("510000000000", RegionLevel.PROVINCE, ("510000000000",)),
    ("511600000000", RegionLevel.CITY, ("511600000000", "510000000000")),
    ("511602000000", RegionLevel.COUNTY, ("511602000000", "511600000000", "510000000000")),
    ("511602001000", RegionLevel.TOWN, ("511602001000", "511602000000", "511600000000", "510000000000")),
    ("511602001201", RegionLevel.VILLAGE,
     ("511602001201", "511602001000", "511602000000", "511600000000", "510000000000")),
])
def test_ancestor_codes_nearest_first(db, code, level, expected, django_assert_num_queries):
    region = Region(code=code, name="x", level=level)
    with django_assert_num_queries(0):
        assert region.ancestor_codes() == expected
        assert region.ancestor_codes(include_self=False) == expected[1:]
    assert region_ancestor_codes(code) == expected


def test_ancestor_codes_match_the_parent_links(regions):
    town = Region.objects.get(code="511602001000")
    walked = []
    node = town
    while node is not None:
        walked.append(node.code)
        node = node.parent
    assert town.ancestor_codes() == tuple(walked)
