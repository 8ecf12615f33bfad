"""The compiled core: normalisation, dedup keys, hashes, line splitting."""

from __future__ import annotations

import pytest

from boilerstrip import _core, dedup_key, normalize_text, text_hash


def test_normalize_text_nfc_whitespace_controls() -> None:
    assert normalize_text("Cafe\u0301  au\u00a0lait\t!") == "Caf\u00e9 au lait !"
    assert normalize_text("a\u0000b") == "a\ufffdb"  # replaced, not deleted
    assert normalize_text("x\r\ny\rz") == "x\ny\nz"
    assert normalize_text("\ufeffhello\u200b") == "hello"


def test_normalize_keeps_line_count() -> None:
    text = "one\n\n  two  \n\n\nthree"
    assert len(normalize_text(text).split("\n")) == len(text.split("\n"))


def test_dedup_key_like_ccnet() -> None:
    assert dedup_key("  Héllo, World! 2024 ") == "hello world 0000"
    assert dedup_key("ÉCOLE—École") == "ecoleecole"


def test_hashes_are_stable_test_vectors() -> None:
    # Pinned values: a change here invalidates every stored hash in users' corpora.
    assert _core.hash_bytes(b"") == 0x2D06800538D394C2
    assert _core.hash_bytes(b"boilerstrip") == _core.hash_bytes(b"boilerstrip", 0)
    assert text_hash("Hello, World 42") == text_hash("hello world 17")
    assert text_hash("Hello, World") != text_hash("Hello, Moon")


def test_split_lines_normalises_each_line() -> None:
    assert _core.split_lines("a  b\r\n\r\nc") == ["a b", "", "c"]
    assert _core.split_lines("") == []


def test_parse_date_formats() -> None:
    assert _core.parse_date("Tuesday, April 23, 2024") == "2024-04-23"
    assert _core.parse_date("23.04.2024") == "2024-04-23"
    assert _core.parse_date("nothing") is None


def test_bad_arguments_raise_value_error() -> None:
    with pytest.raises(ValueError):
        _core.clean_text("x", threshold=2.0)
    with pytest.raises(ValueError):
        _core.clean_text("x", scorer="magic")
    with pytest.raises(ValueError):
        _core.clean_text_batch(["a", "b"], ["u"])
    with pytest.raises(ValueError):
        _core.Models.from_json("{}")


def test_surrogates_do_not_crash() -> None:
    r = _core.clean_text("bad \udcff surrogate in a sentence that is long enough to read.")
    assert isinstance(r.text, str)


def test_builtin_model_is_present() -> None:
    assert _core.has_builtin_models()
