"""Line labels for training: which lines of a page's raw text belong to its gold main content.

The page's tokens (all lines, in order) are aligned to the gold's tokens with difflib's
longest-matching-blocks; a line is content when most of its tokens fall in blocks of at least
``MIN_BLOCK`` tokens (or in a block that spans the whole line). Short chance matches (a menu
item "News" that also occurs in the article) are in short blocks and do not count.
"""

from __future__ import annotations

from difflib import SequenceMatcher

from common import tokens

MIN_BLOCK = 3


def line_labels(lines: list[str], gold: str) -> list[float]:
    """Fraction of each line's tokens aligned to the gold (0..1)."""
    gtoks = tokens(gold)
    ptoks: list[str] = []
    owner: list[int] = []
    spans: list[tuple[int, int]] = []
    for i, line in enumerate(lines):
        t = tokens(line)
        spans.append((len(ptoks), len(ptoks) + len(t)))
        ptoks.extend(t)
        owner.extend([i] * len(t))
    matched = [False] * len(ptoks)
    if ptoks and gtoks:
        sm = SequenceMatcher(None, ptoks, gtoks, autojunk=False)
        for a, _b, size in sm.get_matching_blocks():
            if size == 0:
                continue
            if size >= MIN_BLOCK:
                ok = True
            else:
                # a short block counts only if it is a whole line (a one-word heading)
                first, last = owner[a], owner[a + size - 1]
                ok = first == last and spans[first] == (a, a + size)
            if ok:
                for k in range(a, a + size):
                    matched[k] = True
    out = []
    for s, e in spans:
        out.append(sum(matched[s:e]) / (e - s) if e > s else 0.0)
    return out
