"""Title, author and date of boilerstrip's text path, page by page, and what changed between
two builds.

    python benchmarks/metadata.py --data wcxb-dev.jsonl.gz --out /tmp/a.json
    # ... change the code, maturin develop --release ...
    python benchmarks/metadata.py --data wcxb-dev.jsonl.gz --out /tmp/b.json --compare /tmp/a.json

Prints the accuracies as ``quality.py`` defines them (a field's accuracy over the pages whose
ground truth has it; its false-positive rate over the pages whose ground truth has none; the
matchers of ``common``) in a few seconds, where ``quality.py`` runs every peer too. With
``--compare``, lists each page whose title, author or date differs from the earlier dump:
``gain`` (now right, was wrong), ``loss`` or ``same`` (wrong both times, or right both times),
and counts them. The dump holds the url and the three fields of each page.

Data: WCXB (Web Content eXtraction Benchmark) by Murrough Foley, CC-BY-4.0,
https://github.com/Murrough-Foley/web-content-extraction-benchmark
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from common import author_match, date_match, load_pages, title_match  # noqa: E402

FIELDS = (("title", title_match), ("author", author_match), ("date", date_match))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", required=True)
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--out", required=True, help="this run's page-by-page dump (JSON)")
    ap.add_argument("--compare", help="an earlier dump to compare with, page by page")
    args = ap.parse_args()

    import boilerstrip

    pages = load_pages(args.data, args.limit)
    docs = boilerstrip.clean_text_batch([p.page_text for p in pages], urls=[p.url or None for p in pages])
    dump = [{"url": p.url, **{f: getattr(d, f) for f, _ in FIELDS}} for p, d in zip(pages, docs)]
    Path(args.out).write_text(json.dumps(dump, ensure_ascii=False))

    print(f"{len(pages)} pages, boilerstrip clean_text {boilerstrip.__version__}")
    print("| field | accuracy | pages with it | false positives | pages without it |")
    print("|---|---|---|---|---|")
    for f, match in FIELDS:
        has = [(d[f], getattr(p, f)) for d, p in zip(dump, pages) if getattr(p, f).strip()]
        hasnt = [d[f] for d, p in zip(dump, pages) if not getattr(p, f).strip()]
        acc = sum(match(a, g) for a, g in has) / max(len(has), 1)
        fp = sum(bool(a) for a in hasnt)
        print(f"| {f} | {acc:.3f} | {len(has)} | {fp / max(len(hasnt), 1):.3f} ({fp}) | {len(hasnt)} |")

    if args.compare:
        before = json.loads(Path(args.compare).read_text())
        if [b["url"] for b in before] != [d["url"] for d in dump]:
            sys.exit("--compare: the dumps are not of the same pages in the same order")
        counts: Counter[tuple[str, str]] = Counter()
        for p, b, d in zip(pages, before, dump):
            for f, match in FIELDS:
                if b[f] == d[f]:
                    continue
                gold = getattr(p, f)
                was, now = match(b[f], gold), match(d[f], gold)
                kind = "gain" if now and not was else "loss" if was and not now else "same"
                counts[f, kind] += 1
                print(f"{kind}\t{f}\t{b[f]!r} -> {d[f]!r}\tgold {gold!r}\t{p.page_type}\t{p.url}")
        for f, _ in FIELDS:
            print(f"{f}: {counts[f, 'gain']} gained, {counts[f, 'loss']} lost, {counts[f, 'same']} changed either way")


if __name__ == "__main__":
    main()
