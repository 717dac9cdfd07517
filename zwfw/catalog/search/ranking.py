"""Ranked pages of catalog search without scoring every match (docs/adr/0012-catalog-search.md).

Tiers, best first: name = phrase 100 > name starts with it 80 > name contains it 60 > every word
in the name 40 > every word in name or keywords 20 > guide digest only 10; a synonym spelling one
point below the same tier of the spelling typed. Within a tier: popularity, shorter name, item id.

When a query has at most CAP candidates (after the filters) they are scored in one query. Above
CAP, a page is filled tier by tier: exact and prefix through the name_key index, the others by
walking the ranking index (popularity, name length, item id) from the top and stopping once the
page is full — a dense tier (登记 is in every fifth name) fills a page within a few dozen rows; a
tier not found in the first WALK rows is fetched from its candidates instead. The total is then
reported as CAP with `total_capped` (shown as "1000+").
"""

from __future__ import annotations

from django.db import connection
from django.db.models import Case, F, IntegerField, Q, Value, When
from django.db.models.functions import StrIndex
from django.db.models.lookups import Exact, GreaterThan

from ..models import CatalogSearchEntry
from .backends import Facets, candidates, count_capped
from .text import Alternative

TIERS = (("exact", 100), ("prefix", 80), ("contains", 60), ("name_words", 40), ("keywords", 20))
BODY_SCORE = 10
CAP = 1000  # counts above this are reported as "1000+"
WALK = 2000  # rows of the ranking index looked at before fetching a tier from its candidates
RANK_ORDER = (F("popularity").desc(), "name_length", "item_id")
FIELDS = ("item_id", "version_id", "name", "department_name", "item_type")


def _contains(field: str, text: str):
    return GreaterThan(StrIndex(field, Value(text)), 0)


def _all_in(fields: tuple[str, ...], tokens: tuple[str, ...]) -> Q:
    q = Q()
    for token in tokens:
        anywhere = Q()
        for field in fields:
            anywhere |= Q(_contains(field, token))
        q &= anywhere
    return q


def tier_condition(tier: str, alt: Alternative) -> Q:
    if tier == "exact":
        return Q(name_key=alt.phrase)
    if tier == "prefix":
        return Q(Exact(StrIndex("name_key", Value(alt.phrase)), 1))
    if tier == "contains":
        return Q(_contains("name_key", alt.phrase))
    if tier == "name_words":
        return _all_in(("name_key",), alt.tokens)
    return _all_in(("name_key", "keywords"), alt.tokens)


def _prefix_range(phrase: str) -> Q:
    """An index range holding every name that starts with `phrase`."""
    if connection.vendor == "postgresql":
        return Q(name_key__startswith=phrase)  # LIKE 'p%' served by the varchar_pattern_ops index
    return Q(name_key__gte=phrase, name_key__lt=phrase[:-1] + chr(ord(phrase[-1]) + 1))


def score_expression(alternatives: tuple[Alternative, ...]) -> Case:
    whens = [When(tier_condition(tier, alt), then=Value(points - (1 if alt.synonym else 0)))
             for tier, points in TIERS for alt in alternatives]
    return Case(*whens, default=Value(BODY_SCORE), output_field=IntegerField())


def _scored(alternatives, facets: Facets, start: int, end: int) -> list[tuple]:
    qs = (CatalogSearchEntry.objects.filter(candidates(alternatives, facets))
          .annotate(score=score_expression(alternatives)).order_by(F("score").desc(), *RANK_ORDER))
    return list(qs.values_list(*FIELDS, "score")[start:end])


def _tier_rows(kind: str, cond: Q, alt, alternatives, filters: Q, facets: Facets, need: int) -> list[tuple]:
    entries = CatalogSearchEntry.objects.order_by(*RANK_ORDER)
    if kind in ("exact", "prefix"):
        index = Q(name_key=alt.phrase) if kind == "exact" else _prefix_range(alt.phrase)
        return list(entries.filter(filters, index, cond).values_list(*FIELDS)[:need])
    if kind != "body":
        window = entries.filter(filters).values("item_id")[:WALK]
        rows = list(entries.filter(cond, item_id__in=window).values_list(*FIELDS)[:need])
        if len(rows) == need:
            return rows
    scope = candidates((alt,) if alt else alternatives, facets)
    return list(entries.filter(scope, cond).values_list(*FIELDS)[:need])


def _tiered(alternatives, filters: Q, facets: Facets, start: int, end: int) -> list[tuple]:
    plan = [(tier, points - (1 if alt.synonym else 0), tier_condition(tier, alt), alt)
            for tier, points in TIERS for alt in alternatives]
    plan.append(("body", BODY_SCORE, Q(), None))
    out, consumed, higher = [], 0, Q()
    for kind, score, cond, alt in plan:
        need = end - consumed
        if need <= 0:
            break
        effective = cond & ~higher if higher else cond
        rows = _tier_rows(kind, effective, alt, alternatives, filters, facets, need)
        out.extend((*row, score) for row in rows[max(0, start - consumed):])
        consumed += len(rows)
        higher |= cond
    return out


def ranked(alternatives: tuple[Alternative, ...], filters: Q, facets: Facets, start: int,
           end: int) -> tuple[list[tuple], int, bool]:
    """(rows of FIELDS + score for positions start..end, total, total_capped)."""
    total = count_capped(alternatives, facets, CAP)
    if total <= CAP:
        return _scored(alternatives, facets, start, end), total, False
    return _tiered(alternatives, filters, facets, start, end), CAP, True


def browsed(filters: Q, facets: Facets, start: int, end: int) -> tuple[list[tuple], int, bool]:
    """Browse (no query): popularity, then item id."""
    rows = list(CatalogSearchEntry.objects.filter(filters).order_by(F("popularity").desc(), "item_id")
                .values_list(*FIELDS)[start:end])
    rows = [(*row, 0) for row in rows]
    if len(rows) < end - start and (rows or start == 0):
        return rows, start + len(rows), False  # the last page: known without counting
    total = count_capped((), facets, CAP)
    return rows, min(total, CAP), total > CAP
