r"""How many line passes the fixed point of ``clean_text`` takes on real pages (it is capped at
``_core.MAX_PASSES``; a page that reaches the cap may not be a fixed point), and on how many
pages cleaning the clean text again changes it (``clean_text`` is meant to be idempotent: those
pages are named, with the cap's and the others apart). With ``--variants`` the same check runs
on the pages' texts read other ways: without the URL, joined into one line, hard-wrapped at 78
characters (``quality.py``'s ``joined`` and ``wrapped``), and on the gold itself; with
``--scrapers``, on the pages' HTML as the HTML-to-text tools of ``scrapers.py`` write it
(html2text's Markdown among them; some minutes). With ``--fuzz N``, the same check on N
random Markdown pages per seed of ``--seeds`` (links, images, headings, quotes, fences,
indented code and prose, emphasis around words with underscores; no data needed). With
``--mixed N``, on N random pages per seed that mix what scraped text holds (menus and
widgets, code, Markdown links and headings, fences, hard-wrapped paragraphs, sentences broken
at inline elements, long lines without breaks, odd Unicode and control characters, indents;
``\n``, ``\r\n`` or ``\r`` line ends), read with the default options and with
``segment=True``, ``unwrap=True`` and ``markdown=False`` forced. With ``--scorer fast``, all
of this for the fast text path (``rust/fast.rs``).

    python benchmarks/passes.py --data wcxb-dev.jsonl.gz

Data: WCXB (Murrough Foley, CC-BY-4.0,
https://github.com/Murrough-Foley/web-content-extraction-benchmark). In-sample: the shipped
model was trained on these pages.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import textwrap
from collections import Counter

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from common import load_pages  # noqa: E402
from quality import joined, wrapped  # noqa: E402

from boilerstrip import _core  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data")
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--variants", action="store_true",
                    help="also check idempotence without the URL, joined, wrapped and on the gold")
    ap.add_argument("--scrapers", action="store_true",
                    help="also check idempotence on the text of scrapers.py's HTML-to-text tools")
    ap.add_argument("--fuzz", type=int, default=0, help="random Markdown pages to check per seed")
    ap.add_argument("--mixed", type=int, default=0, help="random mixed pages to check per seed and reading")
    ap.add_argument("--seeds", default="1,2,3", help="seeds of --fuzz and --mixed, comma-separated")
    ap.add_argument("--scorer", choices=["model", "fast"], default="model",
                    help="the text path checked: the default, or the fast one (scorer='fast')")
    args = ap.parse_args()
    sc = args.scorer
    if args.fuzz:
        for seed in (int(x) for x in args.seeds.split(",")):
            texts = markdown_pages(args.fuzz, seed)
            once = _core.clean_text_batch(texts, [None] * len(texts), threads=0, scorer=sc)
            twice = _core.clean_text_batch([r.text for r in once], [None] * len(texts), threads=0, scorer=sc)
            changed = sum(a.text != b.text for a, b in zip(once, twice))
            print(f"random Markdown, seed {seed}: {changed} of {len(texts)} changed when cleaned again", flush=True)
    if args.mixed:
        for reading, kw in MIXED_READINGS.items():
            for seed in (int(x) for x in args.seeds.split(",")):
                texts, urls = mixed_pages(args.mixed, seed)
                once = _core.clean_text_batch(texts, urls, threads=0, scorer=sc, **kw)
                twice = _core.clean_text_batch([r.text for r in once], urls, threads=0, scorer=sc, **kw)
                changed = [k for k, (a, b) in enumerate(zip(once, twice)) if a.text != b.text]
                print(f"random mixed pages, {reading}, seed {seed}: {len(changed)} of {len(texts)} changed when "
                      f"cleaned again {changed[:10]}", flush=True)
    if args.fuzz or args.mixed:
        if not args.data:
            return
    if not args.data:
        ap.error("--data is needed (or --fuzz or --mixed alone)")
    pages = load_pages(args.data, args.limit)
    res = _check("as scraped", pages, [p.page_text for p in pages], scorer=sc)
    passes = [r.passes for r in res]
    capped = [p.id for p, r in zip(pages, res) if r.passes >= _core.MAX_PASSES]
    print(f"{len(pages)} pages: mean {statistics.mean(passes):.2f} passes, max {max(passes)}, cap {_core.MAX_PASSES}")
    print("passes: pages  " + "  ".join(f"{k}: {v}" for k, v in sorted(Counter(passes).items())))
    print(f"at the cap: {len(capped)} {capped}")
    if args.variants:
        _check("without the URL", pages, [p.page_text for p in pages], [None] * len(pages), scorer=sc)
        _check("joined into one line", pages, [joined(p.page_text) for p in pages], scorer=sc)
        _check("hard-wrapped at 78", pages, [wrapped(p.page_text) for p in pages], scorer=sc)
        _check("the gold", pages, [p.gold for p in pages], scorer=sc)
    if args.scrapers:
        from scrapers import _tools

        for name, tool in _tools().items():
            _check(name, pages, [_scrape(tool, p.html) for p in pages], scorer=sc)


def _check(name: str, pages, texts: list[str], urls: list[str | None] | None = None, *, scorer: str = "model") -> list:
    """Clean ``texts``, clean their clean texts again, and name the pages that changed (those
    at the cap of passes apart, which need not be fixed points); the first cleans' results."""
    urls = [p.url for p in pages] if urls is None else urls
    once = _core.clean_text_batch(texts, urls, threads=0, scorer=scorer)
    twice = _core.clean_text_batch([r.text for r in once], urls, threads=0, scorer=scorer)
    changed = [(p.id, a.passes >= _core.MAX_PASSES) for p, a, b in zip(pages, once, twice) if a.text != b.text]
    most = max(once, key=lambda r: r.passes)
    print(f"{name}: passes at most {most.passes} ({pages[once.index(most)].id}); cleaned again, changed: "
          f"{len(changed)} {[i for i, _ in changed]} (at the cap: {[i for i, c in changed if c]})", flush=True)
    return once


WORDS = ["the", "council", "voted", "park", "Home", "News", "Share", "Related", "2024", "approved", "and", "é",
         "import", "def", "x", "=", "__init__", "`code`"]
FORMS = ["{}", "# {}", "* [{}](/x)", "{} [link](https://a.b/c_(d)) {}", "![{}](i.png)", "> **{}**", "", "1. {}",
         "```", "~~~~", "```python", "    {} = __x__", "    **{}** `a_b()` {}", "  * {}", "    * [{}](/y)", "\t{}"]


def markdown_pages(n: int, seed: int) -> list[str]:
    """``n`` random Markdown pages: a menu of three links, then up to 25 lines, each one of
    ``FORMS`` around 1 to 25 of ``WORDS`` (the forms the clean text of Markdown was seen to
    change on when cleaned again)."""
    rng = random.Random(seed)
    pages = []
    for _ in range(n):
        lines = ["* [Home](/)", "* [News](/news)", "* [About](/about)"]
        for _ in range(rng.randint(0, 25)):
            w = " ".join(rng.choice(WORDS) for _ in range(rng.randint(1, 25)))
            lines.append(rng.choice(FORMS).format(w, w))
        pages.append("\n".join(lines))
    return pages


#: The readings ``--mixed`` checks: the default options, and each reading forced.
MIXED_READINGS: dict[str, dict[str, bool]] = {
    "default": {}, "segment=True": {"segment": True}, "unwrap=True": {"unwrap": True}, "markdown=False": {"markdown": False},
}
PROSE = ("the of and to in a is that for it as was with be by on not he this are or his from at which but have an "
         "they you were her she there would their we him been has when who will more no if out so said what up its "
         "about into than them can only other new some could time these two may then do council park river budget "
         "school market harbour museum library station bridge garden approved opened").split()
CHROME = ["Home", "News", "Sport", "Contact us", "Share this article", "Tweet", "Login", "Sign in",
          "Subscribe to our newsletter", "© 2024 Example. All rights reserved.", "Related articles", "Accept cookies",
          "Menu", "Search", "Next »", "1 2 3 4 5", "Home | News | Sport", "Posted by John Smith", "March 5, 2024",
          "Read more", "Advertisement", "Weather: 12°C"]
ODD = ["\u00a0", "\u200b", "\u2028", "\u2029", "\x85", "\t", "\r", "\r\n", "\x0b", "\x0c", "\x1b", "\u0301",
       "\u202e", "\ufeff", "\u00ad", "👨\u200d👩\u200d👧", "العربية", "数据中心", "สวัสดีครับ", "\x7f", "\x01", "  ",
       "\u3000", "\u2003"]
CODE = ["def f(x):", "    return x + 1", "int main() {", '  printf("hi");', "}", "x = foo(bar)", "std::vector<int> v;",
        "$ ls --all", "    if (a == b) { c(); }"]


def mixed_pages(n: int, seed: int) -> tuple[list[str], list[str | None]]:
    """``n`` random pages of up to 40 lines, each line one of the kinds ``--mixed`` names,
    and a URL or none for each (a generator first written for a black-box audit of the
    library, twenty-seventh session)."""
    rng = random.Random(seed)

    def sentence(lo: int = 8, hi: int = 30) -> str:
        words = " ".join(rng.choice(PROSE) for _ in range(rng.randint(lo, hi)))
        return words.capitalize() + rng.choice([".", ".", "?", "!", ":", ""])

    def odd(t: str) -> str:
        chars = list(t)
        for _ in range(rng.randint(0, 3)):
            chars.insert(rng.randint(0, len(chars)), rng.choice(ODD))
        return "".join(chars)

    texts, urls = [], []
    for _ in range(n):
        lines: list[str] = []
        for _ in range(rng.randint(0, 40)):
            k = rng.randint(0, 15)
            if k == 0:
                lines.append("")
            elif k == 1:
                lines.append(rng.choice(CHROME))
            elif k == 2:
                lines.append(rng.choice(CODE))
            elif k == 3:
                lines.append(f"* [{rng.choice(CHROME)}](https://example.com/{rng.randint(0, 99)})")
            elif k == 4:
                lines.append("# " + sentence(2, 8))
            elif k == 5:
                lines.append(rng.choice(["```", "~~~"]))
            elif k == 6:
                paragraph = " ".join(sentence() for _ in range(rng.randint(3, 8)))
                lines.extend(textwrap.wrap(paragraph, rng.choice([70, 72, 78, 80])))
            elif k == 7:  # a sentence broken at a link
                lines.extend([sentence(3, 8)[:-1] + " ", rng.choice(CHROME), ", and " + sentence(3, 8)])
            elif k == 8:
                lines.append(" ".join(sentence() for _ in range(rng.randint(20, 120))))
            elif k == 9:
                lines.append(odd(sentence()))
            elif k == 10:
                lines.append(rng.choice(["  ", "    ", "\t", "  • ", "- ", "> ", "1. "]) + sentence())
            elif k == 11:
                lines.append(rng.choice(ODD) * rng.randint(1, 5))
            else:
                lines.append(sentence())
        texts.append(rng.choice(["\n", "\n", "\n", "\r\n", "\r"]).join(lines))
        urls.append(rng.choice([None, "https://example.com/news/2024/03/05/council-approves-park"]))
    return texts, urls


def _scrape(tool, html: str) -> str:
    """A tool's text of a page, empty when the tool fails on it (as ``scrapers.py`` counts it)."""
    try:
        return tool(html)
    except Exception:  # noqa: BLE001 - a tool's failure on one page is that page's empty text
        return ""


if __name__ == "__main__":
    main()
