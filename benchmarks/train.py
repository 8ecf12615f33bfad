"""Train the text-path scorers and write ``rust/models/text.json``, reporting honest,
site-cross-validated quality of the whole Rust pipeline on the way.

    python benchmarks/train.py --data wcxb-dev.jsonl.gz [--folds 5] [--out rust/models/text.json]

Steps:
1. Label every line of each page's raw text by aligning it to the gold main content
   (``labels.py``); line features come from the Rust core (``_core.line_features``).
2. k-fold by *site* (no site is ever in both the training and the scoring part): the
   vocabulary regressions (``vocab_train.py``: a line's hashed words and word pairs, whose
   score is a line feature, always out of fold), then a CatBoost line model per fold.
3. Round 2: each page's first-pass output (the fold's model, on the held-out page) is added
   as an extra training page with the same gold and fold, and the fold models are retrained.
   The line pass runs again on its own output until it is stable (the fixed point that makes
   ``clean_text`` idempotent); this teaches the model that clean text stays clean.
4. Each fold's model is exported and the held-out pages are cleaned by the real Rust
   pipeline (``_core.clean_text_batch``) and scored against the gold: the cross-validated
   precision, recall and F1, overall, per page type, and along the threshold knob.
5. A title model on out-of-fold scores, evaluated the same way.
6. Final models on all pages, exported to ``rust/models/text.json``.

CatBoost (oblivious trees, which the core evaluates branch-free and vectorised) is needed
here only; the package runs the trees in Rust. Deterministic: fixed seeds and thread count,
so the same data on the same machine gives the same file.
"""

from __future__ import annotations

import argparse
import dataclasses
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

import foreign  # noqa: E402
import vocab_train  # noqa: E402
from common import load_pages, prf, title_match  # noqa: E402
from labels import line_labels  # noqa: E402

from boilerstrip import _core  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
KNOB = [0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8]

# depth 8 and 150 trees: as good on site-CV as depth 6 and 300 (0.8179 against 0.8148, before
# the vocabulary) at half the trees, which are most of the line pass's time. l2_leaf_reg 10
# and 64 borders instead of CatBoost's 3 and 254: site-CV 0.8253 against 0.8226 in the same
# environment (within fold noise); 683 distinct borders instead of 822 to bin, but on the
# first 300 dev pages 2.33 passes instead of 2.26, so no faster in all (+1.8% instructions)
BASE_PARAMS = dict(random_seed=7, thread_count=2, verbose=False, allow_writing_files=False)
LINE_PARAMS = dict(BASE_PARAMS, depth=8, learning_rate=0.15, border_count=64, l2_leaf_reg=10)
LINE_ROUNDS = 150
TITLE_PARAMS = dict(BASE_PARAMS, depth=4, learning_rate=0.1, border_count=254, auto_class_weights="Balanced")
TITLE_ROUNDS = 150
AUGMENT_WEIGHT = 0.2
# the pages rewritten in a made-up language and in a script without spaces (`foreign`): each
# copy weighs half a real page
FOREIGN_WEIGHT = 0.5
# each page once more without its URL (a folder of .txt files has none): the copy's weight
NO_URL_WEIGHT = 0.0
AUGMENT_POSITIVE = 3.0


def _labels_job(args: tuple[str, str]) -> list[float]:
    text, gold = args
    return line_labels(_core.split_lines(text), gold)


class Data:
    """Per page: content line numbers, labels, weights, word counts, vocabulary terms; the
    feature rows depend on the vocabulary that scores the lines (see ``rows_with``)."""

    def __init__(self, pages: list, line_weight: str = "uniform", labels_from: dict[int, int] | None = None) -> None:
        """``labels_from``: pages (by index) that take the line labels of another page of the
        same lines instead of aligning their own text to their gold (``foreign`` rewrites)."""
        labels_from = labels_from or {}
        t0 = time.time()
        self.pages = pages
        feats = _core.line_features([p.page_text for p in pages], [p.url for p in pages])
        self.names = _core.feature_names("lines")
        width = len(self.names)
        self.content = [c for c, _ in feats]
        rows = [np.frombuffer(b, dtype="<f4").reshape(-1, width) for _, b in feats]
        own = [i for i in range(len(pages)) if i not in labels_from]
        with ProcessPoolExecutor(2) as ex:
            aligned = list(ex.map(_labels_job, [(pages[i].page_text, pages[i].gold) for i in own], chunksize=16))
        labels: list = [None] * len(pages)
        for i, lab in zip(own, aligned):
            labels[i] = lab
        for i, j in labels_from.items():
            labels[i] = labels[j]
        wcol = self.names.index("words")
        self.words = [r[:, wcol].astype(np.uint32) for r in rows]
        self.y = [np.array([1.0 if lab[i] >= 0.5 else 0.0 for i in c], dtype=np.float32) for c, lab in zip(self.content, labels)]
        # every page weighs the same, as in the score (a mean over pages); within a page every
        # line the same ("uniform"), or in proportion to its words ("words", as the score counts
        # words) or to their square root ("sqrt-words")
        def page_weights(words: np.ndarray) -> np.ndarray:
            if line_weight == "uniform" or not len(words):
                v = np.ones(len(words), dtype=np.float32)
            elif line_weight == "words":
                v = words.astype(np.float32) + 1.0
            else:
                v = np.sqrt(words.astype(np.float32) + 1.0)
            return (100.0 * v / max(v.sum(), 1e-9)).astype(np.float32)

        self.w = [page_weights(wd) for wd in self.words]
        self.X = vocab_train.term_matrices(pages)
        print(f"features + labels for {len(pages)} pages in {time.time() - t0:.1f}s; "
              f"{sum(len(y) for y in self.y)} content lines, {sum(y.sum() for y in self.y):.0f} positive", file=sys.stderr)


    def rows_with(self, idx: list[int], vocab: str | None) -> dict[int, np.ndarray]:
        """Feature rows of pages `idx` with the lines scored by `vocab`."""
        width = len(self.names)
        pages = [self.pages[i] for i in idx]
        feats = _core.line_features([p.page_text for p in pages], [p.url for p in pages], vocab)
        return {i: np.frombuffer(b, dtype="<f4").reshape(-1, width) for i, (_, b) in zip(idx, feats)}


def gold_only(page, labels: list[float]) -> str:
    """The page reduced to its content lines (by the alignment labels), joined as the line
    pass joins what it keeps: the ideal output, on which the line pass should keep all."""
    lines = _core.split_lines(page.page_text)
    out, last = [], None
    for i, (line, y) in enumerate(zip(lines, labels)):
        if y < 0.5 or not line:
            continue
        if last is not None:
            out.append("\n" if last + 1 == i else "\n\n")
        out.append(line)
        last = i
    return "".join(out)


def stack(parts: list[np.ndarray], idx: list[int]) -> np.ndarray:
    return np.concatenate([parts[i] for i in idx])


class Model:
    """A trained CatBoost classifier and its export in the core's format."""

    def __init__(self, cb: CatBoostClassifier) -> None:
        self.cb = cb

    def predict(self, X: np.ndarray) -> np.ndarray:
        return self.cb.predict_proba(X)[:, 1]

    def export(self, names: list[str]) -> dict:
        """Oblivious trees as {f, t, v} per tree (leaf index = sum of (x > t_k) << k), the
        model's scale folded into the leaves. Checked against CatBoost's own predictions."""
        import tempfile

        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, "m.json")
            self.cb.save_model(path, format="json")
            j = json.load(open(path))
        scale, (bias,) = j["scale_and_bias"]
        trees = []
        for t in j["oblivious_trees"]:
            for sp in t["splits"]:
                if sp["split_type"] != "FloatFeature":
                    raise ValueError("only float features are supported")
            trees.append({
                "f": [sp["float_feature_index"] for sp in t["splits"]],
                "t": [sp["border"] for sp in t["splits"]],
                "v": [scale * v for v in t["leaf_values"]],
            })
        return {"feature_names": names, "bias": bias, "trees": trees}


def train_gbdt(X: np.ndarray, y: np.ndarray, w: np.ndarray, params: dict, rounds: int) -> Model:
    cb = CatBoostClassifier(iterations=rounds, **params)
    cb.fit(X, y, sample_weight=w)
    return Model(cb)


def export(model: Model, names: list[str]) -> dict:
    return model.export(names)


def bundle(lines: Model, title: Model | None, vocab: str | None) -> str:
    b = {
        "format": "boilerstrip-text-2",
        "lines": export(lines, _core.feature_names("lines")),
        "title": export(title, _core.feature_names("title")) if title is not None else None,
        "vocab": json.loads(vocab) if vocab else None,
    }
    return json.dumps(b, separators=(",", ":"))


def folds_by_site(pages: list, k: int) -> list[int]:
    """Fold of each page: sites are dealt to folds in a fixed pseudo-random order."""
    sites = sorted({p.site for p in pages})
    order = np.random.default_rng(12345).permutation(len(sites))
    fold_of_site = {sites[j]: n % k for n, j in enumerate(order)}
    return [fold_of_site[p.site] for p in pages]


def fit_fold(d, fold: list[int], k: int, k_folds: int, vf: vocab_train.Folds, params: dict, rounds: int):
    """The model of fold ``k`` (text or HTML data: anything with ``rows_with``, ``y``, ``w``):
    the lines of a training page of fold j scored by the vocabulary of neither j nor k
    (``vf.inner``)."""
    Xs, ys, ws = [], [], []
    for j in range(k_folds):
        if j == k:
            continue
        idx = [i for i in range(len(fold)) if fold[i] == j and len(d.y[i])]
        rows = d.rows_with(idx, vf.inner[k, j])
        Xs += [rows[i] for i in idx]
        ys += [d.y[i] for i in idx]
        ws += [d.w[i] for i in idx]
    return train_gbdt(np.concatenate(Xs), np.concatenate(ys), np.concatenate(ws), params, rounds)


def fit_final(d, fold: list[int], k_folds: int, vf: vocab_train.Folds, params: dict, rounds: int):
    """The shipped model: every page, its lines scored by the vocabulary of every fold but
    its own (``vf.outer``), as each fold's model was trained."""
    rows = {}
    for j in range(k_folds):
        rows.update(d.rows_with([i for i in range(len(fold)) if fold[i] == j and len(d.y[i])], vf.outer[j]))
    idx = sorted(rows)
    return train_gbdt(np.concatenate([rows[i] for i in idx]), stack(d.y, idx), stack(d.w, idx), params, rounds)


def fit_cv(d: Data, fold: list[int], k_folds: int, params: dict, rounds: int, vf: vocab_train.Folds):
    """The line model of each fold (``fit_fold``), and every page's out-of-fold scores: the
    held-out pages scored by ``vf.outer``, as the pipeline will."""
    n = len(fold)
    oof = [np.zeros(0, np.float32)] * n
    models = {}
    for k in range(k_folds):
        models[k] = fit_fold(d, fold, k, k_folds, vf, params, rounds)
        te = [i for i in range(n) if fold[i] == k and len(d.y[i])]
        rows = d.rows_with(te, vf.outer[k])
        for i in te:
            oof[i] = models[k].predict(rows[i]).astype(np.float32)
    return models, oof


def run_folds(pages, fold, models, vocabs, thresholds, *, fixpoint=True, titles=None):
    """Clean each page with the models of its fold (held out from them) through the real
    Rust pipeline: {threshold: [TextResult per page]}."""
    out = {t: [None] * len(pages) for t in thresholds}
    for k, m in models.items():
        te = [i for i in range(len(pages)) if fold[i] == k]
        core_models = _core.Models.from_json(bundle(m, titles[k] if titles else None, vocabs[k]))
        texts = [pages[i].page_text for i in te]
        urls = [pages[i].url for i in te]
        for t in thresholds:
            res = _core.clean_text_batch(texts, urls, models=core_models, threshold=t, threads=2, fixpoint=fixpoint)
            for i, r in zip(te, res):
                out[t][i] = r
    return out


def title_rows(pages, d: Data, idx, scores, vocab_of):
    """Candidate rows of the title model, each page twice: with its URL and without (the
    headline must be found where no URL slug helps too). `vocab_of(i)`: the vocabulary that
    scores page i's lines (out of fold, as for the line model)."""
    width = len(_core.feature_names("title"))
    X, y = [], []
    for i in idx:
        if not len(d.y[i]):
            continue
        s = scores[i].astype("<f4").tobytes()
        keep = _core.decide(s, d.words[i].tolist())
        texts = _core.split_lines(pages[i].page_text)
        for url in (pages[i].url, None):
            lines, b = _core.title_features(pages[i].page_text, url, s, keep, vocab_of(i))
            rows = np.frombuffer(b, dtype="<f4").reshape(-1, width)
            for ln, row in zip(lines, rows):
                X.append(row)
                y.append(1.0 if title_match(texts[ln], pages[i].title) else 0.0)
    return np.array(X, dtype=np.float32).reshape(-1, width), np.array(y, dtype=np.float32)


def check_export(lines: Model, title: Model | None, vocab: str, pages: list) -> None:
    """The Rust evaluator must give CatBoost's probabilities (to float rounding)."""
    core_models = _core.Models.from_json(bundle(lines, title, vocab))
    d = Data(pages)
    rows_of = d.rows_with(list(range(len(pages))), vocab)
    res = _core.clean_text_batch([p.page_text for p in pages], [p.url for p in pages], models=core_models, fixpoint=False)
    worst = 0.0
    for i, (r, c) in enumerate(zip(res, d.content)):
        rows = rows_of[i]
        if len(rows):
            rust = np.frombuffer(r.scores, dtype="<f4")[c]
            worst = max(worst, float(np.abs(rust - lines.predict(rows)).max()))
    if worst > 1e-4:
        raise SystemExit(f"exported model disagrees with CatBoost by {worst}")
    print(f"export check: Rust and CatBoost agree within {worst:.1e}", file=sys.stderr)


def versions() -> dict:
    """Versions of the libraries that decide the trained model: it is reproducible only
    with the same ones (another catboost or scikit-learn gives another model)."""
    from importlib.metadata import version
    return {p: version(p) for p in ("catboost", "scikit-learn", "numpy", "scipy")}


def summarise(results, golds):
    rows = [prf(r.text, g) for r, g in zip(results, golds)]
    return {m: statistics.mean(x[j] for x in rows) for j, m in enumerate(("precision", "recall", "f1"))}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", required=True, help="WCXB-style JSONL(.gz) with page_text and gold")
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--rounds", type=int, default=LINE_ROUNDS)
    ap.add_argument("--depth", type=int, default=LINE_PARAMS["depth"], help="depth of the line model's trees")
    ap.add_argument("--learning-rate", type=float, default=LINE_PARAMS["learning_rate"])
    ap.add_argument("--catboost", default="{}", help="more CatBoost parameters for the line model, as JSON (experiments)")
    ap.add_argument("--line-weight", choices=["uniform", "words", "sqrt-words"], default="uniform",
                    help="weight of a line within its page (every page weighs the same)")
    ap.add_argument("--vocab-c", type=float, default=vocab_train.C,
                    help="inverse regularisation of the vocabulary regression (default: %(default)s)")
    ap.add_argument("--cv-only", action="store_true",
                    help="stop after the cross-validated figures at the default decision (no threshold sweep, no final model): for experiments")
    ap.add_argument("--out", default=str(ROOT / "rust" / "models" / "text.json"))
    ap.add_argument("--report", default=str(ROOT / "benchmarks" / "results" / "train_report.json"))
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--augment", choices=["pass1", "gold", "both", "none"], default="pass1",
                    help="extra training pages that teach the fixed point to stop: first-pass outputs, gold-only pages, both")
    ap.add_argument("--no-augment-url", dest="augment_keep_url", action="store_false",
                    help="augmented pages lose their URL (default: they keep it)")
    ap.add_argument("--augment-weight", type=float, default=AUGMENT_WEIGHT,
                    help="weight of an extra page relative to a real one (default: %(default)s)")
    ap.add_argument("--augment-positive", type=float, default=AUGMENT_POSITIVE,
                    help="extra weight of the content lines of an extra page: the later passes of the fixed point "
                         "should drop only what they are sure of (default: %(default)s)")
    ap.add_argument("--foreign-weight", type=float, default=FOREIGN_WEIGHT,
                    help="weight of each page's rewrites in other languages (foreign.py) relative to the page; 0: none "
                         "(default: %(default)s)")
    ap.add_argument("--no-url-weight", type=float, default=NO_URL_WEIGHT,
                    help="weight of each page's copy without its URL relative to the page; 0: none (default: %(default)s)")
    ap.add_argument("--save-folds", metavar="DIR", default=None,
                    help="also write each fold's model bundle (fold-K.json) and the page folds (folds.json) to DIR, "
                         "for experiments on the decision that need no retraining")
    args = ap.parse_args()

    line_params = dict(LINE_PARAMS, depth=args.depth, learning_rate=args.learning_rate, **json.loads(args.catboost))
    pages = load_pages(args.data, args.limit)
    n = len(pages)
    fold = folds_by_site(pages, args.folds)
    golds = [p.gold for p in pages]

    # round 1 on the raw pages; their first-pass outputs become extra training pages
    d1 = Data(pages, args.line_weight)
    t0 = time.time()
    vf = vocab_train.Folds(d1.X, d1.y, d1.w, fold, n, args.folds, args.vocab_c)
    print(f"vocabulary regressions in {time.time() - t0:.0f}s", file=sys.stderr)
    models, _ = fit_cv(d1, fold, args.folds, line_params, args.rounds, vf)
    first = run_folds(pages, fold, models, vf.outer, [None], fixpoint=False)[None]
    single_pass = summarise(first, golds)
    extra, extra_fold = [], []
    if args.augment in ("pass1", "both"):
        for i, (p, r) in enumerate(zip(pages, first)):
            if r.text.strip():
                url = p.url if args.augment_keep_url else ""  # --no-augment-url: the pass must work without one too
                extra.append(type(p)(**{**p.__dict__, "id": p.id + "@pass1", "page_text": r.text, "url": url}))
                extra_fold.append(fold[i])
    if args.augment in ("gold", "both"):
        with ProcessPoolExecutor(2) as ex:
            labels = list(ex.map(_labels_job, [(p.page_text, p.gold) for p in pages], chunksize=16))
        for i, (p, lab) in enumerate(zip(pages, labels)):
            g = gold_only(p, lab)
            if g.strip():
                extra.append(type(p)(**{**p.__dict__, "id": p.id + "@gold", "page_text": g}))
                extra_fold.append(fold[i])
    n_pass = len(extra)
    labels_from = {}
    if args.foreign_weight > 0:
        for kind in foreign.KINDS:
            for i, p in enumerate(pages):
                labels_from[n + len(extra)] = i
                extra.append(foreign.rewrite_page(p, kind))
                extra_fold.append(fold[i])
    n_foreign = len(extra) - n_pass
    if args.no_url_weight > 0:
        for i, p in enumerate(pages):
            labels_from[n + len(extra)] = i
            extra.append(dataclasses.replace(p, id=p.id + "@nourl", url=""))
            extra_fold.append(fold[i])
    train_pages = pages + extra
    train_fold = fold + extra_fold
    print(f"round 1 single-pass CV: {single_pass}; round 2 adds {n_pass} pages ({args.augment}) "
          f"and {n_foreign} rewritten in other languages and {len(extra) - n_pass - n_foreign} without their URL",
          file=sys.stderr)

    d = Data(train_pages, args.line_weight, labels_from)
    for i in range(n, n + n_pass):
        d.w[i] = d.w[i] * args.augment_weight * np.where(d.y[i] > 0.5, args.augment_positive, 1.0).astype(np.float32)
    for i in range(n + n_pass, n + n_pass + n_foreign):
        d.w[i] = d.w[i] * args.foreign_weight
    for i in range(n + n_pass + n_foreign, len(train_pages)):
        d.w[i] = d.w[i] * args.no_url_weight
    # the vocabulary regressions learn from the raw pages only (the extra pages repeat their
    # lines), whose labels and weights are those of round 1: they are round 1's
    models, oof = fit_cv(d, train_fold, args.folds, line_params, args.rounds, vf)

    # titles, out of fold, on the raw pages' scores
    titles = {}
    for k in range(args.folds):
        X, y = title_rows(train_pages, d, [i for i in range(n) if fold[i] != k], oof, lambda i: vf.inner[k, fold[i]])
        titles[k] = train_gbdt(X, y, np.ones_like(y), TITLE_PARAMS, TITLE_ROUNDS)

    if args.save_folds:
        os.makedirs(args.save_folds, exist_ok=True)
        for k in range(args.folds):
            Path(args.save_folds, f"fold-{k}.json").write_text(bundle(models[k], titles[k], vf.outer[k]) + "\n")
        Path(args.save_folds, "folds.json").write_text(json.dumps({p.id: f for p, f in zip(pages, fold)}) + "\n")

    t0 = time.time()
    res = run_folds(pages, fold, models, vf.outer, [None] + ([] if args.cv_only else KNOB), titles=titles)
    default = res[None]
    cv = summarise(default, golds)
    cv["mean_passes"] = statistics.mean(r.passes for r in default)
    per_type: dict[str, list] = defaultdict(list)
    for r, p in zip(default, pages):
        per_type[p.page_type].append(r)
    title_hits = [title_match(r.title, p.title) for r, p in zip(default, pages) if p.title.strip()]
    # the held-out pages rewritten in other languages (foreign.py), cleaned by their fold's models
    cv_foreign = {}
    for kind in foreign.KINDS:
        rw = [foreign.rewrite_page(p, kind) for p in pages]
        out = run_folds(rw, fold, models, vf.outer, [None], titles=titles)[None]
        s = [foreign.score(r.text, p.gold, kind) for r, p in zip(out, rw)]
        cv_foreign[kind] = {m: statistics.mean(x[j] for x in s) for j, m in enumerate(("precision", "recall", "f1"))}
    print(f"site-CV on rewritten pages: {cv_foreign}", file=sys.stderr)
    # the held-out pages without their URL, as a folder of .txt files gives them
    bare = [dataclasses.replace(p, url="") for p in pages]
    cv_no_url = summarise(run_folds(bare, fold, models, vf.outer, [None], titles=titles)[None], golds)
    print(f"site-CV without URLs: {cv_no_url}", file=sys.stderr)
    if args.cv_only:
        print(json.dumps({"cv": cv, "cv_single_pass_round1": single_pass, "depth": args.depth, "rounds": args.rounds,
                          "learning_rate": args.learning_rate, "augment_weight": args.augment_weight,
                          "line_weight": args.line_weight, "catboost": args.catboost,
                          "augment_positive": args.augment_positive, "vocab_c": args.vocab_c,
                          "cv_title_accuracy": statistics.mean(title_hits) if title_hits else None,
                          "foreign_weight": args.foreign_weight, "cv_foreign": cv_foreign,
                          "no_url_weight": args.no_url_weight, "cv_no_url": cv_no_url,
                          "versions": versions()}))
        return

    # final models on every page: the vocabulary on every raw page, the line and title models
    # on every page's out-of-fold vocabulary scores (as each fold's models were trained)
    final_vocab = vocab_train.fit(d.X, d.y, d.w, list(range(n)), args.vocab_c)
    final_lines = fit_final(d, train_fold, args.folds, vf, line_params, args.rounds)
    X, y = title_rows(train_pages, d, list(range(n)), oof, lambda i: vf.outer[fold[i]])
    final_title = train_gbdt(X, y, np.ones_like(y), TITLE_PARAMS, TITLE_ROUNDS)
    Path(args.out).write_text(bundle(final_lines, final_title, final_vocab) + "\n")
    check_export(final_lines, final_title, final_vocab, pages[:200])

    report = {
        "data": os.path.basename(args.data),
        "pages": n,
        "folds": args.folds,
        "rounds": args.rounds,
        "depth": args.depth,
        "learning_rate": args.learning_rate,
        "augment": args.augment,
        "augment_weight": args.augment_weight,
        "augment_positive": args.augment_positive,
        "augment_keep_url": args.augment_keep_url,
        "vocab_c": args.vocab_c,
        "cv": cv,
        "cv_single_pass_round1": single_pass,
        "cv_by_threshold": {str(t): summarise(res[t], golds) for t in KNOB},
        "cv_by_type": {k: {"pages": len(v), **summarise(v, [p.gold for p in pages if p.page_type == k])} for k, v in sorted(per_type.items())},
        "cv_title_accuracy": statistics.mean(title_hits) if title_hits else None,
        "foreign_weight": args.foreign_weight,
        "cv_foreign": cv_foreign,
        "no_url_weight": args.no_url_weight,
        "cv_no_url": cv_no_url,
        "versions": versions(),
    }
    Path(args.report).parent.mkdir(parents=True, exist_ok=True)
    Path(args.report).write_text(json.dumps(report, indent=2) + "\n")
    print(json.dumps(report, indent=2))
    print(f"wrote {args.out} (evaluation took {time.time() - t0:.0f}s); rebuild the package to use it", file=sys.stderr)


if __name__ == "__main__":
    main()
