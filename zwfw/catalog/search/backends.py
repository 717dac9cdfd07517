"""Vendor-specific candidate conditions: which index rows contain a token.

A token of three or more characters is a substring search over `search_text` (SQLite: FTS5
trigram table; PostgreSQL: LIKE served by the pg_trgm GIN index). A shorter token is looked up
as a whole 1-/2-character gram or jieba word in `search_tokens` (SQLite: FTS5 unicode61 table;
PostgreSQL: GIN over the stored to_tsvector('simple', …)), and so are the facet tokens (xft07 …)
that the filters become. Tokens come from text.parse_query / text.facet_tokens and hold letters
and digits only, so they are safe inside FTS5 quotes and LIKE patterns.
"""

from __future__ import annotations

from django.db import connection
from django.db.models import BooleanField, Q
from django.db.models.expressions import RawSQL

from .text import Alternative

TRIGRAM_MIN = 3


Facets = list[tuple[str, ...]]  # every group must match; within a group, any token


def _fts(table: str, tokens: list[str], facets: Facets = ()) -> Q:
    clauses = [f'"{t}"' for t in tokens] + ["(" + " OR ".join(f'"{t}"' for t in group) + ")" for group in facets]
    sql = f"SELECT rowid FROM {table} WHERE {table} MATCH %s"  # noqa: S608 (table is a constant)
    return Q(item_id__in=RawSQL(sql, [" AND ".join(clauses)]))  # noqa: S611


def _sqlite(long: list[str], short: list[str], facets: Facets) -> Q:
    condition = Q()
    if long:
        condition &= _fts("catalog_search_fts", long)
    if short or facets:
        condition &= _fts("catalog_search_grams", short, facets)
    return condition


def _pg_where(long: list[str], short: list[str], facets: Facets) -> tuple[str, list[str]]:
    """A condition on the text table (constant fragments only; the tokens are parameters)."""
    where, params = [], []
    for token in long:
        where.append("search_text LIKE %s")
        params.append(f"%{token}%")
    if short:
        where.append("search_vector @@ plainto_tsquery('simple', %s)")
        params.append(" ".join(short))
    if facets:  # facet tokens are ours (letters and digits): safe in to_tsquery syntax
        where.append("search_vector @@ to_tsquery('simple', %s)")
        params.append(" & ".join("(" + " | ".join(group) + ")" for group in facets))
    return " AND ".join(where), params


def _postgresql(long: list[str], short: list[str], facets: Facets) -> Q:
    # ARRAY(subquery) is evaluated once, first: the planner cannot start from the entry table and
    # probe the text indexes row by row (it did, taking seconds for 登记).
    conditions, params = _pg_where(long, short, facets)
    sql = f"catalog_catalogsearchentry.item_id = ANY(ARRAY(SELECT entry_id FROM catalog_catalogsearchtext WHERE {conditions}))"  # noqa: S608,E501
    return Q(RawSQL(sql, params, output_field=BooleanField()))  # noqa: S611


def _split(alt: Alternative) -> tuple[list[str], list[str]]:
    return [t for t in alt.tokens if len(t) >= TRIGRAM_MIN], [t for t in alt.tokens if len(t) < TRIGRAM_MIN]


def candidates(alternatives: tuple[Alternative, ...], facets: Facets = ()) -> Q:
    """Rows that contain every token of at least one alternative and match every facet group
    (with no alternatives: the rows matching the facets; with neither: every row)."""
    build = _postgresql if connection.vendor == "postgresql" else _sqlite
    facets = list(facets)
    if not alternatives:
        return build([], [], facets) if facets else Q()
    condition = Q()
    for alt in alternatives:
        condition |= build(*_split(alt), facets)
    return condition


def count_capped(alternatives: tuple[Alternative, ...], facets: Facets, cap: int) -> int:
    """How many rows are candidates, counting no further than `cap` + 1."""
    from ..models import CatalogSearchEntry

    if connection.vendor != "postgresql":
        return CatalogSearchEntry.objects.filter(candidates(alternatives, facets)).order_by()[:cap + 1].count()
    if not alternatives and not facets:
        return CatalogSearchEntry.objects.order_by()[:cap + 1].count()
    # On PostgreSQL count on the text table itself, so that LIMIT stops the heap visits early.
    ors, params = [], []
    for long, short in [_split(alt) for alt in alternatives] or [([], [])]:
        sql, more = _pg_where(long, short, facets)
        ors.append(sql)
        params += more
    sql = (f"SELECT count(*) FROM (SELECT 1 FROM catalog_catalogsearchtext WHERE ({') OR ('.join(ors)})"  # noqa: S608
           f" LIMIT {int(cap) + 1}) s")
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchone()[0]
