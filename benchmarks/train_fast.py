"""Train the fast text path's line model (``scorer="fast"``) and write ``rust/models/fast.json``,
reporting its site-cross-validated quality through the real Rust pipeline on the way.

    python benchmarks/train_fast.py --data wcxb-dev.jsonl.gz [--folds 5] [--out rust/models/fast.json]

Steps:
1. Label every line of each page's raw text by aligning it to the gold main content
   (``labels.py``, as ``train.py`` does); the features are the fast path's
   (``_core.fast_features``: per-line counts and what the neighbours say, see ``rust/fast.rs``).
2. k-fold by *site* (no site in both the training and the scoring part, the folds of
   ``train.py``): a CatBoost model per fold (round 1).
3. Round 2, as in ``train.py``: each page's first-reading output (its fold's model, on the
   held-out page) is added as an extra training page, labelled by aligning it to the same
   gold, and the fold models are trained again. The fast path reads its kept lines again
   until that reading keeps them all; a model that only saw whole pages drops more at each
   reading (site-CV F1 0.705 without this round, recall 0.69).
4. Each round-2 fold model is exported and the held-out pages are cleaned by
   ``_core.clean_text_batch(scorer="fast")`` and scored against the gold: precision, recall,
   F1, overall and per page type.
5. A final model on all pages and their out-of-fold first-reading outputs, exported to
   ``rust/models/fast.json``.

CatBoost only here (the package evaluates the trees in Rust). Deterministic: fixed seed and
thread count (the versions are those of ``constraints-train.txt``).
Data: WCXB (Murrough Foley, CC-BY-4.0,
https://github.com/Murrough-Foley/web-content-extraction-benchmark).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from collections import defaultdict
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import numpy as np
from catboost import CatBoostClassifier

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from common import load_pages, prf  # noqa: E402
from labels import line_labels  # noqa: E402
from train import AUGMENT_POSITIVE, Model, folds_by_site, versions  # noqa: E402

from boilerstrip import _core  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
PARAMS = dict(random_seed=7, thread_count=2, verbose=False, allow_writing_files=False,
              depth=6, learning_rate=0.2, border_count=64, l2_leaf_reg=10)
ROUNDS = 100
# an extra page (a first reading) weighs half a real page, its content lines 3 times more (as
# in train.py). Site-CV F1 with the fixed point, this file's first version (scratch runs):
# weight 0.2 0.7849, 0.5 0.7884, 1.0 0.7883; weight 1.0 with content x6 0.7836, x1 0.7779;
# 0.5 with x1.5 0.7833. Without the fixed point (round 1, one reading) 0.7965.
AUGMENT_WEIGHT = 0.5


def _labels_job(args: tuple[str, str]) -> list[float]:
    # (extra pages are the clean text of the same page: aligned to the same gold)
    text, gold = args
    return line_labels(_core.split_lines(text), gold)


def bundle(m: Model) -> str:
    return json.dumps({"format": "boilerstrip-fast-1", "lines": m.export(_core.feature_names("fast"))},
                      separators=(",", ":"))


class Lines:
    """Fast features, line labels and line weights of some texts (each page weighs the same)."""

    def __init__(self, texts: list[str], golds: list[str], weight: str) -> None:
        names = _core.feature_names("fast")
        feats = _core.fast_features(texts)
        self.rows = [np.frombuffer(b, dtype="<f4").reshape(-1, len(names)) for _, b in feats]
        with ProcessPoolExecutor(2) as ex:
            labels = list(ex.map(_labels_job, zip(texts, golds), chunksize=16))
        self.y = [np.array([1.0 if lab[i] >= 0.5 else 0.0 for i in c], dtype=np.float32)
                  for (c, _), lab in zip(feats, labels)]
        wcol = names.index("words")
        self.w = []
        for r in self.rows:
            words = r[:, wcol].astype(np.float32) + 1.0
            v = {"uniform": np.ones_like(words), "words": words, "sqrt-words": np.sqrt(words)}[weight]
            self.w.append((100.0 * v / max(v.sum(), 1e-9)).astype(np.float32))


def fit(pages: Lines, extra: Lines | None, idx: list[int], params: dict, rounds: int,
        augment: tuple[float, float] = (AUGMENT_WEIGHT, AUGMENT_POSITIVE)) -> Model:
    """A model on the pages `idx` and, if given, their extra pages (weighted AUGMENT_WEIGHT, their
    content lines AUGMENT_POSITIVE more: later readings should drop only what they are sure of)."""
    X, y, w = [], [], []
    for d, scale, positive in ((pages, 1.0, 1.0), (extra, *augment)):
        if d is None:
            continue
        for i in idx:
            if len(d.y[i]):
                X.append(d.rows[i])
                y.append(d.y[i])
                w.append(d.w[i] * scale * np.where(d.y[i] > 0.5, positive, 1.0))
    cb = CatBoostClassifier(iterations=rounds, **params)
    cb.fit(np.vstack(X), np.concatenate(y), sample_weight=np.concatenate(w).astype(np.float32))
    return Model(cb)


def clean_folds(pages: list, fold: list[int], models: list[Model], *, fixpoint: bool) -> list:
    """Each page cleaned by the fast path with its fold's model (held out)."""
    out: list = [None] * len(pages)
    for k, m in enumerate(models):
        test = [i for i in range(len(pages)) if fold[i] == k]
        fm = _core.FastModel.from_json(bundle(m))
        res = _core.clean_text_batch([pages[i].page_text for i in test], scorer="fast", fast_model=fm, threads=2,
                                     fixpoint=fixpoint)
        for i, r in zip(test, res):
            out[i] = r
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", required=True)
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--rounds", type=int, default=ROUNDS)
    ap.add_argument("--depth", type=int, default=PARAMS["depth"])
    ap.add_argument("--weight", choices=["uniform", "words", "sqrt-words"], default="sqrt-words",
                    help="line weights within a page (every page weighs the same)")
    ap.add_argument("--out", default=str(ROOT / "rust" / "models" / "fast.json"))
    ap.add_argument("--report", default=str(ROOT / "benchmarks" / "results" / "train_fast.json"))
    ap.add_argument("--augment-weight", type=float, default=AUGMENT_WEIGHT,
                    help="weight of an extra page (a first reading) relative to a real one (default: %(default)s)")
    ap.add_argument("--augment-positive", type=float, default=AUGMENT_POSITIVE,
                    help="extra weight of an extra page's content lines (default: %(default)s)")
    ap.add_argument("--no-final", action="store_true", help="cross-validate only; write no model")
    args = ap.parse_args()
    params = dict(PARAMS, depth=args.depth)
    t0 = time.time()
    pages = load_pages(args.data, args.limit)
    n = len(pages)
    golds = [p.gold for p in pages]
    d = Lines([p.page_text for p in pages], golds, args.weight)
    print(f"features + labels for {n} pages in {time.time() - t0:.1f}s", file=sys.stderr)
    fold = folds_by_site(pages, args.folds)
    everything = list(range(n))

    # round 1: whole pages; each page's first reading, out of fold, becomes an extra page
    def train_part(k: int) -> list[int]:
        return [i for i in everything if fold[i] != k]

    r1 = [fit(d, None, train_part(k), params, args.rounds) for k in range(args.folds)]
    first = clean_folds(pages, fold, r1, fixpoint=False)
    single = statistics.fmean(prf(r.text, g)[2] for r, g in zip(first, golds))
    e = Lines([r.text for r in first], golds, args.weight)
    print(f"round 1: single-reading site-CV F1 {single:.4f}; {time.time() - t0:.0f}s", file=sys.stderr)

    # round 2: whole pages and first readings
    augment = (args.augment_weight, args.augment_positive)
    r2 = [fit(d, e, train_part(k), params, args.rounds, augment) for k in range(args.folds)]
    per_page = [prf(r.text, g) for r, g in zip(clean_folds(pages, fold, r2, fixpoint=True), golds)]
    print(f"round 2: {time.time() - t0:.0f}s", file=sys.stderr)

    def summary(ix: list[int]) -> dict:
        return {"pages": len(ix), **{name: round(statistics.fmean(per_page[i][j] for i in ix), 4)
                                     for j, name in enumerate(("precision", "recall", "f1"))}}

    by_type = defaultdict(list)
    for i, p in enumerate(pages):
        by_type[p.page_type].append(i)
    report = {"site_cv": summary(everything), "site_cv_round1_single_reading_f1": round(single, 4),
              "per_type": {t: summary(ix) for t, ix in sorted(by_type.items())},
              "folds": args.folds, "rounds": args.rounds, "params": params, "weight": args.weight,
              "augment_weight": args.augment_weight, "augment_positive": args.augment_positive, "versions": versions()}
    print(json.dumps(report, indent=1))
    if not args.no_final:
        final = fit(d, e, everything, params, args.rounds, augment)
        Path(args.out).write_text(bundle(final) + "\n")
        Path(args.report).write_text(json.dumps(report, indent=1) + "\n")
        print(f"wrote {args.out} and {args.report}", file=sys.stderr)


if __name__ == "__main__":
    main()
