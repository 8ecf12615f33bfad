"""clean_text: behaviour on typical pages, the options, and hostile inputs."""

from __future__ import annotations

from pathlib import Path

import pytest

import boilerstrip
from boilerstrip import Document, Options, clean_text, clean_text_batch

ARTICLE = """Home
News
Sport
Weather
Contact

Sign in

Council approves the new riverside park after a year of debate

By Jane Miller

The city council voted on Monday to approve the new riverside park, ending a debate that has divided the town for more than a year and filled every public meeting since last spring.

The park will cover twelve hectares of former industrial land along the river, and the first trees are expected to be planted in the autumn, according to the council's planning office.

Supporters said the park would give families in the crowded eastern districts a place to walk and play, while critics argued that the money should have been spent on repairing roads and schools.

Funding

The project will cost about 14 million euros, most of which will come from a regional fund for the renewal of old industrial sites, the mayor told reporters after the vote.

Share this article
Facebook
Twitter
Email

Related articles

Road works to close the main bridge for two weeks

New bus line connects the university and the station

Copyright 2024 The Town Gazette. All rights reserved.
Privacy Policy
"""


def test_keeps_the_article_and_drops_the_chrome() -> None:
    doc = clean_text(ARTICLE, url="https://gazette.example/news/council-approves-new-riverside-park")
    for para in ("The city council voted on Monday", "The park will cover twelve hectares", "Supporters said the park"):
        assert para in doc.text
    for chrome in ("Sign in", "Share this article", "Copyright 2024", "Privacy Policy", "Road works to close"):
        assert chrome not in doc.text
    assert doc.site == "gazette.example"
    assert doc.language == "en"
    # without the URL the whole article is kept
    assert "The project will cost about 14 million euros" in clean_text(ARTICLE).text


@pytest.mark.xfail(strict=True, reason="known miss: with its URL, the model drops this short article's last "
                   "paragraph (score 0.44; the one before the share widget, after a one-word subheading at 0.38), "
                   "which it keeps without the URL (0.73); the first model of the fourteenth session kept it, the "
                   "shipped one (its word estimate for scripts without spaces) does not")
def test_keeps_the_last_paragraph_with_the_url() -> None:
    doc = clean_text(ARTICLE, url="https://gazette.example/news/council-approves-new-riverside-park")
    assert "The project will cost about 14 million euros" in doc.text


def test_every_line_has_a_decision_and_dropped_lines_have_reasons() -> None:
    doc = clean_text(ARTICLE)
    assert len(doc.lines) == len(ARTICLE.splitlines())
    for line in doc.lines:
        assert line.reason in boilerstrip.REASONS
        assert line.kept == (line.reason == "content")
        assert 0.0 <= line.score <= 1.0
        if not line.text:
            assert line.reason == "blank"
    kept_text = "\n".join(ln.text for ln in doc.lines if ln.kept)
    assert kept_text.replace("\n\n", "\n") == doc.text.replace("\n\n", "\n")


def test_lines_index_slice_and_iterate_alike() -> None:
    doc = clean_text(ARTICLE)
    every = list(doc.lines)
    assert doc.lines[3] == every[3] and doc.lines[-1] == every[-1]
    assert doc.lines[2:6] == every[2:6]


def test_document_lines_argument() -> None:
    line = boilerstrip.Line(0, "Some text here", True, "content", 0.9)
    assert list(Document(text="Some text here", lines=[line]).lines) == [line]
    with pytest.raises(TypeError, match="only with result="):  # a text without its decisions
        Document(text="x", lines="x")
    r = boilerstrip._core.clean_text("x")
    with pytest.raises(TypeError, match="must be the text"):  # decisions without their text
        Document(text="x", lines=[line], result=r)


def test_reason_codes_are_readable() -> None:
    doc = clean_text(ARTICLE)
    reasons = {ln.text: ln.reason for ln in doc.lines}
    assert reasons["Privacy Policy"] == "footer"
    assert reasons["Share this article"] == "share-widget"
    assert reasons["Related articles"] == "related-teaser"
    assert reasons["Sign in"] == "login"


def test_metadata_from_text() -> None:
    doc = clean_text(ARTICLE, url="https://gazette.example/news/council-approves-new-riverside-park")
    assert doc.title == "Council approves the new riverside park after a year of debate"
    assert doc.author == "Jane Miller"


def test_author_box_and_announced_date_under_the_text() -> None:
    # no byline near the headline, and a long text: the author box under it names the
    # author, and a "Published ..." line standing apart from the text gives the date
    body = "\n\n".join(
        f"Paragraph {k} of the report says that the council will meet again on the park, and that "
        "the residents of the eastern districts will be asked for their views before the work begins."
        for k in range(70)
    )
    page = (
        "Home\nNews\nSport\n\nCouncil approves the new riverside park after a year of debate\n\n"
        f"{body}\n\nWritten by Jane Miller\n\nJane covers the city council.\n\nShare this article\n"
        + "Archive\n" * 30
        + "Published March 4, 2024\n"
    )
    doc = clean_text(page)
    assert doc.author == "Jane Miller"
    assert doc.date == "2024-03-04"
    # two different bylines are a list, not the page's author; two dates, no date
    two = page.replace("Share this article", "By Bo Chan\n\nShare this article") + "Published May 1, 2024\n"
    assert clean_text(two).author is None
    assert clean_text(two).date is None


def test_threshold_trades_precision_for_recall() -> None:
    loose = clean_text(ARTICLE, options=Options(threshold=0.05))
    strict = clean_text(ARTICLE, options=Options(threshold=0.95))
    assert len(loose.text) >= len(strict.text)
    assert set(strict.text.split("\n")) <= set(loose.text.split("\n")) | {""}


def test_rules_scorer_works_without_the_model() -> None:
    doc = clean_text(ARTICLE, options=Options(scorer="rules"))
    assert "The city council voted on Monday" in doc.text


def test_batch_equals_single() -> None:
    texts = [ARTICLE, "", "Just one short line", ARTICLE.replace("Monday", "Tuesday")]
    batch = clean_text_batch(texts, threads=2)
    single = [clean_text(t) for t in texts]
    assert [d.text for d in batch] == [d.text for d in single]
    assert [d.rejected for d in batch] == [d.rejected for d in single]


def test_to_dict_is_a_dolma_record() -> None:
    rec = clean_text(ARTICLE, url="https://gazette.example/a", id="doc-1").to_dict(source="test", path="a.txt")
    assert set(rec) == {"id", "text", "source", "added", "created", "metadata"}
    assert rec["id"] == "doc-1" and rec["source"] == "test"
    meta = rec["metadata"]
    for key in ("url", "title", "author", "date", "site", "language", "path", "hashes", "stats"):
        assert key in meta
    assert len(meta["hashes"]["text"]) == 16
    assert meta["stats"]["lines_dropped"]
    assert len(meta["hashes"]["lines"]) == meta["stats"]["lines_kept"]


# --- bad input: never a crash, a hang or a silent drop -------------------------------------


def _rejected(doc: Document, reason: str) -> None:
    assert doc.text == ""
    assert doc.rejected == reason


def test_empty_and_whitespace_inputs() -> None:
    _rejected(clean_text(""), "empty-input")
    _rejected(clean_text(" \n\t \n\u3000 "), "empty-input")


def test_nul_laden_input() -> None:
    doc = clean_text("\x00" * 1000)
    assert doc.text == "" and doc.rejected == "binary-input"  # (as the same bytes are)
    # a NUL after every "e" is binary data (more than 1 byte in 100); a few stray NULs are not
    assert clean_text(ARTICLE.replace("e", "e\x00")).rejected == "binary-input"
    doc = clean_text(ARTICLE.replace("the ", "the\x00 ", 5))
    assert "\x00" not in doc.text
    assert "\ufffd" in doc.text  # replaced, not deleted


def test_control_characters_are_replaced() -> None:
    doc = clean_text("The council voted to approve the park \x07 after a long debate that lasted a year, the mayor said.")
    assert "\x07" not in doc.text


def test_huge_single_line_is_rejected_quickly() -> None:
    big = "word " * (11 * 1024 * 1024 // 5)  # 11 MiB on one line
    doc = clean_text(big, options=Options(max_bytes=10 * 1024 * 1024))
    _rejected(doc, "too-large")


def test_large_single_line_is_processed() -> None:
    line = "The council voted to approve the park after a long debate. " * 20000  # ~1.2 MB, one line
    doc = clean_text(line)
    assert doc.rejected is None or doc.rejected == "no-content"


def test_wrong_type_raises_typed_error() -> None:
    import pytest

    with pytest.raises(boilerstrip.InputError) as e:
        clean_text(b"bytes are for clean()")  # type: ignore[arg-type]
    assert e.value.reason == "wrong-type"
    assert isinstance(e.value, ValueError)


def test_bytes_through_clean() -> None:
    doc = boilerstrip.clean(ARTICLE.encode("utf-8"))
    assert "The city council voted on Monday" in doc.text
    _rejected(boilerstrip.clean(bytes(range(256)) * 40), "binary-input")
    latin = ARTICLE.replace("euros", "€uros café").encode("cp1252")
    assert "café" in boilerstrip.clean(latin).text


@pytest.mark.parametrize(("text", "codec"), [
    ("Café crème à Zürich, après le débat.", "latin-1"),
    ("He said \u201chello\u201d \u2014 and left.", "cp1252"),
    ("Größere Änderungen für Bürger", "cp1252"),
    ("Zażółć gęślą jaźń, powiedział.", "cp1250"),
    ("Привет, как дела у тебя сегодня?", "cp1251"),
    ("Türkiye'nin başkenti Ankara'dır. İstanbul en kalabalık şehirdir.", "cp1254"),
    ("Günaydın, nasılsın? Iğdır ve Şırnak.", "cp1254"),
    ("Þetta er íslenskur texti: það var gaman á ströndinni.", "cp1252"),
    ("Příliš žluťoučký kůň úpěl ďábelské ódy.", "cp1250"),
])
def test_short_legacy_bytes_decode_as_browsers_would(text: str, codec: str) -> None:
    # a short text reads equally well in several single-byte codecs, and the detector's pick
    # was arbitrary: "crčme" (cp1250), curly quotes as "ôhelloö" (cp850)
    from boilerstrip.text import decode

    assert decode(text.encode(codec)) == text


@pytest.mark.parametrize("text", [
    "Le café était fermé à cause de la grève générale; les élèves déçus sont rentrés chez eux. " * 5,
    "Это длинный абзац русского текста, который нужен для проверки. " * 5,
    "これは日本語の長い段落です。文字コードの検出が正しく行われるかどうかを確認します。" * 5,
])
@pytest.mark.parametrize("bad", [b"\xff", b"\xe9", b"\xc3", b"\x80\x81"])
def test_utf8_with_a_few_bad_bytes_stays_utf8(text: str, bad: bytes) -> None:
    # one bad byte sent the whole text to the charset detector: French came out as Shift-JIS
    # ("cafﾃｩ"); the bad byte is now one U+FFFD and the rest reads as written
    from boilerstrip.text import decode

    data = text.encode()
    cut = len(text[: len(text) // 2].encode())  # between two characters
    got = decode(data[:cut] + bad + data[cut:])
    assert got.replace("\ufffd", "") == text and 1 <= got.count("\ufffd") <= 2
    # and a text spelled in a legacy charset is still read as that charset
    if text.startswith("Le café"):
        assert decode(text.encode("cp1252")) == text


def test_a_page_declared_utf8_with_a_cut_character_stays_utf8() -> None:
    # three curly quotes and one cut character: too few valid characters for undeclared UTF-8,
    # and the declaration was dropped for detection, which read it as Mac Roman ("council‚Äôs")
    from boilerstrip.text import decode

    text = "The council’s plan was approved on Monday; the mayor said it is “a great day” for the city."
    data = text.encode()
    cut = data.index(b"Monday")
    damaged = data[:cut] + "é".encode()[:1] + data[cut:]
    got = decode(damaged, declared="utf-8")
    assert got.replace("\ufffd", "") == text and got.count("\ufffd") == 1
    # a page in a legacy charset that says UTF-8 has no valid character of UTF-8: still read so
    legacy = "Le café était fermé à cause de la grève générale; les élèves déçus sont rentrés."
    assert decode(legacy.encode("cp1252"), declared="utf-8") == legacy


def test_the_recall_preset_is_a_floor_under_the_per_page_choice() -> None:
    # it was threshold 0.35, which on an uncertain page kept fewer lines than the default
    from boilerstrip import _core
    from boilerstrip.settings import PRESETS

    assert PRESETS["recall"] == {"floor": 0.3}
    for text in (ARTICLE, *(p.read_text() for p in sorted((Path(__file__).parent.parent / "seeds").glob("*.txt")))):
        default = {ln.number for ln in clean_text(text, options=Options(fixed_point=False)).lines if ln.kept}
        floored = clean_text(text, options=Options(fixed_point=False, floor=0.3))
        assert default <= {ln.number for ln in floored.lines if ln.kept}
        assert floored.text == _core.clean_text(text, floor=0.3, fixpoint=False).text
    with pytest.raises(ValueError, match="floor"):
        _core.clean_text("x", floor=float("nan"))
    with pytest.raises(ValueError, match="floor"):
        _core.clean_html_batch(["<p>x</p>"], floor=-0.1)


def test_a_long_article_keeps_its_tail() -> None:
    # 300 paragraphs: the model dropped 86 of the last 100 for their place on a long page
    import synth

    paras, text, _ = synth.long_article(300)
    kept = {ln.text for ln in clean_text(text).lines if ln.kept}
    assert [i for i, p in enumerate(paras) if p not in kept] == []
    # a paragraph with a caption's cue words ("photo", "via", "Reuters": an article's own
    # words) or one that opens what follows with a colon ended the run that keeps the tail:
    # the 124 paragraphs after such a one were lost (a helper's audit)
    paras, text, _ = synth.long_article(300, caption_at=150, colon_at=200)
    kept = {ln.text for ln in clean_text(text).lines if ln.kept}
    assert [i for i, p in enumerate(paras) if p not in kept and i not in (150, 200)] == []
    # the fast path has the rule too (it kept 74 of 500 such paragraphs: long_pages.py)
    for paras, text, _ in (synth.long_article(300), synth.long_article(500, seed=2)):
        kept = {ln.text for ln in clean_text(text, options=Options(scorer="fast")).lines if ln.kept}
        assert [i for i, p in enumerate(paras) if p not in kept] == []


@pytest.mark.parametrize("text", [
    "Home\nNews\nSport\nWeather\nContact us\nPrivacy policy",
    "Page not found\nGo back home\nSearch",
    "Accept all cookies\nReject all\nManage settings",
])
def test_a_page_without_content_keeps_nothing(text: str) -> None:
    # the per-page choice always kept its best line ("Weather", "Search"), however low (a
    # line scoring 0.15 or more is kept still: "404 Not Found / nginx/1.18.0" keeps the second)
    doc = clean_text(text)
    assert doc.text == "" and doc.rejected == "no-content"


def test_a_text_of_one_sentence_is_kept() -> None:
    text = "The council approved the new park on Monday after a long debate in the hall."
    assert clean_text(text).text == text


def test_unicode_line_separators_break_lines() -> None:
    # U+2028 / U+2029 / U+0085 (JavaScript strings, old exports) part lines as a line break does:
    # a menu and two paragraphs, not one long line kept or dropped whole
    page = ("Home\u2028News\u2028Sport\u2029\u2029The council approved the new park on Monday after a long debate "
            "about its cost.\u0085Work will start in spring and the park should open next summer, the mayor said.")
    doc = clean_text(page)
    same = clean_text(page.replace("\u2028", "\n").replace("\u2029", "\n").replace("\u0085", "\n"))
    assert doc.text == same.text
    assert "the mayor said." in doc.text and "Home" not in doc.text
    assert [ln.text for ln in doc.lines] == [ln.text for ln in same.lines]
    assert len(doc.lines) == 6


def test_a_slashed_date_reads_day_first_on_a_british_site_and_in_french() -> None:
    text = ("Transit board cuts fares for young riders\nPublished 03/04/2024\n"
            "The regional transit authority approved a new fare structure on Thursday that will cut the price of a "
            "monthly pass by fifteen percent for riders under twenty-five.")
    assert clean_text(text, url="https://www.metro.example.co.uk/news/fares").date == "2024-04-03"
    assert clean_text(text, url="https://www.metro.example.com/news/fares").date == "2024-03-04"
    fr = ("Le conseil baisse les tarifs des transports\nPublié le 03/04/2024\n"
          "Le conseil régional a approuvé mardi une nouvelle grille tarifaire qui réduit de quinze pour cent le prix "
          "de l'abonnement mensuel pour les jeunes de moins de vingt-cinq ans, a annoncé la présidente.")
    assert clean_text(fr).date == "2024-04-03"


# A guide with a block of Python in it, as scrapers write a `<pre>`: the function's body
# indented, a blank line inside it, a comment aligned by two spaces.
CODE_PAGE = """Home | Docs | Blog | About
How to summarise a document
Summaries are what most readers of a long report actually read, so it is worth writing the function that makes them with some care. The one below reads the document, finds its type and asks the right model for a summary of it.
def summarize(document):
    # Step 1: read the document
    content = read_document(document)  # bytes to text

    # Step 2: route it to the model for its type
    kind = detect_type(content)
    return route(kind).summary(content)
The function is short, but each of its steps hides a good deal of work, which the rest of this guide goes through one step at a time, with the mistakes that are easy to make.
Share this page | Copyright 2024 Example Docs"""


def test_code_keeps_its_indentation() -> None:
    doc = clean_text(CODE_PAGE)
    code = CODE_PAGE.split("\n")[3:10]
    assert "\n".join(code) in doc.text
    assert "Summaries are what" in doc.text and "Share this page" not in doc.text
    # the clean text is a fixed point, and the decisions are about the normalised lines
    assert clean_text(doc.text).text == doc.text
    assert "# Step 1: read the document" in [line.text for line in doc.lines]
    # an indented paragraph of prose (scrapers indent the text of nested blocks) is normalised
    indented = CODE_PAGE.replace("Summaries are", "    Summaries are")
    assert "\nSummaries are" in "\n" + clean_text(indented).text
