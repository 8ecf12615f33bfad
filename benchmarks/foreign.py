"""English pages rewritten as pages of other languages, line for line, to train and measure the
text model where the dev pack has no pages: 1,306 of its 1,358 pages are English, and a model
trained on them alone learned English (on pages in a made-up language it fell from F1 0.90 to
0.64-0.75, on pages in a script without spaces to 0.19-0.26, below keeping every line).

Three rewrites, each deterministic and one word for one word, so a page keeps its layout, its
line count, its repeated lines and its headline's words in the text (the labels of the English
lines hold for the rewritten ones):

- ``pseudo``: each word becomes a made-up word of the same length and case (consonant, vowel,
  ...), the same word always the same one. No stop word, cue phrase or vocabulary term of the
  model is left, as on a page in a language it does not know; the URL's path is rewritten
  alike, so its slug still names the headline.
- ``cjk``: each word becomes one to three Han characters, words are no longer separated by
  spaces, ". " becomes "。" and ", " becomes "，": a line is one long "word", as in Chinese,
  Japanese or Thai. The URL keeps its host only.
- ``thai`` (measured, not trained on): each word becomes Thai letters (half as many as it
  has, rounded up), words are no longer separated by spaces, and the marks that end clauses
  and sentences (". ", ", ", "; ", ": ", a full stop at a line's end) become a space, as Thai
  writes it: a script without spaces and without sentence marks.

``score`` compares an output with the rewritten gold: words for ``pseudo``, single characters
(and digit runs) for ``cjk`` and ``thai``, which have no words to count.

    python benchmarks/foreign.py --data wcxb-dev.jsonl.gz [--limit 300]

prints the shipped model's F1 on the rewritten pages (in-sample: the model saw these pages in
English and, since the rewrites are part of its training, rewritten; ``train.py`` reports the
site-cross-validated figures).

Data: WCXB (Web Content eXtraction Benchmark) by Murrough Foley, CC-BY-4.0,
https://github.com/Murrough-Foley/web-content-extraction-benchmark
"""

from __future__ import annotations

import argparse
import hashlib
import random
import re
import sys
from collections import Counter
from pathlib import Path
from urllib.parse import urlsplit

sys.path.insert(0, str(Path(__file__).parent))
from common import load_pages  # noqa: E402

WORD = re.compile(r"[A-Za-z]+")
# two Latin words and the spaces between them: the spaces go in a script without spaces
GAP = re.compile(r"(?<=[A-Za-z])[ \t]+(?=[A-Za-z])")
# the rewrites `train.py` trains on; `main` measures `thai` too, which no model trained on
KINDS = ("pseudo", "cjk")
# the ends of clauses and sentences where Thai writes a space and no mark: ". ", ", ", "; ", ": ",
# and a full stop at a line's end
THAI_MARK = re.compile(r"[.,;:](?: +|$)", re.M)


def _seed(w: str) -> int:
    return int.from_bytes(hashlib.blake2b(w.lower().encode(), digest_size=8).digest(), "little")


def _pseudo_word(m: re.Match) -> str:
    w = m.group()
    r = random.Random(_seed(w))
    s = "".join(r.choice("bcdfgklmnprstvz" if i % 2 == 0 else "aeiou") for i in range(len(w)))
    if len(w) > 1 and w.isupper():
        return s.upper()
    return s[0].upper() + s[1:] if w[0].isupper() else s


def _han_word(m: re.Match) -> str:
    w = m.group()
    r = random.Random(_seed(w))
    return "".join(chr(0x4E00 + r.randrange(20000)) for _ in range(max(1, (len(w) + 2) // 3)))


def _thai_word(m: re.Match) -> str:
    w = m.group()
    r = random.Random(_seed(w))
    # a consonant (U+0E01-U+0E2E) then a vowel sign or another consonant, per two or three letters
    n = max(1, (len(w) + 1) // 2)
    return "".join(chr(0x0E01 + r.randrange(46)) if i % 2 == 0 else chr(0x0E30 + r.randrange(4)) for i in range(n))


def rewrite(text: str, kind: str) -> str:
    """``text`` rewritten (see the module's docstring); line breaks are kept as they are."""
    if kind == "pseudo":
        return WORD.sub(_pseudo_word, text)
    if kind == "cjk":
        text = WORD.sub(_han_word, GAP.sub("", text))
        return text.replace(". ", "\u3002").replace(", ", "\uff0c")
    if kind == "thai":
        return WORD.sub(_thai_word, THAI_MARK.sub(" ", GAP.sub("", text)))
    raise ValueError(kind)


def rewrite_url(url: str, kind: str) -> str:
    if not url:
        return url
    u = urlsplit(url)
    if kind == "pseudo":
        return f"{u.scheme}://{u.netloc}{WORD.sub(_pseudo_word, u.path)}"
    return f"{u.scheme}://{u.netloc}/"


def rewrite_page(page, kind: str):
    """A copy of a ``common.Page`` rewritten: text, gold, title and URL."""
    return type(page)(**{**page.__dict__, "id": f"{page.id}@{kind}", "page_text": rewrite(page.page_text, kind),
                         "gold": rewrite(page.gold, kind), "title": rewrite(page.title, kind),
                         "url": rewrite_url(page.url, kind)})


def _tokens(text: str, kind: str) -> list[str]:
    if kind == "cjk":
        return [c for c in text if "\u4e00" <= c <= "\u9fff"] + re.findall(r"\d+", text)
    if kind == "thai":
        return [c for c in text if "\u0e01" <= c <= "\u0e5b"] + re.findall(r"\d+", text)
    return re.findall(r"\w+", text.lower())


def score(pred: str, gold: str, kind: str) -> tuple[float, float, float]:
    """Precision, recall and F1 of an output against the rewritten gold (as ``common.prf``)."""
    p, g = Counter(_tokens(pred, kind)), Counter(_tokens(gold, kind))
    a, b = sum(p.values()), sum(g.values())
    if a == 0 or b == 0:
        v = 1.0 if a == b else 0.0
        return v, v, v
    o = sum((p & g).values())
    if o == 0:
        return 0.0, 0.0, 0.0
    return o / a, o / b, 2 * o / (a + b)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", required=True)
    ap.add_argument("--limit", type=int, default=None)
    args = ap.parse_args()
    import boilerstrip

    pages = [p for p in load_pages(args.data, args.limit) if p.page_text.strip()]
    print(f"{len(pages)} pages, boilerstrip {boilerstrip.__version__}, in-sample")
    print("| pages | URL | F1 | P | R |")
    print("|---|---|---|---|---|")
    for kind in ("english",) + KINDS + ("thai",):
        rw = pages if kind == "english" else [rewrite_page(p, kind) for p in pages]
        for with_url in (True, False):
            docs = boilerstrip.clean_text_batch([p.page_text for p in rw],
                                                urls=[(p.url or None) if with_url else None for p in rw])
            s = [score(d.text, p.gold, "pseudo" if kind == "english" else kind) for d, p in zip(docs, rw)]
            f = [sum(x[j] for x in s) / len(s) for j in range(3)]
            print(f"| {kind} | {'yes' if with_url else 'no'} | {f[2]:.3f} | {f[0]:.3f} | {f[1]:.3f} |", flush=True)


if __name__ == "__main__":
    main()
