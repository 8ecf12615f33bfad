"""Train the HTML-path scorers and write ``rust/models/html.json``, with site-cross-validated
quality of the whole Rust HTML pipeline on the way.

    python benchmarks/train_html.py --data wcxb-dev.jsonl.gz [--folds 5]

The HTML of each page becomes text blocks (``rust/html.rs``); each block line is labelled by
aligning it to the gold main content (``labels.py``) and described by the text features plus
its structure (tag, link density, semantic ancestors, class/id words). Two models:

* ``fast``: those features only (no trafilatura at run time);
* ``default``: the same plus trafilatura's vote (did trafilatura keep this line?), so the model
  learns when to trust which extractor.

trafilatura's outputs are computed once and cached next to the report (they take minutes).
k-fold by site as in ``train.py``: each fold's models are exported and the held-out pages are
cleaned by the real Rust pipeline (``_core.clean_html_batch``) and scored against the gold.
Both models read the vocabulary score of each block line (``vocab_train.py``), from a
regression trained on the block lines, out of fold as in ``train.py``.

The held-out pages' HTML rewritten in other languages (``foreign_html.py``: a made-up language
and a script without spaces) is cleaned by each fold's fast model too: ``cv_foreign_fast`` in the
report. ``--foreign-weight W`` also trains on those rewrites (each copy at weight W, with its
page's line labels); the shipped models do, at 0.2 (see ``FOREIGN_WEIGHT``).
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import statistics
import sys
import time
from collections import defaultdict
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import foreign  # noqa: E402
import foreign_html  # noqa: E402
import vocab_train  # noqa: E402
from common import load_pages, prf  # noqa: E402
from labels import line_labels  # noqa: E402
from train import LINE_PARAMS, fit_final, fit_fold, folds_by_site, versions  # noqa: E402

from boilerstrip import _core  # noqa: E402
from boilerstrip.html import VOTE_FAST  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
# depth 6 and 300 trees: with the vocabulary, site-CV F1 fast 0.852 and default 0.854, against
# 0.851 and 0.849 with the text model's depth 8 and 150 trees
HTML_PARAMS = dict(LINE_PARAMS, depth=6, learning_rate=0.12)
HTML_ROUNDS = 300
# the pages' HTML rewritten in other languages (foreign_html.py), each copy at this weight
# (sixteenth session; site-CV, fast / default on the English pages, fast on the made-up
# language and the no-space script):
# - 0 (results/train_html_report_english_only.json): 0.8531 / 0.8564, 0.838, 0.747;
# - 0.2, the default (results/train_html_report.json): 0.8558 / 0.8558, 0.848, 0.768;
# - 0.5, the text model's weight (results/train_html_report_foreign_tried.json): 0.8545 /
#   0.8563, 0.848, 0.768, but its fast model scored a plain paragraph with four links of a short
#   test page at 0.34 and dropped it (0.82 at 0.2, 0.88 at 0), and a short list item.
FOREIGN_WEIGHT = 0.2


def _trafilatura(args: tuple[str, str, bool]) -> str | None:
    import trafilatura

    html, url, fast = args
    try:
        return trafilatura.extract(html, url=url, include_comments=False, include_tables=True, fast=fast)
    except Exception:  # a failure is a vote for nothing, as in production
        return None


def trafilatura_outputs(pages: list, cache: Path, fast: bool) -> list[str | None]:
    """trafilatura's text of each page, in the mode the runtime votes with."""
    if cache.exists():
        data = json.loads(gzip.decompress(cache.read_bytes()))
        if [p.id for p in pages] == data["ids"] and data.get("fast", False) == fast:
            return data["texts"]
    t0 = time.time()
    with ProcessPoolExecutor(2) as ex:
        texts = list(ex.map(_trafilatura, [(p.html, p.url, fast) for p in pages], chunksize=4))
    cache.parent.mkdir(parents=True, exist_ok=True)
    cache.write_bytes(gzip.compress(json.dumps({"ids": [p.id for p in pages], "fast": fast, "texts": texts}).encode()))
    print(f"trafilatura on {len(pages)} pages in {time.time() - t0:.0f}s (cached in {cache})", file=sys.stderr)
    return texts


def _labels(args: tuple[str, str]) -> list[float]:
    text, gold = args
    return line_labels(_core.split_lines(text), gold)


class HtmlData:
    """Per page: the block text, its content lines, labels and weights; the feature rows
    depend on the vocabulary (see ``rows_with``)."""

    def __init__(self, pages: list, votes: list[str | None] | None, labels_from: dict[int, int] | None = None) -> None:
        """``labels_from``: pages (by index) that take the line labels of another page whose
        blocks have as many lines (``foreign_html`` rewrites: the same markup, the words
        rewritten); a page whose lines differ in number aligns its own."""
        t0 = time.time()
        self.pages, self.votes = pages, votes
        self.name = "html_default" if votes is not None else "html_fast"
        out = _core.html_features([p.html for p in pages], [p.url for p in pages], votes)
        self.texts = [t for t, _, _ in out]
        self.content = [c for _, c, _ in out]
        n_lines = [len(_core.split_lines(t)) for t in self.texts]
        copied = {i: j for i, j in (labels_from or {}).items() if n_lines[i] == n_lines[j]}
        own = [i for i in range(len(pages)) if i not in copied]
        with ProcessPoolExecutor(2) as ex:
            aligned = list(ex.map(_labels, [(self.texts[i], pages[i].gold) for i in own], chunksize=16))
        labels: list = [None] * len(pages)
        for i, lab in zip(own, aligned):
            labels[i] = lab
        for i, j in copied.items():
            labels[i] = labels[j]
        if labels_from:
            print(f"{self.name}: {len(copied)} of {len(labels_from)} rewritten pages take their page's labels",
                  file=sys.stderr)
        self.y = [np.array([1.0 if lab[i] >= 0.5 else 0.0 for i in c], dtype=np.float32) for c, lab in zip(self.content, labels)]
        self.w = [np.full(len(c), 100.0 / max(len(c), 1), dtype=np.float32) for c in self.content]
        print(f"{self.name}: labels for {len(pages)} pages in {time.time() - t0:.1f}s", file=sys.stderr)

    def rows_with(self, idx: list[int], vocab: str | None) -> dict[int, np.ndarray]:
        width = len(_core.feature_names(self.name))
        out = _core.html_features([self.pages[i].html for i in idx], [self.pages[i].url for i in idx],
                                  [self.votes[i] for i in idx] if self.votes is not None else None, vocab)
        return {i: np.frombuffer(b, dtype="<f4").reshape(-1, width) for i, (_, _, b) in zip(idx, out)}


def bundle(fast, default, vocab: str) -> str:
    return json.dumps({
        "format": "boilerstrip-html-1",
        "fast": fast.export(_core.feature_names("html_fast")),
        "default": default.export(_core.feature_names("html_default")),
        "vocab": json.loads(vocab),
    }, separators=(",", ":"))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", required=True)
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--out", default=str(ROOT / "rust" / "models" / "html.json"))
    ap.add_argument("--report", default=str(ROOT / "benchmarks" / "results" / "train_html_report.json"))
    ap.add_argument("--cache", default=str(ROOT / "benchmarks" / "results" / "cache" / "trafilatura.json.gz"))
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--depth", type=int, default=HTML_PARAMS["depth"])
    ap.add_argument("--rounds", type=int, default=HTML_ROUNDS)
    ap.add_argument("--learning-rate", type=float, default=HTML_PARAMS["learning_rate"])
    ap.add_argument("--foreign-weight", type=float, default=FOREIGN_WEIGHT,
                    help="weight of each page's HTML rewritten in other languages (foreign_html.py) relative to "
                         "the page; 0: none (default: %(default)s)")
    args = ap.parse_args()
    params = dict(HTML_PARAMS, depth=args.depth, learning_rate=args.learning_rate)

    pages = load_pages(args.data, args.limit)
    n = len(pages)
    fold = folds_by_site(pages, args.folds)
    suffix = ".fast.gz" if VOTE_FAST else ".gz"
    votes = trafilatura_outputs(pages, Path(args.cache).with_suffix(suffix), VOTE_FAST)
    # each page's HTML rewritten in other languages (foreign.KINDS), in its page's fold, with its
    # page's labels: the English pages alone taught the models English (foreign_html.py)
    # (rewritten once: the folds' held-out rewrites below are these too)
    rewritten = {kind: [foreign_html.rewrite_html_page(p, kind) for p in pages] for kind in foreign.KINDS}
    extra, labels_from = [], {}
    if args.foreign_weight > 0:
        for kind in foreign.KINDS:
            for i, p in enumerate(rewritten[kind]):
                labels_from[n + len(extra)] = i
                extra.append(p)
        votes = votes + trafilatura_outputs(extra, Path(args.cache).with_suffix(".foreign" + suffix), VOTE_FAST)
    train_pages = pages + extra
    train_fold = fold + [fold[i] for i in labels_from.values()]
    fast = HtmlData(train_pages, None, labels_from)
    default = HtmlData(train_pages, votes, labels_from)
    for d in (fast, default):
        for i in range(n, len(train_pages)):
            d.w[i] = d.w[i] * args.foreign_weight
    golds = [p.gold for p in pages]
    # the vocabulary of the block lines, out of fold (the labels are the same in both modes), of
    # the English pages only (the rewrites have none of their words)
    X = vocab_train.term_matrices(pages, fast.texts[:n])
    vf = vocab_train.Folds(X, fast.y[:n], fast.w[:n], fold, n, args.folds)

    results: dict[str, list] = {"fast": [None] * n, "default": [None] * n}
    # the held-out pages' rewrites too, in the fast mode (scored as foreign.score scores)
    foreign_rows: dict[str, list] = defaultdict(list)
    for k in range(args.folds):
        te = [i for i in range(n) if fold[i] == k]
        mf = fit_fold(fast, train_fold, k, args.folds, vf, params, args.rounds)
        md = fit_fold(default, train_fold, k, args.folds, vf, params, args.rounds)
        models = _core.HtmlModels.from_json(bundle(mf, md, vf.outer[k]))
        htmls = [pages[i].html for i in te]
        urls = [pages[i].url for i in te]
        for mode, v in (("fast", None), ("default", [votes[i] for i in te])):
            res = _core.clean_html_batch(htmls, urls, v, models=models, threads=2)
            for i, r in zip(te, res):
                results[mode][i] = r
        for kind in foreign.KINDS:
            rw = [rewritten[kind][i] for i in te]
            res = _core.clean_html_batch([p.html for p in rw], [p.url for p in rw], None, models=models, threads=2)
            foreign_rows[kind] += [foreign.score(r.text, p.gold, kind) for r, p in zip(res, rw)]
        print(f"fold {k} done", file=sys.stderr)

    report: dict = {"data": os.path.basename(args.data), "pages": n, "folds": args.folds, "depth": args.depth,
                    "rounds": args.rounds, "learning_rate": args.learning_rate,
                    "vote": "trafilatura fast" if VOTE_FAST else "trafilatura default", "versions": versions(),
                    "foreign_weight": args.foreign_weight,
                    "cv_foreign_fast": {kind: {m: statistics.mean(x[j] for x in rows) for j, m in
                                               enumerate(("precision", "recall", "f1"))}
                                        for kind, rows in foreign_rows.items()}}
    for mode in ("fast", "default"):
        rows = [prf(r.text, g) for r, g in zip(results[mode], golds)]
        report[f"cv_{mode}"] = {m: statistics.mean(x[j] for x in rows) for j, m in enumerate(("precision", "recall", "f1"))}
        by_type: dict[str, list] = defaultdict(list)
        for p, row in zip(pages, rows):
            by_type[p.page_type].append(row)
        report[f"cv_{mode}_by_type"] = {
            t: {"pages": len(v), **{m: statistics.mean(x[j] for x in v) for j, m in enumerate(("precision", "recall", "f1"))}}
            for t, v in sorted(by_type.items())
        }
    # final models: the vocabulary on every page, the line models on every page's
    # out-of-fold vocabulary scores (as each fold's were trained)
    final_vocab = vocab_train.fit(X, fast.y[:n], fast.w[:n], list(range(n)))
    final = {d.name: fit_final(d, train_fold, args.folds, vf, params, args.rounds) for d in (fast, default)}
    Path(args.out).write_text(bundle(final["html_fast"], final["html_default"], final_vocab) + "\n")
    Path(args.report).write_text(json.dumps(report, indent=2) + "\n")
    print(json.dumps({k: v for k, v in report.items() if not k.endswith("by_type")}, indent=2))


if __name__ == "__main__":
    main()
