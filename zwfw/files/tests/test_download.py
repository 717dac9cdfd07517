import pytest
from django.urls import reverse

from zwfw.files.purposes import APPLICANT_MATERIAL
from zwfw.files.responses import content_disposition
from zwfw.files.services import file_store

from . import samples

pytestmark = pytest.mark.django_db


@pytest.fixture
def uploaded(django_user_model):
    owner = django_user_model.objects.create(username="owner1")
    row = file_store(content=samples.PDF, purpose=APPLICANT_MATERIAL, name="户口簿 第1页.pdf", actor=owner)
    return owner, row


def test_the_uploader_downloads_as_an_attachment_that_is_never_sniffed(client, uploaded):
    owner, row = uploaded
    client.force_login(owner)
    response = client.get(reverse("files:download", args=[row.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == samples.PDF
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        "attachment; filename=\"file.pdf\"; filename*=UTF-8''%E6%88%B7%E5%8F%A3%E7%B0%BF%20%E7%AC%AC1%E9%A1%B5.pdf")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"
    assert response["Cache-Control"] == "private, no-store"


@pytest.mark.parametrize("who", ["anonymous", "someone_else"])
def test_others_are_told_the_file_does_not_exist(client, uploaded, who, django_user_model):
    _owner, row = uploaded
    if who == "someone_else":
        client.force_login(django_user_model.objects.create(username="other1"))
    response = client.get(reverse("files:download", args=[row.pk]))
    assert response.status_code == 404
    assert client.get(reverse("files:download", args=[row.pk + 1000])).status_code == 404


def test_private_files_have_no_url(uploaded):
    from zwfw.files.storage import private_storage

    with pytest.raises(NotImplementedError):
        private_storage().url(uploaded[1].storage_name)


def test_content_disposition_quotes_what_a_header_cannot_carry():
    assert content_disposition('a"b;c\\.pdf', as_attachment=False) == (
        "inline; filename=\"file.pdf\"; filename*=UTF-8''a%22b%3Bc%5C.pdf")
