"""Text that lost its line breaks (scrapes joined with spaces): cut into segments first."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from boilerstrip import Options, _core, clean_text, clean_text_batch
from boilerstrip.cli import main

MENU = "Home | News | Sport | Weather | Sign in | Subscribe"
ARTICLE = (
    "The city council voted on Monday to approve a new riverside park on the site of the old factory. "
    "The park will cover twelve hectares and include a playground, a rowing club and a path along the water. "
    "Work is expected to begin in the spring and to last about two years, the mayor told reporters after the vote. "
    "Residents had asked for a park on the site for more than a decade, and a petition gathered four thousand names. "
    "Supporters said the park would give the east of the town the green space it has lacked since the factory closed. "
    "Opponents worried about the cost and about parking in the narrow streets near the river during the works. "
    "The project will cost about fourteen million euros, most of it paid by the region and by a European fund. "
)
FOOTER = "Share this article Facebook Twitter Email Related articles Copyright 2024 The Town Gazette. All rights reserved. Privacy Policy"
# the whole page on one line, as `" ".join(soup.stripped_strings)` gives it
JOINED = f"{MENU} {ARTICLE * 3}{FOOTER}"


def test_a_joined_page_is_cut_and_its_chrome_dropped() -> None:
    doc = clean_text(JOINED)
    assert doc.extra == {"segmented": True}
    assert "The city council voted on Monday" in doc.text
    assert "fourteen million euros" in doc.text
    for chrome in ("Sign in", "Weather", "Privacy Policy", "All rights reserved"):
        assert chrome not in doc.text
    # known limit: the menu's last item, with no separator or sentence end after it, stays
    # glued to the article's first sentence
    assert doc.text.startswith("Subscribe The city council")
    # the decisions are about the segments, each a piece of the input's one line
    assert len(doc.lines) > 20
    assert doc.lines[0].text == "Home | News | Sport | Weather" and not doc.lines[0].kept
    for line in doc.lines:
        assert line.text in JOINED
        assert len(line.text) <= 200


def test_without_segments_the_line_is_kept_or_dropped_whole() -> None:
    doc = clean_text(JOINED, options=Options(segment=False))
    assert doc.extra == {}
    assert len(doc.lines) == 1
    assert doc.text in ("", JOINED)


def test_a_scrape_with_its_line_breaks_is_read_as_it_is() -> None:
    page = "\n".join([*MENU.split(" | "), "", *ARTICLE.split(". "), "", FOOTER])
    assert clean_text(page).extra == {}
    # a long paragraph among ordinary paragraphs is a paragraph, not a joined page
    other = [
        "The school board met on Tuesday to discuss the new timetable for the autumn term.",
        "Parents had asked for later starts, and the board agreed to try them in two schools.",
        "The trial will run for a year before the board decides whether to extend it to all.",
        "Teachers' unions said they welcomed the trial but wanted more say in how it is judged.",
        "A report on the trial's results will be published in the summer of next year.",
        "The board also approved money for new science rooms at the secondary school.",
    ]
    mixed = "\n".join([*MENU.split(" | "), "", *other, "", ARTICLE * 3, "", FOOTER])
    doc = clean_text(mixed)
    assert doc.extra == {} and (ARTICLE * 3).strip() in doc.text
    # (when the long line is nearly all the clean text would keep, the page is read cut: see
    # test_an_article_on_one_long_line_among_short_ones_is_cut_and_stays_so)


def test_forced_segments_leave_short_lines_whole() -> None:
    page = "Home\nNews\n\nThe council met on Monday. It approved the park.\n"
    doc = clean_text(page, options=Options(segment=True))
    assert doc.extra == {}  # nothing was cut
    assert [ln.text for ln in doc.lines] == ["Home", "News", "", "The council met on Monday. It approved the park."]


def test_the_line_limit_holds_for_the_segments() -> None:
    joined = "Abcdefghijklmnopqrstuvw. X | " * 4000  # one line, some 8,000 segments
    assert clean_text(joined, options=Options(max_lines=1000)).rejected == "too-many-lines"
    # within the limit it is cleaned (the same segment 8,000 times is peeled to no content)
    assert clean_text(joined, options=Options(max_lines=10_000)).rejected != "too-many-lines"
    assert clean_text_batch([joined], options=Options(max_lines=1000))[0].rejected == "too-many-lines"


def test_markdown_that_shows_once_cut_is_read_as_markdown() -> None:
    # joined into one line, no line starts with a link; its segments do
    joined = " ".join(f"[Report {i}](https://example.org/r{i}) shows the park will cost about {i} million euros "
                      "in total." for i in range(1, 6))
    doc = clean_text(joined, options=Options(segment=True))
    assert doc.extra == {"markdown": True, "segmented": True}
    assert "](" not in doc.text and "Report 1 shows the park" in doc.text
    assert clean_text(doc.text).text == doc.text


def test_segments_stay_within_the_limit_after_normalisation() -> None:
    # NFC writes U+0958 as two characters: cut on the raw text, segments grew past 200
    hindi = "\u0958\u093e\u0928\u0942\u0928 " * 60
    doc = clean_text(hindi, options=Options(segment=True))
    assert all(len(ln.text) <= 200 for ln in doc.lines)
    assert clean_text(doc.text, options=Options(segment=True)).text == doc.text


def test_explain_says_the_text_was_cut(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    page = tmp_path / "joined.txt"
    page.write_text(JOINED, encoding="utf-8")
    assert main(["explain", str(page)]) == 0
    out = capsys.readouterr().out
    assert "# read as: a text without line breaks, cut into segments" in out


def test_an_article_on_one_long_line_among_short_ones_is_cut_and_stays_so() -> None:
    # read line by line, the page keeps its article line alone; that clean text is nine tenths
    # long line and would be read as unbroken when cleaned again. So the page is read cut at
    # once, and its clean text (segments) is a fixed point
    chrome = [*MENU.split(" | "), *FOOTER.split(" ")]
    page = "\n".join([*chrome, *chrome, "", ARTICLE * 4, "", *chrome, *chrome, ""])
    whole = clean_text(page, options=Options(segment=False)).text
    assert whole == (ARTICLE * 4).strip()
    assert clean_text(whole).extra == {"segmented": True}
    doc = clean_text(page)
    assert doc.extra == {"segmented": True}
    assert "The city council voted on Monday" in doc.text and "Privacy" not in doc.text
    assert clean_text(doc.text).text == doc.text
    assert clean_text(doc.text).extra == {}


def test_a_hard_wrapped_article_is_joined_and_stays_so() -> None:
    # the same page hard-wrapped at 78 characters: its cuts are joined but where a sentence
    # ends (they were joined into one line of four copies, which was then cut into segments:
    # a clean text of segments that, cleaned again, were joined where they looked wrapped)
    import textwrap

    chrome = [*MENU.split(" | "), *FOOTER.split(" ")]
    page = "\n".join([*chrome, *chrome, "", *textwrap.wrap(ARTICLE * 4, 78), "", *chrome, *chrome, ""])
    doc = clean_text(page)
    assert doc.extra == {"unwrapped": True}
    assert doc.text == ARTICLE.strip()  # one copy: the others are its repeats
    assert clean_text(doc.text).text == doc.text


def test_the_option_is_checked() -> None:
    with pytest.raises(TypeError, match="segment"):
        Options(segment="auto")  # type: ignore[arg-type]


def test_batch_equals_per_document() -> None:
    short = "Home\n\nThe council approved the new riverside park on Monday after a long debate in the town hall.\n"
    docs = clean_text_batch([JOINED, short], threads=2)
    assert [d.extra.get("segmented", False) for d in docs] == [True, False]
    assert [d.text for d in docs] == [clean_text(JOINED).text, clean_text(short).text]


WORDS = ["the", "council", "voted", "park", "Home", "News", "Share", "|", "2024", "approved", "and", "é", "Dr.",
         "end.", "Why?", "U.S.", "汉字。", "»", "word"]


@st.composite
def joined_pages(draw: st.DrawFn) -> str:
    """Pages on one line (or a few): menu words, separators, sentences, long runs without ends."""
    words = draw(st.lists(st.sampled_from(WORDS), min_size=300, max_size=900))
    text = " ".join(words)
    if draw(st.booleans()):
        cut = draw(st.integers(0, len(text)))
        text = text[:cut] + "\n" + text[cut:]
    return text


def test_a_hard_wrapped_paragraph_is_not_joined_past_the_segments_limit() -> None:
    # with segment=True the unwrap joined it into a line of 411 characters that no segment
    # cut; cleaned again with the same options, it was cut
    text = ("A so or which two market bridge market library other these at harbour!\n"
            "Up school no been approved school or new has the was then: That two\n"
            "were may him her if than only he who river other at will time them\n"
            "some Into was time are could can who some council garden have do of\n"
            "Library more could be they not other bridge river library only an who its not are there museum and would "
            "could that him these would some.")
    once = clean_text(text, options=Options(segment=True))
    assert max(len(line) for line in once.text.split("\n")) <= 200 and not (once.extra or {}).get("unwrapped")
    assert clean_text(once.text, options=Options(segment=True)).text == once.text


@settings(max_examples=40, deadline=None)
@given(joined_pages())
def test_segments_are_input_text_and_cleaning_is_idempotent(text: str) -> None:
    doc = clean_text(text, options=Options(segment=True))
    for line in doc.text.split("\n"):
        assert line == "" or line in text
        assert len(line) <= 200
    once = doc.text
    assert clean_text(once).text == once
    assert clean_text(once, options=Options(segment=True)).text == once
    # the same input gives the same output
    assert clean_text(text, options=Options(segment=True)).text == once


def test_the_cli_cuts_a_joined_page(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    (src / "joined.txt").write_text(JOINED, encoding="utf-8")
    assert main(["clean", str(src), "-o", str(tmp_path / "out"), "-q"]) == 0
    rec = json.loads((tmp_path / "out" / "documents.jsonl").read_text(encoding="utf-8"))
    assert "fourteen million euros" in rec["text"] and "Privacy Policy" not in rec["text"]
    assert main(["clean", str(src), "-o", str(tmp_path / "whole"), "-q", "--segment", "no"]) == 0
    rec = json.loads((tmp_path / "whole" / "documents.jsonl").read_text(encoding="utf-8"))
    assert rec["text"] == JOINED


def test_the_core_reports_how_it_read_the_text() -> None:
    r = _core.clean_text(JOINED)
    assert r.segmented and not r.markdown
    assert r.rendered is not None and r.n_lines == len(_core.split_lines(r.rendered))


def test_the_headline_inside_a_segment_is_found_by_the_url() -> None:
    page = f"{MENU} Council approves new riverside park {ARTICLE * 3}{FOOTER}"
    url = "https://gazette.example/news/council-approves-new-riverside-park"
    assert clean_text(page, url=url).title == "Council approves new riverside park"
    assert clean_text(page).title != "Council approves new riverside park"  # no URL, no slug
