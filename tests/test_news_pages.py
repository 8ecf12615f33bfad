"""clean_text and clean_html on the same short news page in seven languages and five scripts
(`news_pages`): the article is kept, the menu, widgets, teasers and footer dropped, and the
headline, byline, date and language read off the page."""

from __future__ import annotations

import pytest

from boilerstrip import Options, clean_html, clean_text
from news_pages import PAGES

# Known misses, kept strict so that a fix shows. The last paragraph after the one-word
# subheading, which `test_text.test_keeps_the_last_paragraph_with_the_url` misses in English, is
# kept on these pages. Without the date line the Arabic page lost it (0.36); a rule that kept prose
# within one short line of the kept text cost in-sample F1 on the dev pages (0.8658 -> 0.8616, or
# 0.8642 for a last paragraph before a short line only), where the lines it kept were mostly outside
# the gold (a one-off check of the fifteenth session: the rule, behind an environment switch, was
# not committed, so these figures cannot be rerun). Thai, which ends no sentence with a mark, kept
# 2 of its 4 paragraphs until its long lines that end in a letter were read as sentences
# (`lines::shape::unmarked_sentence`, sixteenth session); so did the fast HTML mode.
DROPS_LAST: dict[str, str] = {}
# As HTML, the fast mode (the Rust path alone) lost the last paragraph of the Japanese page until
# its model trained on the dev pages' HTML rewritten in other languages too (sixteenth session).
HTML_FAST_DROPS: dict[str, str] = {}
# (The Thai page's headline was not found, and its one-word subheading, "งบประมาณ", budget, was
# taken for it before the sixteenth session: Thai counted two words in three letters, as Chinese,
# which made its 66-letter headline a paragraph of 44 words; see `lines::SEA_LETTERS_PER_WORD` in rust/lines/general.rs.)
WRONG_TITLE: dict[str, str] = {}


def _cases(known: dict[str, str]) -> list:
    return [pytest.param(c, marks=pytest.mark.xfail(strict=True, reason=known[c])) if c in known else c
            for c in sorted(PAGES)]


@pytest.mark.parametrize("code", _cases(DROPS_LAST))
def test_keeps_the_article_and_drops_the_chrome(code: str) -> None:
    page = PAGES[code]
    doc = clean_text(page.text)
    kept = {line.text for line in doc.lines if line.kept}
    assert [p for p in page.body if p not in kept] == []
    assert [c for c in page.chrome if c in kept] == []


@pytest.mark.parametrize("code", sorted(PAGES))
def test_reads_the_language_the_byline_and_the_date(code: str) -> None:
    page = PAGES[code]
    doc = clean_text(page.text)
    assert doc.language == page.language
    assert doc.author == page.author
    assert doc.date == "2024-03-05"


@pytest.mark.parametrize("code", _cases(WRONG_TITLE))
def test_reads_the_headline(code: str) -> None:
    page = PAGES[code]
    assert clean_text(page.text).title == page.headline


def _kept_lines(text: str) -> set[str]:
    return set(text.split("\n"))


@pytest.mark.parametrize("code", sorted(PAGES))
def test_html_page_reads_the_metadata(code: str) -> None:
    page = PAGES[code]
    doc = clean_html(page.html, url=f"https://example.{code}/news/park", options=Options(html_mode="fast"))
    assert (doc.language, doc.title, doc.author, doc.date) == (page.language, page.headline, page.author, "2024-03-05")


@pytest.mark.parametrize("mode", ["default", "fast"])
@pytest.mark.parametrize("code", sorted(PAGES))
def test_html_page_keeps_the_article_and_drops_the_chrome(code: str, mode: str, request: pytest.FixtureRequest) -> None:
    if mode == "fast" and code in HTML_FAST_DROPS:
        request.applymarker(pytest.mark.xfail(strict=True, reason=HTML_FAST_DROPS[code]))
    page = PAGES[code]
    doc = clean_html(page.html, url=f"https://example.{code}/news/park", options=Options(html_mode=mode))
    kept = _kept_lines(doc.text)
    assert [p for p in page.body if p not in kept] == []
    assert [c for c in page.chrome if c in kept] == []
