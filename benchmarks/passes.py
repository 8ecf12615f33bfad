"""How many line passes the fixed point of ``clean_text`` takes on real pages (it is capped at
``_core.MAX_PASSES``; a page that reaches the cap may not be a fixed point), and on how many
pages cleaning the clean text again changes it (``clean_text`` is meant to be idempotent: those
pages are named, with the cap's and the others apart).

    python benchmarks/passes.py --data wcxb-dev.jsonl.gz

Data: WCXB (Murrough Foley, CC-BY-4.0,
https://github.com/Murrough-Foley/web-content-extraction-benchmark). In-sample: the shipped
model was trained on these pages.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
from collections import Counter

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from common import load_pages  # noqa: E402

from boilerstrip import _core  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", required=True)
    ap.add_argument("--limit", type=int, default=None)
    args = ap.parse_args()
    pages = load_pages(args.data, args.limit)
    res = _core.clean_text_batch([p.page_text for p in pages], [p.url for p in pages], threads=0)
    passes = [r.passes for r in res]
    capped = [p.id for p, r in zip(pages, res) if r.passes >= _core.MAX_PASSES]
    print(f"{len(pages)} pages: mean {statistics.mean(passes):.2f} passes, max {max(passes)}, cap {_core.MAX_PASSES}")
    print("passes: pages  " + "  ".join(f"{k}: {v}" for k, v in sorted(Counter(passes).items())))
    print(f"at the cap: {len(capped)} {capped}")
    again = _core.clean_text_batch([r.text for r in res], [p.url for p in pages], threads=0)
    changed = [(p.id, r.passes >= _core.MAX_PASSES) for p, r, a in zip(pages, res, again) if a.text != r.text]
    print(f"cleaned again, changed: {len(changed)}")
    print(f"  of them at the cap: {[i for i, c in changed if c]}")
    print(f"  not at the cap: {[i for i, c in changed if not c]}")


if __name__ == "__main__":
    main()
