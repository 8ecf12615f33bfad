"""Quality of boilerstrip next to its peers on a WCXB-style pack, in one run.

    python benchmarks/quality.py --data wcxb-dev.jsonl.gz [--limit N] [--skip-slow]

Bag-of-words precision, recall and F1 against the human-reviewed main content (the WCXB
scorer, ``common.prf``), mean over pages, overall and per page type, with pages per second
of each system (one process, one core); and title/author/date accuracy.

Systems: on each page's raw text (``page_text``): keep-everything, jusText and trafilatura
given each line as a paragraph, datatrove's C4 line rules (line part only), boilerstrip's
``clean_text`` (with each page's URL, and without it, as a folder of .txt files gives pages).
On the HTML: trafilatura (default, comments excluded; and fast), Resiliparse main-content,
jusText, boilerstrip's ``clean_html`` (fast, fast without the URL, and default). On each
page's raw text joined into one line (``joined``: its lines stripped of their ends and of the
bullet glyph the pack's scraper wrote for list items, joined by spaces, as
``" ".join(soup.stripped_strings)`` gives a page): keep-everything and boilerstrip's
``clean_text``, which cuts such a text into segments first, and without that (``segment=False``).
On each page's raw text hard-wrapped (``wrapped``: each line cut at 78 characters by Python's
``textwrap``, as html2text, lynx and w3m dumps are cut): keep-everything and ``clean_text``,
which joins the cut lines back into paragraphs first, and without that (``unwrap=False``).
On each page's gold itself (``gold``: text that is already clean, as it is and joined into one
line): ``clean_text``, whose recall there is what it takes from a corpus that needs no cleaning.

The shipped models were trained on the WCXB dev pages, so boilerstrip's figures on that pack
are in-sample; the honest figures are the site-cross-validated ones that ``train.py`` and
``train_html.py`` measure with the same scorer and write to ``benchmarks/results/``: they are
printed too.

Data: WCXB (Web Content eXtraction Benchmark) by Murrough Foley, CC-BY-4.0,
https://github.com/Murrough-Foley/web-content-extraction-benchmark
"""

from __future__ import annotations

import argparse
import html as html_lib
import json
import os
import re
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import Callable

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from common import author_match, date_match, load_pages, prf, title_match  # noqa: E402

import boilerstrip  # noqa: E402
from boilerstrip import Options  # noqa: E402

RESULTS = Path(__file__).resolve().parent / "results"


def _lines_as_html(text: str) -> str:
    paras = "".join(f"<p>{html_lib.escape(line)}</p>" for line in text.split("\n") if line.strip())
    return f"<html><body>{paras}</body></html>"


def sys_keep_all(p):
    return p.page_text, None


def sys_justext_text(p):
    import justext

    paras = justext.justext(_lines_as_html(p.page_text), justext.get_stoplist("English"))
    return "\n".join(x.text for x in paras if not x.is_boilerplate), None


def sys_trafilatura_text(p):
    import trafilatura

    return trafilatura.extract(_lines_as_html(p.page_text), include_comments=False) or "", None


_C4 = None


def sys_c4_lines(p):
    global _C4
    from datatrove.data import Document
    from datatrove.pipeline.filters import C4QualityFilter

    if _C4 is None:  # the line rules only: no document-level drops
        _C4 = C4QualityFilter(filter_lorem_ipsum=False, filter_curly_bracket=False, min_num_sentences=-1)
    doc = Document(text=p.page_text, id=p.id)
    _C4.filter(doc)
    return doc.text, None


def sys_boilerstrip_text(p, with_url=True, scorer="model"):
    d = boilerstrip.clean_text(p.page_text, url=p.url if with_url else None, options=Options(scorer=scorer))
    return d.text, d


_BULLET = re.compile(r"^[•▪►·]\s*")


def joined(text: str) -> str:
    """A page's text as scrapers that keep no line breaks give it: its lines stripped (and of
    the bullet the pack's scraper wrote for list items, which such scrapers do not write),
    joined by one space."""
    return " ".join(_BULLET.sub("", ln.strip()) for ln in text.split("\n") if ln.strip())


def wrapped(text: str, width: int = 78) -> str:
    """A page's text hard-wrapped: each line cut greedily at ``width`` characters (words left
    whole), the lines kept apart by one line break as the page text has them."""
    import textwrap

    return "\n".join("\n".join(textwrap.wrap(ln, width, break_long_words=False, break_on_hyphens=False)) or ""
                     for ln in text.split("\n"))


def sys_keep_all_wrapped(p):
    return wrapped(p.page_text), None


def sys_boilerstrip_wrapped(p, unwrap=None):
    d = boilerstrip.clean_text(wrapped(p.page_text), url=p.url, options=Options(unwrap=unwrap))
    return d.text, d


def sys_boilerstrip_gold(p, join=False):
    """``clean_text`` on text that is already clean: the page's gold, as it is or joined into
    one line. What it drops is over-removal (recall is the figure to read)."""
    gold = joined(p.gold) if join else p.gold
    d = boilerstrip.clean_text(gold, url=p.url)
    return d.text, None


def sys_keep_all_joined(p):
    return joined(p.page_text), None


def sys_boilerstrip_joined(p, segment=None):
    d = boilerstrip.clean_text(joined(p.page_text), url=p.url, options=Options(segment=segment))
    return d.text, d


def sys_trafilatura(p, fast=False):
    import trafilatura

    d = trafilatura.bare_extraction(p.html, url=p.url, include_comments=False, fast=fast, with_metadata=True)
    if d is None:
        return "", None
    return d.text or "", {"title": d.title, "author": d.author, "date": (d.date or "")[:10] or None}


def sys_resiliparse(p):
    from resiliparse.extract.html2text import extract_plain_text

    return extract_plain_text(p.html, main_content=True), None


def sys_justext_html(p):
    import justext

    paras = justext.justext(p.html.encode("utf-8", "replace"), justext.get_stoplist("English"))
    return "\n".join(x.text for x in paras if not x.is_boilerplate), None


def sys_boilerstrip_html(p, mode="default", with_url=True):
    d = boilerstrip.clean_html(p.html, url=p.url if with_url else None, options=Options(html_mode=mode))
    return d.text, d


_LANG = re.compile(r"<html\b[^>]*?\blang\s*=\s*[\"']?([A-Za-z]{2,3})\b", re.I)


def declared_language(html: str) -> str | None:
    m = _LANG.search(html[:5000])
    return m.group(1).lower() if m else None


def run(name: str, fn: Callable, pages: list) -> dict:
    rows, metas = [], []
    t0 = time.perf_counter()
    for p in pages:
        try:
            text, meta = fn(p)
        except Exception as e:  # a crashing peer scores 0 on that page, as the scorer says
            print(f"{name}: {p.id}: {type(e).__name__}: {e}", file=sys.stderr)
            text, meta = "", None
        rows.append(prf(text or "", p.gold))
        metas.append(meta)
    dt = time.perf_counter() - t0
    by_type = defaultdict(list)
    for p, r in zip(pages, rows):
        by_type[p.page_type].append(r)
    out = {
        "name": name,
        "pages_per_s": len(pages) / dt,
        **{m: statistics.mean(r[j] for r in rows) for j, m in enumerate(("precision", "recall", "f1"))},
        "by_type": {t: statistics.mean(r[2] for r in v) for t, v in sorted(by_type.items())},
    }
    if any(m is not None for m in metas):
        def get(m, k):
            return getattr(m, k, None) if not isinstance(m, dict) else m.get(k)
        for field, match in (("title", title_match), ("author", author_match), ("date", date_match)):
            hits = [match(get(m, field), getattr(p, field)) for m, p in zip(metas, pages) if getattr(p, field).strip()]
            false_pos = [bool(get(m, field)) for m, p in zip(metas, pages) if not getattr(p, field).strip()]
            out[f"{field}_acc"] = statistics.mean(hits) if hits else None
            out[f"{field}_false_pos"] = statistics.mean(false_pos) if false_pos else None
        # The pack has no language ground truth: agreement with the page's own <html lang>
        # (primary subtag), on pages that declare one, is the proxy.
        langs = [(get(m, "language"), declared_language(p.html)) for m, p in zip(metas, pages)]
        langs = [(a, b) for a, b in langs if b]
        if langs and any(a for a, _ in langs):
            out["language_agreement"] = statistics.mean(a == b for a, b in langs)
            out["language_pages"] = len(langs)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", required=True)
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--skip-slow", action="store_true", help="skip the slow peers (trafilatura/jusText on lines, datatrove)")
    ap.add_argument("--out", default=str(RESULTS / "quality.json"))
    ap.add_argument("--only", default=None, metavar="INPUT",
                    help="run only the systems of one input kind: text, joined, wrapped, gold or html")
    args = ap.parse_args()
    pages = load_pages(args.data, args.limit)
    systems: list[tuple[str, str, Callable]] = [
        ("text", "keep every line", sys_keep_all),
        ("text", "jusText, lines as paragraphs", sys_justext_text),
        ("text", "trafilatura, lines as paragraphs", sys_trafilatura_text),
        ("text", "datatrove C4 line rules", sys_c4_lines),
        ("text", "boilerstrip clean_text", sys_boilerstrip_text),
        # a folder of .txt files gives no URL
        ("text", "boilerstrip clean_text, no URL", lambda p: sys_boilerstrip_text(p, with_url=False)),
        # the fast text path (rust/fast.rs): no title, author or date
        ("text", "boilerstrip clean_text, scorer='fast'", lambda p: sys_boilerstrip_text(p, scorer="fast")),
        ("joined", "keep everything", sys_keep_all_joined),
        ("joined", "boilerstrip clean_text", sys_boilerstrip_joined),
        ("joined", "boilerstrip clean_text, segment=False", lambda p: sys_boilerstrip_joined(p, segment=False)),
        ("wrapped", "keep every line", sys_keep_all_wrapped),
        ("wrapped", "boilerstrip clean_text", sys_boilerstrip_wrapped),
        ("wrapped", "boilerstrip clean_text, unwrap=False", lambda p: sys_boilerstrip_wrapped(p, unwrap=False)),
        ("gold", "boilerstrip clean_text on the gold", sys_boilerstrip_gold),
        ("gold", "boilerstrip clean_text on the gold joined", lambda p: sys_boilerstrip_gold(p, join=True)),
        ("html", "jusText", sys_justext_html),
        ("html", "Resiliparse main content", sys_resiliparse),
        ("html", "trafilatura fast", lambda p: sys_trafilatura(p, fast=True)),
        ("html", "trafilatura default", sys_trafilatura),
        ("html", "boilerstrip clean_html fast", lambda p: sys_boilerstrip_html(p, "fast")),
        ("html", "boilerstrip clean_html fast, no URL", lambda p: sys_boilerstrip_html(p, "fast", with_url=False)),
        ("html", "boilerstrip clean_html default", sys_boilerstrip_html),
    ]
    if args.skip_slow:
        systems = [s for s in systems if s[1] not in ("jusText, lines as paragraphs", "trafilatura, lines as paragraphs", "datatrove C4 line rules")]
    if args.only:
        systems = [s for s in systems if s[0] == args.only]
    results = []
    for kind, name, fn in systems:
        r = run(name, fn, pages)
        r["input"] = kind
        results.append(r)
        print(f"{kind:6} {name:37} F1 {r['f1']:.3f}  P {r['precision']:.3f}  R {r['recall']:.3f}  {r['pages_per_s']:7.1f} pages/s", file=sys.stderr)
    report = {"data": os.path.basename(args.data), "pages": len(pages), "systems": results}
    for name in ("train_report.json", "train_html_report.json", "train_fast.json"):
        f = RESULTS / name
        if f.exists():
            report[name.replace(".json", "")] = json.loads(f.read_text())
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps(report, indent=2) + "\n")
    print_tables(report)


def _label(r: dict) -> str:
    """A system's name in the tables without an input column."""
    return f"{r['name']} ({r['input']} text)" if r.get("input") in ("joined", "wrapped") else r["name"]


def _type_table(title: str, by_type: dict) -> None:
    print(f"\n{title}, per page type\n")
    print("| page type | pages | F1 | P | R |")
    print("|---|---|---|---|---|")
    for t, v in sorted(by_type.items()):
        print(f"| {t} | {v['pages']} | {v['f1']:.3f} | {v['precision']:.3f} | {v['recall']:.3f} |")


def print_tables(report: dict) -> None:
    print(f"\n{report['pages']} pages of {report['data']}; bag-of-words P/R/F1, mean over pages; pages/s on one core\n")
    print("| input | system | F1 | P | R | pages/s |")
    print("|---|---|---|---|---|---|")
    for r in report["systems"]:
        print(f"| {r['input']} | {r['name']} | {r['f1']:.3f} | {r['precision']:.3f} | {r['recall']:.3f} | {r['pages_per_s']:.1f} |")
    cv = report.get("train_report", {}).get("cv")
    if cv:
        print(f"\nboilerstrip clean_text, site-cross-validated (train.py, {report['train_report']['folds']} folds): "
              f"F1 {cv['f1']:.3f}  P {cv['precision']:.3f}  R {cv['recall']:.3f}")
    cv = report.get("train_report", {}).get("cv_no_url")
    if cv:
        print(f"boilerstrip clean_text, site-cross-validated, pages without their URL: "
              f"F1 {cv['f1']:.3f}  P {cv['precision']:.3f}  R {cv['recall']:.3f}")
    cv = report.get("train_fast", {}).get("site_cv")
    if cv:
        print(f"boilerstrip clean_text scorer='fast', site-cross-validated (train_fast.py): "
              f"F1 {cv['f1']:.3f}  P {cv['precision']:.3f}  R {cv['recall']:.3f}")
    hr = report.get("train_html_report", {})
    for mode in ("fast", "default"):
        if f"cv_{mode}" in hr:
            c = hr[f"cv_{mode}"]
            print(f"boilerstrip clean_html {mode}, site-cross-validated (train_html.py): F1 {c['f1']:.3f}  P {c['precision']:.3f}  R {c['recall']:.3f}")
    for key, label in (("train_report", "clean_text"), ("train_html_report", "clean_html")):
        r = report.get(key, {})
        for name, by_type in sorted((k, v) for k, v in r.items() if k.startswith("cv") and k.endswith("by_type")):
            mode = name.removeprefix("cv").removesuffix("by_type").strip("_")
            _type_table(f"boilerstrip {label} {mode} site-cross-validated", by_type)
    if "per_type" in report.get("train_fast", {}):
        _type_table("boilerstrip clean_text scorer='fast' site-cross-validated", report["train_fast"]["per_type"])
    types = sorted({t for r in report["systems"] for t in r["by_type"]})
    print("\nF1 per page type\n")
    print("| system | " + " | ".join(types) + " |")
    print("|---|" + "---|" * len(types))
    for r in report["systems"]:
        print(f"| {_label(r)} | " + " | ".join(f"{r['by_type'].get(t, 0):.3f}" for t in types) + " |")
    print("\nMetadata accuracy (pages with a ground truth value; false positives on pages without one)\n")
    print("| system | title | author | date | author false pos. | date false pos. | language = `<html lang>` |")
    print("|---|---|---|---|---|---|---|")
    for r in report["systems"]:
        if "title_acc" in r:
            f = lambda k: "-" if r.get(k) is None else f"{r[k]:.3f}"  # noqa: E731
            lang = f"{r['language_agreement']:.3f} ({r['language_pages']} pages)" if "language_agreement" in r else "-"
            print(f"| {_label(r)} | {f('title_acc')} | {f('author_acc')} | {f('date_acc')} | {f('author_false_pos')} | {f('date_false_pos')} | {lang} |")


if __name__ == "__main__":
    main()
