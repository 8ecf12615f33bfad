"""The core's training-support batch functions (used by benchmarks/train.py and
vocab_train.py): shapes, batch equals per item, URL count checked."""

import struct

import pytest

from boilerstrip import _core

PAGES = [
    "Home | News | Sport\n\nThe council approved the new bridge on Monday after a long debate about its cost.\n"
    "Residents said the old crossing had been closed for years.\n\nShare post:\n© 2024 Example Media",
    "Menu\nLogin\n\nEin kurzer Artikel über die Straße, die im Frühjahr erneuert wird, wie der Bürgermeister sagte.",
    "",
]
URLS = ["https://example.com/news/council-approves-bridge", None, None]


def test_line_features_rows_match_the_content_lines() -> None:
    width = len(_core.feature_names("lines"))
    out = _core.line_features(PAGES, URLS)
    assert len(out) == len(PAGES)
    for (lines, rows), text in zip(out, PAGES):
        assert len(rows) == 4 * width * len(lines)
        assert all(0 <= i < max(1, len(_core.split_lines(text))) for i in lines)
        assert all(v == v for v in struct.unpack(f"<{len(rows) // 4}f", rows))  # no NaN
    assert out == [_core.line_features([p], [u])[0] for p, u in zip(PAGES, URLS)]


def test_line_terms_are_per_content_line_and_batch_equals_per_item() -> None:
    out = _core.line_terms(PAGES, URLS)
    feats = _core.line_features(PAGES, URLS)
    for (starts_b, terms_b), (lines, _) in zip(out, feats):
        starts = struct.unpack(f"<{len(starts_b) // 4}I", starts_b)
        terms = struct.unpack(f"<{len(terms_b) // 4}I", terms_b)
        assert len(starts) == len(lines) + 1 and starts[0] == 0 and starts[-1] == len(terms)
        assert list(starts) == sorted(starts)
        assert all(t < 1 << 18 for t in terms)
    assert out == [_core.line_terms([p], [u])[0] for p, u in zip(PAGES, URLS)]


def test_url_count_must_match() -> None:
    with pytest.raises(ValueError):
        _core.line_features(PAGES, URLS[:1])
    with pytest.raises(ValueError):
        _core.line_terms(PAGES, URLS[:1])
