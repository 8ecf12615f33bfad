"""Properties that must hold for any input (hypothesis)."""

from __future__ import annotations

import re
import textwrap

from hypothesis import example, given
from hypothesis import strategies as st

from boilerstrip import Options, _core, clean_html, clean_text, clean_text_batch, dedup_key, normalize_text

WORDS = ["the", "council", "voted", "park", "Home", "News", "Share", "Related", "Copyright", "©", "2024",
         "approved", "after", "debate", "and", "of", "•", "|", "Login", "é", "数据", "a", "in", "was"]


@st.composite
def pages(draw: st.DrawFn, blocks: bool = False) -> str:
    """Page-like text: lines of words from a small vocabulary (menus, prose, cues), blank
    lines, indents and bullets, plus arbitrary unicode now and then; with ``blocks``, code
    fences and hard-wrapped paragraphs too (whose lines the clean text joins: no input lines)."""
    lines = []
    for _ in range(draw(st.integers(0, 25))):
        kind = draw(st.integers(0, 11 if blocks else 9))
        if kind == 0:
            lines.append("")
        elif kind == 10:  # a code fence
            lines.append(draw(st.sampled_from(["```", "~~~", "```python"])))
        elif kind == 11:  # a hard-wrapped paragraph
            n = draw(st.integers(20, 80))
            words = draw(st.lists(st.sampled_from(WORDS), min_size=n, max_size=n))
            lines.extend(textwrap.wrap(" ".join(words) + ".", draw(st.sampled_from([70, 72, 78]))))
        elif kind == 1:
            lines.append(draw(st.text(max_size=40)).replace("\n", " ").replace("\r", " "))
        else:
            n = draw(st.integers(1, 30))
            words = draw(st.lists(st.sampled_from(WORDS), min_size=n, max_size=n))
            end = draw(st.sampled_from(["", ".", ":", "...", "?"]))
            indent = draw(st.sampled_from(["", "  ", "  • "]))
            lines.append(indent + " ".join(words) + end)
    return "\n".join(lines)


@given(pages(blocks=True))
# a fence after a hard-wrapped paragraph was joined to it, and the block, left without its
# fences, read as Markdown when cleaned again
@example("Time some other budget about not that into so from river library by approved it.\n~~~\n"
         "# He as about their and do and in?\n* [Read more](https://example.com/42)\n~~~\n"
         "do what the with we and: At from be what them time of other no would but would\n"
         "so council we its been we could this council. So but to be at market an from\n"
         "opened only than what then bridge would them. From about more library about up\n"
         "been only which what library some but if has into up it some not its garden\nOnly station other can ")
def test_clean_text_is_idempotent(text: str) -> None:
    once = clean_text(text).text
    assert clean_text(once).text == once


@given(pages())
def test_kept_lines_are_input_lines(text: str) -> None:
    doc = clean_text(text)
    # (Unicode's line and paragraph separators and NEL break lines as a line break does)
    inputs = set(_core.split_lines(re.sub("[\u2028\u2029\x85]", "\n", text)))
    for line in doc.text.split("\n"):
        # normalised, or (a line of code) with its spacing kept: normalised, one of them
        assert line == "" or line in inputs or (line == line.rstrip() and _core.split_lines(line)[0] in inputs)


@given(pages())
def test_deterministic(text: str) -> None:
    a, b = clean_text(text), clean_text(text)
    assert a.text == b.text
    assert [ln.reason for ln in a.lines] == [ln.reason for ln in b.lines]


@given(st.lists(pages(), max_size=6), st.sampled_from([1, 2]))
def test_batch_equals_per_item(texts: list[str], threads: int) -> None:
    batch = clean_text_batch(texts, threads=threads)
    assert [d.text for d in batch] == [clean_text(t).text for t in texts]


@given(st.text())
def test_normalisation_is_idempotent(text: str) -> None:
    once = normalize_text(text)
    assert normalize_text(once) == once
    key = dedup_key(text)
    assert dedup_key(key) == key


@given(st.text())
def test_any_string_is_handled(text: str) -> None:
    doc = clean_text(text)
    assert isinstance(doc.text, str)
    assert doc.rejected is None or doc.text == ""


@st.composite
def html_pages(draw: st.DrawFn) -> str:
    """HTML with paragraphs, preformatted text (indents, tabs, blank lines) and tables of rows
    of cells, some cells holding paragraphs, from the same words."""
    def words() -> str:
        n = draw(st.integers(1, 20))
        return " ".join(draw(st.lists(st.sampled_from(WORDS), min_size=n, max_size=n)))

    parts = []
    for _ in range(draw(st.integers(0, 12))):
        kind = draw(st.integers(0, 2))
        if kind == 0:
            parts.append(f"<p>{words()}</p>")
        elif kind == 1:
            lines = [draw(st.sampled_from(["", "  ", "\t", "    "])) + words() if draw(st.integers(0, 4)) else ""
                     for _ in range(draw(st.integers(1, 6)))]
            parts.append("<pre><code>" + "\n".join(lines) + "</code></pre>")
        else:
            rows = []
            for _ in range(draw(st.integers(1, 4))):
                cells = [f"<td>{words()}</td>" if draw(st.integers(0, 3)) else f"<td><p>{words()}</p><p>{words()}</p></td>"
                         for _ in range(draw(st.integers(1, 4)))]
                rows.append("<tr>" + "".join(cells) + "</tr>")
            parts.append("<table>" + "".join(rows) + "</table>")
    return "<html><body>" + "".join(parts) + "</body></html>"


@given(html_pages())
def test_html_output_is_made_of_kept_lines(html: str) -> None:
    """Every line of the clean text is kept lines of the page text: one, or a data row's
    cells joined by ` | `, or a preformatted line with its indent; every kept line is in it."""
    doc = clean_html(html, options=Options(html_mode="fast"))
    kept = [ln.text for ln in doc.lines if ln.kept]
    k = 0
    for line in doc.text.split("\n"):
        if not line:
            continue
        line = line.lstrip(" \t")
        n = next((n for n in range(1, len(kept) - k + 1) if " | ".join(kept[k:k + n]) == line), None)
        assert n is not None, (line, kept[k:])
        k += n
    assert k == len(kept)


@st.composite
def marked_paragraphs(draw: st.DrawFn) -> str:
    """HTML paragraphs whose words sit in bold, italic, code and link elements, nested at
    random (one element inside another of its kind, one around a paragraph break too)."""
    tags = ["b", "strong", "i", "em", "code", 'a href="/x"', 'a href="#top"']

    def inline(depth: int) -> str:
        out = []
        for _ in range(draw(st.integers(1, 4))):
            if depth < 3 and draw(st.integers(0, 2)) == 0:
                tag = draw(st.sampled_from(tags))
                out.append(f"<{tag}>{inline(depth + 1)}</{tag.split()[0]}>")
            else:
                out.append(" ".join(draw(st.lists(st.sampled_from(WORDS), min_size=1, max_size=5))))
        return draw(st.sampled_from([" ", "", ", "])).join(out)

    paras = [f"<p>{inline(0)}</p>" for _ in range(draw(st.integers(1, 6)))]
    if draw(st.booleans()):
        paras.insert(draw(st.integers(0, len(paras))), "<b>across <div>a block</div> break</b>")
    return "<html><body>" + "".join(paras) + "</body></html>"


@given(marked_paragraphs(), st.booleans())
def test_markdown_marks_only_add_markup(html: str, links: bool) -> None:
    """Markdown with bold, italic, code (and links) has the plain text's decisions and, the
    marks taken off, its words in its order."""
    import re

    plain = clean_html(html, url="https://example.org/a/b", options=Options(html_mode="fast"))
    md = clean_html(html, url="https://example.org/a/b",
                    options=Options(html_mode="fast", text_format="markdown", include_links=links))
    assert [ln.kept for ln in md.lines] == [ln.kept for ln in plain.lines]
    bare = re.sub(r"\]\(https://example\.org/x\)", "", md.text) if links else md.text
    bare = re.sub(r"[*`\[\]\\]", "", bare)
    assert bare.split() == re.sub(r"[*`\[\]\\]", "", plain.text).split()
    if not links:
        assert "](" not in md.text


@given(pages(), st.sampled_from([0.0, 0.2, 0.3, 0.6]))
def test_a_floor_only_adds_lines_to_the_default(text: str, floor: float) -> None:
    """The recall side of the knob: in one pass, every line the per-page choice keeps is kept
    with a floor too (the scores do not change)."""
    one = Options(fixed_point=False)
    default = clean_text(text, options=one)
    floored = clean_text(text, options=one.with_(floor=floor))
    for a, b in zip(default.lines, floored.lines, strict=True):
        assert b.score == a.score
        assert b.kept or not a.kept, (a, b)


@given(html_pages(), st.sampled_from([0.0, 0.3]))
def test_a_floor_only_adds_lines_to_the_default_in_html(html: str, floor: float) -> None:
    fast = Options(html_mode="fast")
    default = clean_html(html, options=fast)
    floored = clean_html(html, options=fast.with_(floor=floor))
    for a, b in zip(default.lines, floored.lines, strict=True):
        assert b.kept or not a.kept, (a, b)
