import datetime as dt

import pytest
from django.urls import reverse

from zwfw.documents.services import document_issue
from zwfw.files.storage import private_storage

from .notices import APPLICANT, CONTEXTS

pytestmark = pytest.mark.django_db


@pytest.fixture
def document(django_user_model):
    clerk = django_user_model.objects.create(username="clerk_v", full_name="窗口乙")
    return document_issue(actor=clerk, kind="notice.accept", context=CONTEXTS["notice.accept"],
                          region_code="511602000000", issuer_name="广安市广安区政务服务管理局",
                          issuer_short_name="广安区政务", now=dt.datetime(2026, 11, 27, 2, 30, tzinfo=dt.UTC))


def test_the_verification_page_shows_the_documents_facts_and_no_personal_data(client, document):
    response = client.get(reverse("documents:verify", args=[document.verify_token]))
    html = response.content.decode()
    assert response.status_code == 200 and response["Cache-Control"] == "no-store"
    for fact in ("广安区政务〔2026〕受字第000001号", "受理通知书", "广安市广安区政务服务管理局", "2026年11月27日",
                 document.sha256, "核验通过"):
        assert fact in html, fact
    context = CONTEXTS["notice.accept"]
    for private in (APPLICANT, context["case_number"], context["query_code"], "0826-2000201", "户籍迁移登记",
                    "户口迁移申请表"):
        assert private not in html, private


def test_a_changed_stored_file_fails_verification(client, document):
    storage = private_storage()
    with storage.open(document.stored_file.storage_name, "wb") as handle:
        handle.write(b"%PDF-1.4 forged\n%%EOF\n")
    html = client.get(reverse("documents:verify", args=[document.verify_token])).content.decode()
    assert "核验未通过" in html and "核验通过" not in html


def test_a_missing_stored_file_fails_verification(client, document):
    private_storage().delete(document.stored_file.storage_name)
    html = client.get(reverse("documents:verify", args=[document.verify_token])).content.decode()
    assert "核验未通过" in html


def test_a_row_whose_hash_was_rewritten_with_the_file_still_fails(client, document):
    """Someone who replaces the file and the row's hash is caught by the audit event's hash."""
    import hashlib

    from zwfw.documents.models import OfficialDocument

    forged = b"%PDF-1.4 forged\n%%EOF\n"
    with private_storage().open(document.stored_file.storage_name, "wb") as handle:
        handle.write(forged)
    OfficialDocument.objects.filter(pk=document.pk).update(sha256=hashlib.sha256(forged).hexdigest())
    html = client.get(reverse("documents:verify", args=[document.verify_token])).content.decode()
    assert "核验未通过" in html


def test_an_unknown_token_is_not_found(client, document):
    assert client.get(reverse("documents:verify", args=["x" * 32])).status_code == 404


def test_deploy_check_wants_a_public_https_site_url(settings):
    from django.core.checks import run_checks

    settings.ZWFW_SITE_URL = "http://127.0.0.1:8000"
    assert "zwfw.documents.W001" in [w.id for w in run_checks(include_deployment_checks=True)]
    settings.ZWFW_SITE_URL = "https://zwfw.guang-an.example"
    assert "zwfw.documents.W001" not in [w.id for w in run_checks(include_deployment_checks=True)]
