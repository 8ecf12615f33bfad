"""The fast text path (``Options(scorer="fast")``, ``rust/fast.rs``): what it keeps and drops
on the seeds, its properties on any input, and what it leaves out."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from boilerstrip import Options, _core, clean_text, clean_text_batch
from boilerstrip.errors import InputError

from test_properties import pages
from test_seeds import SEED0, SEED1

FAST = Options(scorer="fast")


def lines_of(doc) -> dict[str, tuple[bool, str]]:
    return {ln.text: (ln.kept, ln.reason) for ln in doc.lines if ln.text}


def test_seed0_keeps_the_article_and_drops_the_chrome() -> None:
    doc = clean_text(SEED0.read_text(encoding="utf-8"), options=FAST)
    d = lines_of(doc)
    for chrome in ("35.1 C", "Tuesday, April 23, 2024", "Share post:", "Related articles"):
        assert not d[chrome][0], chrome
    prose = [t for t in d if len(t.split()) >= 25]
    kept = [t for t in prose if d[t][0]]
    assert len(kept) >= 0.8 * len(prose)
    assert doc.title is None and doc.author is None and doc.date is None
    assert doc.language == "en"


def test_seed1_keeps_the_article_and_drops_the_chrome() -> None:
    text = SEED1.read_text(encoding="utf-8")
    fast, model = clean_text(text, options=FAST), clean_text(text)
    # most of what the default path keeps, little of what it drops
    ours = {ln.text for ln in fast.lines if ln.kept}
    theirs = {ln.text for ln in model.lines if ln.kept}
    words = lambda ls: sum(len(t.split()) for t in ls)  # noqa: E731
    assert words(ours & theirs) >= 0.8 * words(theirs)
    assert words(ours - theirs) <= 0.2 * words(ours)


def test_every_dropped_line_has_a_reason_and_a_score() -> None:
    doc = clean_text(SEED0.read_text(encoding="utf-8"), options=FAST)
    for ln in doc.lines:
        if not ln.text:
            assert ln.reason == "blank"
        elif ln.kept:
            assert ln.reason == "content"
        else:
            assert ln.reason in _core.REASON_NAMES and ln.reason not in ("content", "blank", "title")
            assert 0.0 <= ln.score <= 1.0
    reasons = {ln.reason for ln in doc.lines}
    # named as the default path names them: by shape, by the widget a line is about
    assert {"weather", "date-header", "share-widget", "alt-text"} <= reasons


def test_kept_lines_carry_the_default_path_s_line_hashes() -> None:
    text = SEED0.read_text(encoding="utf-8")
    fast = _core.clean_text(text, scorer="fast")
    model = _core.clean_text(text)
    fh = memoryview(fast.line_hashes).cast("Q")
    mh = memoryview(model.line_hashes).cast("Q")
    kept = [i for i in range(len(fast.kept)) if fast.kept[i]]
    assert kept
    for i in kept:
        assert fh[i] == mh[i] != 0
    # the dropped lines' are not computed (see `fast::clean_text`)
    assert all(fh[i] == 0 for i in range(len(fast.kept)) if not fast.kept[i])


def test_threshold_and_floor_are_the_knob() -> None:
    text = SEED0.read_text(encoding="utf-8")
    words = lambda o: len(clean_text(text, options=o).text.split())  # noqa: E731
    assert words(Options(scorer="fast", threshold=0.9)) <= words(FAST) <= words(Options(scorer="fast", floor=0.1))
    assert words(Options(scorer="fast", threshold=0.0)) >= words(Options(scorer="fast", floor=0.1))


def test_reading_options_need_the_default_scorer() -> None:
    for name in ("markdown", "segment", "unwrap"):
        with pytest.raises(ValueError, match="scorer='fast'"):
            Options(scorer="fast", **{name: True})
        Options(scorer="fast", **{name: False})


def test_bad_input_is_rejected_not_raised() -> None:
    assert clean_text("", options=FAST).rejected
    assert clean_text("\x00\x01\x02" * 100, options=FAST).rejected
    with pytest.raises(InputError):
        clean_text_batch("not a list", options=FAST)


def test_a_model_of_other_features_is_refused() -> None:
    with pytest.raises(ValueError, match="fast features"):
        _core.FastModel.from_json('{"format":"boilerstrip-fast-1","lines":{"feature_names":["x"],"bias":0,"trees":[]}}')
    with pytest.raises(ValueError, match="format"):
        _core.FastModel.from_json('{"format":"boilerstrip-text-2","lines":{"feature_names":[],"bias":0,"trees":[]}}')


@given(pages())
def test_kept_lines_are_input_lines(text: str) -> None:
    doc = clean_text(text, options=FAST)
    inputs = set(_core.split_lines(re.sub("[\u2028\u2029\x85]", "\n", text)))
    normal = {_core.normalize_text(line) for line in inputs}
    for line in doc.text.split("\n"):
        assert line == "" or line in normal


@given(pages())
def test_deterministic(text: str) -> None:
    a, b = clean_text(text, options=FAST), clean_text(text, options=FAST)
    assert a.text == b.text
    assert [(ln.kept, ln.reason, ln.score) for ln in a.lines] == [(ln.kept, ln.reason, ln.score) for ln in b.lines]


@given(st.lists(pages(), max_size=6), st.sampled_from([1, 2]))
def test_batch_equals_per_item(texts: list[str], threads: int) -> None:
    batch = clean_text_batch(texts, options=FAST, threads=threads)
    for t, d in zip(texts, batch):
        one = clean_text(t, options=FAST)
        assert (d.text, d.rejected, [ln.kept for ln in d.lines]) == (one.text, one.rejected, [ln.kept for ln in one.lines])


@given(pages())
def test_clean_text_is_idempotent(text: str) -> None:
    """The kept lines are read again until that reading keeps them all (see
    `fast::clean_text`), as cleaning the clean text reads them."""
    once = clean_text(text, options=FAST).text
    assert clean_text(once, options=FAST).text == once


def test_the_cli_takes_the_scorer_and_the_preset(tmp_path) -> None:
    import json

    from boilerstrip.cli import main

    for args in (["--scorer", "fast"], ["--preset", "fast-text"]):
        out = tmp_path / args[1]
        assert main(["clean", str(SEED0.parent), "-o", str(out), "-q", *args]) == 0
        docs = [json.loads(line) for line in (out / "documents.jsonl").read_text().splitlines()]
        assert len(docs) == 2
        for d in docs:
            assert "Share post:" not in d["text"]
            assert d["metadata"]["title"] is None
