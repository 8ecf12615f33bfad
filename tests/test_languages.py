"""The language filter: ``Options(languages=..., min_language_score=...)`` and ``--languages``,
and the language and its confidence in every record."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import boilerstrip
from boilerstrip import Options, _core
from boilerstrip.cli import main

ROOT = Path(__file__).resolve().parent.parent

EN = ("The council approved the new park on Monday after a long debate, and the work will start in the "
      "spring when the weather is better for the crews that have to do it.")
DE = ("Der Gemeinderat hat den neuen Park am Montag nach einer langen Debatte beschlossen, und die Arbeiten "
      "beginnen im Frühjahr, wenn das Wetter für die Mannschaften besser ist, die sie machen müssen.")
PAGE_EN = f"Home | News | Sport\n\n{EN}\n\n{EN.replace('park', 'road')}\n\nShare this article"
PAGE_DE = f"Start | Nachrichten\n\n{DE}\n\n{DE.replace('Park', 'Weg')}\n\nArtikel teilen"


def _html(text: str) -> str:
    return f"<html><body><nav>Home</nav><article><p>{text}</p><p>{text}</p></article></body></html>"


def test_options_normalise_and_check_the_codes() -> None:
    assert Options(languages="en, DE,en").languages == ("en", "de")
    assert Options(languages=["fr"]).languages == ("fr",)
    assert Options(languages={"nl", "de"}).languages == ("de", "nl")
    assert Options().languages is None
    assert Options(languages="no,nb,en").languages == ("nb", "en")  # ISO 639-1's Norwegian is the detector's nb
    assert set(_core.language_codes()) >= {"en", "de", "zh", "ja", "ms"} and "eng" not in _core.language_codes()
    for bad, err in [("eng", ValueError), ("", ValueError), ([], ValueError), (5, TypeError), (["en", 1], TypeError)]:
        with pytest.raises(err, match="languag"):
            Options(languages=bad)  # type: ignore[arg-type]
    for bad in (-0.1, 1.5, float("nan")):
        with pytest.raises(ValueError, match="min_language_score"):
            Options(min_language_score=bad)
    with pytest.raises(TypeError, match="min_language_score"):
        Options(min_language_score="0.5")  # type: ignore[arg-type]


@pytest.mark.parametrize("clean", [
    lambda text, opts: boilerstrip.clean_text(text, options=opts),
    lambda text, opts: boilerstrip.clean_html(_html(text.split("\n\n")[1]), options=opts.with_(html_mode="fast")),
], ids=["text", "html"])
def test_documents_outside_the_languages_are_rejected_with_the_language_found(clean: object) -> None:
    en = clean(PAGE_EN, Options())  # type: ignore[operator]
    de = clean(PAGE_DE, Options())  # type: ignore[operator]
    assert (en.language, de.language) == ("en", "de")
    assert 0.5 < en.language_score <= 1.0 and 0.5 < de.language_score <= 1.0
    assert en.to_dict()["metadata"]["language_score"] == en.language_score
    keep_en = Options(languages="en")
    assert clean(PAGE_EN, keep_en).rejected is None  # type: ignore[operator]
    doc = clean(PAGE_DE, keep_en)  # type: ignore[operator]
    assert doc.rejected == "wrong-language" and doc.language == "de"
    assert doc.rejected_detail == f"language de ({de.language_score:.2f})"
    assert clean(PAGE_DE, Options(languages=("en", "de"))).rejected is None  # type: ignore[operator]
    # the confidence floor, on its own and with the list
    assert clean(PAGE_EN, Options(min_language_score=en.language_score)).rejected is None  # type: ignore[operator]
    if en.language_score < 1.0:
        doc = clean(PAGE_EN, Options(min_language_score=1.0))  # type: ignore[operator]
        assert doc.rejected == "uncertain-language" and doc.rejected_detail.startswith("language en")


def test_a_text_without_a_language_is_outside_every_list() -> None:
    opts = Options(languages="en", min_words=2)
    assert opts.rejection("12 34 56", 3, language=None) == "wrong-language"
    assert opts.rejection("x", 1, language="de") == "too-short"  # the earlier reasons first
    assert opts.rejection("", 0, language="de") == "no-content"
    assert Options(min_language_score=0.5).rejection("a b", 2, language=None) == "uncertain-language"
    doc = boilerstrip.Document(text="12 34", language=None, rejected="wrong-language")
    assert doc.rejected_detail == "no language found"
    assert boilerstrip.Document(text="a", rejected="too-short").rejected_detail is None


def test_cli_languages_writes_rejects_and_refuses_unknown_codes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out"
    assert main(["clean", str(ROOT / "seeds"), "-o", str(out), "-q", "--languages", "de,fr"]) == 0
    rejects = [json.loads(line) for line in (out / "rejects.jsonl").read_text().splitlines()]
    assert [r["reason"] for r in rejects] == ["wrong-language"] * 2
    assert all(r["detail"].startswith("language en (") for r in rejects)
    stats = json.loads((out / "stats.json").read_text())
    assert stats["rejected_by_reason"] == {"wrong-language": 2} and stats["kept"] == 0
    assert main(["clean", str(ROOT / "seeds"), "-o", str(tmp_path / "en"), "-q", "--languages", "en"]) == 0
    docs = [json.loads(line) for line in (tmp_path / "en" / "documents.jsonl").read_text().splitlines()]
    assert [d["metadata"]["language"] for d in docs] == ["en", "en"]
    assert all(0.5 < d["metadata"]["language_score"] <= 1 for d in docs)
    with pytest.raises(SystemExit) as e:
        main(["clean", str(ROOT / "seeds"), "-o", str(tmp_path / "x"), "--languages", "english"])
    assert e.value.code == 2 and "unknown language code 'english'" in capsys.readouterr().err


def test_config_file_sets_the_languages(tmp_path: Path) -> None:
    cfg = tmp_path / "b.toml"
    cfg.write_text('languages = "fr"\nmin-language-score = 0.1\n')
    out = tmp_path / "out"
    assert main(["clean", str(ROOT / "seeds"), "-o", str(out), "-q", "--config", str(cfg)]) == 0
    assert json.loads((out / "stats.json").read_text())["rejected_by_reason"] == {"wrong-language": 2}


def test_parquet_keeps_the_language_score(tmp_path: Path) -> None:
    pytest.importorskip("pyarrow")
    from boilerstrip.io.parquet_writer import read_parquet_records

    out = tmp_path / "out"
    assert main(["clean", str(ROOT / "seeds"), "-o", str(out), "-q", "--format", "parquet"]) == 0
    recs = read_parquet_records(out / "documents.parquet")
    jsonl = tmp_path / "j"
    assert main(["clean", str(ROOT / "seeds"), "-o", str(jsonl), "-q"]) == 0
    docs = [json.loads(line) for line in (jsonl / "documents.jsonl").read_text().splitlines()]
    assert [r["metadata"]["language_score"] for r in recs] == [d["metadata"]["language_score"] for d in docs]
    assert all(isinstance(r["metadata"]["language_score"], float) for r in recs)


def test_integration_rows_carry_the_rejection_and_its_detail() -> None:
    # the rows HF datasets and Ray Data get: a rejected row says the language found
    from boilerstrip.integrations._rows import RawInput, reject_of_row, rows_of

    rows = list(rows_of([RawInput(PAGE_EN, id="en"), RawInput(PAGE_DE, id="de")], options=Options(languages="de")))
    assert [(r["id"], r["rejected"]) for r in rows] == [("en", "wrong-language"), ("de", None)]
    assert rows[0]["detail"].startswith("language en (") and rows[1]["detail"] is None
    assert reject_of_row(rows[0])["reason"] == "wrong-language"
    assert json.loads(rows[1]["metadata"])["language"] == "de"
