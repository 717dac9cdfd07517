from django.test import Client

from zwfw.accounts.models import User


def test_admin_is_read_only_for_superusers(dept):
    su = User.objects.create(username="root", is_staff=True, is_superuser=True)
    client = Client()
    client.force_login(su)
    assert client.get("/django-admin/organizations/department/").status_code == 200
    assert client.get(f"/django-admin/organizations/department/{dept.pk}/change/").status_code == 200
    assert client.get("/django-admin/organizations/department/add/").status_code == 403
    response = client.post(f"/django-admin/organizations/department/{dept.pk}/change/", {"name": "改名"})
    assert response.status_code == 403
    dept.refresh_from_db()
    assert dept.name == "广安区民政局"
    assert client.post(f"/django-admin/organizations/department/{dept.pk}/delete/", {"post": "yes"}).status_code == 403


def test_admin_hidden_from_non_superuser_staff(dept):
    user = User.objects.create(username="staffer", is_staff=True)
    client = Client()
    client.force_login(user)
    assert client.get("/django-admin/organizations/department/").status_code == 403
