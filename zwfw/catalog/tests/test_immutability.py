import pytest
from django.db import DatabaseError, transaction

from zwfw.catalog.models import ItemVersion, Material, ProcessStep

pytestmark = pytest.mark.django_db


def test_database_refuses_changes_to_a_published_version(published):
    with pytest.raises(DatabaseError), transaction.atomic():
        ItemVersion.objects.filter(pk=published.pk).update(promised_limit=1)
    with pytest.raises(DatabaseError), transaction.atomic():
        ItemVersion.objects.filter(pk=published.pk).delete()
    assert ItemVersion.objects.get(pk=published.pk).promised_limit == 5


def test_database_refuses_changes_to_children_of_a_published_version(published):
    with pytest.raises(DatabaseError), transaction.atomic():
        Material.objects.create(version=published, name="偷加的材料")
    with pytest.raises(DatabaseError), transaction.atomic():
        Material.objects.filter(version=published).update(name="改名")
    with pytest.raises(DatabaseError), transaction.atomic():
        ProcessStep.objects.filter(version=published).delete()
    assert list(Material.objects.filter(version=published).values_list("name", flat=True)) == ["申请书", "营业执照"]
    assert ProcessStep.objects.filter(version=published).count() == 3


def test_drafts_stay_writable(draft):
    Material.objects.create(version=draft, name="补充材料")
    ItemVersion.objects.filter(pk=draft.pk).update(promised_limit=4)
    assert draft.materials.count() == 3
