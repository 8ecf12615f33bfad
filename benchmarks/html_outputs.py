"""What the HTML path writes, in plain text, Markdown and Markdown with links, over a page
set; and how two builds' outputs differ. The figures of the README's HTML-layout paragraphs
come from here.

    python benchmarks/html_outputs.py dump --data wcxb-dev.jsonl.gz --out /tmp/new.json
    python benchmarks/html_outputs.py stats /tmp/new.json
    python benchmarks/html_outputs.py compare /tmp/old.json /tmp/new.json [--data wcxb-dev.jsonl.gz]

``dump`` cleans every page in the fast mode (no trafilatura: the outputs are the Rust path's
alone) and writes the three texts and the kept flags of each page. ``stats``: whether every
Markdown output has its plain text's words once the marks are off, links and the ones left
relative, and whether links add nothing but their targets. ``compare``: pages whose plain text, plain
words, kept lines or Markdown changed between two dumps (an older build's dump has no
``linked`` texts: those are left out of the comparison). Data: the WCXB benchmark
(CC-BY-4.0, Murrough Foley; https://github.com/Murrough-Foley/web-content-extraction-benchmark).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from common import load_pages, prf  # noqa: E402

LINK = re.compile(r"\[((?:\\.|[^\]\\])*)\]\(([^)\s]*)\)")
TARGET = re.compile(r"\]\([^)\s]*\)")
MARKS = re.compile(r"[*`\\]")
SCHEME = re.compile(r"[a-zA-Z][a-zA-Z0-9+.-]*:")
# what the Markdown writer adds around a block: heading, list, quote, fence and table marks
BLOCK_MARKS = {"#", "##", "###", "####", "#####", "######", "```", "|", "---", "-", ">"}


def dump(data: str, out: str, limit: int | None) -> None:
    import boilerstrip
    from boilerstrip import Options

    fast = Options(html_mode="fast")
    try:
        md_opts = fast.with_(text_format="markdown")
        linked_opts: Options | None = fast.with_(text_format="markdown", include_links=True)
    except (TypeError, ValueError):  # an older build without one of these options
        linked_opts = None
    rows = []
    for p in load_pages(data, limit):
        plain = boilerstrip.clean_html(p.html, url=p.url, options=fast)
        md = boilerstrip.clean_html(p.html, url=p.url, options=md_opts)
        linked = boilerstrip.clean_html(p.html, url=p.url, options=linked_opts) if linked_opts else None
        rows.append({"id": p.id, "plain": plain.text, "markdown": md.text, "linked": linked and linked.text,
                     "kept": [ln.kept for ln in plain.lines]})
    with open(out, "w", encoding="utf-8") as f:
        json.dump(rows, f)
    print(f"{len(rows)} pages written to {out}")


def words(text: str) -> list[str]:
    """The words of a text, Markdown's inline marks and block marks, list bullets and list
    numbers off (on both sides of a comparison alike)."""
    return [w for w in MARKS.sub("", text).split()
            if w not in BLOCK_MARKS and w != "•" and not re.fullmatch(r"\d+\.", w)]


def stats(path: str) -> None:
    rows = json.load(open(path, encoding="utf-8"))
    same = sum(words(r["markdown"]) == words(r["plain"]) for r in rows)
    links = [h for r in rows if r["linked"] for _, h in LINK.findall(r["linked"])]
    # the targets off, then every bracket: the words of the Markdown without links
    unlinked_same = sum(
        words(re.sub(r"[\[\]]", "", TARGET.sub("", r["linked"]))) == words(re.sub(r"[\[\]]", "", r["markdown"]))
        for r in rows if r["linked"] is not None
    )
    print(f"{len(rows)} pages; Markdown with the plain text's words once its marks are off: {same}")
    print(f"links: {len(links)}, relative (no scheme): {sum(not SCHEME.match(h) for h in links)}; "
          f"Markdown with links, links taken off, equal in words to Markdown without: {unlinked_same}")


def compare(old: str, new: str, data: str | None = None) -> None:
    a = {r["id"]: r for r in json.load(open(old, encoding="utf-8"))}
    b = {r["id"]: r for r in json.load(open(new, encoding="utf-8"))}
    ids = [i for i in a if i in b]
    for field in ("plain", "markdown", "linked"):
        both = [i for i in ids if a[i].get(field) is not None and b[i].get(field) is not None]
        changed = sum(a[i][field] != b[i][field] for i in both)
        print(f"{field}: {changed} of {len(both)} pages changed")
    print(f"plain words changed: {sum(a[i]['plain'].split() != b[i]['plain'].split() for i in ids)} of {len(ids)}")
    print(f"kept lines changed: {sum(a[i]['kept'] != b[i]['kept'] for i in ids)} of {len(ids)}")
    if data:
        # the plain texts scored against the pack's gold: each changed page, and the mean
        gold = {p.id: p.gold for p in load_pages(data)}
        scored = [i for i in ids if i in gold]
        f_a = {i: prf(a[i]["plain"], gold[i])[2] for i in scored}
        f_b = {i: prf(b[i]["plain"], gold[i])[2] for i in scored}
        for i in scored:
            if a[i]["plain"] != b[i]["plain"]:
                print(f"  {i}: F1 {f_a[i]:.3f} -> {f_b[i]:.3f}")
        n = len(scored) or 1
        print(f"mean F1 over {len(scored)} pages: {sum(f_a.values()) / n:.4f} -> {sum(f_b.values()) / n:.4f}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    d = sub.add_parser("dump")
    d.add_argument("--data", required=True)
    d.add_argument("--out", required=True)
    d.add_argument("--limit", type=int, default=None)
    s = sub.add_parser("stats")
    s.add_argument("path")
    c = sub.add_parser("compare")
    c.add_argument("old")
    c.add_argument("new")
    c.add_argument("--data", default=None, help="the pack: also score both dumps' plain texts against its gold")
    args = ap.parse_args()
    if args.cmd == "dump":
        dump(args.data, args.out, args.limit)
    elif args.cmd == "stats":
        stats(args.path)
    else:
        compare(args.old, args.new, args.data)


if __name__ == "__main__":
    main()
