"""Title, author and date of boilerstrip's text path, page by page, and what changed between
two builds.

    python benchmarks/metadata.py --data wcxb-dev.jsonl.gz --out /tmp/a.json
    # ... change the code, maturin develop --release ...
    python benchmarks/metadata.py --data wcxb-dev.jsonl.gz --out /tmp/b.json --compare /tmp/a.json

Prints the accuracies as ``quality.py`` defines them, and how many wrong values have their gold
value in the page's text (what a rule on the text could find; authors and dates) (a field's accuracy over the pages whose
ground truth has it; its false-positive rate over the pages whose ground truth has none; the
matchers of ``common``) in a few seconds, where ``quality.py`` runs every peer too. With
``--compare``, lists each page whose title, author or date differs from the earlier dump:
``gain`` (now right, was wrong), ``loss`` or ``same`` (wrong both times, or right both times),
and counts them. The dump holds the url and the three fields of each page. With ``--html``,
the same for ``clean_html`` in its fast and default modes (some minutes).

Data: WCXB (Web Content eXtraction Benchmark) by Murrough Foley, CC-BY-4.0,
https://github.com/Murrough-Foley/web-content-extraction-benchmark
"""

from __future__ import annotations

import argparse
import calendar
import json
import re
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from common import author_match, date_match, load_pages, title_match  # noqa: E402

FIELDS = (("title", title_match), ("author", author_match), ("date", date_match))


#: The systems a dump holds: the text path and the fast text path always, ``clean_html``'s two
#: modes with ``--html``.
SYSTEMS = ("text", "text fast", "html fast", "html default")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", required=True)
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--out", required=True, help="this run's page-by-page dump (JSON)")
    ap.add_argument("--compare", help="an earlier dump to compare with, page by page")
    ap.add_argument("--html", action="store_true",
                    help="also clean_html in both modes (the HTML path reads the text's rules where the page's "
                         "head names no author or date)")
    args = ap.parse_args()

    import boilerstrip

    pages = load_pages(args.data, args.limit)
    urls = [p.url or None for p in pages]
    found = {"text": boilerstrip.clean_text_batch([p.page_text for p in pages], urls=urls)}
    found["text fast"] = boilerstrip.clean_text_batch([p.page_text for p in pages], urls=urls,
                                                      options=boilerstrip.Options(scorer="fast"))
    if args.html:
        for mode in ("fast", "default"):
            opts = boilerstrip.Options(html_mode=mode)
            found[f"html {mode}"] = [boilerstrip.clean_html(p.html, url=u, options=opts) for p, u in zip(pages, urls)]
    # (the text path's fields at the top level, as dumps of earlier builds hold them)
    dump = [{"url": p.url, **{f: getattr(d, f) for f, _ in FIELDS},
             **{s: {f: getattr(found[s][k], f) for f, _ in FIELDS} for s in found if s != "text"}}
            for k, (p, d) in enumerate(zip(pages, found["text"]))]
    Path(args.out).write_text(json.dumps(dump, ensure_ascii=False))

    print(f"{len(pages)} pages, boilerstrip {boilerstrip.__version__}")
    print("| system | field | accuracy | pages with it | false positives | pages without it | wrong, gold in the text |")
    print("|---|---|---|---|---|---|---|")
    for s in found:
        got = [_fields(d, s) for d in dump]
        for f, match in FIELDS:
            has = [(g[f], p) for g, p in zip(got, pages) if getattr(p, f).strip()]
            hasnt = [g[f] for g, p in zip(got, pages) if not getattr(p, f).strip()]
            acc = sum(match(a, getattr(p, f)) for a, p in has) / max(len(has), 1)
            fp = sum(bool(a) for a in hasnt)
            # a wrong field whose gold value the page's text shows (what a text rule could find)
            shown = sum(not match(a, getattr(p, f)) and _in_text(f, getattr(p, f), p.page_text) for a, p in has)
            print(f"| {s} | {f} | {acc:.3f} | {len(has)} | {fp / max(len(hasnt), 1):.3f} ({fp}) | {len(hasnt)} | {shown} |")

    if args.compare:
        before = json.loads(Path(args.compare).read_text())
        if [b["url"] for b in before] != [d["url"] for d in dump]:
            sys.exit("--compare: the dumps are not of the same pages in the same order")
        for s in (s for s in found if s == "text" or s in before[0]):
            counts: Counter[tuple[str, str]] = Counter()
            for p, b, d in zip(pages, before, dump):
                b, d = _fields(b, s), _fields(d, s)
                for f, match in FIELDS:
                    if b[f] == d[f]:
                        continue
                    gold = getattr(p, f)
                    was, now = match(b[f], gold), match(d[f], gold)
                    kind = "gain" if now and not was else "loss" if was and not now else "same"
                    counts[f, kind] += 1
                    print(f"{kind}\t{s}\t{f}\t{b[f]!r} -> {d[f]!r}\tgold {gold!r}\t{p.page_type}\t{p.url}")
            for f, _ in FIELDS:
                print(f"{s} {f}: {counts[f, 'gain']} gained, {counts[f, 'loss']} lost, "
                      f"{counts[f, 'same']} changed either way")


def _fields(entry: dict, system: str) -> dict:
    """A dump entry's fields of one system."""
    return entry if system == "text" else entry[system]


_MONTHS = list(calendar.month_name)
_ABBR = list(calendar.month_abbr)


def _in_text(field: str, gold: str, text: str) -> bool:
    """Whether the page's text shows the gold value: for an author, one of its names (split at
    commas and "and"); for a date, one of its usual written forms (ISO, "May 3, 2024", "3 May
    2024", "May 3rd, 2024", numeric with slashes or dots, day or month first); titles are not
    counted (``None``-like False)."""
    low = text.lower()
    if field == "author":
        return any(n.strip().lower() in low for n in re.split(r";|,| and ", gold) if n.strip())
    if field != "date" or not re.fullmatch(r"\d{4}-\d{2}-\d{2}.*", gold):
        return False
    y, m, d = int(gold[:4]), int(gold[5:7]), int(gold[8:10])
    if not 1 <= m <= 12:
        return False
    names = (_MONTHS[m], _ABBR[m], _ABBR[m] + ".")
    days = {str(d), f"{d:02d}", f"{d}{'th' if 10 <= d % 100 <= 20 else {1: 'st', 2: 'nd', 3: 'rd'}.get(d % 10, 'th')}"}
    forms = {gold[:10], f"{y}/{m:02d}/{d:02d}", f"{m}/{d}/{y}", f"{d}/{m}/{y}", f"{m:02d}/{d:02d}/{y}",
             f"{d:02d}/{m:02d}/{y}", f"{d}.{m}.{y}", f"{d:02d}.{m:02d}.{y}", f"{m:02d}-{d:02d}-{y}", f"{d:02d}-{m:02d}-{y}"}
    for n in names:
        for dd in days:
            forms |= {f"{n} {dd}, {y}", f"{n} {dd} {y}", f"{dd} {n} {y}", f"{dd} {n}, {y}", f"{dd}. {n} {y}"}
    return any(f.lower() in low for f in forms)


if __name__ == "__main__":
    main()
