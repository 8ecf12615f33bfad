"""Ray Data: a local Ray (2 CPUs) cleans a small corpus into the records the CLI writes, and
finds known near duplicates. Skipped when Ray is not installed (``pip install '.[ray]'``)."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

ray = pytest.importorskip("ray")
pytest.importorskip("ray.data")
pa = pytest.importorskip("pyarrow")

from boilerstrip.cli import main  # noqa: E402
from boilerstrip.integrations.minhash import MinHashConfig, near_duplicate_clusters  # noqa: E402
from boilerstrip.integrations.ray import BoilerstripCleaner, clean_files, to_records, write_outputs  # noqa: E402
from boilerstrip.integrations.ray_dedup import mark_duplicates, near_duplicates  # noqa: E402
from integration_corpus import make_corpus, near_duplicate_corpus  # noqa: E402

# Ray and its dependencies warn about their own deprecations; those are not ours to fix
pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning", "ignore::FutureWarning", "ignore::ResourceWarning",
                                        "ignore::pytest.PytestUnraisableExceptionWarning")


@pytest.fixture(scope="module")
def local_ray():
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False, configure_logging=False)
    try:
        yield
    finally:
        ray.shutdown()


def _read_jsonl(path: Path) -> list[dict]:
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as f:
        return [json.loads(line) for line in f]


def _without_added(records: list[dict]) -> list[dict]:
    return sorted(({k: v for k, v in r.items() if k != "added"} for r in records), key=lambda r: r["id"])


@pytest.mark.parametrize("include_lines", [False, True])
def test_ray_gives_the_cli_records(tmp_path: Path, local_ray: None, include_lines: bool) -> None:
    src = make_corpus(tmp_path / "in")
    out = tmp_path / "cli"
    args = ["clean", str(src), "-o", str(out), "-q"] + (["--include-lines"] if include_lines else [])
    assert main(args) == 0
    cli_docs = [r for p in sorted(out.glob("documents*.jsonl*")) for r in _read_jsonl(p)]
    cli_rejects = [r for p in sorted(out.glob("rejects*.jsonl*")) for r in _read_jsonl(p)]
    assert len(cli_docs) == 4 and len(cli_rejects) == 4  # the corpus is what the test thinks it is

    ds = clean_files([src], concurrency=2, batch_size=3, include_lines=include_lines)
    docs, rejects = to_records(ds)
    assert _without_added(docs) == _without_added(cli_docs)
    assert _without_added(rejects) == _without_added(cli_rejects)
    assert len({r["added"] for r in docs + rejects}) == 1  # one timestamp for the run, as the CLI


def test_write_outputs_matches_the_cli_folder(tmp_path: Path, local_ray: None) -> None:
    src = make_corpus(tmp_path / "in")
    assert main(["clean", str(src), "-o", str(tmp_path / "cli"), "-q"]) == 0
    stats = write_outputs(clean_files([src], concurrency=1), tmp_path / "ray", max_records=3)
    cli_stats = json.loads((tmp_path / "cli" / "stats.json").read_text())
    for key in ("inputs", "kept", "rejected", "rejected_by_reason", "lines_dropped_by_reason"):
        assert stats[key] == cli_stats[key], key
    parts = sorted(p.name for p in (tmp_path / "ray").glob("documents-*.jsonl"))
    assert parts == ["documents-00000.jsonl", "documents-00001.jsonl"]  # 4 records, 3 per part
    ray_docs = [r for p in sorted((tmp_path / "ray").glob("documents-*.jsonl")) for r in _read_jsonl(p)]
    assert _without_added(ray_docs) == _without_added(_read_jsonl(tmp_path / "cli" / "documents.jsonl"))
    assert json.loads((tmp_path / "ray" / "stats.json").read_text())["kept"] == 4
    assert not list((tmp_path / "ray").glob("*.tmp"))
    assert sum(len(_read_jsonl(p)) for p in (tmp_path / "ray").glob("rejects-*.jsonl")) == 4


def test_write_outputs_writes_empty_parts_for_nothing(tmp_path: Path, local_ray: None) -> None:
    stats = write_outputs(ray.data.from_arrow(pa.table({"text": pa.array([], pa.string())})).map_batches(
        BoilerstripCleaner, batch_format="pyarrow", compute=ray.data.ActorPoolStrategy(size=1)), tmp_path / "out")
    assert stats["inputs"] == 0
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["documents-00000.jsonl", "rejects-00000.jsonl", "stats.json"]


def test_cleaner_on_an_arrow_dataset(local_ray: None) -> None:
    page = (Path(__file__).resolve().parent.parent / "seeds").glob("*.txt")
    text = sorted(page)[0].read_text(encoding="utf-8")
    ds = ray.data.from_arrow(pa.table({
        "html": [text, "", "<html><body><p>" + "Short. " * 3 + "</p></body></html>"],
        "page_url": ["https://example.org/a", None, None],
        "crawl": ["c1", "c2", "c3"],
    }))
    out = ds.map_batches(
        BoilerstripCleaner,
        fn_constructor_kwargs={"text_column": "html", "url_column": "page_url", "keep_columns": ["crawl"],
                               "keep_rejected": False, "mode": "auto", "options": {"min_words": 5}},
        batch_format="pyarrow",
        compute=ray.data.ActorPoolStrategy(size=1),
    ).take_all()
    assert len(out) == 1
    row = out[0]
    assert row["crawl"] == "c1" and row["rejected"] is None and row["text"]
    assert json.loads(row["metadata"])["url"] == "https://example.org/a"
    import boilerstrip

    assert row["text"] == boilerstrip.clean_text(text, url="https://example.org/a").text


def test_cleaner_rejects_bad_arguments() -> None:
    with pytest.raises(ValueError):
        BoilerstripCleaner(mode="pdf")


def test_near_duplicates_on_ray(local_ray: None) -> None:
    rows, expected = near_duplicate_corpus()
    ds = ray.data.from_items(rows, override_num_blocks=3)
    clusters = near_duplicates(ds, num_partitions=2, batch_size=4)
    assert clusters == expected
    assert clusters == near_duplicate_clusters([r["id"] for r in rows], [r["text"] for r in rows])
    marked = {r["id"]: (r["dup_cluster"], r["dup_keep"]) for r in mark_duplicates(ds, clusters).take_all()}
    assert marked["base0"] == ("base0", True)
    assert marked["base0-edited"] == ("base0", False) and marked["base0-chrome"] == ("base0", False)
    assert marked["base1-case"] == ("base1", False)
    assert marked["base3"] == (None, True) and marked["empty"] == (None, True)
    assert sum(keep for _, keep in marked.values()) == len(rows) - 3


def test_near_duplicates_takes_another_signature_fn(local_ray: None) -> None:
    rows, _ = near_duplicate_corpus()
    ds = ray.data.from_items(rows)
    config = MinHashConfig(num_perm=64, bands=8)

    def first_word_only(texts, cfg):  # a stand-in: documents with the same first word collide
        import numpy as np

        from boilerstrip.integrations.minhash import numpy_signatures

        return numpy_signatures([t.split()[0] if t.split() else "" for t in texts], cfg).astype(np.uint32)

    clusters = near_duplicates(ds, config=config, signature_fn=first_word_only, num_partitions=2)
    assert clusters == near_duplicate_clusters([r["id"] for r in rows], [r["text"] for r in rows], config, first_word_only)
    # only the first word counts now: the chrome copy (it starts with "Home") leaves base0's
    # cluster, and the first third of base2 joins base2's
    assert clusters == [["base0", "base0-edited"], ["base1", "base1-case"], ["base2", "base2-third"]]


def _mixed_pages() -> pa.Table:
    text = sorted((Path(__file__).resolve().parent.parent / "seeds").glob("*.txt"))[0].read_text(encoding="utf-8")
    # the second and third rows are rejected: with batch_size=2 one batch is rejects only
    return pa.table({"text": [text, None, "   ", text + "\nShare this"], "id": [1, 2, 3, 4],
                     "crawl": ["c1", "c2", "c3", "c4"]})


@pytest.mark.parametrize("batch_format", ["pandas", "numpy"])
def test_cleaner_takes_every_batch_format(local_ray: None, batch_format: str) -> None:
    # map_batches' default format is NumPy, and pandas is common: both used to fail on the
    # Arrow-only batch.num_rows
    def run(fmt: str, compute: object) -> tuple[list[dict], object]:
        ds = ray.data.from_arrow(_mixed_pages()).map_batches(
            BoilerstripCleaner, fn_constructor_kwargs={"keep_columns": ["crawl"], "added": "2024-01-01T00:00:00Z"},
            batch_format=fmt, batch_size=2, compute=compute).materialize()
        return sorted(ds.take_all(), key=lambda r: r["id"]), ds.schema()

    want, want_schema = run("pyarrow", ray.data.ActorPoolStrategy(size=1))
    got, schema = run(batch_format, ray.data.ActorPoolStrategy(size=1))
    assert [r["rejected"] for r in want] == [None, "empty-input", "empty-input", None]
    assert got == want and schema == want_schema


def test_cleaner_runs_as_tasks_and_refuses_colliding_columns(local_ray: None) -> None:
    cleaner = BoilerstripCleaner(keep_rejected=False, added="2024-01-01T00:00:00Z")
    out = ray.data.from_arrow(_mixed_pages()).map_batches(cleaner, batch_format="pyarrow", batch_size=2).take_all()
    assert sorted(r["id"] for r in out) == ["1", "4"]
    # a kept column named like an output column made a table with two "id" fields, which
    # Ray failed on later with "Field "id" exists 2 times in schema"
    with pytest.raises(ValueError, match="id"):
        BoilerstripCleaner(keep_columns=["crawl", "id"])


def test_near_duplicates_of_nothing(local_ray: None) -> None:
    # every page rejected, so the README's ``kept`` is empty: Ray's hash shuffle failed on
    # the schema-less empty blocks ("Invalid sort key column")
    rows, _ = near_duplicate_corpus()
    kept = ray.data.from_items(rows, override_num_blocks=2).filter(expr="id == 'none'")
    assert near_duplicates(kept, num_partitions=2) == []


def test_near_duplicates_refuses_shared_ids(local_ray: None) -> None:
    # two copies under one id (the cleaner's default id is the clean text's hash) were taken
    # for one document, and no duplicate was found
    text = "the council approved the new riverside park on monday after a long debate"
    ds = ray.data.from_items([{"id": "p1", "text": text}, {"id": "p1", "text": text}, {"id": "p2", "text": "another page entirely"}])
    with pytest.raises(ValueError, match="'p1'"):
        near_duplicates(ds, num_partitions=2)


def test_an_error_column_of_another_kind_is_a_clear_error() -> None:
    # a dataset's own "error" column of flags (the cleaner reads "error" for read_files'
    # reasons) failed deep in Arrow with "Expected bytes, got a 'int' object"
    page = "the council approved the new riverside park on monday after a long debate"
    with pytest.raises(TypeError, match="error_column=None"):
        BoilerstripCleaner()(pa.table({"text": [page, page], "error": [0, 1]}))
    out = BoilerstripCleaner(error_column=None)(pa.table({"text": [page, page], "error": [0, 1]}))
    assert out.column("rejected").to_pylist() == [None, None]
    out = BoilerstripCleaner()(pa.table({"text": [page, page], "error": [None, "fetch-failed"], "detail": [None, 404]}))
    assert out.column("rejected").to_pylist() == [None, "fetch-failed"] and out.column("detail").to_pylist() == [None, "404"]


def test_marking_twice_replaces_the_marks_and_a_missing_id_is_in_no_cluster() -> None:
    from boilerstrip.integrations.ray_dedup import _mark

    batch = pa.table({"id": ["a", "b", None, "c"], "text": ["x", "x", "y", "z"]})
    once = _mark(batch, cluster_of={"a": "a", "b": "a"}, id_column="id")
    assert once.column("dup_cluster").to_pylist() == ["a", "a", None, None]
    assert once.column("dup_keep").to_pylist() == [True, False, True, True]
    # a second pass (another threshold): one column of each name, the new marks
    twice = _mark(once, cluster_of={"b": "b", "c": "b"}, id_column="id")
    assert twice.column_names == ["id", "text", "dup_cluster", "dup_keep"]
    assert twice.column("dup_cluster").to_pylist() == [None, "b", None, "b"]
    assert twice.column("dup_keep").to_pylist() == [True, True, True, False]
    # ids "None" and None are different documents
    assert _mark(batch, cluster_of={"None": "None"}, id_column="id").column("dup_cluster").to_pylist() == [None] * 4


def test_int_ids_with_a_missing_one_keep_their_digits_in_a_pandas_batch() -> None:
    pd = pytest.importorskip("pandas")
    text = "The council approved the new park on Monday after a long debate, and work will start in spring."
    # pandas keeps an int column with a missing value as floats: 7 became the id "7.0"
    batch = pd.DataFrame({"text": [text, text, text], "id": [7, None, 9]})
    out = BoilerstripCleaner(added="2024-01-01T00:00:00Z")(batch)
    ids = out.column("id").to_pylist()
    assert ids[0] == "7" and ids[2] == "9" and ids[1] not in ("nan", "None", "7.0")


def test_a_column_the_cleaner_does_not_read_cannot_fail_the_batch() -> None:
    # Ray's default batch is a dict of NumPy arrays: every column went through Arrow, and a
    # column of ints and strings ("ArrowInvalid") failed the batch though nothing reads it
    import numpy as np

    text = "The council approved the new park on Monday after a long debate, and work will start in spring."
    batch = {"text": np.array([text, text], dtype=object), "note": np.array([1, "two"], dtype=object)}
    out = BoilerstripCleaner(added="2024-01-01T00:00:00Z")(batch)
    assert out.num_rows == 2 and out.column("rejected").to_pylist() == [None, None]
    with pytest.raises(TypeError, match="'note'"):
        BoilerstripCleaner(keep_columns=["note"])(batch)
    # ragged columns of a hand-built dict: pyarrow's ArrowInvalid before
    with pytest.raises(ValueError, match="differ in length"):
        BoilerstripCleaner()({"text": [text, text], "id": ["a"]})


@pytest.mark.parametrize("fmt", ["pandas", "numpy"])
def test_a_page_column_of_mixed_values_is_read_row_by_row_in_every_format(fmt: str) -> None:
    # pandas and NumPy hold a column of str, bytes, None and a number as objects: turned into
    # one Arrow column first, it failed the batch (TypeError, ArrowTypeError), every page lost
    pd = pytest.importorskip("pandas")
    import numpy as np

    text = "The council approved the new park on Monday after a long debate, and work will start in spring.\n" * 3
    pages = [text, text.encode(), None, 5]
    ids = ["str", "bytes", "missing", "number"]
    want = BoilerstripCleaner(added="2024-01-01T00:00:00Z")(pa.table({"id": ids, "text": pa.array(
        [text, text, None, None])}))  # (the Arrow batch of what can be typed: the first rows' outcome)
    batch = (pd.DataFrame({"id": ids, "text": pages}) if fmt == "pandas"
             else {"id": np.array(ids, dtype=object), "text": np.array(pages, dtype=object)})
    out = BoilerstripCleaner(added="2024-01-01T00:00:00Z")(batch)
    assert out.column("rejected").to_pylist() == [None, None, "empty-input", "wrong-type"]
    assert out.column("text").to_pylist()[:2] == want.column("text").to_pylist()[:2]
    # a pandas NaN (an all-missing column is floats) is no page, not a number
    nan = BoilerstripCleaner(added="2024-01-01T00:00:00Z")(pd.DataFrame({"text": [float("nan")]}))
    assert nan.column("rejected").to_pylist() == ["empty-input"]
    # ... and in NumPy's array of objects the same (it was a wrong-type page there)
    nan = BoilerstripCleaner(added="2024-01-01T00:00:00Z")({"text": np.array([text, float("nan")], dtype=object)})
    assert nan.column("rejected").to_pylist() == [None, "empty-input"]


def test_clean_files_decides_a_files_kind_as_the_cli_and_reads_names_that_are_not_utf8(tmp_path: Path,
                                                                                        local_ray: None) -> None:
    # the kind came from the name alone: an HTML page saved as .txt kept its markup as text;
    # and a Latin-1 name could not go into the Arrow listing (UnicodeEncodeError, the run lost)
    import os

    src = tmp_path / "in"
    src.mkdir()
    article = "".join(f"<p>Paragraph {i} tells how the council approved the new park after a long debate, "
                      "residents said on Monday.</p>" for i in range(5))
    (src / "page.txt").write_text(f"<!DOCTYPE html><html><head><title>Park</title></head><body>{article}</body></html>")
    (src / "notes.html").write_text("The council met on Monday.\nIt approved the new park after a long debate.\n" * 3)
    with open(os.path.join(os.fsencode(src), b"caf\xe9.txt"), "wb") as f:
        f.write(b"The cafe opened on Monday after a long wait, and the street was full of its first guests.\n" * 3)
    assert main(["clean", str(src), "-o", str(tmp_path / "cli"), "-q"]) == 0
    cli_docs = _read_jsonl(tmp_path / "cli" / "documents.jsonl")
    docs, rejects = to_records(clean_files([src], concurrency=1))
    assert not rejects and len(docs) == 3
    assert _without_added(docs) == _without_added(cli_docs)
    assert next(d for d in docs if d["id"] == "page")["metadata"]["title"] == "Park"


def test_write_outputs_refuses_a_folder_with_output_unless_told_to_overwrite(tmp_path: Path, local_ray: None) -> None:
    # a smaller run into the same folder left the earlier run's later parts beside its own
    src = make_corpus(tmp_path / "in")
    out = tmp_path / "out"
    write_outputs(clean_files([src], concurrency=1), out, max_records=1)
    assert len(list(out.glob("documents-*.jsonl"))) == 4
    with pytest.raises(FileExistsError, match="overwrite"):
        write_outputs(clean_files([src], concurrency=1), out, max_records=1)
    stats = write_outputs(clean_files([src], concurrency=1), out, max_records=10, overwrite=True)
    parts = sorted(p.name for p in out.glob("documents-*.jsonl"))
    assert parts == ["documents-00000.jsonl"] and stats["kept"] == len(_read_jsonl(out / parts[0])) == 4
    # the CLI's folder of --format txt is output too
    cli = tmp_path / "cli"
    assert main(["clean", str(src), "-o", str(cli), "-q", "--format", "txt"]) == 0
    with pytest.raises(FileExistsError):
        write_outputs(clean_files([src], concurrency=1), cli)
    write_outputs(clean_files([src], concurrency=1), cli, overwrite=True)
    assert not (cli / "txt").exists() and (cli / "documents-00000.jsonl").exists()
