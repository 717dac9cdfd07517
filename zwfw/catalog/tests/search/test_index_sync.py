import datetime as dt

import pytest
from django.core.management import call_command

from zwfw.catalog.models import CatalogSearchEntry, CatalogSearchText
from zwfw.catalog.search import catalog_search, search_reindex
from zwfw.catalog.services import (
    item_cancel,
    item_publish,
    item_review_approve,
    item_submit_for_review,
    item_version_create,
    item_version_update,
)

from .conftest import ITEMS, names

pytestmark = pytest.mark.django_db


def _publish(version, editor, reviewer, now):
    item_submit_for_review(actor=editor, version=version, now=now)
    item_review_approve(actor=reviewer, version=version, now=now)
    return item_publish(actor=reviewer, version=version, now=now)


def test_bulk_load_indexes_every_item(catalog):
    assert CatalogSearchEntry.objects.count() == CatalogSearchText.objects.count() == len(ITEMS)


def test_drafts_are_not_found_until_published(draft, editor, reviewer, now):
    assert catalog_search(query="节能审查").total == 0
    _publish(draft, editor, reviewer, now)
    page = catalog_search(query="节能审查")
    assert names(page) == ["固定资产投资项目节能审查"]
    assert page.results[0].version_id == draft.pk


def test_new_version_replaces_the_indexed_one_only_when_published(published, editor, reviewer, now):
    v2 = item_version_create(actor=editor, item=published.item, now=now)
    item_version_update(actor=editor, version=v2, fields={"name": "固定资产投资项目节能审查（县级）"}, now=now)
    hit = catalog_search(query="节能审查").results[0]
    assert (hit.name, hit.version_id) == ("固定资产投资项目节能审查", published.pk)
    CatalogSearchEntry.objects.filter(item=published.item).update(popularity=7)
    _publish(v2, editor, reviewer, now)
    page = catalog_search(query="县级")
    assert [(h.name, h.version_id) for h in page.results] == [("固定资产投资项目节能审查（县级）", v2.pk)]
    assert CatalogSearchEntry.objects.get(item=published.item).popularity == 7  # kept across versions
    assert catalog_search(query="节能审查").total == 1


def test_cancel_removes_the_item_in_the_same_transaction(published, reviewer, now):
    item_cancel(actor=reviewer, item=published.item, effective_on=dt.date(2026, 3, 2), reason="法律修订", now=now)
    assert catalog_search(query="节能审查").total == 0
    assert not CatalogSearchEntry.objects.exists()
    assert not CatalogSearchText.objects.exists()


def test_failed_publish_leaves_the_index_unchanged(draft, editor, other_editor, now):
    from zwfw.core.errors import PermissionDenied

    item_submit_for_review(actor=editor, version=draft, now=now)
    with pytest.raises(PermissionDenied):
        item_publish(actor=other_editor, version=draft, now=now)
    assert not CatalogSearchEntry.objects.exists()


def test_reindex_command_rebuilds_from_the_catalog(catalog, county, capsys):
    CatalogSearchText.objects.all().delete()
    CatalogSearchEntry.objects.all().delete()
    assert catalog_search(query="户籍").total == 0
    call_command("catalog", "reindex")
    assert f"{len(ITEMS)} 个事项" in capsys.readouterr().out
    assert names(catalog_search(query="户籍"))[:2] == ["户籍", "户籍证明"]
    assert search_reindex(region=county) == len(ITEMS)
    assert CatalogSearchEntry.objects.count() == len(ITEMS)


def test_reindex_drops_entries_of_items_no_longer_published(catalog):
    from zwfw.catalog.models import ServiceItem

    ServiceItem.objects.filter(pk=catalog["户籍"].pk).update(status="cancelled")  # bypassing the service
    assert search_reindex() == len(ITEMS) - 1
    assert "户籍" not in names(catalog_search(query="户籍"))
