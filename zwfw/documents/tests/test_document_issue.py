import datetime as dt
import hashlib
import re

import pytest
from django.urls import reverse

from zwfw.core.errors import ValidationFailed
from zwfw.core.models import AuditEvent
from zwfw.documents.models import OfficialDocument
from zwfw.documents.services import document_issue
from zwfw.documents.testing import pdf_text
from zwfw.files.models import StoredFile
from zwfw.files.services import file_read
from zwfw.numbering.models import NumberSequence

from .notices import APPLICANT, CONTEXTS, TEXTS

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 11, 27, 2, 30, tzinfo=dt.UTC)
ISSUER = {"region_code": "511602000000", "issuer_name": "广安市广安区政务服务管理局", "issuer_short_name": "广安区政务"}


@pytest.fixture
def clerk(django_user_model):
    return django_user_model.objects.create(username="clerk_doc", full_name="窗口甲")


def issue(clerk, kind, **overrides):
    return document_issue(actor=clerk, kind=kind, context=CONTEXTS[kind], now=NOW, **{**ISSUER, **overrides})


@pytest.mark.parametrize(("kind", "number"), [
    ("notice.accept", "广安区政务〔2026〕受字第000001号"),
    ("notice.reject", "广安区政务〔2026〕不受字第000001号"),
    ("notice.supplement", "广安区政务〔2026〕补字第000001号"),
])
def test_each_notice_is_numbered_rendered_stored_and_audited(clerk, kind, number, tmp_path, settings):
    settings.ZWFW_SITE_URL = "https://zwfw.guang-an.example"
    document = issue(clerk, kind)
    data = file_read(document.stored_file)
    assert document.number == number and document.issued_on == dt.date(2026, 11, 27)
    assert data.startswith(b"%PDF-") and document.sha256 == hashlib.sha256(data).hexdigest()
    assert (document.stored_file.purpose, document.stored_file.owner_type, document.stored_file.owner_id) == (
        "documents.official", "documents.officialdocument", str(document.pk))
    text = pdf_text(data, tmp_path).replace("\n", "")  # lines wrap inside words
    for expected in (number, APPLICANT, "广安市广安区政务服务管理局", "2026年11月27日", *TEXTS[kind]):
        assert expected in text, expected
    assert f"https://zwfw.guang-an.example/verify/{document.verify_token}/" in text
    event = AuditEvent.objects.get(action="documents.document.issue")
    assert (event.object_id, event.changes["sha256"], event.changes["number"]) == (
        str(document.pk), document.sha256, number)


def test_the_qr_code_encodes_the_verification_address(clerk, monkeypatch):
    from zwfw.documents import services

    seen = []
    real = services.html_to_pdf
    monkeypatch.setattr(services, "html_to_pdf", lambda html: seen.append(html) or real(html))
    document = issue(clerk, "notice.accept")
    url = f"http://127.0.0.1:8000/verify/{document.verify_token}/"
    assert re.search(r'<svg[^>]*class="qr"', seen[0]) and f"<title>{url}</title>" in seen[0]


def test_numbers_continue_per_kind_and_region(clerk):
    first = issue(clerk, "notice.accept")
    second = issue(clerk, "notice.accept")
    other = issue(clerk, "notice.accept", region_code="511621000000", issuer_short_name="岳池县政务")
    assert [first.number, second.number, other.number] == [
        "广安区政务〔2026〕受字第000001号", "广安区政务〔2026〕受字第000002号", "岳池县政务〔2026〕受字第000001号"]


def test_an_incomplete_context_issues_nothing(clerk):
    context = {k: v for k, v in CONTEXTS["notice.reject"].items() if k != "reasons"}
    with pytest.raises(ValidationFailed) as error:
        document_issue(actor=clerk, kind="notice.reject", context=context, now=NOW, **ISSUER)
    assert error.value.code == "document_context_incomplete" and "reasons" in error.value.message
    assert (OfficialDocument.objects.count(), StoredFile.objects.count(), NumberSequence.objects.count(),
            AuditEvent.objects.count()) == (0, 0, 0, 0)


def test_a_failed_render_gives_the_number_back(clerk, monkeypatch):
    from zwfw.documents import services

    def broken(html):
        raise OSError("renderer crashed")

    monkeypatch.setattr(services, "html_to_pdf", broken)
    with pytest.raises(OSError, match="crashed"):
        issue(clerk, "notice.accept")
    monkeypatch.undo()
    assert OfficialDocument.objects.count() == 0 and AuditEvent.objects.count() == 0
    assert issue(clerk, "notice.accept").number == "广安区政务〔2026〕受字第000001号"


def test_the_issuer_downloads_the_document_and_others_do_not(client, clerk, django_user_model):
    document = issue(clerk, "notice.accept")
    url = reverse("files:download", args=[document.stored_file_id])
    assert client.get(url).status_code == 404
    client.force_login(django_user_model.objects.create(username="someone"))
    assert client.get(url).status_code == 404
    client.force_login(clerk)
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Disposition"].startswith("attachment;")
