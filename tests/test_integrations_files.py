"""The Ray path's file listing (``integrations._files``, no Ray needed): the same ids, kinds and
order as the CLI's readers, and every input either listed for reading or an error row."""

from __future__ import annotations

import gzip
import os
import sys
from pathlib import Path

import pytest

from boilerstrip.integrations._files import list_inputs, read_input
from boilerstrip.io.readers import display, iter_paths

MB = 1 << 20


def _tree(root: Path) -> None:
    (root / "b" / "deep").mkdir(parents=True)
    (root / "a.txt").write_text("a page\n")
    (root / "b" / "c.HTML").write_text("<p>an upper-case suffix</p>")
    (root / "b" / "deep" / "d.htm.gz").write_bytes(gzip.compress(b"<p>gzipped</p>"))
    (root / "b" / "notes.md").write_text("not an input")
    (root / "corpus.jsonl").write_text('{"text": "a corpus file"}\n')
    if sys.platform != "darwin":  # macOS file systems refuse names that are not UTF-8
        (root / os.fsdecode(b"caf\xe9.txt")).write_text("a name in Latin-1\n")


def test_listing_matches_the_cli_readers(tmp_path: Path) -> None:
    _tree(tmp_path)
    rows = list(list_inputs([tmp_path]))
    pages = [r for r in rows if r["error"] is None]
    cli = list(iter_paths([tmp_path], max_bytes=MB))
    assert [r["id"] for r in pages] == [r.id for r in cli]
    assert [r["kind"] for r in pages] == [r.kind for r in cli]
    assert [display(r["path"]) for r in pages] == [r.path for r in cli]
    assert "b/c" in [r["id"] for r in pages] and "b/deep/d" in [r["id"] for r in pages]
    # the file names written to JSON are valid UTF-8, as the CLI's
    for r in pages:
        r["id"].encode("utf-8")


def test_corpus_files_and_missing_paths_are_error_rows(tmp_path: Path) -> None:
    _tree(tmp_path)
    missing = tmp_path / "nope"
    rows = list(list_inputs([tmp_path, missing, tmp_path / "corpus.jsonl"]))
    errors = {(r["id"], r["error"]) for r in rows if r["error"]}
    assert ("corpus.jsonl", "unsupported-format") in errors
    assert (str(missing), "not-found") in errors
    assert [r["error"] for r in rows].count("unsupported-format") == 1  # in the folder, and named again: listed once
    assert not any(r["id"].endswith("notes.md") for r in rows)


def test_read_input_names_a_cut_gzip_as_the_cli_does(tmp_path: Path) -> None:
    cut = tmp_path / "cut.txt.gz"
    cut.write_bytes(gzip.compress(b"a page that was cut off in the middle\n" * 200)[:-40])
    data, error, detail = read_input(str(cut), MB)
    (cli,) = iter_paths([cut], max_bytes=MB)
    assert data is None and error == cli.error == "truncated-input"
    assert detail


@pytest.mark.parametrize("limit", [10, MB])
def test_read_input_caps_the_bytes(tmp_path: Path, limit: int) -> None:
    f = tmp_path / "big.txt"
    f.write_bytes(b"x" * 100)
    data, error, _ = read_input(str(f), limit)
    assert error is None and data == b"x" * min(100, limit + 1)
