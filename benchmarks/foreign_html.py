"""``clean_html`` on the dev pages' HTML rewritten as pages of other languages: the HTML
counterpart of ``foreign.py`` (whose rewrites it applies), measure only.

Each text node of the HTML (the text between tags, outside ``<script>``, ``<style>`` and
comments; character references left whole) is rewritten word for word as ``foreign.rewrite``
rewrites plain text, so the markup, the block structure and the same word's rewriting stay,
and the gold is rewritten alike: ``pseudo`` (a made-up language), ``cjk`` (Han characters, no
spaces between words, ``。`` for ". ") and ``thai`` (Thai letters, no spaces between words,
no sentence marks). Attributes (``alt``, ``content`` of ``<meta>``) are left in English.
Scored as ``foreign.score`` scores: words for ``pseudo``, characters for ``cjk`` and ``thai``.

    python benchmarks/foreign_html.py --data wcxb-dev.jsonl.gz [--limit 300] [--default]

prints the F1 (P / R) of ``clean_html`` in the fast mode (and with ``--default`` the default
mode, which runs trafilatura too: minutes a rewrite) on the English pages and on each rewrite.
The shipped HTML models were trained on these pages and on their rewrites of ``foreign.KINDS``
(``train_html.py``), so the figures are in-sample; ``train_html.py``'s ``cv_foreign_fast`` is the
site-cross-validated figure.

Data: WCXB (Web Content eXtraction Benchmark) by Murrough Foley, CC-BY-4.0,
https://github.com/Murrough-Foley/web-content-extraction-benchmark
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from common import load_pages  # noqa: E402
from foreign import rewrite, rewrite_page, rewrite_url, score  # noqa: E402

# a tag, a comment, a script or style element whole, or a character reference: left as they are
_MARKUP = re.compile(
    r"<!--.*?-->|<(script|style)\b[^>]*>.*?</\1\s*>|<[^>]*>|&(?:#\d+|#x[0-9a-fA-F]+|\w+);",
    re.S | re.I,
)


def rewrite_html(html: str, kind: str) -> str:
    """``html`` with each text run between markup rewritten by ``foreign.rewrite``."""
    out: list[str] = []
    pos = 0
    for m in _MARKUP.finditer(html):
        if m.start() > pos:
            out.append(rewrite(html[pos:m.start()], kind))
        out.append(m.group())
        pos = m.end()
    out.append(rewrite(html[pos:], kind))
    return "".join(out)


def rewrite_html_page(page, kind: str):
    """A copy of a ``common.Page`` with its HTML rewritten too (``foreign.rewrite_page`` for
    the text, gold, title and URL)."""
    rw = rewrite_page(page, kind)
    return type(page)(**{**rw.__dict__, "html": rewrite_html(page.html, kind)})


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", required=True)
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--default", action="store_true", help="the default mode too (runs trafilatura)")
    args = ap.parse_args()
    import boilerstrip

    pages = [p for p in load_pages(args.data, args.limit) if p.html.strip()]
    modes = ["fast"] + (["default"] if args.default else [])
    print(f"{len(pages)} pages, boilerstrip {boilerstrip.__version__}, clean_html with the shipped HTML models")
    print("| pages | mode | F1 | P | R |")
    print("|---|---|---|---|---|")
    for kind in ("english", "pseudo", "cjk", "thai"):
        if kind == "english":
            rw = [(p.html, p.gold, p.url) for p in pages]
        else:
            rw = [(rewrite_html(p.html, kind), rewrite(p.gold, kind), rewrite_url(p.url, kind)) for p in pages]
        for mode in modes:
            opts = boilerstrip.Options(html_mode=mode)
            s = [score(boilerstrip.clean_html(h, url=u or None, options=opts).text, g,
                       "pseudo" if kind == "english" else kind) for h, g, u in rw]
            f = [sum(x[j] for x in s) / len(s) for j in range(3)]
            print(f"| {kind} | {mode} | {f[2]:.3f} | {f[0]:.3f} | {f[1]:.3f} |", flush=True)


if __name__ == "__main__":
    main()
