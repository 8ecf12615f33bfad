"""Synthetic test corpora: pages with chrome and an article, in every input format."""

from __future__ import annotations

import gzip
import io
import json
import random
from pathlib import Path
from typing import Any

_WORDS = (
    "council park river budget school market harbour museum library station bridge garden "
    "teacher farmer doctor writer mayor engineer student village city region summer winter "
    "approved opened closed announced reported discussed planned finished started visited"
).split()


def sentence(rng: random.Random) -> str:
    words = [rng.choice(_WORDS) for _ in range(rng.randint(12, 24))]
    return " ".join(words).capitalize() + "."


def page_text(i: int, rng: random.Random | None = None) -> str:
    """A page's visible text: navigation, a headline, paragraphs, a footer."""
    rng = rng or random.Random(i)
    paras = [" ".join(sentence(rng) for _ in range(rng.randint(2, 4))) for _ in range(rng.randint(3, 6))]
    return "\n".join(
        ["Home | News | Sport | Contact", "", f"Headline number {i} about the {rng.choice(_WORDS)}", ""]
        + [p + "\n" for p in paras]
        + ["Share this article", "Copyright 2024 Example News. All rights reserved."]
    )


#: English function words, for prose the line model reads as prose (it weighs stop words).
_PROSE = (
    "the of and to in a is that for it as was with be by on not he this are or his from at which but "
    "have an they you were her she there would their we him been has when who will more no if out so "
    "said what up its about into than them can only other new some could time these two may then do"
).split()


def long_article(n: int, seed: int = 1, *, caption_at: int | None = None, colon_at: int | None = None) -> tuple[list[str], str, str]:
    """An article of ``n`` paragraphs of prose between a menu and a footer: the paragraphs,
    the page's text and its HTML. Long articles lost their tail to the line models, which
    read a line's position on the page. ``caption_at``: that paragraph has a caption's cue
    words (a photo, "via Reuters"); ``colon_at``: that one ends in a colon."""
    rng = random.Random(seed)
    paras = []
    for k in range(n):
        words = " ".join(rng.choice(_PROSE) for _ in range(rng.randint(25, 60)))
        if k == caption_at:
            words += " in a photo sent to the paper via Reuters"
        paras.append(words.capitalize() + (":" if k == colon_at else "."))
    text = ("Home\nNews\nSport\nWeather\nContact us\n\nA long headline about the world\n\n" + "\n\n".join(paras)
            + "\n\nShare\nTweet\n© 2024 The Daily Example. All rights reserved.")
    html = ("<html><head><title>A long headline</title></head><body><nav><a href=/>Home</a> <a href=/n>News</a></nav>"
            "<article><h1>A long headline about the world</h1>" + "".join(f"<p>{p}</p>" for p in paras)
            + "</article><footer>© 2024 The Daily Example</footer></body></html>")
    return paras, text, html


def page_html(i: int, rng: random.Random | None = None) -> str:
    rng = rng or random.Random(10_000 + i)
    paras = "".join(f"<p>{' '.join(sentence(rng) for _ in range(3))}</p>" for _ in range(rng.randint(3, 6)))
    return (
        "<!DOCTYPE html><html><head><meta charset='utf-8'><title>Story %d</title></head><body>"
        "<nav><a href='/'>Home</a> <a href='/news'>News</a></nav>"
        "<article><h1>Story number %d</h1>%s</article>"
        "<footer>Copyright 2024 Example</footer></body></html>" % (i, i, paras)
    )


def records(n: int, *, start: int = 0, html_every: int = 0) -> list[dict[str, Any]]:
    """``n`` JSONL records with ``id`` and ``url``; every ``html_every``-th has ``html``."""
    out = []
    for i in range(start, start + n):
        rec: dict[str, Any] = {"id": f"doc-{i:05d}", "url": f"https://news.example.org/{i}"}
        if html_every and i % html_every == 0:
            rec["html"] = page_html(i)
        else:
            rec["text"] = page_text(i)
        out.append(rec)
    return out


def jsonl_bytes(recs: list[Any]) -> bytes:
    return b"".join((r if isinstance(r, bytes) else json.dumps(r).encode()) + b"\n" for r in recs)


def write_jsonl(path: Path, recs: list[Any]) -> Path:
    data = jsonl_bytes(recs)
    if path.name.endswith(".gz"):
        data = gzip.compress(data, mtime=0)
    elif path.name.endswith(".zst"):
        import zstandard

        data = zstandard.ZstdCompressor().compress(data)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def write_parquet(path: Path, recs: list[dict[str, Any]], *, binary: bool = False) -> Path:
    import pyarrow as pa
    import pyarrow.parquet as pq

    cols = {k: [r.get(k) for r in recs] for k in ("id", "url", "text", "html")}
    t = pa.table({k: pa.array([v.encode() if (binary and v is not None and k in ("text", "html")) else v for v in vs],
                               type=pa.binary() if binary and k in ("text", "html") else pa.string())
                  for k, vs in cols.items()})
    pq.write_table(t, path)
    return path


def warc_bytes(pages: list[tuple[str, str, bytes, str]], *, gz: bool = True, wet: bool = False) -> bytes:
    """A WARC of ``(url, content_type, payload, status)`` responses (or WET conversions)."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    bio = io.BytesIO()
    w = WARCWriter(bio, gzip=gz)
    for url, ctype, payload, status in pages:
        if wet:
            rec = w.create_warc_record(url, "conversion", payload=io.BytesIO(payload), length=len(payload), warc_content_type="text/plain")
        else:
            hh = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
            rec = w.create_warc_record(url, "response", payload=io.BytesIO(payload), length=len(payload), http_headers=hh)
        w.write_record(rec)
    return bio.getvalue()


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    if path.name.endswith(".gz"):
        data = gzip.decompress(path.read_bytes())
    elif path.name.endswith(".zst"):
        import zstandard

        data = zstandard.ZstdDecompressor().decompressobj().decompress(path.read_bytes())
    else:
        data = path.read_bytes()
    return [json.loads(line) for line in data.splitlines() if line.strip()]


def without_added(recs: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [{k: v for k, v in r.items() if k != "added"} for r in recs]


def output_records(out: Path, kind: str = "documents") -> list[dict[str, Any]]:
    """Every record of a run's documents (or rejects) files, in file-name order."""
    files = sorted(p for p in out.iterdir() if p.name.startswith(kind) and not p.name.endswith(".tmp"))
    recs: list[dict[str, Any]] = []
    for p in files:
        if p.name.endswith(".parquet"):
            from boilerstrip.io.parquet_writer import read_parquet_records

            recs += read_parquet_records(p)
        else:
            recs += read_jsonl(p)
    return recs
