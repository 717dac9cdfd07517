import pytest

from zwfw.catalog.selectors import item_list, version_get, version_list
from zwfw.core.errors import NotFound

pytestmark = pytest.mark.django_db


def test_draft_is_hidden_from_public_and_other_departments(draft, editor, other_editor, reviewer, clerk):
    for viewer in (None, other_editor, clerk):
        with pytest.raises(NotFound):
            version_get(viewer=viewer, version_id=draft.pk)
    assert version_get(viewer=editor, version_id=draft.pk) == draft
    assert version_get(viewer=reviewer, version_id=draft.pk) == draft
    assert list(item_list(viewer=None)) == []


def test_published_is_public(published, other_editor, county):
    assert version_get(viewer=None, version_id=published.pk) == published
    assert list(item_list(viewer=None, region=county, item_type="01")) == [published.item]
    assert list(item_list(viewer=None, item_type="20")) == []
    assert version_list(viewer=other_editor, item=published.item) == [published]
