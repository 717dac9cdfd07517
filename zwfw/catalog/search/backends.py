"""Vendor-specific candidate conditions: which index rows contain a token.

A token of three or more characters is a substring search over `search_text` (SQLite: FTS5
trigram table; PostgreSQL: LIKE served by the pg_trgm GIN index). A shorter token is looked up
as a whole 1-/2-character gram or jieba word in `search_tokens` (SQLite: FTS5 unicode61 table;
PostgreSQL: GIN over to_tsvector('simple', …)). Tokens come from text.parse_query and hold
letters and digits only, so they are safe inside FTS5 quotes and LIKE patterns.
"""

from __future__ import annotations

from django.db import connection
from django.db.models import BooleanField, Q
from django.db.models.expressions import RawSQL

from ..models import CatalogSearchText
from .text import Alternative

TRIGRAM_MIN = 3


def _fts(table: str, tokens: list[str]) -> Q:
    expression = " AND ".join(f'"{t}"' for t in tokens)
    sql = f"SELECT rowid FROM {table} WHERE {table} MATCH %s"  # noqa: S608 (table is a constant)
    return Q(item_id__in=RawSQL(sql, [expression]))  # noqa: S611


def _sqlite(long: list[str], short: list[str]) -> Q:
    condition = Q()
    if long:
        condition &= _fts("catalog_search_fts", long)
    if short:
        condition &= _fts("catalog_search_grams", short)
    return condition


def _postgresql(long: list[str], short: list[str]) -> Q:
    condition = Q()
    for token in long:
        condition &= Q(search_text__contains=token)
    if short:
        condition &= Q(RawSQL(  # noqa: S611 (constant SQL, the tokens are parameters)
            "to_tsvector('simple', search_tokens) @@ plainto_tsquery('simple', %s)", [" ".join(short)],
            output_field=BooleanField(),
        ))
    return Q(item_id__in=CatalogSearchText.objects.filter(condition).values("entry_id"))


def candidates(alternatives: tuple[Alternative, ...]) -> Q:
    """Rows that contain every token of at least one alternative."""
    build = _postgresql if connection.vendor == "postgresql" else _sqlite
    condition = Q()
    for alt in alternatives:
        long = [t for t in alt.tokens if len(t) >= TRIGRAM_MIN]
        short = [t for t in alt.tokens if len(t) < TRIGRAM_MIN]
        condition |= build(long, short)
    return condition
