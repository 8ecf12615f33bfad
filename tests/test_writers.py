"""Writers: every output format round-trips, files appear only when complete, names stay
inside the output folder, parts split deterministically."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import synth

import boilerstrip
from boilerstrip.io.parquet_writer import ParquetWriter, read_parquet_records
from boilerstrip.io.parts import PartWriter
from boilerstrip.io.txt_writer import TxtWriter, read_txt_records, safe_relpath
from boilerstrip.io.writers import JsonlWriter


def _records(n: int = 6, *, lines: bool = False) -> list[dict[str, Any]]:
    docs = boilerstrip.clean_text_batch([synth.page_text(i) for i in range(n)], ids=[f"d{i}" for i in range(n)],
                                        urls=[f"https://ex.org/{i}" for i in range(n)])
    recs = [d.to_dict(path=f"in/{i}.txt", added="2026-01-01T00:00:00Z", include_lines=lines) for i, d in enumerate(docs)]
    recs[0]["metadata"].update({"description": "a page", "tags": ["a", "b"], "canonical_url": "https://ex.org/0"})
    recs[1]["metadata"]["some_future_field"] = {"nested": [1, 2]}  # unknown keys survive Parquet
    recs[2]["text"] = "Unicode: caf\u00e9 \u4e2d\u6587 \U0001f600\nsecond line"
    return recs


@pytest.mark.parametrize("name", ["a.jsonl", "a.jsonl.gz", "a.jsonl.zst"])
def test_jsonl_round_trip(tmp_path: Path, name: str) -> None:
    recs = _records()
    with JsonlWriter(tmp_path / name) as w:
        for r in recs:
            w.write(r)
        assert not (tmp_path / name).exists()  # only the temporary file until closed
    assert synth.read_jsonl(tmp_path / name) == recs
    assert w.count == len(recs) and w.bytes_in > 0
    assert not list(tmp_path.glob("*.tmp"))


def test_jsonl_abort_leaves_nothing(tmp_path: Path) -> None:
    with pytest.raises(RuntimeError):
        with JsonlWriter(tmp_path / "a.jsonl.gz") as w:
            w.write({"id": "x"})
            raise RuntimeError("boom")
    assert list(tmp_path.iterdir()) == []


def test_deterministic_bytes(tmp_path: Path) -> None:
    for d in ("x", "y"):
        with JsonlWriter(tmp_path / d / "a.jsonl.gz") as w:
            for r in _records():
                w.write(r)
    assert (tmp_path / "x" / "a.jsonl.gz").read_bytes() == (tmp_path / "y" / "a.jsonl.gz").read_bytes()


@pytest.mark.parametrize("compression", ["zstd", "gzip", None])
def test_parquet_round_trip_with_explicit_schema(tmp_path: Path, compression: str | None) -> None:
    import pyarrow.parquet as pq

    recs = _records(lines=True)
    w = ParquetWriter(tmp_path / "a.parquet", compression=compression)
    for r in recs:
        w.write(r)
    w.close()
    assert read_parquet_records(tmp_path / "a.parquet") == recs
    schema = pq.read_schema(tmp_path / "a.parquet")
    assert schema.names == ["id", "text", "source", "added", "created", "metadata"]
    # an empty part still has the schema
    ParquetWriter(tmp_path / "empty.parquet").close()
    assert pq.read_schema(tmp_path / "empty.parquet") == schema
    assert read_parquet_records(tmp_path / "empty.parquet") == []


def test_txt_round_trip_and_names_stay_inside(tmp_path: Path) -> None:
    recs = _records(4)
    recs[0]["id"] = "../../etc/passwd"
    recs[1]["id"] = "/abs/path"
    recs[2]["id"] = "a b"
    recs[3]["id"] = "a_b"  # the same file name as "a b": must not overwrite it
    w = TxtWriter(tmp_path / "txt")
    for r in recs:
        w.write(r)
    w.close()
    files = sorted(p for p in (tmp_path / "txt").rglob("*") if p.is_file())
    assert all((tmp_path / "txt") in p.parents for p in files)
    assert len(files) == 8
    back = {r["id"]: r for r in read_txt_records(tmp_path / "txt")}
    assert back == {r["id"]: r for r in recs}


def test_safe_relpath() -> None:
    assert safe_relpath("../../etc/passwd") == Path("etc/passwd")
    assert safe_relpath("..") == Path("_")
    assert len(safe_relpath("x" * 1000).name) <= 200


def test_parts_split_by_count_and_size(tmp_path: Path) -> None:
    recs = _records(7)
    pw = PartWriter(lambda k: JsonlWriter(tmp_path / f"c-{k}.jsonl"), max_records=3)
    for r in recs:
        pw.write(r)
    pw.close()
    assert [synth.read_jsonl(tmp_path / f"c-{k}.jsonl") for k in range(3)] == [recs[:3], recs[3:6], recs[6:]]
    pw = PartWriter(lambda k: JsonlWriter(tmp_path / f"s-{k}.jsonl"), max_bytes=1)
    for r in recs[:2]:
        pw.write(r)
    pw.close()
    assert len(pw.parts) == 2
    pw = PartWriter(lambda k: JsonlWriter(tmp_path / f"e-{k}.jsonl"), max_records=3)
    pw.close()  # no records: still one (empty) part
    assert (tmp_path / "e-0.jsonl").read_bytes() == b""


def test_txt_ids_whose_folders_clash_with_files_or_are_too_deep(tmp_path: Path) -> None:
    # "p" writes p.txt, "p.txt/q" needs a folder p.txt; "deep" nests past PATH_MAX:
    # each used to fail the whole run with FileExistsError / ENAMETOOLONG
    ids = ["p", "p.txt/q", "r.json/s", "r", "x/" * 3000 + "end", "P.TXT/q"]
    recs = _records(len(ids))
    for r, rid in zip(recs, ids):
        r["id"] = rid
    w = TxtWriter(tmp_path / "txt")
    for r in recs:
        w.write(r)
    w.close()
    assert len(w.files) == 2 * len(ids)
    assert len({f.lower() for f in w.files}) == 2 * len(ids)
    assert all(len(f) < 500 for f in w.files)
    back = {r["id"]: r for r in read_txt_records(tmp_path / "txt")}
    assert back == {r["id"]: r for r in recs}
