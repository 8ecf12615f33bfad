"""clean_text on the same short news page in seven languages and four scripts (`news_pages`): the
article is kept, the menu, widgets, teasers and footer dropped, and the headline, byline and
language read off the text."""

from __future__ import annotations

import pytest

from boilerstrip import clean_text
from news_pages import PAGES

# Known misses, kept strict so that a fix shows. The last paragraph, after a one-word subheading
# and before the share widget, is the one `test_text.test_keeps_the_last_paragraph_with_the_url`
# misses in English with a URL: the model scores it 0.26 (Thai) and 0.36 (Arabic). A rule that
# kept such a paragraph (prose within one short line of the kept text) cost in-sample F1 on the
# dev pages (0.8658 -> 0.8616, or 0.8642 for the last paragraph before a short line only): there
# the lines it kept were mostly outside the gold.
LAST_PARAGRAPH = "known miss: the last paragraph after a one-word subheading is dropped"
DROPS_LAST = {"ar": LAST_PARAGRAPH, "th": LAST_PARAGRAPH}
# The Thai headline is dropped (0.24) and the one-word subheading taken for the title.
WRONG_TITLE = {"th": "known miss: the Thai subheading is taken for the headline"}


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
def test_reads_the_language_and_the_byline(code: str) -> None:
    page = PAGES[code]
    doc = clean_text(page.text)
    assert doc.language == page.language
    assert doc.author == page.author


@pytest.mark.parametrize("code", _cases(WRONG_TITLE))
def test_reads_the_headline(code: str) -> None:
    page = PAGES[code]
    assert clean_text(page.text).title == page.headline
