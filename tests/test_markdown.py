"""Markdown scrapes (html2text, Jina Reader, Firecrawl): read through their rendering."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from boilerstrip import Options, _core, clean_text, clean_text_batch
from boilerstrip.cli import main

PAGE = """\
* [Home](https://gazette.example/)
* [News](https://gazette.example/news)
* [Sport](https://gazette.example/sport)

# Council approves the new riverside park

The council approved the new riverside park on Monday after a long debate, and work will start in spring next year.

Residents had asked for a park on the old factory site for a decade, and the plan was [drawn up](https://gazette.example/plan) by local architects.

![The old factory site seen from the river](https://gazette.example/img/site.jpg)

* [Share on Facebook](https://facebook.com/sharer?u=x)
* [Share on X](https://x.com/intent/tweet?u=x)
"""


def test_a_blank_last_line_is_still_a_line() -> None:
    doc = clean_text(PAGE + "\n")
    assert len(doc.lines) == len(_core.split_lines(PAGE + "\n"))


def test_a_markdown_page_is_read_through_its_rendering() -> None:
    doc = clean_text(PAGE)
    assert doc.extra == {"markdown": True}
    assert doc.title == "Council approves the new riverside park"
    assert "the plan was drawn up by local architects." in doc.text
    # no URL of a link or an image, no menu item, no share widget in the clean text
    assert "https://" not in doc.text and "](" not in doc.text
    assert "Home" not in doc.text and "Share on" not in doc.text
    # one decision per input line, each about the rendered line of the same number
    assert len(doc.lines) == len(PAGE.splitlines())
    assert doc.lines[0].text == "• Home" and doc.lines[0].reason == "navigation"
    assert [ln.number for ln in doc.lines] == list(range(len(doc.lines)))


def _wrap(text: str, width: int = 78) -> str:
    """Markdown cut at a width, inside links too, as html2text writes it by default."""
    import textwrap

    return "\n".join("\n".join(textwrap.wrap(line, width, break_on_hyphens=True)) if len(line) > width else line
                     for line in text.split("\n"))


def test_markdown_wrapped_at_a_width_is_read_as_its_paragraphs() -> None:
    # html2text's default output (78 columns) cut links: "[Nutrition" / "2025](https://...)"
    # kept pieces of link syntax and URLs in the clean text
    para = ("The council approved the new riverside park on Monday after a long debate, and the plan was "
            "[drawn up by the local architects of the firm](https://gazette.example/plans/riverside-park-drawn-up) "
            "who also designed the library.")
    page = PAGE.replace("Residents had asked", para + "\n\nResidents had asked") + "\n".join([para] * 8)
    wrapped = _wrap(page)
    assert any(line.endswith(("[drawn", "-park-")) or "drawn" in line and "](" not in line for line in wrapped.split("\n"))
    doc = clean_text(wrapped)
    assert "https://" not in doc.text and "](" not in doc.text and "[" not in doc.text
    assert "drawn up by the local architects of the firm who also designed the library." in doc.text
    assert doc.title == "Council approves the new riverside park"
    assert len(doc.lines) == len(_core.split_lines(wrapped))  # one decision per input line still


CODE_PAGE = """\
[Home](https://a.org/) [Docs](https://a.org/docs) [Blog](https://a.org/blog)

# How to run a module as a script

Python runs the code of a module when it is imported, and sometimes you want some code to run only when the file is executed directly.

The usual way is to test the module's name, which the interpreter sets to a special value when the file is run as a script:

```python
def main():
    print("hello from __main__")

if __name__ == "__main__":
    main()
```

When the file is imported, the name is the module's own name and the block does not run, which keeps imports free of side effects.

* [Privacy](https://a.org/privacy)
* [Terms](https://a.org/terms)
"""


def test_a_kept_code_block_keeps_its_fences_and_cleans_to_itself() -> None:
    doc = clean_text(CODE_PAGE)
    assert doc.extra == {"markdown": True}
    block = CODE_PAGE[CODE_PAGE.index("```python"):CODE_PAGE.index("```\n\nWhen") + 3]
    assert block in doc.text  # both fences, the code as written (its underscores and indent)
    assert clean_text(doc.text).text == doc.text


def test_an_unclosed_fence_does_not_leave_the_rest_of_the_page_unrendered() -> None:
    # a product text's rule of tildes (CommonMark would make the rest of the page code)
    page = (CODE_PAGE.replace("```python", "~~~~~~~~~~~~~~").replace("```\n", "\n")
            .replace("side effects.", "side effects, as [the tutorial](https://docs.python.org/3/tutorial/) explains."))
    doc = clean_text(page)
    assert doc.extra == {"markdown": True}
    assert "side effects, as the tutorial explains." in doc.text
    assert "](" not in doc.text and "https://" not in doc.text
    assert clean_text(doc.text).text == doc.text


def test_markdown_false_reads_the_text_as_it_is() -> None:
    doc = clean_text(PAGE, options=Options(markdown=False))
    assert doc.extra == {}
    assert doc.lines[0].text == "* [Home](https://gazette.example/)"


def test_plain_text_is_not_read_as_markdown() -> None:
    plain = "Home\nNews\n\nThe council approved the park [1] after a debate (a long one) on Monday evening.\n"
    assert not _core.looks_like_markdown(plain)
    assert clean_text(plain).extra == {}
    # forced, a line without Markdown reads the same
    assert clean_text(plain, options=Options(markdown=True)).text == clean_text(plain).text


def test_the_option_is_checked() -> None:
    with pytest.raises(TypeError, match="markdown"):
        Options(markdown="yes")  # type: ignore[arg-type]


def test_batch_reads_markdown_per_document() -> None:
    plain = "Home\n\nThe council approved the new riverside park on Monday after a long debate in the town hall.\n"
    docs = clean_text_batch([PAGE, plain], threads=2)
    assert [d.extra.get("markdown", False) for d in docs] == [True, False]
    assert [d.text for d in docs] == [clean_text(PAGE).text, clean_text(plain).text]


WORDS = ["the", "council", "voted", "park", "Home", "News", "Share", "Related", "2024", "approved", "and", "é"]


@st.composite
def markdown_pages(draw: st.DrawFn) -> str:
    """Markdown-like pages: menus of links, headings, prose with links, images, bullets."""
    lines = ["* [Home](/)", "* [News](/news)", "* [About](/about)"]
    for _ in range(draw(st.integers(0, 15))):
        words = " ".join(draw(st.lists(st.sampled_from(WORDS), min_size=1, max_size=25)))
        form = draw(st.sampled_from(["{}", "# {}", "* [{}](/x)", "{} [link](https://a.b/c_(d)) {}", "![{}](i.png)",
                                     "> **{}**", "", "1. {}",
                                     # code: fences (closed or not), indented lines, prose indented
                                     "```", "~~~~", "    {} = __x__", "    **{}** `a_b()` {}"]))
        lines.append(form.format(words, words))
    return "\n".join(lines)


@given(markdown_pages())
def test_kept_lines_are_rendered_input_lines(text: str) -> None:
    doc = clean_text(text)
    rendered = set(_core.split_lines(_core.render_markdown(text)))  # (normalised lines)
    # an indented line shown as code and written without its indent is written rendered, as a
    # second clean would read it (see classify::assemble_with)
    unindented = {_core.split_lines(_core.render_markdown(line))[0] for line in rendered if line}
    for line in doc.text.split("\n"):
        # normalised, or (a line of code) with its spacing kept: normalised, one of them
        assert (line == "" or line in rendered or line in unindented
                or (line == line.rstrip() and _core.split_lines(line)[0] in rendered))


@given(markdown_pages())
@example("* [Home](/)\n* [News](/news)\n* [About](/about)\nthe\nthe\nthe\n"
         "    the the the the the the the the = __x__")  # indented code written without its indent
@example("* [Home](/)\n* [News](/news)\n* [About](/about)\n"
         "    **Home Related the council approved the park** `a_b()` and the council voted")
def test_markdown_cleaning_is_idempotent(text: str) -> None:
    once = clean_text(text).text
    assert clean_text(once).text == once


@given(markdown_pages())
@example("* [Home](/)\n* [News](/news)\n* [About](/about)\n\n")  # a blank last line (CI's hypothesis found it)
@example("* [Home](/)\n* [News](/news)\n* [About](/about)\nthe\nthe\nthe the the council council [link](https://a.b/c_(d)) "
         "the the the council council\nthe the the the the the council council council council council\nthe\n"
         "# the the the the the council council council council council\nthe\nthe")  # a rendering was joined again
@example("* [Home](/)\n* [News](/news)\n* [About](/about)\n```\n"
         "    the the the the the the the the the the the the the = __x__\nthe\nthe\n"
         "* [the the the the the the the the the the council council](/x)\n```\n"
         "* [the the the the the the the council council council council council council](/x)")  # links in a fence (CI)
def test_rendering_keeps_the_line_count_and_is_stable(text: str) -> None:
    rendered = _core.render_markdown(text)
    assert len(_core.split_lines(rendered)) == len(_core.split_lines(text))
    assert _core.render_markdown(rendered) == rendered



def test_the_cli_cleans_markdown_files(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    (src / "story.md").write_text(PAGE, encoding="utf-8")
    (src / "notes.markdown").write_text(PAGE, encoding="utf-8")
    assert main(["clean", str(src), "-o", str(tmp_path / "out"), "-q"]) == 0
    recs = [json.loads(line) for line in (tmp_path / "out" / "documents.jsonl").read_text().splitlines()]
    assert sorted(r["id"] for r in recs) == ["notes", "story"]
    for r in recs:
        assert r["metadata"]["markdown"] is True and "](" not in r["text"]
    assert main(["clean", str(src), "-o", str(tmp_path / "plain"), "-q", "--markdown", "no"]) == 0
    plain = [json.loads(line) for line in (tmp_path / "plain" / "documents.jsonl").read_text().splitlines()]
    assert all("markdown" not in r["metadata"] for r in plain)


def test_the_first_level_one_heading_is_the_title() -> None:
    body = ("Zebras have stripes for reasons that scientists have debated for more than a century, and the answer "
            "is still open.\nSome think the stripes keep biting flies away, and field experiments with striped "
            "coats on horses support the idea.\n")
    md = "[Skip](#m)\n* [Home](/)\n* [Blog](/blog)\n# Stripes\nThe big question about zebras\n" + body
    assert clean_text(md).title == "Stripes"
    # without the mark the title model reads the same lines on its own and takes one of the two
    # headline-like lines (which one is the model's call)
    plain = clean_text(_core.render_markdown(md), options=Options(markdown=False))
    assert plain.title in ("Stripes", "The big question about zebras")


MARKS = st.sampled_from(list("[]()!#*_-+>\\ \n\r\t<>:/ab1é`~") + ["https://", "](", "![", "**", "# ", "x\r\n", "```",
                                                                    "    "])


@given(st.lists(MARKS, max_size=80).map("".join))
@example(">")  # a last line that renders to nothing was no line of the rendering
@example("a\n>")
def test_any_markup_keeps_one_decision_per_input_line(text: str) -> None:
    assert len(_core.split_lines(_core.render_markdown(text))) == len(_core.split_lines(text))
    doc = clean_text(text, options=Options(markdown=True))
    assert doc.rejected or len(doc.lines) == len(_core.split_lines(text))
