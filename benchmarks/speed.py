"""Speed of the text path next to its peers, in one run on the same pages (one core).

    python benchmarks/speed.py --data wcxb-dev.jsonl.gz [--limit N] [--repeat 3]
    python benchmarks/speed.py --data wcxb-dev.jsonl.gz --dump-pages pages.txt   # for cargo bench

Throughput (MB/s of UTF-8 text, pages/s) of:
* a one-line pure-Python filter (keep lines of more than 8 words): the floor of "doing
  anything" in Python;
* datatrove's C4 line rules (the line part of ``C4QualityFilter``);
* datatrove's ``C4QualityFilter`` with its defaults, which count each line's sentences with
  spaCy (the issue's "about 0.6 MB/s per core"; the row is left out when spaCy is not
  installed, or with ``--skip-slow``: a minute a round on the dev pack);
* boilerstrip ``clean_text`` called per page (a ``Document`` each);
* boilerstrip ``clean_text_batch`` (the Rust batch API, GIL released, one thread; per-line
  decisions available through the lazy ``Document.lines``);
* the raw core batch call ``_core.clean_text_batch`` (no ``Document`` objects);
* the same with the fixed point turned off (the cost of idempotence);
* the batch API with each page's URL (the slug and headline features: how a corpus with
  URLs, such as Common Crawl WET, is cleaned);
* the fast text path (``Options(scorer="fast")``, ``rust/fast.rs``): the batch API, the core
  call, and the core call without its fixed point;
* the batch API on every core (``threads=0``): what one machine moves, not the per-core goal.

Ratios to the one-line filter are printed, since absolute times depend on the machine and
its load. Data: WCXB (Murrough Foley, CC-BY-4.0,
https://github.com/Murrough-Foley/web-content-extraction-benchmark).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from common import load_pages  # noqa: E402

import boilerstrip  # noqa: E402
from boilerstrip import _core  # noqa: E402


def one_liner(texts):
    return ["\n".join(line for line in t.split("\n") if len(line.split()) > 8) for t in texts]


def c4_lines(texts):
    from datatrove.data import Document
    from datatrove.pipeline.filters import C4QualityFilter

    f = C4QualityFilter(filter_lorem_ipsum=False, filter_curly_bracket=False, min_num_sentences=-1)
    out = []
    for k, t in enumerate(texts):
        d = Document(text=t, id=str(k))
        f.filter(d)
        out.append(d.text)
    return out


def c4_full(texts):
    from datatrove.data import Document
    from datatrove.pipeline.filters import C4QualityFilter

    f = C4QualityFilter()  # its defaults: sentences counted (spaCy), 5 at least, every rule
    out = []
    for k, t in enumerate(texts):
        d = Document(text=t, id=str(k))
        out.append(d.text if f.filter(d) else "")
    return out


def bs_per_page(texts):
    return [boilerstrip.clean_text(t).text for t in texts]


def bs_batch(texts):
    return [d.text for d in boilerstrip.clean_text_batch(texts, threads=1)]


def core_batch(texts):
    return [r.text for r in _core.clean_text_batch(texts, threads=1)]


def core_batch_no_fixpoint(texts):
    return [r.text for r in _core.clean_text_batch(texts, threads=1, fixpoint=False)]


def bs_batch_single_pass(texts):
    opts = boilerstrip.Options(fixed_point=False)
    return [d.text for d in boilerstrip.clean_text_batch(texts, threads=1, options=opts)]


def bs_batch_urls(texts, urls):
    return [d.text for d in boilerstrip.clean_text_batch(texts, urls=urls, threads=1)]


FAST = boilerstrip.Options(scorer="fast")


def bs_batch_fast(texts):
    return [d.text for d in boilerstrip.clean_text_batch(texts, threads=1, options=FAST)]


def core_batch_fast(texts):
    return [r.text for r in _core.clean_text_batch(texts, threads=1, scorer="fast")]


def core_batch_fast_no_fixpoint(texts):
    return [r.text for r in _core.clean_text_batch(texts, threads=1, scorer="fast", fixpoint=False)]


def bs_batch_all_cores(texts):
    return [d.text for d in boilerstrip.clean_text_batch(texts, threads=0)]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", required=True)
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--repeat", type=int, default=3, help="rounds; the median round is reported")
    ap.add_argument("--skip-slow", action="store_true", help="leave out the C4 filter with its defaults (spaCy sentences)")
    ap.add_argument("--dump-pages", default=None, help="write the page texts (U+001E separated) for `cargo bench` and exit")
    ap.add_argument("--out", default=str(Path(__file__).resolve().parent / "results" / "speed.json"))
    args = ap.parse_args()
    pages = load_pages(args.data, args.limit)
    texts = [p.page_text for p in pages]
    urls = [p.url or None for p in pages]
    if args.dump_pages:
        Path(args.dump_pages).write_text("\x1e".join(texts), encoding="utf-8")
        print(f"wrote {len(texts)} pages to {args.dump_pages}; run: BOILERSTRIP_BENCH_PAGES={args.dump_pages} cargo bench --manifest-path rust/benches/Cargo.toml")
        return
    mb = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    systems = [
        ("python one-liner (lines > 8 words)", one_liner),
        ("datatrove C4 line rules", c4_lines),
        ("datatrove C4QualityFilter, its defaults (spaCy sentences)", c4_full),
        ("boilerstrip clean_text, per page", bs_per_page),
        ("boilerstrip clean_text_batch", bs_batch),
        ("_core.clean_text_batch", core_batch),
        ("_core.clean_text_batch, no fixed point", core_batch_no_fixpoint),
        ("boilerstrip clean_text_batch, single pass (Options(fixed_point=False))", bs_batch_single_pass),
        ("boilerstrip clean_text_batch, with URLs", lambda t: bs_batch_urls(t, urls)),
        # the fast text path (rust/fast.rs): a cheaper pass and model, a few points of F1 lower
        ("boilerstrip clean_text_batch, scorer='fast'", bs_batch_fast),
        ("_core.clean_text_batch, scorer='fast'", core_batch_fast),
        ("_core.clean_text_batch, scorer='fast', no fixed point", core_batch_fast_no_fixpoint),
        # a corpus run's view: the same call on every core (not the per-core goal)
        (f"boilerstrip clean_text_batch, every core ({os.cpu_count()} threads)", bs_batch_all_cores),
    ]
    try:
        import spacy  # noqa: F401  (what the C4 filter's defaults split sentences with)
    except ImportError:
        args.skip_slow = True
        print("datatrove's C4 filter with its defaults left out: spaCy is not installed (pip install spacy)")
    if args.skip_slow:
        systems = [(n, f) for n, f in systems if f is not c4_full]
    times: dict[str, list[float]] = {name: [] for name, _ in systems}
    core_batch(texts[:20])  # load the models before timing
    if not args.skip_slow:
        c4_full(texts[:1])  # load spaCy's tokenizer before timing
    for _ in range(args.repeat):
        for name, fn in systems:  # interleaved rounds: load changes hit every system alike
            t0 = time.perf_counter()
            fn(texts)
            times[name].append(time.perf_counter() - t0)
    base = statistics.median(times[systems[0][0]])
    rows = []
    print(f"{len(texts)} pages, {mb:.1f} MB of text, median of {args.repeat} interleaved rounds, one core unless a row says otherwise\n")
    print("| system | MB/s | pages/s | speed vs one-liner |")
    print("|---|---|---|---|")
    for name, _ in systems:
        t = statistics.median(times[name])
        rows.append({"system": name, "seconds": t, "mb_per_s": mb / t, "pages_per_s": len(texts) / t, "vs_one_liner": base / t})
        ratio = base / t
        print(f"| {name} | {mb / t:.{1 if mb / t >= 1 else 2}f} | {len(texts) / t:.0f} | {ratio:.{2 if ratio >= 0.1 else 3}f}x |")
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps({"pages": len(texts), "mb": mb, "rows": rows}, indent=2) + "\n")


if __name__ == "__main__":
    main()
