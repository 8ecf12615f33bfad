"""The drop reasons of ``clean_text`` on real pages: how many dropped lines get each reason, and
the material for a person to judge whether the reasons are right (no ground truth names them).

- ``--out FILE`` saves every dropped line's reason (page id, line number, reason, line) as JSON
  lines, to compare a later build against.
- ``--sample N`` prints N dropped lines per reason (``--seed``), to read.
- ``--against FILE`` (a file saved by ``--out`` with another build) draws ``--review N`` lines
  whose reason changed and prints each with its neighbours and the two reasons as A and B in a
  random order, so the reader does not know which build named which; ``--key FILE`` saves which
  letter is the current build's, for ``--score``.
- ``--score VERDICTS --key FILE``: VERDICTS holds one letter per reviewed line (A, B, or = when
  neither reason is better); prints how often the current build's reason was the better one.

    python benchmarks/reasons.py --data wcxb-dev.jsonl.gz --out reasons-old.jsonl
    (rebuild)
    python benchmarks/reasons.py --data wcxb-dev.jsonl.gz --against reasons-old.jsonl \\
        --review 100 --seed 99 --key key.txt > review.txt
    python benchmarks/reasons.py --score verdicts.txt --key key.txt

Data: WCXB (Murrough Foley, CC-BY-4.0,
https://github.com/Murrough-Foley/web-content-extraction-benchmark), each page with its URL.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
from collections import Counter, defaultdict

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))


def dropped_lines(data: str, limit: int | None) -> tuple[list[tuple[str, int, str, str]], dict[str, list[str]]]:
    """(page id, line number, reason, line) of every dropped non-blank line, and each page's
    lines (as the decisions read them)."""
    from common import load_pages

    from boilerstrip import _core

    pages = load_pages(data, limit)
    res = _core.clean_text_batch([p.page_text for p in pages], [p.url or None for p in pages], threads=0)
    rows, text = [], {}
    for p, r in zip(pages, res):
        lines = _core.split_lines(r.rendered if r.rendered is not None else p.page_text)
        text[p.id] = lines
        for k, line in enumerate(lines):
            if line.strip() and not r.kept[k]:
                rows.append((p.id, k, _core.REASON_NAMES[r.reasons[k]], line))
    return rows, text


def _context(lines: list[str], k: int, step: int) -> str:
    j = k + step
    while 0 <= j < len(lines) and abs(j - k) <= 3:
        if lines[j].strip():
            return lines[j][:60]
        j += step
    return ""


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data")
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--out", help="save every dropped line's reason here (JSON lines)")
    ap.add_argument("--sample", type=int, default=0, help="print this many dropped lines per reason")
    ap.add_argument("--against", help="a file --out saved with another build")
    ap.add_argument("--review", type=int, default=100, help="lines whose reason changed to draw (with --against)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--key", help="where --against saves, and --score reads, which letter is this build's")
    ap.add_argument("--score", help="a file of verdicts (A, B or =, one per reviewed line, whitespace apart)")
    args = ap.parse_args()
    if args.score:
        verdicts = open(args.score, encoding="utf-8").read().split()
        key = open(args.key, encoding="utf-8").read().strip()
        if len(verdicts) != len(key):
            sys.exit(f"{len(verdicts)} verdicts for {len(key)} reviewed lines")
        c = Counter("same" if v == "=" else "this build" if v == k else "the other" for v, k in zip(verdicts, key))
        print(f"better reason: this build {c['this build']}, the other {c['the other']}, neither {c['same']} "
              f"(of {len(key)})")
        return
    if not args.data:
        ap.error("--data is needed")
    rows, text = dropped_lines(args.data, args.limit)
    counts = Counter(r[2] for r in rows)
    print(f"{len(rows)} dropped lines")
    print("| reason | lines | share |\n|---|---|---|")
    for name, n in counts.most_common():
        print(f"| {name} | {n} | {n / len(rows):.1%} |")
    if args.out:
        with open(args.out, "w", encoding="utf-8") as f:
            for pid, k, reason, line in rows:
                f.write(json.dumps({"id": pid, "line": k, "reason": reason, "text": line}, ensure_ascii=False) + "\n")
    rnd = random.Random(args.seed)
    if args.sample:
        by = defaultdict(list)
        for r in rows:
            by[r[2]].append(r)
        for name in sorted(by):
            print(f"\n{name}")
            for pid, k, _, line in rnd.sample(by[name], min(args.sample, len(by[name]))):
                print(f"  {pid} | {line[:110]}")
    if args.against:
        old = {}
        with open(args.against, encoding="utf-8") as f:
            for raw in f:
                o = json.loads(raw)
                old[(o["id"], o["line"])] = (o["reason"], o["text"])
        changed = [(pid, k, old[(pid, k)][0], reason, line) for pid, k, reason, line in rows
                   if (pid, k) in old and old[(pid, k)][1] == line and old[(pid, k)][0] != reason]
        same_lines = sum((pid, k) in old and old[(pid, k)][1] == line for pid, k, _, line in rows)
        print(f"\n{len(changed)} of {same_lines} lines dropped by both builds changed their reason")
        print("| before | now | lines |\n|---|---|---|")
        for (a, b), n in Counter((c[2], c[3]) for c in changed).most_common(15):
            print(f"| {a} | {b} | {n} |")
        key = []
        print()
        for n, (pid, k, before, now, line) in enumerate(rnd.sample(changed, min(args.review, len(changed)))):
            flip = rnd.random() < 0.5
            a, b = (now, before) if flip else (before, now)
            key.append("A" if flip else "B")
            lines = text[pid]
            print(f"{n:3d} A={a:20s} B={b:20s} | {line[:90]}")
            print(f"      before: {_context(lines, k, -1)} | after: {_context(lines, k, 1)}")
        if args.key:
            with open(args.key, "w", encoding="utf-8") as f:
                f.write("".join(key) + "\n")


if __name__ == "__main__":
    main()
