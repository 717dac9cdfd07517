import pytest

from zwfw.catalog.demo.forms import demo_forms_attach
from zwfw.catalog.models import ItemVersion, MaterialFile, Theme, ThemeKind
from zwfw.catalog.search import catalog_search
from zwfw.catalog.services import item_draft_create
from zwfw.catalog.themes import theme_rules, theme_seed, themes_for_name
from zwfw.core.models import AuditEvent
from zwfw.files.services import file_read

from .guides import LATER, NOW, _publish, build_guides
from .network import build_network

pytestmark = pytest.mark.django_db


@pytest.fixture
def guides():
    return build_guides(build_network())


def test_rules_cover_the_19_themes_and_the_events():
    themes = [r for r in theme_rules() if r.kind == ThemeKind.THEME]
    assert [r.name for r in themes][:3] == ["婚育收养", "纳税缴费", "教育考试"] and len(themes) == 19
    assert {r.name for r in theme_rules() if r.kind == ThemeKind.LIFE_EVENT} >= {"出生", "结婚", "企业开办", "企业注销"}
    assert themes_for_name("结婚登记") == ["T01", "LE-P04"]
    assert themes_for_name("无关的名字") == []


def test_theme_seed_classifies_by_a_new_published_version(guides):
    summary = theme_seed(actor=guides.reviewer, now=LATER)
    assert summary == {"themes_created": 31, "items_classified": 1, "items_skipped_open": 0}
    social = guides.social
    social.refresh_from_db()
    current = social.current_version
    assert current.number == 2 and current.status == "published"
    assert [t.name for t in current.themes.all()] == ["社保救助"]
    old = ItemVersion.objects.get(item=social, number=1)
    assert old.status == "published" and not old.themes.exists()
    # The search index follows: the theme filter finds it.
    theme = Theme.objects.get(code="T06")
    assert [h.item_id for h in catalog_search(query="", theme=theme).results] == [social.pk]
    # The household item already had themes (and a draft under way): untouched.
    guides.household.refresh_from_db()
    assert guides.household.current_version_id == guides.household_v2.pk
    event = AuditEvent.objects.order_by("-seq").first()
    assert event.action == "catalog.demo.theme_seed" and event.changes["items_classified"] == 1


def test_theme_seed_is_idempotent(guides):
    theme_seed(actor=guides.reviewer, now=LATER)
    counts = (Theme.objects.count(), ItemVersion.objects.count(), AuditEvent.objects.count())
    assert theme_seed(actor=guides.reviewer, now=LATER) == {
        "themes_created": 0, "items_classified": 0, "items_skipped_open": 0}
    assert (Theme.objects.count(), ItemVersion.objects.count(), AuditEvent.objects.count()) == counts


def test_demo_forms_attach_generates_blank_and_sample_pdfs_once(guides, client):
    draft = item_draft_create(actor=guides.editor, department=guides.household.department, base_code="000101004000",
                              name="食品经营许可", item_type="01",
                              materials=[{"name": "食品经营许可申请书", "original_count": 1, "source": "applicant"},
                                         {"name": "营业执照", "source": "certificate_library"}], now=NOW)
    _publish(draft, guides.editor, guides.reviewer, NOW)
    item = draft.item
    summary = demo_forms_attach(actor=guides.reviewer, now=LATER)
    assert summary == {"items_with_forms": 1, "files": 2, "skipped_existing": 1}
    item.refresh_from_db()
    assert item.current_version.number == 2
    files = list(MaterialFile.objects.filter(material__version=item.current_version).order_by("kind"))
    assert [(f.material.name, f.kind, f.original_name) for f in files] == [
        ("食品经营许可申请书", "blank", "食品经营许可申请书（空白表格）.pdf"),
        ("食品经营许可申请书", "sample", "食品经营许可申请书（填写示例）.pdf")]
    assert all(file_read(f.stored_file)[:5] == b"%PDF-" for f in files)
    assert files[0].sha256 != files[1].sha256
    assert not MaterialFile.objects.filter(material__version__item=item, material__version__number=1).exists()
    html = client.get(f"/guide/{item.pk}/").content.decode()
    assert f"/guide/files/{files[0].pk}/" in html and f"/guide/files/{files[1].pk}/" in html
    again = demo_forms_attach(actor=guides.reviewer, now=LATER)
    assert again == {"items_with_forms": 0, "files": 0, "skipped_existing": 2}
    assert MaterialFile.objects.filter(material__version__item=item).count() == 2
