"""clean_text on the same short news page in seven languages and five scripts (`news_pages`): the
article is kept, the menu, widgets, teasers and footer dropped, and the headline, byline, date
and language read off the text."""

from __future__ import annotations

import pytest

from boilerstrip import clean_text
from news_pages import PAGES

# Known misses, kept strict so that a fix shows. Thai, the script the model reads worst (no spaces
# between words, no sentence marks), loses two of its four paragraphs: the third, and the last
# one after the one-word subheading, which `test_text.test_keeps_the_last_paragraph_with_the_url`
# misses in English too. Without the date line the Arabic page lost that last paragraph as well
# (0.36); a rule that kept prose within one short line of the kept text cost in-sample F1 on the
# dev pages (0.8658 -> 0.8616, or 0.8642 for a last paragraph before a short line only), where
# the lines it kept were mostly outside the gold.
DROPS_LAST = {"th": "known miss: the Thai page loses its third and last paragraphs"}
# The Thai page's one-word subheading ("งบประมาณ", budget) is taken for its headline.
WRONG_TITLE = {"th": "known miss: the Thai page's subheading is taken for the headline"}


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
