"""The text path on text from other scrapers: the same pages turned into plain text by several
HTML-to-text tools, each cleaned by ``clean_text`` and scored against the same gold.

    python benchmarks/scrapers.py --data wcxb-dev.jsonl.gz [--limit N] [--out results/scrapers.json]

The shipped text model learned from the WCXB pack's ``page_text``, which is Resiliparse's
``extract_plain_text`` of the whole page (its rows here score the same to the third decimal).
Corpora reach users through other tools, so this asks how much of the gain holds on their
text: Resiliparse with other settings, inscriptis (layout-preserving text), html2text
(Markdown, the form of Jina Reader, Firecrawl and crawl4ai; read through the Markdown
rendering of the text path, and also with ``markdown=False`` to show what the rendering
adds; one paragraph a line, and as its default writes it, lines cut at 78 columns; and as plain
text without links or images, cut at 78 columns, whose paragraphs ``clean_text`` joins
again, also shown with ``unwrap=False``), BeautifulSoup's ``get_text("\\n")`` (each text node a
line; the pieces of a sentence around a link are joined again, also shown with ``unwrap=False``) and trafilatura's
``html2txt`` (the whole page's text as one line). Next to each: keeping every line, and the
one-line filter of ``speed.py`` (lines of more than 8 words). Bag-of-words F1/P/R, mean over
pages (``common.prf``); and the title/author/date accuracy of ``clean_text`` as ``quality.py``
counts it. A tool that fails on a page gives an empty text there, scored 0 by
every system alike.

The model was trained on these pages, so every row is in-sample for the pages (not for the
tools: no tool but Resiliparse's default was seen in training).

Needs ``pip install ".[bench]"`` (inscriptis, html2text, beautifulsoup4 are in it).

Data: WCXB (Web Content eXtraction Benchmark) by Murrough Foley, CC-BY-4.0,
https://github.com/Murrough-Foley/web-content-extraction-benchmark
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path
from typing import Callable

sys.path.insert(0, str(Path(__file__).parent))
from common import author_match, date_match, load_pages, prf, title_match  # noqa: E402

RESULTS = Path(__file__).parent / "results"


def _tools() -> dict[str, Callable[[str], str]]:
    import bs4
    import html2text
    import inscriptis
    import trafilatura
    from resiliparse.extract.html2text import extract_plain_text

    def markdown(html: str) -> str:
        h = html2text.HTML2Text()
        h.body_width = 0  # no wrapping: one paragraph a line, as the other tools
        return h.handle(html)

    def wrapped(html: str) -> str:
        h = html2text.HTML2Text()  # its default: lines cut at 78 columns, inside links too
        return h.handle(html)

    def no_links(html: str) -> str:
        h = html2text.HTML2Text()  # wrapped at 78, links and images left out: hard-wrapped text
        h.ignore_links = True
        h.ignore_images = True
        return h.handle(html)

    def soup(html: str) -> str:
        s = bs4.BeautifulSoup(html, "lxml")
        for t in s(["script", "style", "noscript", "template"]):
            t.decompose()
        return s.get_text("\n")

    return {
        "resiliparse, whole page (the pack's page_text)": lambda h: extract_plain_text(h, main_content=False),
        "resiliparse, no alt texts, list bullets": lambda h: extract_plain_text(
            h, main_content=False, alt_texts=False, list_bullets=True),
        "inscriptis": inscriptis.get_text,
        "html2text (Markdown)": markdown,
        "html2text (Markdown, its default wrap at 78)": wrapped,
        "html2text (no links or images, wrap at 78)": no_links,
        "BeautifulSoup get_text('\\n')": soup,
        "trafilatura html2txt (one line)": trafilatura.html2txt,
    }


def one_liner(text: str) -> str:
    return "\n".join(line for line in text.split("\n") if len(line.split()) > 8)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", required=True)
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--out", default=str(RESULTS / "scrapers.json"))
    args = ap.parse_args()

    import boilerstrip

    pages = load_pages(args.data, args.limit)
    urls = [p.url or None for p in pages]
    rows = []

    def score(texts: list[str]) -> dict[str, float]:
        r = [prf(t, p.gold) for t, p in zip(texts, pages)]
        return {k: statistics.mean(x[j] for x in r) for j, k in enumerate(("precision", "recall", "f1"))}

    def metadata_acc(docs: list) -> dict[str, float | None]:
        """Accuracy as quality.py has it: over the pages whose ground truth has the field."""
        acc: dict[str, float | None] = {}
        for field, match in (("title", title_match), ("author", author_match), ("date", date_match)):
            hits = [match(getattr(d, field), getattr(p, field)) for d, p in zip(docs, pages) if getattr(p, field).strip()]
            acc[f"{field}_acc"] = statistics.mean(hits) if hits else None
        return acc

    for tool, convert in _tools().items():
        t0 = time.perf_counter()
        texts = []
        for p in pages:
            try:
                texts.append(convert(p.html) or "")
            except Exception as e:  # a tool that fails on a page gives nothing there
                print(f"{tool}: {p.id}: {type(e).__name__}: {e}", file=sys.stderr)
                texts.append("")
        convert_s = time.perf_counter() - t0
        docs = boilerstrip.clean_text_batch(texts, urls=urls)
        row = {
            "tool": tool,
            "convert_s": convert_s,
            "keep every line": score(texts),
            "one-liner (lines > 8 words)": score([one_liner(t) for t in texts]),
            "boilerstrip clean_text": score([d.text for d in docs]),
            "read as Markdown": sum(bool(d.extra.get("markdown")) for d in docs),
            "unwrapped": sum(bool(d.extra.get("unwrapped")) for d in docs),
            "rejoined": sum(bool(d.extra.get("rejoined")) for d in docs),
        }
        row.update(metadata_acc(docs))
        if row["read as Markdown"]:
            plain = boilerstrip.clean_text_batch(texts, urls=urls, options=boilerstrip.Options(markdown=False))
            row["boilerstrip clean_text, markdown=False"] = score([d.text for d in plain])
            row["markdown=False"] = metadata_acc(plain)
        if row["unwrapped"] or row["rejoined"]:
            kept = boilerstrip.clean_text_batch(texts, urls=urls, options=boilerstrip.Options(unwrap=False))
            row["boilerstrip clean_text, unwrap=False"] = score([d.text for d in kept])
        rows.append(row)

    print(f"{len(pages)} pages of {Path(args.data).name}; bag-of-words F1 (P / R), mean over pages\n")
    print("| text from | pages read as Markdown / rejoined / unwrapped | keep every line | one-liner | boilerstrip clean_text | title / author / date |")
    print("|---|---|---|---|---|---|")
    for r in rows:
        def cell(k: str) -> str:
            s = r[k]
            return f"{s['f1']:.3f} ({s['precision']:.3f} / {s['recall']:.3f})"
        bs = cell("boilerstrip clean_text")
        if "boilerstrip clean_text, markdown=False" in r:
            bs += f"; markdown=False: {cell('boilerstrip clean_text, markdown=False')}"
        if "boilerstrip clean_text, unwrap=False" in r:
            bs += f"; unwrap=False: {cell('boilerstrip clean_text, unwrap=False')}"
        meta = f"{r['title_acc']:.3f} / {r['author_acc']:.3f} / {r['date_acc']:.3f}"
        if "markdown=False" in r:
            m = r["markdown=False"]
            meta += f"; markdown=False: {m['title_acc']:.3f} / {m['author_acc']:.3f} / {m['date_acc']:.3f}"
        print(f"| {r['tool']} | {r['read as Markdown']} / {r['rejoined']} / {r['unwrapped']} | {cell('keep every line')} | "
              f"{cell('one-liner (lines > 8 words)')} | {bs} | {meta} |")
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps({"pages": len(pages), "rows": rows}, indent=1))


if __name__ == "__main__":
    main()
