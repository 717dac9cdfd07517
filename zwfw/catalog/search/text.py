"""Text handling of catalog search: normalisation, grams, jieba words and query parsing.

Both databases index the same texts built here, so a query finds the same items on SQLite and
PostgreSQL (docs/adr/0012-catalog-search.md).
"""

from __future__ import annotations

import itertools
import json
import logging
import re
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

import jieba

jieba.setLogLevel(logging.WARNING)

SYNONYMS_PATH = Path(__file__).resolve().parent / "synonyms.json"
MAX_QUERY_CHARS = 60
MAX_ALTERNATIVES = 6
# Anything that is not a letter or digit (CJK ideographs are letters) separates words.
_SEPARATORS = re.compile(r"[^\w]+|_+")


@cache
def search_vocabulary() -> dict:
    """Synonyms and query stop words, kept as data with their source (synonyms.json).

    `groups` are symmetric (户籍 ↔ 户口: either spelling finds the other); `related` are one-way
    (结婚 → 婚姻登记). The result maps each word to its other spellings, in file order."""
    data = json.loads(SYNONYMS_PATH.read_text(encoding="utf-8"))
    synonyms: dict[str, list[str]] = {}
    for group in data["groups"]:
        for word in group:
            synonyms.setdefault(word, []).extend(w for w in group if w != word)
    for word, others in data["related"].items():
        synonyms.setdefault(word, []).extend(others)
    synonyms = {w: list(dict.fromkeys(o for o in others if o != w)) for w, others in synonyms.items()}
    return {"synonyms": synonyms, "stopwords": frozenset(data["stopwords"])}


def normalize(text: str) -> str:
    """NFKC (full-width to half-width, compatibility ideographs) and lower case."""
    return unicodedata.normalize("NFKC", text or "").lower()


def words_of(text: str) -> list[str]:
    """Runs of letters and digits of the normalised text (punctuation and spaces split)."""
    return [w for w in _SEPARATORS.split(normalize(text)) if w]


def grams(text: str) -> list[str]:
    """Every 1- and 2-character substring of each word (the short-query index)."""
    out: list[str] = []
    for word in words_of(text):
        out.extend(word)
        out.extend(word[i:i + 2] for i in range(len(word) - 1))
    return out


@lru_cache(maxsize=65536)
def segment(text: str) -> tuple[str, ...]:
    """jieba words (search mode: long words and their parts) of the normalised text."""
    out: list[str] = []
    for word in words_of(text):
        out.extend(w for w in jieba.cut_for_search(word) if w.strip())
    return tuple(out)


def search_tokens(*, head: list[str], body: str) -> str:
    """The token text of one entry: grams of the head fields (name, keywords) and the jieba
    words of the guide digest, de-duplicated, space-separated."""
    seen: dict[str, None] = {}
    for text in head:
        for gram in grams(text):
            seen.setdefault(gram, None)
    for word in segment(normalize(body)):
        seen.setdefault(word, None)
    return " ".join(seen)


def _pieces(word: str) -> list[str]:
    """A long jieba word split into the shorter words that cover it (结婚登记 → 结婚 登记), so that
    a query also finds names that put other words between them; else the word itself."""
    if len(word) < 4:
        return [word]
    parts = sorted({p for p in jieba.cut_for_search(word) if p != word and len(p) >= 2}, key=len, reverse=True)
    out, pos = [], 0
    while pos < len(word):
        piece = next((p for p in parts if word.startswith(p, pos)), None)
        if piece is None:
            return [word]
        out.append(piece)
        pos += len(piece)
    return out


@dataclass(frozen=True)
class Alternative:
    phrase: str  # the whole query (or its synonym spelling) without spaces
    tokens: tuple[str, ...]  # each must occur in the entry's text
    synonym: bool


@dataclass(frozen=True)
class ParsedQuery:
    text: str
    alternatives: tuple[Alternative, ...]

    @property
    def is_empty(self) -> bool:
        return not self.alternatives


def _words(term: str, stopwords: frozenset, synonyms: dict) -> list[str]:
    if term in synonyms:  # 社会保险 stays one word, so that its spellings apply
        return [term]
    words = [w for w in jieba.cut(term) if w.strip()]
    kept = [w for w in words if w not in stopwords]
    return kept or words


def parse_query(query: str) -> ParsedQuery:
    """Split a query into words (spaces, then jieba) and expand synonyms into alternatives.

    An entry matches an alternative when every token of it occurs in the entry's text; the
    query matches when any alternative does. The original spelling comes first."""
    vocab = search_vocabulary()
    terms = words_of(query[:MAX_QUERY_CHARS])
    words = [w for term in terms for w in _words(term, vocab["stopwords"], vocab["synonyms"])]
    if not words:
        return ParsedQuery(text="", alternatives=())
    options = [[w] + [s for s in vocab["synonyms"].get(w, []) if s != w] for w in words]
    alternatives: list[Alternative] = []
    for combo in itertools.islice(itertools.product(*options), MAX_ALTERNATIVES):
        tokens = tuple(dict.fromkeys(p for w in combo for p in _pieces(w)))
        alternatives.append(Alternative(phrase="".join(combo), tokens=tokens, synonym=bool(alternatives)))
    return ParsedQuery(text="".join(terms), alternatives=tuple(alternatives))


FACET_PREFIX = "xf"  # facet tokens: letters + digits, one token for both FTS5 unicode61 and tsvector


def facet_tokens(*, item_type: str = "", level: str = "", audience=(), themes=(), department=None,
                 region_code: str = "") -> list[str]:
    """Tokens that put an entry's filter values into the short-token index, so that a filtered
    search is one index intersection (登记 AND xft07) rather than a probe of every candidate."""
    out = []
    if item_type:
        out.append(f"{FACET_PREFIX}t{item_type}")
    if level:
        out.append(f"{FACET_PREFIX}l{level}")
    out += [f"{FACET_PREFIX}a{code}" for code in audience]
    out += [f"{FACET_PREFIX}h{theme}" for theme in themes]
    if department is not None:
        out.append(f"{FACET_PREFIX}d{department}")
    # every subtree the region is in: province 2, city 4, county 6, town 9, village 12 digits
    out += [f"{FACET_PREFIX}r{region_code[:n]}" for n in (2, 4, 6, 9, 12) if region_code]
    return out
