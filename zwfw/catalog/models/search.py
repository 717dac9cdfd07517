"""The catalog's search index: one denormalised row per item with a published current version
(facets and ranking columns), and beside it the text the full-text indexes are built over.

Kept in step by the services that publish, cancel and bulk-load items (same transaction) and
rebuilt by `zwfw catalog reindex`. The text indexes over it are vendor-specific and created in
migration 0004 (docs/adr/0012-catalog-search.md): on SQLite two FTS5 tables mirrored by
triggers, on PostgreSQL a GIN tsvector expression index and a pg_trgm GIN index. The text lives
in its own table so that ranking the candidates reads narrow rows.
"""

from __future__ import annotations

from django.db import models
from django.db.models import F
from django.utils.translation import gettext_lazy as _


class CatalogSearchEntry(models.Model):
    item = models.OneToOneField("catalog.ServiceItem", verbose_name=_("事项"), primary_key=True,
                                on_delete=models.CASCADE, related_name="search_entry")
    version = models.ForeignKey("catalog.ItemVersion", verbose_name=_("现行版本"), on_delete=models.CASCADE,
                                related_name="+")
    region = models.ForeignKey("organizations.Region", verbose_name=_("区划"), on_delete=models.CASCADE,
                               related_name="+")
    department = models.ForeignKey("organizations.Department", verbose_name=_("实施主体"), null=True, blank=True,
                                   on_delete=models.CASCADE, related_name="+")
    department_name = models.CharField(_("实施主体名称"), max_length=200, blank=True)
    item_type = models.CharField(_("事项类型"), max_length=2)
    level = models.CharField(_("行使层级"), max_length=1)
    # "|1|2|": membership is `LIKE '%|1|%'` on both databases.
    audience = models.CharField(_("服务对象"), max_length=40, blank=True)
    themes = models.CharField(_("主题"), max_length=400, blank=True)
    name = models.CharField(_("事项名称"), max_length=300)
    # Normalised (NFKC, lower case) texts the query is compared with.
    name_key = models.CharField(_("名称（检索用）"), max_length=300, db_index=True)  # exact and prefix tiers
    name_length = models.PositiveSmallIntegerField(_("名称长度"), default=0)  # ranking: shorter names first
    keywords = models.CharField(_("关键词"), max_length=600, blank=True)
    popularity = models.PositiveIntegerField(_("热度"), default=0)
    indexed_at = models.DateTimeField(_("索引时间"))

    class Meta:
        ordering = ["-popularity", "item_id"]
        verbose_name = _("事项检索索引")
        verbose_name_plural = _("事项检索索引")
        # Ranked pages walk these in order and stop once a page is full (search: popularity, then
        # shorter name; browse: popularity, then item id), with or without a department or type filter.
        indexes = [
            models.Index(F("popularity").desc(), "name_length", "item", name="search_rank_idx"),
            models.Index("department", F("popularity").desc(), "name_length", "item", name="search_dept_rank_idx"),
            models.Index("item_type", F("popularity").desc(), "name_length", "item", name="search_type_rank_idx"),
            models.Index(F("popularity").desc(), "item", name="search_browse_idx"),
            models.Index("department", F("popularity").desc(), "item", name="search_dept_browse_idx"),
            models.Index("item_type", F("popularity").desc(), "item", name="search_type_browse_idx"),
            models.Index(fields=["region", "popularity"], name="search_region_pop_idx"),
        ]

    def __str__(self) -> str:
        return self.name


class CatalogSearchText(models.Model):
    entry = models.OneToOneField(CatalogSearchEntry, verbose_name=_("索引条目"), primary_key=True,
                                 on_delete=models.CASCADE, related_name="text")
    # Normalised name, keywords and guide digest: substring search for queries of 3+ characters.
    search_text = models.TextField(_("检索文本"))
    # Space-separated 1- and 2-character grams of name and keywords plus jieba words of the guide
    # digest: what a query shorter than three characters is looked up in.
    search_tokens = models.TextField(_("检索词元"))

    class Meta:
        verbose_name = _("事项检索文本")
        verbose_name_plural = _("事项检索文本")

    def __str__(self) -> str:
        return str(self.entry_id)


class CatalogSearchStamp(models.Model):
    """One row counting the writes to the search index (`indexing.search_generation_bump`, in the
    writer's transaction). A cached search answer is keyed by it, so any publish, cancel or load
    makes every earlier answer unreachable — in every worker process, each with its own cache."""

    generation = models.PositiveBigIntegerField(_("索引版本"), default=0)

    class Meta:
        verbose_name = _("检索索引版本")
        verbose_name_plural = _("检索索引版本")

    def __str__(self) -> str:
        return str(self.generation)
