import pytest
from django.urls import reverse
pytestmark = pytest.mark.django_db

def test_smoke(client, published, editor, reviewer):
    client.force_login(editor)
    for name, args in [("catalog_items", []), ("catalog_item", [published.item_id]), ("catalog_version", [published.pk]),
                       ("catalog_consistency", []), ("catalog_lint", []), ("catalog_stats", []), ("catalog_zero_reports", []),
                       ("catalog_item_create", []), ("catalog_queue", []), ("catalog_take_over", [])]:
        r = client.get(reverse("workbench:" + name, args=args))
        assert r.status_code == 200, (name, r.status_code)
    r = client.post(reverse("workbench:catalog_version_new", args=[published.item_id]))
    assert r.status_code == 302, r.content
    r = client.get(r["Location"])
    assert r.status_code == 200
    print(r.content.decode()[:200])
