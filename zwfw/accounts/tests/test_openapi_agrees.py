"""Issue 13 finding 12: staff, applicants and the places answer what the OpenAPI document says
(no `staff` on list rows, masked numbers are strings — empty, never null)."""

import pytest
from rest_framework.test import APIClient

from zwfw.accounts.models import Applicant, User
from zwfw.api.tests.conformance import assert_conforms
from zwfw.organizations.models import ServiceCenter, Window

pytestmark = pytest.mark.django_db


def _client(user):
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_staff_without_a_phone_answers_an_empty_string(people):
    User.objects.filter(pk=people["approver_a"].pk).update(phone=None)
    client = _client(people["clerk_a"])
    listing = client.get("/api/v1/staff")
    assert {row["phone"] for row in listing.json()["results"]} == {""}
    assert_conforms(client, listing, method="get", path="/api/v1/staff")
    detail = client.get(f"/api/v1/staff/{people['approver_a'].pk}")
    assert detail.json()["phone"] == ""
    assert_conforms(client, detail, method="get", path="/api/v1/staff/{id}")


def test_an_applicant_without_a_phone_answers_an_empty_string(people, regions):
    from zwfw.accounts.services._common import id_number_digest
    from zwfw.core import clock
    from zwfw.core.fields import Sealed

    number = "110102199101010078"
    applicant = Applicant.objects.create(kind="person", name="甲", id_number=Sealed.of(number, kind="id_number"),
                                         id_number_digest=id_number_digest(number), region=regions["county_a"],
                                         created_at=clock.now())
    Applicant.objects.filter(pk=applicant.pk).update(phone=None)
    client = _client(people["clerk_a"])
    listing = client.get("/api/v1/applicants")
    assert listing.status_code == 200
    assert_conforms(client, listing, method="get", path="/api/v1/applicants")
    detail = client.get(f"/api/v1/applicants/{applicant.pk}")
    assert (detail.json()["id_number"], detail.json()["phone"]) == ("110102********0078", "")
    assert_conforms(client, detail, method="get", path="/api/v1/applicants/{id}")


@pytest.mark.parametrize("collection", ["departments", "service-centers", "service-points", "windows"])
def test_place_lists_and_details_agree_with_the_document(people, point_a, depts, collection):
    Window.objects.create(center=ServiceCenter.objects.get(), number="1", name="一号窗口", kind="single",
                          department=depts["a_approval"])
    client = _client(people["sysadmin"])
    listing = client.get(f"/api/v1/{collection}")
    assert listing.status_code == 200 and listing.json()["results"]
    assert_conforms(client, listing, method="get", path=f"/api/v1/{collection}")
    first = listing.json()["results"][0]["id"]
    detail = client.get(f"/api/v1/{collection}/{first}")
    assert "staff" in detail.json()
    assert_conforms(client, detail, method="get", path=f"/api/v1/{collection}/{{id}}")
