"""The vocabulary score of the text path (``rust/vocab.rs``): a logistic regression over the
hashed words and word pairs of a line, trained on the labelled lines of the raw pages.

Its score is a feature of the line model, so the line model must be trained on scores the
regression gives to lines it did not see: for the line model of fold ``k``, the lines of a
page in fold ``j != k`` are scored by a regression trained on neither fold ``j`` nor fold
``k`` (no label of the held-out fold reaches its models, and no line is scored by a
regression that saw it). The held-out fold itself is cleaned with the regression of every
fold but ``k``, as the Rust pipeline runs it. The shipped regression is trained on every
page; the shipped line model on every page's out-of-fold scores.

The terms are computed by the core (``_core.line_terms``) and the features too
(``_core.line_features(vocab=...)``), so training sees the numbers the runtime computes.
scikit-learn is needed here only.
"""

from __future__ import annotations

import base64
import json

import numpy as np
from scipy.sparse import csr_matrix, vstack
from sklearn.linear_model import LogisticRegression

from boilerstrip import _core

BITS = 18
# the bucket scheme of rust/vocab.rs (HASHING there): a vocabulary of another scheme is refused
HASHING = 1
C = 1.0


def term_matrices(pages: list, texts: list[str] | None = None) -> list[csr_matrix]:
    """Per page, its content lines' terms as rows of 0/1 scaled to unit length (the score
    divides the weight sum by the square root of the term count). `texts`: the page texts
    (default: each page's `page_text`; the HTML path gives its block texts)."""
    out = []
    texts = texts if texts is not None else [p.page_text for p in pages]
    for starts_b, terms_b in _core.line_terms(texts, [p.url for p in pages]):
        starts = np.frombuffer(starts_b, dtype="<u4").astype(np.int64)
        terms = np.frombuffer(terms_b, dtype="<u4").astype(np.int64)
        counts = np.diff(starts)
        scale = np.repeat(1.0 / np.sqrt(np.maximum(counts, 1)), counts).astype(np.float32)
        out.append(csr_matrix((scale, terms, starts), shape=(len(counts), 1 << BITS)))
    return out


def fit(X: list[csr_matrix], y: list[np.ndarray], w: list[np.ndarray], idx: list[int], c: float = C) -> str:
    """A regression on the lines of pages `idx`, as the JSON of a bundle's `vocab`: weights
    quantised to one signed byte per bucket."""
    idx = [i for i in idx if X[i].shape[0]]
    lr = LogisticRegression(C=c, solver="liblinear", max_iter=300)
    lr.fit(vstack([X[i] for i in idx]), np.concatenate([y[i] for i in idx]), sample_weight=np.concatenate([w[i] for i in idx]))
    coef = lr.coef_.ravel()
    scale = float(np.abs(coef).max()) / 127.0 or 1.0
    q = np.clip(np.round(coef / scale), -127, 127).astype(np.int8)
    return json.dumps({"hashing": HASHING, "bits": BITS, "bias": float(lr.intercept_[0]), "scale": scale,
                       "weights": base64.b64encode(q.tobytes()).decode("ascii")})


class Folds:
    """The regressions of a k-fold run: ``outer[k]`` (every fold but ``k``, raw pages only)
    and ``inner[k, j]`` (every fold but ``k`` and ``j``)."""

    def __init__(self, X, y, w, fold: list[int], raw: int, k_folds: int, c: float = C) -> None:
        n = len(fold)
        raw_of = lambda keep: [i for i in range(min(n, raw)) if keep(fold[i])]  # noqa: E731
        self.outer = {k: fit(X, y, w, raw_of(lambda f: f != k), c) for k in range(k_folds)}
        self.inner = {(k, j): fit(X, y, w, raw_of(lambda f: f not in (k, j)), c)
                      for k in range(k_folds) for j in range(k_folds) if j != k}
