"""Hugging Face datasets: ``Dataset.map(clean_batch, batched=True)`` on a real Dataset.
Skipped without ``datasets``."""

from __future__ import annotations

import json

import pytest

datasets = pytest.importorskip("datasets")

import boilerstrip  # noqa: E402
from boilerstrip.integrations import record_from_row  # noqa: E402
from boilerstrip.integrations.hf import clean_batch, clean_dataset, output_features  # noqa: E402
from integration_corpus import HTML_PAGE, SEEDS  # noqa: E402

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning", "ignore::ResourceWarning")


@pytest.fixture()
def pages() -> list[dict]:
    seeds = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    return [
        {"id": "a", "text": seeds[0], "url": "https://example.org/a", "lang_hint": "en"},
        {"id": "b", "text": "", "url": None, "lang_hint": "xx"},
        {"id": "c", "text": HTML_PAGE, "url": "https://town.example/park", "lang_hint": "en"},
        {"id": "d", "text": seeds[1], "url": None, "lang_hint": "en"},
    ]


def test_map_batched_keeps_rows_and_marks_rejects(pages: list[dict]) -> None:
    ds = datasets.Dataset.from_list(pages)
    out = ds.map(clean_batch, batched=True, batch_size=3)
    assert len(out) == 4
    assert out["rejected"] == [None, "empty-input", None, None]
    assert out["lang_hint"] == ["en", "xx", "en", "en"]  # columns it does not return are kept
    assert out[0]["text"] == boilerstrip.clean_text(pages[0]["text"], url=pages[0]["url"]).text
    html = boilerstrip.clean_html(HTML_PAGE, url="https://town.example/park")
    assert out[2]["text"] == html.text
    rec = record_from_row(out[2])
    assert rec["id"] == "c" and rec["metadata"]["format"] == "html" and rec["metadata"]["title"] == html.title
    assert json.loads(out[3]["metadata"])["stats"]["lines_dropped"] == boilerstrip.clean_text(pages[3]["text"]).reason_counts


def test_map_gives_the_library_record(pages: list[dict]) -> None:
    ds = datasets.Dataset.from_list(pages)
    out = ds.map(clean_batch, batched=True, fn_kwargs={"added": "2024-01-01T00:00:00Z", "source": "test"})
    want = boilerstrip.clean_text(pages[3]["text"], id="d").to_dict(source="test", added="2024-01-01T00:00:00Z")
    assert record_from_row(out[3]) == want


def test_drop_rejected_with_remove_columns(pages: list[dict]) -> None:
    ds = datasets.Dataset.from_list(pages)
    out = ds.map(clean_batch, batched=True, batch_size=2, fn_kwargs={"drop_rejected": True, "mode": "auto"},
                 remove_columns=ds.column_names)
    assert out["id"] == ["a", "c", "d"]
    assert all(t for t in out["text"]) and set(out["rejected"]) == {None}


def test_other_column_names(pages: list[dict]) -> None:
    ds = datasets.Dataset.from_list([{"page": p["text"], "key": p["id"]} for p in pages])
    out = ds.map(clean_batch, batched=True, fn_kwargs={"text_column": "page", "id_column": "key",
                                                       "output_text_column": "clean", "metadata_column": "bs_meta"})
    assert out["page"][0] == pages[0]["text"]  # the raw page is left as it was
    assert out["clean"][0] == boilerstrip.clean_text(pages[0]["text"]).text
    assert out["id"] == ["a", "b", "c", "d"] and "bs_meta" in out.column_names


def test_missing_column_is_a_clear_error() -> None:
    with pytest.raises(KeyError, match="no column 'text'"):
        clean_batch({"body": ["x"]})
    with pytest.raises(ValueError):
        clean_batch({"text": ["x"]}, mode="pdf")
    # ragged columns of a hand-built batch: IndexError before
    with pytest.raises(ValueError, match="differ in length"):
        clean_batch({"text": ["x", "y"], "id": ["a"]})


def test_bad_values_are_rejects_not_crashes() -> None:
    out = clean_batch({"text": [None, 5, b"\x00\x01" * 200, "   "]}, mode="text")
    assert out["rejected"] == ["empty-input", "wrong-type", "binary-input", "empty-input"]
    assert out["text"] == ["", "", "", ""]


def test_a_url_that_is_not_text_is_a_reject_as_in_the_cli() -> None:
    # the CLI rejects such a record as wrong-type; one bad url used to crash the whole batch
    seeds = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    out = clean_batch({"text": [seeds[0], seeds[0], seeds[1]], "url": [7, ["https://a.example/"], "https://b.example/"]})
    assert out["rejected"] == ["wrong-type", "wrong-type", None]
    assert out["text"][:2] == ["", ""] and out["text"][2] == boilerstrip.clean_text(seeds[1], url="https://b.example/").text


def _first_batch_all_kept(pages: list[dict]) -> datasets.Dataset:
    # the first batch has no reject (``rejected`` all None there), a later one has
    a, b, c, d = pages
    return datasets.Dataset.from_list([a, d, c, a, b, d])


def test_a_first_batch_without_rejects_does_not_fix_the_column_as_null(pages: list[dict]) -> None:
    # datasets infers a column's type from the first batch written: all None gives a null
    # column, and the later batch with a reject crashed map ("its type in this file is null")
    ds = _first_batch_all_kept(pages)
    out = ds.map(clean_batch, batched=True, batch_size=2, features=output_features(ds))
    assert out["rejected"] == [None, None, None, None, "empty-input", None]
    assert out.features["rejected"] == datasets.Value("string") and out.features["lang_hint"] == ds.features["lang_hint"]
    assert clean_dataset(ds, batch_size=2)["rejected"] == out["rejected"]


def test_clean_dataset_on_two_processes(pages: list[dict]) -> None:
    # an HTML page cleaned here first starts this process's trafilatura worker; the forked
    # map workers inherit the handle to it, which is not theirs to use ("can only test a
    # child process")
    boilerstrip.clean_html(HTML_PAGE)
    ds = _first_batch_all_kept(pages)
    out = clean_dataset(ds, batch_size=1, num_proc=2, source="s")
    assert out["rejected"] == [None, None, None, None, "empty-input", None]
    assert out["lang_hint"] == ds["lang_hint"] and set(out["source"]) == {"s"}
    kept = clean_dataset(ds, batch_size=2, num_proc=2, drop_rejected=True)
    assert kept.column_names == ["id", "text", "source", "added", "created", "rejected", "detail", "metadata"]
    assert kept["id"] == ["a", "d", "c", "a", "d"]


def test_output_features_name_the_renamed_columns(pages: list[dict]) -> None:
    ds = datasets.Dataset.from_list([{"page": p["text"], "key": i} for i, p in enumerate(pages)])
    kw = {"text_column": "page", "id_column": "key", "output_text_column": "clean", "metadata_column": "bs_meta"}
    out = clean_dataset(ds, batch_size=1, **kw)
    assert out.column_names == ["page", "key", "id", "clean", "source", "added", "created", "rejected", "detail", "bs_meta"]
    assert out["id"] == ["0", "1", "2", "3"] and out["rejected"] == [None, "empty-input", None, None]


def test_clean_dataset_takes_every_split(pages: list[dict]) -> None:
    # load_dataset without split= gives a DatasetDict, which has no single ``features``
    dd = datasets.DatasetDict({"train": _first_batch_all_kept(pages), "test": datasets.Dataset.from_list(pages[:2])})
    out = clean_dataset(dd, batch_size=2)
    assert out["train"]["rejected"] == [None, None, None, None, "empty-input", None]
    assert out["test"]["rejected"] == [None, "empty-input"]


def test_float_and_missing_ids_read_as_the_ray_cleaner_reads_them(pages: list[dict]) -> None:
    # an id column of floats (pandas' int column with a gap): 7.0 was the id "7.0" here and
    # "7" in Ray, and every NaN the one id "nan" in Ray
    from boilerstrip.integrations._rows import id_text

    batch = {"id": [7.0, float("nan"), None, "x"], "text": [p["text"] for p in pages], "url": [p["url"] for p in pages]}
    out = clean_batch(batch)
    assert out["id"][0] == "7" and out["id"][3] == "x"
    assert "nan" not in out["id"] and len(set(out["id"])) == 4  # the missing ones: hashes of their inputs
    assert [id_text(x) for x in (7.0, 7.5, float("nan"), None, 3)] == ["7", "7.5", None, None, "3"]


def test_a_streamed_dataset_of_unknown_columns_drops_its_rejects_and_has_one_added(pages: list[dict],
                                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    # its columns could not be named for removal: the first batch with a reject raised
    # "Column lengths mismatch"; and each batch read the clock for its own ``added``
    import boilerstrip.integrations.hf as hf_mod

    def rows():
        yield from pages

    ds = datasets.IterableDataset.from_generator(rows)
    assert ds.column_names is None  # (what the case is about)
    kept = list(clean_dataset(ds, batch_size=2, drop_rejected=True))
    assert [r["id"] for r in kept] == ["a", "c", "d"]
    assert set(kept[0]) == {"id", "text", "source", "added", "created", "rejected", "detail", "metadata"}
    ticks = iter(f"2024-01-01T00:00:{s:02d}Z" for s in range(60))
    monkeypatch.setattr(hf_mod, "now_iso", lambda: next(ticks))  # a clock that moves at every call
    out = clean_dataset(datasets.Dataset.from_list([{"text": p["text"]} for p in pages] * 3), batch_size=2)
    assert len(set(out["added"])) == 1


def test_every_split_of_a_call_has_the_same_added(pages: list[dict], monkeypatch: pytest.MonkeyPatch) -> None:
    import boilerstrip.integrations.hf as hf_mod

    ticks = iter(f"2024-01-01T00:00:{s:02d}Z" for s in range(60))
    monkeypatch.setattr(hf_mod, "now_iso", lambda: next(ticks))
    dd = datasets.DatasetDict({"train": datasets.Dataset.from_list(pages), "test": datasets.Dataset.from_list(pages[:2])})
    out = clean_dataset(dd, batch_size=1)
    assert len(set(out["train"]["added"]) | set(out["test"]["added"])) == 1
