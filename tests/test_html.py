"""clean_html: the Rust HTML path, trafilatura's vote, metadata, and hostile pages."""

from __future__ import annotations

import time

import pytest

import boilerstrip
from boilerstrip import Options, _core, clean_html
from boilerstrip.html import decode_html, looks_like_html

PARAS = [
    "The city council voted on Monday to approve the new riverside park, ending a debate that has divided the town for more than a year.",
    "The park will cover twelve hectares of former industrial land along the river, and the first trees are expected to be planted in the autumn.",
    "Supporters said the park would give families in the crowded eastern districts a place to walk and play, while critics wanted roads repaired.",
    "The project will cost about 14 million euros, most of which will come from a regional fund for the renewal of old industrial sites.",
]

PAGE = f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>Council approves riverside park | The Town Gazette</title>
<meta property="og:site_name" content="The Town Gazette">
<meta property="og:title" content="Council approves riverside park">
<meta name="author" content="Jane Miller">
<meta property="article:published_time" content="2024-04-23T08:00:00+02:00">
<meta property="og:image" content="https://gazette.example/park.jpg">
<link rel="canonical" href="https://gazette.example/news/council-approves-riverside-park">
</head><body>
<header class="site-header"><nav class="menu"><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li>
<li><a href="/sport">Sport</a></li><li><a href="/contact">Contact</a></li></ul></nav></header>
<main><article class="post"><h1>Council approves riverside park</h1>
<p class="byline">By Jane Miller</p>
{''.join(f'<p>{p}</p>' for p in PARAS)}
<div class="share-buttons"><a href="#">Share on Facebook</a> <a href="#">Tweet</a></div>
</article>
<aside class="related"><h3>Related articles</h3><ul><li><a href="/a">Road works close the main bridge</a></li>
<li><a href="/b">New bus line to the university</a></li></ul></aside></main>
<footer class="site-footer"><p>Copyright 2024 The Town Gazette. All rights reserved.</p>
<p><a href="/privacy">Privacy Policy</a></p></footer></body></html>"""


@pytest.mark.parametrize("mode", ["fast", "default"])
def test_article_and_metadata(mode: str) -> None:
    doc = clean_html(PAGE, url="https://gazette.example/news/council-approves-riverside-park", options=Options(html_mode=mode))
    for p in PARAS:
        assert p in doc.text
    for chrome in ("Home", "Copyright 2024", "Privacy Policy", "Road works close"):
        assert chrome not in doc.text.split("\n")
    assert doc.title == "Council approves riverside park"
    assert doc.author == "Jane Miller"
    assert doc.date == "2024-04-23"
    assert doc.site == "The Town Gazette"
    assert doc.language == "en"
    assert doc.extra["image"] == "https://gazette.example/park.jpg"
    assert doc.extra["canonical_url"] == "https://gazette.example/news/council-approves-riverside-park"
    assert doc.source_format == "html"
    dropped = {ln.text: ln.reason for ln in doc.lines if not ln.kept and ln.text}
    assert dropped["Copyright 2024 The Town Gazette. All rights reserved."] == "footer"


def test_a_copyright_year_is_no_date() -> None:
    # a page with no date of its own but its footer's "© 2019": trafilatura's date search gave
    # 2019-01-01 in the default mode
    undated = PAGE.replace('<meta property="article:published_time" content="2024-04-23T08:00:00+02:00">', "")
    undated = undated.replace("Copyright 2024", "\u00a9 2019")
    assert clean_html(undated, options=Options(html_mode="default")).date is None
    assert clean_html(undated, options=Options(html_mode="fast")).date is None
    # a January 1st that is no copyright's year stays
    from boilerstrip.html import _not_a_copyright_year

    assert _not_a_copyright_year("2024-01-01", "<footer>\u00a9 2019-2023 X</footer>") == "2024-01-01"
    assert _not_a_copyright_year("2023-01-01", "<footer>Copyright 2019 - 2023 X</footer>") is None
    assert _not_a_copyright_year("2023-05-02", "<footer>&copy; 2023</footer>") == "2023-05-02"


def test_a_placeholder_author_is_no_author() -> None:
    """Templates leave "undefined" in an empty author field; the byline in the text is used instead."""
    page = PAGE.replace('content="Jane Miller"', 'content="undefined"')
    assert clean_html(page, options=Options(html_mode="fast")).author == "Jane Miller"
    page = page.replace("<p class=\"byline\">By Jane Miller</p>", "")
    assert clean_html(page, options=Options(html_mode="fast")).author is None


def test_bytes_and_charsets() -> None:
    latin = PAGE.replace('<meta charset="utf-8">', '<meta charset="iso-8859-1">').replace("euros", "euros, café").encode("latin-1")
    doc = clean_html(latin)
    assert "café" in doc.text
    # a wrong declared charset: the bytes are UTF-8, the page says cp1251
    wrong = PAGE.replace('<meta charset="utf-8">', '<meta charset="windows-1251">').replace("euros", "euros, naïve").encode("utf-8")
    assert "naïve" in clean_html(wrong).text or "naÃ¯ve" not in clean_html(wrong).text
    assert decode_html(b"\xef\xbb\xbf<p>x</p>") == "<p>x</p>"


def test_charset_labels_are_read_as_browsers_read_them() -> None:
    """A page saying iso-8859-1 is windows-1252 (its curly quotes are bytes 0x80-0x9F, which
    Latin-1 reads as control codes that came out as U+FFFD or nothing); a <meta> saying UTF-16
    on bytes readable as ASCII is UTF-8; Shift_JIS pages use Microsoft's superset."""
    quoted = "\u201cEnfin\u201d, dit le maire \u2014 d\u2019un ton las\u2026 et les rues c\u00e9l\u00e8brent."

    def page(charset: str, body: str) -> str:
        return f'<html><head><meta charset="{charset}"></head><body><p>{body}</p></body></html>'

    for label in ("iso-8859-1", "latin1", "us-ascii"):
        assert quoted in decode_html(page(label, quoted).encode("cp1252")), label
    assert quoted in _fast(page("ISO-8859-1", quoted).encode("cp1252")).text
    assert quoted in decode_html(page("utf-16", quoted).encode("utf-8"))
    assert "\u2460 \u3231" in decode_html(page("shift_jis", "\u2460 \u3231 \u6771\u4eac").encode("cp932"))
    # UTF-32 with its BOM, not UTF-16 with a NUL after every character
    assert quoted in decode_html(page("utf-32", quoted).encode("utf-32"))
    # a stale declaration on a page whose bytes are UTF-8
    assert quoted in decode_html(page("windows-1251", quoted).encode("utf-8"))


def test_detection() -> None:
    assert looks_like_html(PAGE)
    assert looks_like_html(b"<!doctype html><p>x")
    assert not looks_like_html("Just some text, with a < sign.")
    assert boilerstrip.clean(PAGE.encode()).source_format == "html"


def test_detection_is_linear_in_leading_comments() -> None:
    """`<!--.*?-->` under a `*` could split a run of comments 2^n ways when the match failed:
    a text after 25 comments took 15 s to be told from HTML, 40 would take days (25 here, so
    that the old pattern fails the time limit in seconds rather than hanging the suite)."""
    t0 = time.perf_counter()
    assert not looks_like_html("<!-- c -->" * 25 + " plain text after them")
    assert looks_like_html("<!-- c -->" * 40 + "<!DOCTYPE html><p>x</p>")
    assert looks_like_html("<!-- a --->\n<!---->\n<!-- <p> - -- -->  <html>")
    doc = boilerstrip.clean("<!-- c -->" * 25 + " " + PARAS[0], options=Options(html_mode="fast"))
    assert doc.source_format == "text"
    assert time.perf_counter() - t0 < 2


FEED = f"""<?xml version="1.0" encoding="UTF-8"?>
<!-- generator="WordPress" -->
<rss version="2.0"><channel><title>The Town Gazette</title><link>https://gazette.example/</link>
<item><title>Council approves riverside park</title><link>https://gazette.example/park</link>
<description>&lt;p&gt;{PARAS[0]}&lt;/p&gt;</description></item>
<item><title>Park costs</title><description>{PARAS[3]}</description></item></channel></rss>"""


@pytest.mark.parametrize("mode", ["fast", "default"])
def test_feeds_sitemaps_and_svg_are_not_pages(mode: str) -> None:
    """A feed read as a page ran its items together with their escaped markup left in
    ("Park costsThe project...", "<p>The city council..."); given to `clean`, it came out as
    plain text, every tag of it kept."""
    atom = f'<feed xmlns="http://www.w3.org/2005/Atom"><title>T</title><entry><content type="html">&lt;p&gt;{PARAS[1]}&lt;/p&gt;</content></entry></feed>'
    sitemap = '<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">' + "".join(
        f"<url><loc>https://gazette.example/page-{i}</loc><lastmod>2024-01-0{i % 9 + 1}</lastmod></url>" for i in range(50)
    ) + "</urlset>"
    svg = '<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"><text>A caption in an image</text></svg>'
    # an SVG file without its XML declaration came out of `clean` as plain text, markup and all
    bare_svg = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 9 9"><title>Logo</title><text>A caption in an image</text></svg>'
    svg_doctype = '<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "x.dtd"><svg><text>A caption in an image</text></svg>'
    options = Options(html_mode=mode)  # type: ignore[arg-type]
    for doc in (FEED, FEED.encode("utf-8"), atom, sitemap, svg, bare_svg, svg_doctype):
        for fn in (clean_html, boilerstrip.clean):
            d = fn(doc, options=options)
            assert (d.rejected, d.text, d.source_format) == ("not-html", "", "html"), (fn.__name__, doc[:60])
    # an XHTML page with an XML declaration, and a fragment that starts with an inline icon
    xhtml = f'<?xml version="1.0" encoding="utf-8"?>\n<html xmlns="http://www.w3.org/1999/xhtml"><body><p>{PARAS[0]}</p></body></html>'
    assert PARAS[0] in clean_html(xhtml, options=options).text
    icon = f'<svg class="icon"><use href="#i"/></svg><p>{PARAS[0]}</p>'
    assert PARAS[0] in clean_html(icon, options=options).text
    assert boilerstrip.clean(icon, options=options).text == PARAS[0]  # it was plain text, tags kept


# --- hostile pages: a clear result within bounded time, never a crash ---------------------


def _fast(html: str | bytes) -> boilerstrip.Document:
    return clean_html(html, options=Options(html_mode="fast"))


def test_deep_nesting() -> None:
    html = "<div>" * 10_000 + f"<p>{PARAS[0]}</p>" + "</div>" * 10_000
    t0 = time.perf_counter()
    doc = clean_html(html)  # default mode: trafilatura may fail on it, the fast path must not
    assert time.perf_counter() - t0 < 60
    assert doc.rejected is None or doc.rejected in ("no-content",)


def test_many_paragraphs() -> None:
    html = "<html><body>" + "".join(f"<p>{PARAS[k % 4]} {k}</p>" for k in range(100_000)) + "</body></html>"
    doc = _fast(html)
    assert doc.text.count("\n") > 1000


def test_huge_text_node() -> None:
    html = "<html><body><p>" + "word " * (4 * 1024 * 1024) + "</p></body></html>"  # 20 MB in one node
    doc = clean_html(html, options=Options(html_mode="fast", max_bytes=64 * 1024 * 1024))
    assert isinstance(doc.text, str)
    assert len(doc.text) <= 2 * 1024 * 1024  # one block is capped


def test_broken_and_empty_markup() -> None:
    assert _fast("<p>unclosed <b>bold <i>italic <div>" + PARAS[1]).text.endswith(PARAS[1])
    assert _fast("<html><head><script>var a = 1;</script></head><body><script>b()</script></body></html>").rejected == "no-content"
    assert _fast("").rejected == "empty-input"
    assert _fast(b"\x00\x01\x02" * 1000).rejected == "binary-input"


def test_huge_attributes_and_comments() -> None:
    html = f'<div class="{"x" * 5_000_000}"><!-- {"c" * 1_000_000} --><p>{PARAS[2]}</p></div>'
    assert PARAS[2] in _fast(html).text


def test_a_tag_with_200_000_attributes_costs_what_its_bytes_cost() -> None:
    """html5ever checks each attribute of a tag against all the ones before it: 200,000 of
    them (1.5 MB) took 13 s in-process, where no time-out reaches."""
    html = "<div " + " ".join(f"a{i}" for i in range(200_000)) + f"><p>{PARAS[0]}</p></div>"
    t0 = time.perf_counter()
    assert PARAS[0] in _fast(html).text
    assert time.perf_counter() - t0 < 2


def test_noframes_content_is_read_as_markup() -> None:
    page = (f"<html><head><title>Frames</title></head><frameset cols='50%,50%'><frame src='a.html'>"
            f"</frameset><noframes><body><p>{PARAS[0]}</p><p>{PARAS[1]}</p></body></noframes></html>")
    doc = _fast(page)
    assert PARAS[0] in doc.text and PARAS[1] in doc.text
    assert "<p>" not in doc.text and "</p>" not in doc.text


def test_trafilatura_timeout_falls_back_to_fast_mode(monkeypatch: pytest.MonkeyPatch) -> None:
    from boilerstrip import html as html_mod

    monkeypatch.setattr(html_mod, "_trafilatura", _sleepy)
    doc = clean_html(PAGE, options=Options(timeout=1.0))
    assert PARAS[0] in doc.text
    assert doc.extra["fallback"] == "timeout"


def _sleepy(html: str, url: str | None, include_comments: bool) -> None:
    time.sleep(30)



def _clean_in_forked_child(conn, page: str) -> None:  # type: ignore[no-untyped-def]
    try:
        doc = clean_html(page)
        conn.send((doc.text, doc.to_dict()["metadata"]["stats"]["mode"]))
    except BaseException as e:  # the parent's assertion shows what went wrong
        conn.send((f"{type(e).__name__}: {e}", None))


def test_a_forked_child_starts_its_own_trafilatura_worker() -> None:
    # datasets.map(num_proc=...) and other fork-started pools copy this process's handle on
    # its worker; the child may not use it (multiprocessing: "can only test a child process")
    import multiprocessing as mp

    want = clean_html(PAGE)  # starts this process's worker
    ctx = mp.get_context("fork")
    parent, child = ctx.Pipe()
    proc = ctx.Process(target=_clean_in_forked_child, args=(child, PAGE))
    proc.start()
    assert parent.poll(60)
    text, mode = parent.recv()
    proc.join(10)
    assert text == want.text and mode == "default"  # trafilatura voted: no fall back to fast
    assert clean_html(PAGE).text == want.text  # the parent's worker is still its own


CODE = "def key(pair):\n    return pair[1]\n\n\nfor name, score in sorted(scores, key=key):\n\tprint(name, score)"
TABLE_ROWS = [("Operation", "Average case"), ("Copy", "O(n)"), ("Append", "O(1)"), ("Sort", "O(n log n)")]
DOC_PAGE = f"""<html><head><title>Sorting scores</title></head><body>
<nav><a href="/">Home</a> <a href="/docs">Docs</a></nav><main><h1>Sorting scores</h1>
<p>{PARAS[0]}</p><h2>How the park will be paid for</h2><p>{PARAS[1]}</p>
<pre><code>{CODE.replace('pair[1]', '<span class="n">pair</span>[1]')}
</code></pre>
<p>{PARAS[2]}</p>
<table>{''.join(f'<tr><td>{a}</td><td>{b}</td></tr>' for a, b in TABLE_ROWS)}</table>
<p>{PARAS[3]}</p></main><footer>Copyright 2024 Example Inc.</footer></body></html>"""


@pytest.mark.parametrize("mode", ["fast", "default"])
def test_code_keeps_its_lines_and_indent_and_a_data_table_its_rows(mode: str) -> None:
    doc = clean_html(DOC_PAGE, options=Options(html_mode=mode))
    # the <pre> whole, as it was (its indentation, tab and blank lines), one paragraph
    assert f"\n\n{CODE}\n\n" in doc.text
    # one line per row, ` | ` between cells, rows on consecutive lines
    assert "\n".join(f"{a} | {b}" for a, b in TABLE_ROWS) in doc.text
    for p in PARAS:
        assert p in doc.text
    # the lines of the page text (what the model scored) are still one block each
    assert [ln.text for ln in doc.lines if ln.text][5:7] == ["def key(pair):", "return pair[1]"]


def test_a_layout_table_keeps_its_paragraphs() -> None:
    page = f"""<html><body><table><tr><td class="nav"><a href="/">Home</a><br><a href="/b">Blog</a></td>
    <td>{''.join(f'<p>{p}</p>' for p in PARAS)}</td></tr></table></body></html>"""
    doc = clean_html(page, options=Options(html_mode="fast"))
    assert doc.text == "\n\n".join(PARAS)


@pytest.mark.parametrize("mode", ["fast", "default"])
def test_markdown_text_format(mode: str) -> None:
    plain = clean_html(DOC_PAGE, options=Options(html_mode=mode))
    md = clean_html(DOC_PAGE, options=Options(html_mode=mode, text_format="markdown"))
    assert f"\n```\n{CODE}\n```\n" in md.text
    header, *rows = TABLE_ROWS
    table = "\n".join([f"| {header[0]} | {header[1]} |", "| --- | --- |"] + [f"| {a} | {b} |" for a, b in rows])
    assert table in md.text
    assert f"\n\n## How the park will be paid for\n\n{PARAS[1]}\n\n" in md.text
    # the same decisions, the same words
    assert [(ln.text, ln.kept, ln.reason) for ln in md.lines] == [(ln.text, ln.kept, ln.reason) for ln in plain.lines]
    # ... and the same words, in the same order, once the marks are taken off
    marks = {"#", "##", "```", "|", "---", "-", "•", ">"}
    assert [w for w in md.text.split() if w not in marks] == [w for w in plain.text.split() if w not in marks]
    assert md.title == plain.title and md.stats["words_out"] == plain.stats["words_out"]


def test_text_format_is_checked_and_leaves_text_inputs_alone() -> None:
    with pytest.raises(ValueError, match="text_format"):
        Options(text_format="html")  # type: ignore[arg-type]
    text = "\n".join(PARAS)
    assert boilerstrip.clean_text(text, options=Options(text_format="markdown")).text == boilerstrip.clean_text(text).text


def test_markdown_carries_bold_italic_and_inline_code() -> None:
    sentence = "Call <code>sorted(x)</code> with a <b>key</b>, <em>never</em> a <strong><b>cmp</b></strong>."
    page = f"""<html><body><nav><a href="/">Home</a></nav><article><h1>Sorting <code>scores</code></h1>
    <p>{PARAS[0]} {sentence}</p><p>{PARAS[1]} Prices rose 2 * 3 times.</p>
    <ul><li><b>Note:</b> <b>sort</b> <b>is stable</b>.</li></ul></article></body></html>"""
    md = clean_html(page, options=Options(html_mode="fast", text_format="markdown"))
    plain = clean_html(page, options=Options(html_mode="fast"))
    assert "Call `sorted(x)` with a **key**, *never* a **cmp**." in md.text
    assert "Call sorted(x) with a key, never a cmp." in plain.text
    # the page's own `*` is escaped only where marks could pair with it: not in a paragraph
    # without marks
    assert "Prices rose 2 * 3 times." in md.text
    # neighbouring bold elements are one bold
    assert "- **Note: sort is stable**." in md.text
    assert md.title == plain.title
    assert [(ln.text, ln.kept) for ln in md.lines] == [(ln.text, ln.kept) for ln in plain.lines]


def test_markdown_links_only_when_asked_and_made_absolute() -> None:
    page = f"""<html><body><nav><a href="/">Home</a></nav><article>
    <p>{PARAS[0]} See <a href="../docs/guide.html#s2">the <b>guide</b></a>, <a href="#top">top</a>,
    <a href="javascript:void(0)">more</a> and <a href="https://python.org/">Python [3]</a>.</p>
    <p>{PARAS[1]}</p></article></body></html>"""
    url = "https://example.org/blog/2024/post.html"
    linked = clean_html(page, url=url, options=Options(html_mode="fast", text_format="markdown", include_links=True))
    md = clean_html(page, url=url, options=Options(html_mode="fast", text_format="markdown"))
    assert ("See [the **guide**](https://example.org/blog/docs/guide.html#s2), top, more and "
            "[Python \\[3\\]](https://python.org/).") in linked.text
    assert "See the **guide**, top, more and Python [3]." in md.text
    # no URL: the targets as the page wrote them
    bare = clean_html(page, options=Options(html_mode="fast", text_format="markdown", include_links=True))
    assert "[the **guide**](../docs/guide.html#s2)" in bare.text
    assert [ln.kept for ln in linked.lines] == [ln.kept for ln in md.lines]
    with pytest.raises(ValueError, match="include_links"):
        Options(include_links=True)
    with pytest.raises(TypeError, match="include_links"):
        Options(text_format="markdown", include_links="yes")  # type: ignore[arg-type]


def test_markdown_links_read_their_targets_as_browsers_do() -> None:
    # a tab or a line break inside `javascript:` hid it from the filter (browsers remove them),
    # vbscript: and data: documents were links, and a line break in a target split the link
    hostile = ["java\tscript:alert(1)", "java\nscript:alert(2)", " JavaScript:alert(3)", "vbscript:msgbox(4)",
               "data:text/html,<script>alert(5)</script>"]
    links = " ".join(f'<a href="{h}">link{i}</a>' for i, h in enumerate(hostile))
    page = f"""<html><body><article><p>{PARAS[0]} {links} and <a href="http://e.com/a\n\nb">broken</a>.</p>
    <p>{PARAS[1]}</p></article></body></html>"""
    for url in (None, "https://example.org/blog/post.html"):
        text = clean_html(page, url=url, options=Options(html_mode="fast", text_format="markdown", include_links=True)).text
        assert "link0 link1 link2 link3 link4 and [broken](http://e.com/ab)." in text
        assert "script" not in text.lower() and "data:" not in text


def test_a_markdown_table_stays_linear_in_its_input() -> None:
    # column numbers stop at 65,535, where `last_col + 1` wrapped to 0: every later cell wrote
    # 65,534 empty ones (11.7 KB of HTML gave 197 million characters); and a colspan of 1000
    # wrote 1000 empty cells (a megabyte of small tables was 90 MB of text)
    md = Options(html_mode="fast", text_format="markdown")
    wide = "<table><tr>" + '<td colspan="1000">x</td>' * 66 + "<td>y</td>" * 1000 + "</tr></table>"
    assert len(clean_html(wide, options=md).text) < 10 * len(wide)
    spans = "".join(f'<table><tr><td colspan="1000">cell {i}</td></tr><tr><td>a</td></tr></table><p>{PARAS[0]}</p>' for i in range(200))
    assert len(clean_html(f"<html><body>{spans}</body></html>", options=md).text) < 10 * len(spans)


def test_the_line_limit_holds_for_html() -> None:
    # the HTML path had none: 2 MB of <pre> lines took 1.8 GB, 16 MB of "<p>x" 7 GB, and an
    # allocation failure under a memory limit aborted the interpreter
    o = Options(html_mode="fast", max_lines=1000)
    assert clean_html("<p>x" * 2000, options=o).rejected == "too-many-lines"
    assert clean_html("<pre>" + "a line\n" * 2000 + "</pre>", options=o).rejected == "too-many-lines"
    assert clean_html("<pre>" + "a line\r" * 2000 + "</pre>", options=o).rejected == "too-many-lines"
    # many tags, few blocks: parsed to count, and cleaned
    spans = f"<html><body><p>{PARAS[0]} " + "<b>x</b> " * 1000 + "</p></body></html>"
    assert clean_html(spans, options=o).rejected is None
    assert _core.html_line_count("<p>a</p><p>b</p>") == 3  # two blocks and the blank line between


def test_a_lone_surrogate_is_one_replacement_character() -> None:
    # the core turned each into three U+FFFD (one a byte of its surrogatepass encoding)
    doc = clean_html(f"<html><body><p>{PARAS[0]} x\ud800y</p></body></html>", options=Options(html_mode="fast"))
    assert "x\ufffdy" in doc.text
    text = boilerstrip.clean_text(PARAS[0] + " x\ud800y")
    assert "x\ufffdy" in text.text


def test_a_block_cut_at_its_cap_is_recorded() -> None:
    # 2 MB of text in one <div> came out as its first 1 MiB, with nothing to say so
    words = ("word " * 400_000).strip()
    doc = clean_html(f"<html><body><div>{words}</div></body></html>", options=Options(html_mode="fast"))
    assert len(doc.text) <= 1 << 20 and doc.extra["truncated_bytes"] == len(words) - len(doc.text)
    assert "truncated_bytes" not in clean_html(f"<html><body><p>{PARAS[0]}</p></body></html>", options=Options(html_mode="fast")).extra


@pytest.mark.parametrize("body", ["\x01\x02\x03", "\uffff\ufffe", "***", "---"])
def test_a_page_of_no_word_is_no_content(body: str) -> None:
    # the HTML path kept such a lone block ("���" from control characters) where the text
    # path said no-content
    # (a head, so the three control bytes are under the binary test's 1 in 20 of the page)
    for mode in ("fast", "default"):
        page = f"<html><head><meta charset='utf-8'><title></title></head><body><p>{body}</p></body></html>"
        doc = clean_html(page, options=Options(html_mode=mode))  # type: ignore[arg-type]
        assert doc.rejected == "no-content", (mode, doc.text)
    # (a text of nothing but control characters is binary data, as its bytes would be)
    assert boilerstrip.clean_text(body).rejected == ("binary-input" if body == "\x01\x02\x03" else "no-content")


class _Page(str):
    """A str subclass as a caller's script defines it (in its __main__)."""

    def __str__(self) -> str:  # what clean_html must not read in place of the text
        return "not the page"


_Page.__module__ = "__main__"


@pytest.mark.parametrize("as_bytes", [False, True])
def test_a_subclass_of_str_or_bytes_is_cleaned_as_its_text(as_bytes: bool) -> None:
    # pickled by its class to trafilatura's worker: a class of the caller's __main__ crashed
    # the worker (extra={"fallback": "worker-crashed"}), a local class raised PicklingError
    class Local(bytes if as_bytes else str):  # type: ignore[misc]
        pass

    want = clean_html(PAGE)
    pages = [Local(PAGE.encode() if as_bytes else PAGE)] + ([] if as_bytes else [_Page(PAGE)])
    for page in pages:
        for fn in (clean_html, boilerstrip.clean):
            doc = fn(page, url=_Page("https://gazette.example/news/council-approves-riverside-park"))
            assert "fallback" not in doc.extra, (fn.__name__, type(page))
            assert doc.text == want.text and doc.stats["mode"] == "default"


def test_no_date_is_made_up_from_a_year_or_a_month() -> None:
    # htmldate's extensive search padded what it found in the raw HTML to a day: the default
    # mode dated these pages 2021-07-01, 2022-01-01 and 2024-01-01 (the fast mode: none)
    undated = PAGE.replace('<meta property="article:published_time" content="2024-04-23T08:00:00+02:00">', "")
    undated = undated.replace("Copyright 2024 ", "")
    for head, body in (("", "<img src='/uploads/2021/07/photo.jpg'>"), ("", '<a href="/archive/2022/">Archive</a>'),
                       ('<meta property="article:published_time" content="2024-13-45">', "")):
        page = undated.replace("</head>", head + "</head>").replace("</article>", body + "</article>")
        for mode in ("fast", "default"):
            assert clean_html(page, options=Options(html_mode=mode)).date is None, (mode, head, body)  # type: ignore[arg-type]
    # a date the page states is still read, in its text or in its URL
    dated = undated.replace("<p class=\"byline\">By Jane Miller</p>", '<p class="byline">By Jane Miller, 2023-11-05</p>')
    assert clean_html(dated, options=Options(html_mode="default")).date == "2023-11-05"
    assert clean_html(undated, url="https://gazette.example/2022/03/07/park", options=Options(html_mode="default")).date == "2022-03-07"


@pytest.mark.parametrize("mode", ["fast", "default"])
def test_the_given_url_wins_and_the_page_s_own_url_is_absolute_http(mode: str) -> None:
    options = Options(html_mode=mode)  # type: ignore[arg-type]
    nameless = PAGE.replace('<meta property="og:site_name" content="The Town Gazette">', "").replace(" | The Town Gazette", "")
    canonical = '<link rel="canonical" href="https://gazette.example/news/council-approves-riverside-park">'
    mirrored = nameless.replace(canonical, '<link rel="canonical" href="https://www.daily.example/2024/03/05/park">')
    # the default mode took the site from the canonical link (trafilatura's site name)
    doc = clean_html(mirrored, url="https://mirror.example/x", options=options)
    assert (doc.url, doc.site) == ("https://mirror.example/x", "mirror.example")
    assert doc.extra["canonical_url"] == "https://www.daily.example/2024/03/05/park"
    doc = clean_html(mirrored, options=options)
    assert (doc.url, doc.site) == ("https://www.daily.example/2024/03/05/park", "daily.example")
    # a declared site name is still the site
    assert clean_html(PAGE, url="https://mirror.example/x", options=options).site == "The Town Gazette"
    # a relative canonical link is resolved against the given URL, or else is no URL
    relative = nameless.replace(canonical, '<link rel="canonical" href="/2024/03/05/park">')
    doc = clean_html(relative, options=options)
    assert (doc.url, doc.site, doc.extra.get("canonical_url")) == (None, None, None)
    doc = clean_html(relative, url="https://mirror.example/x", options=options)
    assert (doc.url, doc.site) == ("https://mirror.example/x", "mirror.example")
    assert doc.extra["canonical_url"] == "https://mirror.example/2024/03/05/park"
    # another scheme is no URL at all (it was the url, and "javascript" the site)
    for link in ('<link rel="canonical" href="javascript:alert(1)">', '<meta property="og:url" content="javascript:alert(1)">'):
        doc = clean_html(nameless.replace(canonical, link), options=options)
        assert (doc.url, doc.site, doc.extra.get("canonical_url")) == (None, None, None), link
    # without a canonical link, the given URL is no canonical URL (trafilatura's URL is it)
    assert "canonical_url" not in clean_html(nameless.replace(canonical, ""), url="https://mirror.example/x", options=options).extra


@pytest.mark.parametrize("mode", ["fast", "default"])
def test_an_http_response_head_before_the_page_is_left_out(mode: str) -> None:
    # a crawler's raw response: the fast mode kept "HTTP/1.1 200 OK Content-Type: ..." as the
    # text's first line
    options = Options(html_mode=mode)  # type: ignore[arg-type]
    want = clean_html(PAGE, options=options).text
    head = "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nSet-Cookie: a=b;\r\n  path=/\r\n\r\n"
    redirected = "HTTP/1.1 301 Moved Permanently\r\nLocation: /x\r\n\r\nHTTP/2 200\nserver: x\n\n"
    for raw in (head + PAGE, redirected + PAGE):
        for doc in (raw, raw.encode("utf-8")):
            for fn in (clean_html, boilerstrip.clean):
                d = fn(doc, options=options)
                assert (d.source_format, d.text) == ("html", want), (fn.__name__, type(doc))
                assert "HTTP/" not in "".join(ln.text for ln in d.lines)
    # the charset the headers give is the page's, as a browser reads it (over the <meta>)
    cyrillic = "Городской совет одобрил новый парк у реки после долгих споров, и работы начнутся весной."
    page = PAGE.replace('<meta charset="utf-8">', '<meta charset="iso-8859-5">').replace(PARAS[0], cyrillic)
    raw = b"HTTP/1.0 200 OK\r\nContent-Type: text/html; charset=windows-1251\r\n\r\n" + page.encode("cp1251")
    assert cyrillic in clean_html(raw, options=options).text
    assert decode_html(raw).startswith("<!DOCTYPE html>")
    # text that only mentions HTTP is left as it is
    assert looks_like_html("HTTP/1.1 200 OK\r\n\r\n<!DOCTYPE html><p>x</p>")
    assert not looks_like_html("HTTP/1.1 is a protocol.\n\nIt has status lines.")


def test_a_meta_charset_behind_a_long_head_script_is_read() -> None:
    # only the first 8 KiB were read: a windows-1251 page with 16 KB of script before its
    # <meta> came out as mojibake ("Ãîðîäñêîé ñîâåò")
    cyrillic = "Городской совет одобрил новый парк у реки после долгих споров, и работы начнутся весной."
    script = "<script>var data = [" + ",".join(['"x"'] * 4000) + "];</script>"
    for meta in ('<meta charset="windows-1251">', '<meta http-equiv="Content-Type" content="text/html; charset=windows-1251">'):
        page = f"<!DOCTYPE html><html><head>{script}{meta}<title>Совет</title></head><body><p>{cyrillic}</p></body></html>"
        assert cyrillic in decode_html(page.encode("cp1251")), meta
        assert cyrillic in _fast(page.encode("cp1251")).text
    # the longer window is read in linear time
    t0 = time.perf_counter()
    decode_html(b"<meta " * 20_000 + "é".encode("latin-1"))  # each "<meta" read once, not on to the end
    assert time.perf_counter() - t0 < 0.5

@pytest.mark.parametrize("mode", ["fast", "default"])
@pytest.mark.parametrize("fmt", ["plain", "markdown"])
def test_a_pre_keeps_the_spaces_inside_its_lines(mode: str, fmt: str) -> None:
    # runs of spaces inside a <pre> line were collapsed: s = "a b" changed what the code says
    h = ('<html><body><article><h1>Padding</h1><p>This example shows how Python keeps the spaces inside a string '
         'literal exactly as written.</p><pre>s = "a    b"\nassert len(s) == 6\n    x  =  1\t# aligned</pre><p>The '
         'assertion holds because every space inside the quotes is part of the value.</p></article></body></html>')
    text = clean_html(h, options=Options(html_mode=mode, text_format=fmt)).text  # type: ignore[arg-type]
    assert 's = "a    b"\nassert len(s) == 6\n    x  =  1\t# aligned' in text


def test_a_redirect_s_charset_is_not_the_page_s_and_a_spaced_meta_is_read_in_linear_time() -> None:
    import time

    from boilerstrip.html import decode_html

    page = ('<html><head><meta charset="windows-1251"></head><body><p>Городской совет одобрил новый парк.</p>'
            '</body></html>').encode("cp1251")
    # `curl -iL`: Apache's 301 says iso-8859-1, the page's 200 says nothing (its <meta> does)
    heads = (b"HTTP/1.1 301 Moved\r\nLocation: /a\r\nContent-Type: text/html; charset=iso-8859-1\r\n\r\n"
             b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n")
    assert "Городской совет" in decode_html(heads + page)
    # spaces after "charset=" and no quote: the pattern split them between two stars every way
    start = time.perf_counter()
    decode_html(b"<html><head><meta charset=" + b" " * 30000 + b"></head><body>x</body></html>")
    assert time.perf_counter() - start < 1.0  # 9 s before; a bound far above the linear time, not a speed goal


def test_a_long_article_keeps_its_tail() -> None:
    # 300 paragraphs: the fast mode dropped the last 150 for their place on a long page
    import synth

    paras, _, html = synth.long_article(300)
    text = clean_html(html, options=Options(html_mode="fast")).text
    assert [i for i, p in enumerate(paras) if p not in text] == []
    # (a paragraph with a caption's cue words, one that ends in a colon: see test_text's)
    paras, _, html = synth.long_article(300, caption_at=150, colon_at=200)
    text = clean_html(html, options=Options(html_mode="fast")).text
    assert [i for i, p in enumerate(paras) if p not in text and i not in (150, 200)] == []


COMMENTS_PAGE = """<html lang="en"><head><title>Library extends weekend hours</title></head><body><article>
<h1>Library extends weekend hours</h1>
<p>The library board voted on Monday to extend weekend opening hours at all four branches starting in June.</p>
<p>Saturday hours will run from 9 a.m. to 6 p.m., and the main branch will open on Sundays from noon to 5 p.m.</p>
<p>The change will cost about $180,000 a year, mostly for additional part-time staff.</p></article>
<section id="comments" class="comments"><h2>Comments (2)</h2>
<div class="comment"><p class="author">Janet W.</p><p>This is wonderful news for working parents like me who can never get there during the week.</p></div>
<div class="comment"><p class="author">Paul</p><p>About time. The Sunday hours especially will make a difference for students before exams.</p></div>
</section></body></html>"""


@pytest.mark.parametrize("mode", ["fast", "default"])
def test_include_comments_keeps_the_comments(mode: str) -> None:
    # it only reached trafilatura's vote: in the fast mode it did nothing, and in the default
    # mode Paul's comment stayed dropped either way
    without = clean_html(COMMENTS_PAGE, options=Options(html_mode=mode))
    with_ = clean_html(COMMENTS_PAGE, options=Options(html_mode=mode, include_comments=True))
    assert "About time. The Sunday hours" in with_.text and "This is wonderful news" in with_.text
    assert "extend weekend opening hours" in with_.text
    assert {ln.number for ln in without.lines if ln.kept} <= {ln.number for ln in with_.lines if ln.kept}


@pytest.mark.parametrize("mode", ["fast", "default"])
def test_a_menu_above_the_date_is_no_author(mode: str) -> None:
    # the text's rules read the <nav>'s links, one line, as a name beside the date
    html = ('<html lang="en"><head><title>Transit board cuts fares | Metro Times</title></head><body>'
            '<header><a href="/">Metro Times</a><nav><a href="/s">Austin</a> <a href="/v">Dallas</a> '
            '<a href="/a">Houston</a></nav></header><main><article><h1>Transit board cuts fares for young riders</h1>'
            '<p>December 31, 2023</p><p>The regional transit authority approved a new fare structure on Thursday '
            'that will cut the price of a monthly pass by fifteen percent for riders under twenty-five.</p>'
            '<p>Board members said the change was meant to win back younger commuters who stopped riding.</p>'
            '</article></main></body></html>')
    doc = clean_html(html, options=Options(html_mode=mode))
    assert doc.author is None and doc.date == "2023-12-31"


def test_a_slashed_date_reads_as_the_page_writes_it() -> None:
    # "03/04/2024" is 3 April on a British page (its lang, or its .co.uk site), 4 March on an
    # American one (the HTML audit: it was 4 March everywhere)
    body = ("<p>The regional transit authority approved a new fare structure on Thursday that will cut the price "
            "of a monthly pass by fifteen percent for riders under twenty-five.</p>"
            "<p>Board members said the change was meant to win back younger commuters who stopped riding during "
            "the pandemic and never returned to the buses and trains.</p>")

    def page(lang: str) -> str:
        return (f'<html lang="{lang}"><head><title>Transit board cuts fares</title></head><body><article>'
                f'<h1>Transit board cuts fares</h1><p class="date">Published 03/04/2024</p>{body}</article></body></html>')

    for mode in ("fast", "default"):
        opts = Options(html_mode=mode)
        assert clean_html(page("en-GB"), url="https://www.metro.example/news/fares", options=opts).date == "2024-04-03"
        assert clean_html(page("en"), url="https://www.metro.example.co.uk/news/fares", options=opts).date == "2024-04-03"
        assert clean_html(page("en-US"), url="https://www.metro.example/news/fares", options=opts).date == "2024-03-04"


@pytest.mark.parametrize("mode", ["fast", "default"])
def test_form_fields_and_edit_links_are_not_text(mode: str) -> None:
    # a comment box's placeholder and MediaWiki's "[edit]" beside a heading (the HTML audit:
    # the first kept in fast mode, the second glued to the heading in both)
    body = "".join(f"<p>The council approved the new riverside park after a long debate about its cost and "
                   f"its size, paragraph {i}.</p>" for i in range(6))
    page = (f"<html><body><article><h1>Park approved</h1>{body}<form><textarea name=c>Write your comment here "
            "please and be nice to everyone</textarea></form><h2>History<span class=mw-editsection>[<a href=/e>"
            "edit</a>]</span></h2><p>The park site was a factory until 1990, when it closed and the land lay "
            "empty for years.</p></article></body></html>")
    doc = clean_html(page, options=Options(html_mode=mode))
    assert "paragraph 5." in doc.text and "factory until 1990" in doc.text
    assert "Write your comment" not in doc.text
    assert "edit]" not in doc.text


@pytest.mark.parametrize("ch", ["\x01", "\x1a", "\x1b", "\x7f"])
def test_a_page_of_one_control_character_keeps_no_line(ch: str) -> None:
    # found by the property test in CI: such a page was a no-content rejection with an empty
    # text, but its lines said the block "\ufffd" was kept
    for mode in ("fast", "default"):
        doc = clean_html(f"<html><body><p>{ch}</p></body></html>", options=Options(html_mode=mode))  # type: ignore[arg-type]
        assert doc.rejected in ("no-content", "binary-input") and doc.text == ""
        assert [ln.text for ln in doc.lines if ln.kept] == []


def test_a_segment_react_streams_hidden_is_read_and_other_hidden_blocks_are_not() -> None:
    # Next.js's app router writes the article in <div hidden id="S:0">, which its script moves
    # into the loading skeleton's place: skipped as hidden, the page was `no-content`
    from boilerstrip import Options

    paras = "".join(f"<p>Paragraph {i} tells how the council approved the new riverside park after a long debate, "
                    "and residents said on Monday that work will start in spring.</p>" for i in range(5))
    page = ("<html><body><header><a href='/'>Home</a> <a href='/news'>News</a></header>"
            "<main><div class='animate-pulse'></div></main><footer>(c) 2025 Example</footer>"
            f"<div hidden id=\"S:0\"><main><article><h1>The new park</h1>{paras}</article></main></div>"
            "<div hidden id=\"menu\"><p>A hidden menu text that nobody sees on the page at all, however long it is.</p></div>"
            "</body></html>")
    for mode in ("fast", "default"):
        d = boilerstrip.clean_html(page, options=Options(html_mode=mode))
        assert d.rejected is None and "Paragraph 1 tells" in d.text, mode
        assert "hidden menu text" not in d.text
