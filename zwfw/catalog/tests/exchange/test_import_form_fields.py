"""Excel exchange and the applying elements: the version flags and a material's shared source go
through the file; the one-table form is not in the file and an import keeps it."""

import pytest

from zwfw.catalog.exchange.importing import catalog_import
from zwfw.catalog.models import FormField, ItemVersion
from zwfw.catalog.services import (
    item_publish,
    item_review_approve,
    item_submit_for_review,
    item_version_update,
)

from .conftest import item_row

pytestmark = pytest.mark.django_db


def test_import_sets_applying_flags_and_keeps_the_form(xlsx, draft, editor, reviewer, now):
    item_version_update(actor=editor, version=draft, now=now,
                        form_fields=[{"key": "shop", "label": "店名", "required": True}])
    item_submit_for_review(actor=editor, version=draft, now=now)
    item_review_approve(actor=reviewer, version=draft, now=now)
    item_publish(actor=reviewer, version=draft, now=now)
    path = xlsx(items=[item_row("K", pre_review_offered="是", pre_review_limit=2, in_person_required="是")],
                materials=[{"key": "K", "position": 1, "name": "身份证", "shared_source": "申请人实名身份信息（身份证件）"}])
    with path.open("rb") as fh:
        report = catalog_import(actor=editor, source=fh, file_name=path.name, now=now)
    assert [(e["key"], e["number"]) for e in report.updated] == [("K", 2)]
    v2 = ItemVersion.objects.get(item=draft.item, number=2)
    assert (v2.pre_review_offered, v2.pre_review_limit, v2.in_person_required) == (True, 2, True)
    assert v2.materials.get().shared_source == "applicant_identity"
    assert list(FormField.objects.filter(version=v2).values_list("key", flat=True)) == ["shop"]
