"""Vendor-specific candidate conditions: which index rows contain a token.

A token of three or more characters is a substring search over `search_text` (SQLite: FTS5
trigram table; PostgreSQL: LIKE served by the pg_trgm GIN index). A shorter token is looked up
as a whole 1-/2-character gram or jieba word in `search_tokens` (SQLite: FTS5 unicode61 table;
PostgreSQL: GIN over the stored to_tsvector('simple', …)). Tokens come from text.parse_query and hold
letters and digits only, so they are safe inside FTS5 quotes and LIKE patterns.
"""

from __future__ import annotations

from django.db import connection
from django.db.models import BooleanField, Q
from django.db.models.expressions import RawSQL

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
    # ARRAY(subquery) is evaluated once, first: the planner cannot start from the entry table and
    # probe the text indexes row by row (it did, taking seconds for 登记).
    where, params = [], []
    for token in long:
        where.append("search_text LIKE %s")
        params.append(f"%{token}%")
    if short:
        where.append("search_vector @@ plainto_tsquery('simple', %s)")
        params.append(" ".join(short))
    # Constant fragments only; the tokens are parameters.
    conditions = " AND ".join(where)
    sql = f"catalog_catalogsearchentry.item_id = ANY(ARRAY(SELECT entry_id FROM catalog_catalogsearchtext WHERE {conditions}))"  # noqa: S608,E501
    return Q(RawSQL(sql, params, output_field=BooleanField()))  # noqa: S611


def candidates(alternatives: tuple[Alternative, ...]) -> Q:
    """Rows that contain every token of at least one alternative."""
    build = _postgresql if connection.vendor == "postgresql" else _sqlite
    condition = Q()
    for alt in alternatives:
        long = [t for t in alt.tokens if len(t) >= TRIGRAM_MIN]
        short = [t for t in alt.tokens if len(t) < TRIGRAM_MIN]
        condition |= build(long, short)
    return condition
