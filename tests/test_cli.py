"""The command line: cleaning folders, rejects, the output record, explain, help."""

from __future__ import annotations

import gzip
import json
import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from boilerstrip.cli import main, safe_relpath

ROOT = Path(__file__).resolve().parent.parent


def read_jsonl(path: Path) -> list[dict]:
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as f:
        return [json.loads(line) for line in f]


def test_clean_seeds_folder(tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert main(["clean", str(ROOT / "seeds"), "-o", str(out), "-q"]) == 0
    recs = read_jsonl(out / "documents.jsonl")
    assert [r["id"] for r in recs] == ["000_ae3e6398481b2092", "001_572ea1f0c8d1b358"]
    for r in recs:
        assert set(r) == {"id", "text", "source", "added", "created", "metadata"}
        assert r["metadata"]["title"] and r["text"]
        assert r["metadata"]["path"].endswith(".txt")
    assert read_jsonl(out / "rejects.jsonl") == []
    stats = json.loads((out / "stats.json").read_text())
    assert stats["inputs"] == 2 and stats["kept"] == 2 and stats["rejected"] == 0
    assert stats["lines_dropped_by_reason"]["related-teaser"] >= 9


def test_bad_inputs_go_to_rejects(tmp_path: Path) -> None:
    src = tmp_path / "in"
    (src / "sub").mkdir(parents=True)
    shutil.copy(ROOT / "seeds" / "001_572ea1f0c8d1b358.txt", src / "good.txt")
    (src / "empty.txt").write_bytes(b"")
    (src / "blank.txt").write_bytes(b" \n\n\t\n")
    (src / "binary.txt").write_bytes(bytes(range(256)) * 64)
    (src / "sub" / "page.html").write_text("<html><body><script>var x=1;</script></body></html>")
    (src / "broken.txt.gz").write_bytes(b"\x1f\x8b\x08\x00not really gzip")
    (src / "ok.txt.gz").write_bytes(gzip.compress((ROOT / "seeds" / "000_ae3e6398481b2092.txt").read_bytes()))
    (src / "ignored.pdf").write_bytes(b"%PDF")
    out = tmp_path / "out"
    assert main(["clean", str(src), "-o", str(out), "-q", "--compress"]) == 0
    docs = read_jsonl(out / "documents.jsonl.gz")
    rejects = {r["id"]: r["reason"] for r in read_jsonl(out / "rejects.jsonl")}
    assert sorted(d["id"] for d in docs) == ["good", "ok"]
    assert rejects == {
        "binary": "binary-input",
        "blank": "empty-input",
        "broken": "unreadable",
        "empty": "empty-input",
        "sub/page": "no-content",
    }
    stats = json.loads((out / "stats.json").read_text())
    assert stats["inputs"] == 7 == stats["kept"] + stats["rejected"]
    # --format txt (changed with the pipeline): ID.txt plus an ID.json sidecar, no documents.jsonl
    txt_out = tmp_path / "txt_out"
    assert main(["clean", str(src), "-o", str(txt_out), "-q", "--format", "txt"]) == 0
    assert not (txt_out / "documents.jsonl").exists()
    assert json.loads((txt_out / "txt" / "good.json").read_text())["id"] == "good"
    good = (txt_out / "txt" / "good.txt").read_text()
    assert "One reason why" in good and "Financial Products" not in good


def test_missing_path_is_a_reject_not_a_crash(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out"
    (tmp_path / "a.txt").write_text("The council approved the new park on Monday after a long debate in the hall.\n")
    assert main(["clean", str(tmp_path / "a.txt"), str(tmp_path / "nope"), "-o", str(out), "-q"]) == 0
    assert [r["reason"] for p in sorted(out.glob("rejects*.jsonl")) for r in read_jsonl(p)] == ["not-found"]
    # ... and a typo is named on stderr, even with -q
    assert f"no such file or folder: {tmp_path / 'nope'}" in capsys.readouterr().err
    # with nothing else to read it is a bad argument (it exited 0 with an empty run)
    assert main(["clean", str(tmp_path / "nope"), "-o", str(tmp_path / "out2"), "-q"]) == 2
    assert f"no such file or folder: {tmp_path / 'nope'}" in capsys.readouterr().err
    assert not (tmp_path / "out2").exists()
    # and so with --dry-run (it exited 0)
    assert main(["clean", str(tmp_path / "nope"), "-o", str(tmp_path / "out2"), "--dry-run"]) == 2


def test_the_summary_counts_in_words(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text("The council approved the new riverside park on Monday after a long debate.\n")
    (src / "notes.pdf").write_bytes(b"%PDF-1.4")
    assert main(["clean", str(src), "-o", str(tmp_path / "out")]) == 0
    err = capsys.readouterr().err
    assert "1 input: 1 kept" in err and "0 duplicates;" in err and "rejects file" not in err
    assert "1 file passed over (files_skipped)" in err


def test_an_input_in_the_output_folder_is_refused_not_deleted(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out"
    assert main(["clean", str(ROOT / "seeds"), "-o", str(out), "-q"]) == 0
    before = (out / "documents.jsonl").read_bytes()
    # cleaning a run's own output into the same folder would clear it before reading it
    for inp in (out / "documents.jsonl", out):
        assert main(["clean", str(inp), "-o", str(out), "-q"]) == 2
        assert "is in the output folder" in capsys.readouterr().err
    assert (out / "documents.jsonl").read_bytes() == before


def test_a_large_max_bytes_is_a_limit_not_an_allocation(tmp_path: Path) -> None:
    # 32 GiB: read(n) allocated n bytes up front, a MemoryError on the 20 KB seed pages
    out = tmp_path / "out"
    assert main(["clean", str(ROOT / "seeds"), "-o", str(out), "-q", "--max-bytes", str(32 << 30)]) == 0
    assert len(read_jsonl(out / "documents.jsonl")) == 2


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
@pytest.mark.parametrize("name", ["b.txt", "b.jsonl", "b.jsonl.gz", "b.warc", "b.parquet"])
def test_a_fifo_among_the_pages_is_rejected_not_waited_for(tmp_path: Path, name: str) -> None:
    pages = tmp_path / "pages"
    pages.mkdir()
    (pages / "a.txt").write_text("A page of text with enough words to be kept as it is.\n")
    os.mkfifo(pages / name)  # no writer: open() would block for ever (a corpus file's too)
    out = tmp_path / "out"
    assert main(["clean", str(pages), "-o", str(out), "-q", "--workers", "0"]) == 0
    rejects = [r for p in sorted(out.glob("rejects*.jsonl")) for r in read_jsonl(p)]
    assert [r["reason"] for r in rejects] == ["unreadable"]
    assert rejects[0]["id"].startswith("b")
    assert "not a regular file" in rejects[0]["detail"]  # (not "empty": a pipe's size says nothing)
    assert sum(len(read_jsonl(p)) for p in out.glob("documents*.jsonl")) == 1


def test_unwritable_output_fails_clearly(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    assert main(["clean", str(ROOT / "seeds"), "-o", str(blocker / "out")]) == 1
    assert "cannot create output folder" in capsys.readouterr().err


def test_safe_relpath_stays_inside() -> None:
    assert safe_relpath("../../etc/passwd") == Path("etc/passwd")
    assert safe_relpath("/abs/x") == Path("abs/x")
    assert safe_relpath("..") == Path("_")
    assert ".." not in safe_relpath("a/../../b").parts


def test_explain_prints_reasons(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["explain", str(ROOT / "seeds" / "001_572ea1f0c8d1b358.txt")]) == 0
    out = capsys.readouterr().out
    assert "# title: China Backing Kim Jong Il Means Party Ties Still Drive Policy" in out
    assert "browser-notice" in out and "contact-list" in out
    assert "\033[" not in out  # no colours when not a terminal


def test_help_and_bad_arguments() -> None:
    r = subprocess.run([sys.executable, "-m", "boilerstrip.cli", "--help"], capture_output=True, text=True)
    assert r.returncode == 0 and "clean" in r.stdout and "explain" in r.stdout
    r = subprocess.run([sys.executable, "-m", "boilerstrip.cli", "clean", "--help"], capture_output=True, text=True)
    assert r.returncode == 0 and "--threshold" in r.stdout and "rejects.jsonl" in r.stdout
    r = subprocess.run([sys.executable, "-m", "boilerstrip.cli", "clean", "x", "-o", "y", "--threshold", "7"], capture_output=True, text=True)
    assert r.returncode == 2 and "threshold" in r.stderr
    r = subprocess.run([sys.executable, "-m", "boilerstrip.cli", "frobnicate"], capture_output=True, text=True)
    assert r.returncode == 2
    # an empty path was the current folder, walked whole
    r = subprocess.run([sys.executable, "-m", "boilerstrip.cli", "clean", "", "-o", "y"], capture_output=True, text=True)
    assert r.returncode == 2 and "PATH is empty" in r.stderr


def test_console_script_on_seeds(tmp_path: Path) -> None:
    exe = shutil.which("boilerstrip")
    if exe is None:
        pytest.skip("console script not on PATH (package not installed with pip)")
    r = subprocess.run([exe, "clean", str(ROOT / "seeds"), "-o", str(tmp_path / "out")], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    assert len(read_jsonl(tmp_path / "out" / "documents.jsonl")) == 2


def test_explain_a_corpus_file_shows_one_record_not_its_raw_lines(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # a JSONL file used to be explained as one page: its raw {"id": ...} lines, "KEEP content"
    text = (ROOT / "seeds" / "001_572ea1f0c8d1b358.txt").read_text(encoding="utf-8")
    corpus = tmp_path / "c.jsonl"
    corpus.write_text(json.dumps({"id": "first", "text": "A short first record."}) + "\n"
                      + json.dumps({"id": "seed", "body": text}) + "\n")
    assert main(["explain", str(corpus), "--record", "seed", "--text-field", "body"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("# record: seed (position 1)\n")
    assert "# title: China Backing Kim Jong Il Means Party Ties Still Drive Policy" in out
    assert '{"id"' not in out
    assert main(["explain", str(corpus)]) == 0 and "A short first record." in capsys.readouterr().out
    # bad arguments exit 2, as the exit codes say; a record that cannot be read exits 1
    assert main(["explain", str(corpus), "--record", "missing"]) == 2
    assert "no record 'missing'" in capsys.readouterr().err
    assert main(["explain", str(corpus), "--record", ""]) == 2  # was "no record in this file", exit 1
    assert "no record ''" in capsys.readouterr().err
    assert main(["explain", str(tmp_path)]) == 2  # a folder: not its first file, silently
    assert "not a folder" in capsys.readouterr().err
    assert main(["explain", str(tmp_path / "nothing-here.txt")]) == 2
    assert "no such file" in capsys.readouterr().err
    # ids of digits: an id wins over a position (--record 0 showed the first record, of id "1")
    digits = tmp_path / "d.jsonl"
    digits.write_text("".join(json.dumps({"id": i, "text": f"Record {i} of the file."}) + "\n" for i in ("1", "0", "x")))
    assert main(["explain", str(digits), "--record", "0"]) == 0
    assert capsys.readouterr().out.startswith("# record: 0 (position 1)\n")
    assert main(["explain", str(digits), "--record", "2"]) == 0  # no id "2": the position
    assert capsys.readouterr().out.startswith("# record: x (position 2)\n")


def test_text_format_markdown(tmp_path: Path) -> None:
    from test_html import CODE, DOC_PAGE

    src = tmp_path / "in"
    src.mkdir()
    (src / "page.html").write_text(DOC_PAGE)
    for fmt in ("plain", "markdown"):
        out = tmp_path / fmt
        assert main(["clean", str(src), "-o", str(out), "-q", "--html-mode", "fast", "--text-format", fmt]) == 0
        (doc,) = read_jsonl(out / "documents.jsonl")
        assert (f"```\n{CODE}\n```" in doc["text"]) == (fmt == "markdown")
        assert CODE in doc["text"]
    with pytest.raises(SystemExit) as e:
        main(["clean", str(src), "-o", str(tmp_path / "x"), "--text-format", "html"])
    assert e.value.code == 2


def test_single_pass_flag_and_the_fast_preset(tmp_path: Path) -> None:
    for args in (["--single-pass"], ["--preset", "fast"], []):
        out = tmp_path / "-".join(args or ["default"])
        assert main(["clean", str(ROOT / "seeds"), "-o", str(out), "-q", *args]) == 0
        docs = [json.loads(line) for line in (out / "documents.jsonl").read_text().splitlines()]
        assert {d["metadata"]["stats"]["passes"] for d in docs} == ({1} if args else {2})



def test_the_command_line_wins_over_a_preset_also_on_settings_that_exclude_each_other(tmp_path: Path) -> None:
    # --threshold over the recall preset's floor, --floor over the precision preset's
    # threshold, --format txt over the parquet preset's compression, and a preset's floor over
    # the file's threshold: each pair was refused (exit 2) as set together
    def texts(*args: str) -> list[str]:
        out = tmp_path / f"o{len(list(tmp_path.iterdir()))}"
        assert main(["clean", str(ROOT / "seeds"), "-o", str(out), "-q", *args]) == 0
        if (out / "documents.jsonl").exists():
            return [json.loads(line)["text"] for line in (out / "documents.jsonl").read_text().splitlines()]
        return sorted(p.read_text() for p in (out / "txt").rglob("*.txt"))

    strict = texts("--threshold", "0.9")
    assert strict != texts("--preset", "recall")
    assert texts("--preset", "recall", "--threshold", "0.9") == strict
    assert texts("--preset", "precision", "--floor", "0.3") == texts("--floor", "0.3")
    assert texts("--preset", "parquet", "--format", "txt") == texts("--format", "txt")
    cfg = tmp_path.parent / f"{tmp_path.name}.toml"
    cfg.write_text("threshold = 0.9\n")
    assert texts("--config", str(cfg), "--preset", "recall") == texts("--preset", "recall")
    # (on one command line, the pair is still refused)
    with pytest.raises(SystemExit) as e:
        main(["clean", str(ROOT / "seeds"), "-o", str(tmp_path / "x"), "-q", "--floor", "0.3", "--threshold", "0.5"])
    assert e.value.code == 2


BIG = "99999999999999999999999"


@pytest.mark.parametrize("args", [
    ["--timeout", "nan"], ["--timeout", "-1"], ["--shard-size-mb", "inf"], ["--shard-size-mb", "1e300"],
    ["--max-bytes", BIG], ["--max-lines", BIG], ["--min-words", BIG], ["--limit", BIG], ["--shard-records", BIG],
    ["--files-per-shard", BIG], ["--workers", BIG], ["--min-language-score", "nan"], ["--dedup", "near", "--dedup-threshold", "nan"],
])
def test_numbers_out_of_range_are_usage_errors(tmp_path: Path, args: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    # each was a traceback (orjson: "Integer exceeds 64-bit range"; int(inf)) or, for the
    # timeout, a silent "no limit"
    with pytest.raises(SystemExit) as e:
        main(["clean", str(ROOT / "seeds"), "-o", str(tmp_path / "out"), "-q", *args])
    assert e.value.code == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err and ("not a number" in err or "range" in err or "must be" in err)
    assert not (tmp_path / "out").exists()
    if args[0] in ("--max-bytes", "--max-lines"):
        with pytest.raises(SystemExit) as e:
            main(["explain", str(ROOT / "seeds" / "000_ae3e6398481b2092.txt"), *args])
        assert e.value.code == 2


def test_library_options_are_numbers_and_a_run_holds_64_bits() -> None:
    from boilerstrip import Options
    from boilerstrip.pipeline.config import RunConfig

    with pytest.raises(ValueError, match="timeout"):
        Options(timeout=float("nan"))
    # the library takes any size (no limit); a run's state is JSON of 64-bit integers
    assert Options(max_bytes=2**70).max_bytes == 2**70
    with pytest.raises(ValueError, match="64-bit"):
        RunConfig(output="x", options=Options(max_bytes=2**70))
    with pytest.raises(ValueError, match="64-bit"):
        RunConfig(output="x", limit=2**70)
    assert RunConfig(output="x", options=Options(max_bytes=2**64 - 1)).options.max_bytes == 2**64 - 1


def test_a_full_disk_at_the_end_is_an_error_not_a_traceback(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    import errno

    from boilerstrip.pipeline.state import OutputState

    def full(self: OutputState, stats: dict) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(OutputState, "write_stats", full)
    assert main(["clean", str(ROOT / "seeds"), "-o", str(tmp_path / "out"), "-q", "--workers", "0"]) == 1
    err = capsys.readouterr().err
    assert "No space left on device" in err and "--resume" in err and "Traceback" not in err


@pytest.mark.parametrize(("extra", "advice"), [([], "add --resume"), (["--dedup", "exact"], "--overwrite")])
def test_an_interrupted_run_says_how_to_go_on(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
                                              extra: list[str], advice: str) -> None:
    # an interrupted corpus run said "add --resume", which such a run then refused
    import boilerstrip.cli as cli

    def interrupted(*a: object, **k: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(cli, "run", interrupted)
    (tmp_path / "a.txt").write_text("A page.")
    assert cli.main(["clean", str(tmp_path / "a.txt"), "-o", str(tmp_path / "out"), "-q", *extra]) == 130
    assert advice in capsys.readouterr().err


def test_explain_reads_standard_input() -> None:
    # `clean -` read it, `explain -` said "no such file: -"
    page = sorted((ROOT / "seeds").glob("*.txt"))[0].read_bytes()
    for data in (page, gzip.compress(page)):
        r = subprocess.run([sys.executable, "-m", "boilerstrip.cli", "explain", "-", "--no-color"], input=data, capture_output=True)
        assert r.returncode == 0 and b"KEEP" in r.stdout and b"# title:" in r.stdout, r.stderr
    r = subprocess.run(shlex.join([sys.executable, "-m", "boilerstrip.cli", "explain", "-"]) + " <&-", shell=True, capture_output=True)
    assert r.returncode == 2 and b"standard input is closed" in r.stderr


def test_content_overrules_a_misleading_file_name(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    para = "The council approved the new riverside park on Monday after a long debate, and work will start in spring."
    (src / "page_as.txt").write_text(f"<!DOCTYPE html><html><body><nav>Home</nav><article><p>{para}</p></article></body></html>")
    (src / "text_as.html").write_text(f"Home\nNews\n\n{para}\n\nShare this\n")
    out = tmp_path / "out"
    assert main(["clean", str(src), "-o", str(out), "-q"]) == 0
    recs = {r["id"]: r for r in read_jsonl(out / "documents.jsonl")}
    assert recs["page_as"]["text"] == para  # read as HTML: no markup in the text
    assert recs["page_as"]["metadata"]["format"] == "html"
    assert recs["text_as"]["text"] == para  # read as text: its lines, not one run-together line
    assert recs["text_as"]["metadata"]["format"] == "text"


def test_a_named_file_of_an_unknown_suffix_is_read_by_its_content(tmp_path: Path) -> None:
    para = "The council approved the new riverside park on Monday after a long debate, and work will start in spring."
    corpus = tmp_path / "pages.data"
    corpus.write_text(json.dumps({"id": "r1", "text": para}) + "\n" + json.dumps({"id": "r2", "text": para + " Again."}) + "\n")
    out = tmp_path / "out"
    assert main(["clean", str(corpus), "-o", str(out), "-q"]) == 0
    assert [r["id"] for r in read_jsonl(out / "documents.jsonl")] == ["r1", "r2"]


def test_explain_exits_1_when_no_text_comes_out(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # the help says so; an empty file, binary junk or an empty record were shown and exited 0
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "junk.html").write_bytes(bytes(range(256)) * 8)
    (tmp_path / "r.jsonl").write_text(json.dumps({"id": "a", "text": ""}) + "\n")
    for f in ("empty.txt", "junk.html", "r.jsonl"):
        assert main(["explain", str(tmp_path / f)]) == 1, f
        assert "# rejected:" in capsys.readouterr().out
    # a filter's reject keeps its text: shown, exit 0
    (tmp_path / "short.txt").write_text("The council approved the new riverside park on Monday after a long debate.\n")
    assert main(["explain", str(tmp_path / "short.txt"), "--min-words", "50"]) == 0
    assert "# rejected: too-short" in capsys.readouterr().out


def test_the_same_run_with_its_folder_spelt_otherwise_replaces_its_output(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # `seeds/`, `seeds` and `./seeds/` give the same records; the second was refused as a run
    # of other inputs (exit 2)
    monkeypatch.chdir(ROOT)
    out = tmp_path / "out"
    for spelt in ("seeds/", "seeds", "./seeds/", str(ROOT / "seeds")):
        assert main(["clean", spelt, "-o", str(out), "-q"]) == 0, spelt
    assert main(["clean", "seeds", "-o", str(out), "-q", "--threshold", "0.9"]) == 2  # (other settings: still refused)
