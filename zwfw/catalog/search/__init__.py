"""Catalog search (网上办事大厅): the public selector and the index maintenance.

    from zwfw.catalog.search import catalog_search
    page = catalog_search(viewer=request.user, query="户籍", department=dept, page=1)
    page.results -> [SearchHit(item_id, version_id, name, department_name, item_type, score, highlight)]
    page.total

See docs/adr/0012-catalog-search.md.
"""

from .indexing import search_index_items, search_reindex
from .selectors import SearchHit, SearchPage, catalog_search

__all__ = ["SearchHit", "SearchPage", "catalog_search", "search_index_items", "search_reindex"]
