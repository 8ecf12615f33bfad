"""Long articles: how many of an article's paragraphs each path keeps when the article is far
longer than the pages the line models were trained on.

The models read a line's place on the page, and on long pages they dropped an article's tail
(the README's "Long articles keep their tail"). The dev pack has few such pages, so this
script makes them: real paragraphs (the pack's gold lines of 30 words or more, each ending in
a full stop, in the pack's order, each once) put one after another in one article of N
paragraphs, between a menu and a footer, as plain text and as HTML (`<article>` of `<p>`).
Forms: every paragraph as it is; one paragraph at 40% of the article ending in a colon (one
that opens a list, which ended the runs rule's run); the paragraphs with a caption's cue words
("photo", "via", "Reuters", "credit") as they come in the gold.

Printed per form and length: paragraphs kept of N by boilerstrip's text path (default and
fast scorer), its HTML path (fast and default mode) and trafilatura on the same HTML (a
paragraph counts as kept when its text is a line of the output; trafilatura's output is
searched for the paragraph's text). The paragraphs come from many pages, so the topic drifts
along the article: a harder case than one long article, where every path's model scores lower.

    python benchmarks/long_pages.py --data wcxb-dev.jsonl.gz [--sizes 150,300,500]

Data: WCXB (Murrough Foley, CC-BY-4.0,
https://github.com/Murrough-Foley/web-content-extraction-benchmark). In-sample for the models
(the paragraphs are the pack's), but the pages are not: no dev page is this long.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import load_pages  # noqa: E402

import boilerstrip  # noqa: E402
from boilerstrip import Options  # noqa: E402


def paragraphs(data: str, n: int) -> list[str]:
    out: dict[str, None] = {}
    for p in load_pages(data):
        for line in p.gold.split("\n"):
            line = line.strip()
            if len(line.split()) >= 30 and not line.startswith(("•", "-", "*", "#", "|")):
                out[line.rstrip(".:;!?… ") + "."] = None
                if len(out) >= n:
                    return list(out)
    return list(out)


def page(paras: list[str]) -> tuple[str, str]:
    text = "Home\nNews\nSport\nContact us\n\nA long article\n\n" + "\n\n".join(paras) + "\n\nShare\nTweet\n© 2024 Example"
    html = ("<html><head><title>A long article</title></head><body><nav><a href=/>Home</a> <a href=/n>News</a></nav>"
            "<article><h1>A long article</h1>" + "".join(f"<p>{p}</p>" for p in paras)
            + "</article><footer>© 2024 Example</footer></body></html>")
    return text, html


def kept(paras: list[str], out: str) -> int:
    lines = set(out.split("\n"))
    return sum(p in lines for p in paras)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", required=True)
    ap.add_argument("--sizes", default="150,300,500")
    args = ap.parse_args()
    sizes = [int(x) for x in args.sizes.split(",")]
    pool = paragraphs(args.data, max(sizes))
    try:
        import trafilatura
    except ImportError:
        trafilatura = None
    caption_words = ("photo", "via", "reuters", "credit", "image", "picture", "courtesy")
    print(f"{len(pool)} gold paragraphs of 30 words or more; of them with a caption's cue word: "
          f"{sum(any(w in p.lower().split() for w in caption_words) for p in pool)}")
    head = ["form", "N", "text", "text fast", "html fast", "html default", "trafilatura"]
    print("| " + " | ".join(head) + " |\n|" + "---|" * len(head))
    for n in sizes:
        base = pool[:n]
        colon = list(base)
        colon[int(n * 0.4)] = colon[int(n * 0.4)][:-1] + ":"
        for form, paras in (("as they are", base), ("one ends in a colon", colon)):
            text, html = page(paras)
            row = [
                kept(paras, boilerstrip.clean_text(text).text),
                kept(paras, boilerstrip.clean_text(text, options=Options(scorer="fast")).text),
                kept(paras, boilerstrip.clean_html(html, options=Options(html_mode="fast")).text),
                kept(paras, boilerstrip.clean_html(html).text),
            ]
            if trafilatura is not None:
                t = trafilatura.extract(html, include_comments=False) or ""
                row.append(sum(p in t for p in paras))
            print(f"| {form} | {n} | " + " | ".join(str(x) for x in row) + (" |" if trafilatura else " | n/a |"), flush=True)


if __name__ == "__main__":
    main()
