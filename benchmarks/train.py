"""Train the text-path scorers and write ``rust/models/text.json``; report honest,
site-cross-validated quality of the whole Rust pipeline on the way.

    python benchmarks/train.py --data wcxb-dev.jsonl.gz [--folds 5] [--out rust/models/text.json]

Steps: (1) label every line of each page's raw text by aligning it to the gold main content
(``labels.py``); (2) stage-1 features from the Rust core; (3) k-fold by *site* (no site is
ever in both the training and the scoring part): stage-1 LightGBM, its out-of-fold scores feed
the stage-2 features (neighbourhood smoothing), stage-2 LightGBM; (4) for each fold, both
models are exported and the held-out pages are cleaned by the real Rust pipeline
(``_core.clean_text_batch``) and scored against the gold: that is the cross-validated F1;
(5) the threshold with the best cross-validated mean F1 is kept; (6) a title model is trained
on out-of-fold scores; (7) final models are trained on all pages and exported. LightGBM and
scikit-learn are needed here only; the package runs the trees in Rust.

Deterministic: fixed seeds, ``deterministic=True``, row-wise histograms; rerunning on the
same data and machine gives the same file.
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

import lightgbm as lgb
import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from common import load_pages, prf, title_match  # noqa: E402
from labels import line_labels  # noqa: E402

from boilerstrip import _core  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
THRESHOLDS = [round(x, 2) for x in np.arange(0.20, 0.80, 0.05)]

STAGE_PARAMS = dict(
    objective="binary", learning_rate=0.08, num_leaves=31, min_data_in_leaf=40, feature_fraction=0.8,
    bagging_fraction=0.8, bagging_freq=1, lambda_l2=1.0, seed=7, deterministic=True, force_row_wise=True,
    num_threads=2, verbose=-1,
)
STAGE_ROUNDS = 150
TITLE_PARAMS = dict(STAGE_PARAMS, num_leaves=15, min_data_in_leaf=10)
TITLE_ROUNDS = 120
AUGMENT_THRESHOLDS = [0.3]


def _labels_job(args: tuple[str, str]) -> list[float]:
    text, gold = args
    return line_labels(_core.split_lines(text), gold)


def weights_of(words: np.ndarray, page_words: float) -> np.ndarray:
    """Each page counts the same (the score is a mean over pages); inside a page, a line
    counts by its words (the score is over words), softened so short lines still matter."""
    w = np.sqrt(words + 1.0)
    return w / max(w.sum(), 1.0) * len(words)


class Data:
    """Per page: content line numbers, stage-1 rows, labels, weights."""

    def __init__(self, pages: list) -> None:
        t0 = time.time()
        texts = [p.page_text for p in pages]
        urls = [p.url for p in pages]
        feats = _core.stage1_features(texts, urls)
        self.n1 = len(_core.feature_names("stage1"))
        self.content = [c for c, _ in feats]
        self.rows = [np.frombuffer(b, dtype="<f4").reshape(-1, self.n1) for _, b in feats]
        with ProcessPoolExecutor(2) as ex:
            all_labels = list(ex.map(_labels_job, [(p.page_text, p.gold) for p in pages], chunksize=16))
        words_col = _core.feature_names("stage1").index("words")
        self.y = []
        self.w = []
        for c, lab, rows in zip(self.content, all_labels, self.rows):
            y = np.array([1.0 if lab[i] >= 0.5 else 0.0 for i in c], dtype=np.float32)
            self.y.append(y)
            self.w.append(weights_of(rows[:, words_col], 0))
        print(f"features + labels for {len(pages)} pages in {time.time() - t0:.1f}s; "
              f"{sum(len(y) for y in self.y)} content lines, {sum(y.sum() for y in self.y):.0f} positive", file=sys.stderr)


def train_gbdt(X: np.ndarray, y: np.ndarray, w: np.ndarray, params: dict, rounds: int) -> lgb.Booster:
    ds = lgb.Dataset(X, label=y, weight=w, free_raw_data=True)
    return lgb.train(params, ds, num_boost_round=rounds)


def export(booster: lgb.Booster, names: list[str]) -> dict:
    """LightGBM trees to the core's format: pre-order node numbering (children after their
    parent), thresholds rounded *down* to float32 so `x <= t` decides exactly as LightGBM's
    double comparison does for float32 inputs."""
    dump = booster.dump_model()
    trees = []
    for info in dump["tree_info"]:
        f, t, l, r, v = [], [], [], [], []

        def walk(node: dict) -> int:
            if "leaf_value" in node or "leaf_index" in node and "split_feature" not in node:
                v.append(float(node["leaf_value"]))
                return ~(len(v) - 1)
            if node.get("decision_type", "<=") != "<=":
                raise ValueError("only numerical <= splits are supported")
            k = len(f)
            thr = np.float32(node["threshold"])
            if float(thr) > node["threshold"]:
                thr = np.nextafter(thr, np.float32(-np.inf))
            f.append(int(node["split_feature"]))
            t.append(float(thr))
            l.append(0)
            r.append(0)
            l[k] = walk(node["left_child"])
            r[k] = walk(node["right_child"])
            return k

        root = info["tree_structure"]
        walk(root)
        trees.append({"f": f, "t": t, "l": l, "r": r, "v": v})
    return {"feature_names": names, "base": 0.0, "trees": trees}


def bundle(s1: lgb.Booster, s2: lgb.Booster, title: lgb.Booster | None, threshold: float) -> str:
    b = {
        "format": "boilerstrip-text-1",
        "threshold": threshold,
        "stage1": export(s1, _core.feature_names("stage1")),
        "stage2": export(s2, _core.feature_names("stage2")),
        "title": export(title, _core.feature_names("title")) if title is not None else None,
    }
    return json.dumps(b, separators=(",", ":"))


def folds_by_site(pages: list, k: int) -> list[int]:
    """Fold of each page: sites are dealt to folds in a fixed pseudo-random order."""
    sites = sorted({p.site for p in pages})
    rng = np.random.default_rng(12345)
    order = rng.permutation(len(sites))
    fold_of_site = {sites[j]: n % k for n, j in enumerate(order)}
    return [fold_of_site[p.site] for p in pages]


def stage2_rows(pages: list, idx: list[int], s1: list[np.ndarray]) -> list[np.ndarray]:
    n2 = len(_core.feature_names("stage2"))
    out = []
    for i in idx:
        b = _core.stage2_features(pages[i].page_text, pages[i].url, s1[i].astype("<f4").tobytes())
        out.append(np.frombuffer(b, dtype="<f4").reshape(-1, n2))
    return out


def stack(parts: list[np.ndarray], idx: list[int]) -> np.ndarray:
    return np.concatenate([parts[i] for i in idx]) if idx else np.zeros((0,))


def title_rows(pages: list, idx: list[int], scores: list[np.ndarray], threshold: float):
    nt = len(_core.feature_names("title"))
    X, y, groups = [], [], []
    for i in idx:
        lines, b = _core.title_features(pages[i].page_text, pages[i].url, scores[i].astype("<f4").tobytes(), threshold)
        rows = np.frombuffer(b, dtype="<f4").reshape(-1, nt)
        texts = _core.split_lines(pages[i].page_text)
        for ln, row in zip(lines, rows):
            X.append(row)
            y.append(1.0 if title_match(texts[ln], pages[i].title) else 0.0)
            groups.append(i)
    return (np.array(X, dtype=np.float32).reshape(-1, nt), np.array(y, dtype=np.float32), groups)


def fit_cv(pages: list, fold: list[int], k_folds: int):
    """Out-of-fold stage-1 and stage-2 scores, and the two models of each fold."""
    d = Data(pages)
    n = len(pages)
    oof_s1: list[np.ndarray] = [np.zeros(0, np.float32)] * n
    fold_s1: dict[int, lgb.Booster] = {}
    for k in range(k_folds):
        tr = [i for i in range(n) if fold[i] != k]
        te = [i for i in range(n) if fold[i] == k]
        m = train_gbdt(stack(d.rows, tr), stack(d.y, tr), stack(d.w, tr), STAGE_PARAMS, STAGE_ROUNDS)
        fold_s1[k] = m
        for i in te:
            if len(d.rows[i]):
                oof_s1[i] = m.predict(d.rows[i]).astype(np.float32)
    rows2 = stage2_rows(pages, list(range(n)), oof_s1)
    oof_s2: list[np.ndarray] = [np.zeros(0, np.float32)] * n
    fold_models: dict[int, tuple] = {}
    for k in range(k_folds):
        tr = [i for i in range(n) if fold[i] != k]
        te = [i for i in range(n) if fold[i] == k]
        m2 = train_gbdt(stack(rows2, tr), stack(d.y, tr), stack(d.w, tr), STAGE_PARAMS, STAGE_ROUNDS)
        fold_models[k] = (fold_s1[k], m2)
        for i in te:
            if len(rows2[i]):
                oof_s2[i] = m2.predict(rows2[i]).astype(np.float32)
    return d, rows2, oof_s1, oof_s2, fold_models


def run_folds(pages: list, fold: list[int], fold_models: dict, thresholds: list[float], *, fixpoint: bool, title=None):
    """Clean each page with the models of its fold (held out from them) through the real
    Rust pipeline; returns {threshold: [result per page]}."""
    n = len(pages)
    out = {t: [None] * n for t in thresholds}
    for k, (s1, s2) in fold_models.items():
        te = [i for i in range(n) if fold[i] == k]
        models = _core.Models.from_json(bundle(s1, s2, title[k] if title else None, 0.5))
        texts = [pages[i].page_text for i in te]
        urls = [pages[i].url for i in te]
        for t in thresholds:
            res = _core.clean_text_batch(texts, urls, models=models, threshold=t, threads=2, fixpoint=fixpoint)
            for i, r in zip(te, res):
                out[t][i] = r
    return out


def augment(pages: list, fold: list[int], fold_models: dict, thresholds: list[float]):
    """What the line pass sees from its second pass on: its own first-pass output. Adding
    these pages (same gold, same fold) teaches the scorers to keep clean text clean, so the
    fixed point stops after one confirming pass instead of eroding the content."""
    extra, extra_fold = [], []
    res = run_folds(pages, fold, fold_models, thresholds, fixpoint=False)
    for t in thresholds:
        for i, r in enumerate(res[t]):
            if r is not None and r.text.strip():
                p = pages[i]
                extra.append(type(p)(**{**p.__dict__, "id": f"{p.id}@{t}", "page_text": r.text}))
                extra_fold.append(fold[i])
    return extra, extra_fold


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", required=True, help="WCXB-style JSONL(.gz) with page_text and gold")
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--out", default=str(ROOT / "rust" / "models" / "text.json"))
    ap.add_argument("--report", default=str(ROOT / "benchmarks" / "results" / "train_report.json"))
    ap.add_argument("--limit", type=int, default=None)
    args = ap.parse_args()

    pages = load_pages(args.data, args.limit)
    n = len(pages)
    fold = folds_by_site(pages, args.folds)

    # round 1 on the raw pages; its first-pass outputs become extra training pages
    _, _, _, _, fold_models = fit_cv(pages, fold, args.folds)
    extra, extra_fold = augment(pages, fold, fold_models, AUGMENT_THRESHOLDS)
    train_pages = pages + extra
    train_fold = fold + extra_fold
    print(f"round 2: {n} pages + {len(extra)} first-pass outputs", file=sys.stderr)
    d, rows2, oof_s1, oof_s2, fold_models = fit_cv(train_pages, train_fold, args.folds)

    res = run_folds(pages, fold, fold_models, THRESHOLDS, fixpoint=True)
    golds = [p.gold for p in pages]
    by_t = {}
    for t in THRESHOLDS:
        rows = [prf(res[t][i].text, golds[i]) for i in range(n)]
        by_t[t] = tuple(statistics.mean(r[j] for r in rows) for j in range(3))
    best_t = max(THRESHOLDS, key=lambda t: by_t[t][2])
    passes = statistics.mean(r.passes for r in res[best_t])
    print("threshold  P      R      F1 (site-cross-validated, full Rust pipeline)", file=sys.stderr)
    for t in THRESHOLDS:
        mark = " <" if t == best_t else ""
        print(f"  {t:.2f}    {by_t[t][0]:.3f}  {by_t[t][1]:.3f}  {by_t[t][2]:.3f}{mark}", file=sys.stderr)

    per_type: dict[str, list] = defaultdict(list)
    for i, p in enumerate(pages):
        per_type[p.page_type].append(prf(res[best_t][i].text, golds[i]))

    # title model, trained and evaluated out of fold on stage-2 scores of the raw pages
    raw_idx = list(range(n))
    title_models = {}
    for k in range(args.folds):
        tr = [i for i in raw_idx if fold[i] != k]
        X, y, _ = title_rows(train_pages, tr, oof_s2, best_t)
        title_models[k] = train_gbdt(X, y, np.ones_like(y), TITLE_PARAMS, TITLE_ROUNDS)
    tres = run_folds(pages, fold, fold_models, [best_t], fixpoint=True, title=title_models)[best_t]
    title_hits = [title_match(r.title, p.title) for r, p in zip(tres, pages) if p.title.strip()]

    # final models on every page
    all_idx = list(range(len(train_pages)))
    s1 = train_gbdt(stack(d.rows, all_idx), stack(d.y, all_idx), stack(d.w, all_idx), STAGE_PARAMS, STAGE_ROUNDS)
    s2 = train_gbdt(stack(rows2, all_idx), stack(d.y, all_idx), stack(d.w, all_idx), STAGE_PARAMS, STAGE_ROUNDS)
    X, y, _ = title_rows(train_pages, raw_idx, oof_s2, best_t)
    tm = train_gbdt(X, y, np.ones_like(y), TITLE_PARAMS, TITLE_ROUNDS)
    Path(args.out).write_text(bundle(s1, s2, tm, best_t) + "\n")

    report = {
        "data": os.path.basename(args.data),
        "pages": n,
        "folds": args.folds,
        "threshold": best_t,
        "cv": {"precision": by_t[best_t][0], "recall": by_t[best_t][1], "f1": by_t[best_t][2], "mean_passes": passes},
        "cv_by_threshold": {str(t): dict(zip(("precision", "recall", "f1"), by_t[t])) for t in THRESHOLDS},
        "cv_by_type": {
            k: {"pages": len(v), **{m: statistics.mean(r[j] for r in v) for j, m in enumerate(("precision", "recall", "f1"))}}
            for k, v in sorted(per_type.items())
        },
        "cv_title_accuracy": statistics.mean(title_hits) if title_hits else None,
    }
    Path(args.report).parent.mkdir(parents=True, exist_ok=True)
    Path(args.report).write_text(json.dumps(report, indent=2) + "\n")
    print(json.dumps({k: v for k, v in report.items() if k != "cv_by_threshold"}, indent=2))
    print(f"wrote {args.out}; rebuild the package (pip install -e .) to use it", file=sys.stderr)


if __name__ == "__main__":
    main()
