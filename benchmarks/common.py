"""Shared by the benchmark and training scripts: loading the WCXB pack and the scorer.

Data: the WCXB benchmark (Web Content eXtraction Benchmark v1.0, dev split) by Murrough
Foley, CC-BY-4.0, https://github.com/Murrough-Foley/web-content-extraction-benchmark . Each
JSON line has ``id``, ``url``, ``page_type``, ``html``, ``page_text`` (the raw visible text of
the whole page), ``gold`` (human-reviewed main content), ``title``, ``author``, ``date``.
"""

from __future__ import annotations

import gzip
import json
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable
from urllib.parse import urlsplit

TOKEN = re.compile(r"\w+")


@dataclass
class Page:
    id: str
    url: str
    page_type: str
    html: str
    page_text: str
    gold: str
    title: str
    author: str
    date: str

    @property
    def site(self) -> str:
        host = urlsplit(self.url).hostname or ""
        return host[4:] if host.startswith("www.") else host


def load_pages(path: str | Path, limit: int | None = None) -> list[Page]:
    opener = gzip.open if str(path).endswith(".gz") else open
    pages = []
    with opener(path, "rt", encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            pages.append(
                Page(
                    id=r["id"], url=r.get("url") or "", page_type=r.get("page_type") or "unknown",
                    html=r.get("html") or "", page_text=r.get("page_text") or "", gold=r.get("gold") or "",
                    title=r.get("title") or "", author=r.get("author") or "", date=r.get("date") or "",
                )
            )
            if limit and len(pages) >= limit:
                break
    return pages


def tokens(text: str) -> list[str]:
    return TOKEN.findall(text.lower())


def prf(pred: str, gold: str) -> tuple[float, float, float]:
    """Bag-of-words precision, recall, F1 of one page (the WCXB scorer): lower-cased ``\\w+``
    tokens, multiset overlap. An empty prediction scores 0, or 1 if the gold is empty too."""
    p, g = Counter(tokens(pred)), Counter(tokens(gold))
    np_, ng = sum(p.values()), sum(g.values())
    if np_ == 0 or ng == 0:
        v = 1.0 if np_ == ng else 0.0
        return v, v, v
    overlap = sum((p & g).values())
    prec, rec = overlap / np_, overlap / ng
    f1 = 0.0 if overlap == 0 else 2 * prec * rec / (prec + rec)
    return prec, rec, f1


def mean_prf(preds: Iterable[str], golds: Iterable[str]) -> tuple[float, float, float]:
    rows = [prf(p, g) for p, g in zip(preds, golds)]
    n = max(len(rows), 1)
    return tuple(sum(r[k] for r in rows) / n for k in range(3))  # type: ignore[return-value]


def norm_title(s: str) -> str:
    return " ".join(tokens(s))


def title_match(pred: str | None, gold: str) -> bool:
    """A predicted title counts as right when its tokens equal the gold's, or one contains the
    other and they share at least 80% of the longer one's tokens (sites add " | Site Name")."""
    if not gold.strip():
        return not pred
    if not pred:
        return False
    a, b = norm_title(pred), norm_title(gold)
    if a == b:
        return True
    ta, tb = a.split(), b.split()
    if not ta or not tb:
        return False
    inter = sum((Counter(ta) & Counter(tb)).values())
    return inter / max(len(ta), len(tb)) >= 0.8


def author_match(pred: str | None, gold: str) -> bool:
    if not gold.strip():
        return not pred
    if not pred:
        return False
    a, b = set(tokens(pred)), set(tokens(gold))
    return bool(a) and len(a & b) / len(b) >= 0.5 and len(a & b) / len(a) >= 0.5


def date_match(pred: str | None, gold: str) -> bool:
    if not gold.strip():
        return not pred
    return bool(pred) and pred[:10] == gold[:10]
