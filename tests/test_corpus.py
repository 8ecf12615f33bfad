"""clean_corpus: site-template lines across documents, exact/URL/near duplicates,
determinism, and the command line's corpus flags."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import boilerstrip
from boilerstrip import CorpusOptions, MinHashParams, clean_corpus, clean_text
from boilerstrip.cli import main

NOUNS = ["council", "harbour", "orchard", "railway", "library", "bridge", "market", "school", "river", "museum",
         "factory", "garden", "clinic", "theatre", "canal", "forest", "airport", "stadium", "village", "castle"]
VERBS = ["approved", "rebuilt", "opened", "closed", "funded", "delayed", "expanded", "inspected", "sold", "renamed"]
ADJS = ["northern", "old", "new", "small", "famous", "quiet", "busy", "flooded", "historic", "empty"]
QUOTE = "Imagination is more important than knowledge, as the physicist famously told an interviewer in 1929."


def sentence(rng: random.Random) -> str:
    return (f"The {rng.choice(ADJS)} {rng.choice(NOUNS)} was {rng.choice(VERBS)} by the {rng.choice(NOUNS)} board "
            f"after the {rng.choice(ADJS)} {rng.choice(NOUNS)} near the {rng.choice(NOUNS)} {rng.choice(VERBS)} its plans.")


def article(rng: random.Random, paragraphs: int = 4) -> list[str]:
    return [" ".join(sentence(rng) for _ in range(3)) for _ in range(paragraphs)]


def template(host: str) -> tuple[list[str], list[str]]:
    name = host.split(".")[0].title()
    head = [f"{name} News", "Home | World | Business | Sport | Contact", f"Sign in to your {name} account"]
    foot = [
        # prose every page of the site ends with: one page cannot tell it from the story (the
        # single-page cleaner keeps it), the site's other pages can
        f"The {name} Gazette has been published every week since 1921 by a cooperative of its readers, and its reporters cover every village in the valley.",
        f"Our reporters answer to the readers alone: the cooperative owns the paper, and no advertiser has ever been allowed to change a single story.",
        "Share post:", f"Subscribe to the {name} newsletter for weekly updates", f"© 2024 {name} Media Group. All rights reserved."]
    return head, foot


def page(host: str, body: list[str]) -> str:
    head, foot = template(host)
    return "\n".join(head + [""] + [p + "\n" for p in body] + foot)


def site(host: str, n: int, seed: int, extra: dict[int, str] | None = None) -> list[dict]:
    rng = random.Random(seed)
    out = []
    for i in range(n):
        body = article(rng)
        if extra and i in extra:
            body.insert(1, extra[i])
        out.append({"id": f"{host}/{i:02d}", "url": f"https://{host}/story/{i}", "text": page(host, body)})
    return out


def by_id(docs) -> dict[str, boilerstrip.Document]:
    return {d.id: d for d in docs}


NO_DEDUP = CorpusOptions(dedup="none")


def test_template_lines_removed_and_content_kept() -> None:
    pages = site("alpha.com", 8, seed=1)
    out = list(clean_corpus(pages, corpus=NO_DEDUP))
    head, foot = template("alpha.com")
    for p, d in zip(pages, out):
        assert d.rejected is None
        for line in head + foot:
            assert line not in d.text.split("\n")
        single = clean_text(p["text"], url=p["url"])
        # what the single-page cleaner kept is kept, minus the template
        assert set(d.text.split("\n")) <= set(single.text.split("\n"))
        body = [ln for ln in single.text.split("\n") if ln and ln not in head + foot]
        assert [ln for ln in d.text.split("\n") if ln] == body
        dropped = {ln.text for ln in d.lines if ln.reason == "site-template"}
        assert dropped and dropped <= set(head + foot)
        # the record's line hashes are those of the lines kept
        assert len(d.hashes["lines"]) == sum(ln.kept for ln in d.lines)
        assert d.to_dict()["metadata"]["hashes"]["text"] == f"{boilerstrip.text_hash(d.text):016x}"


def test_quote_shared_across_sites_survives() -> None:
    pages = []
    for k, host in enumerate(["alpha.com", "beta.org", "gamma.net", "delta.io", "eps.co.uk"]):
        pages += site(host, 4, seed=10 + k, extra={2: QUOTE})
    out = list(clean_corpus(pages, corpus=NO_DEDUP))
    with_quote = [d for p, d in zip(pages, out) if QUOTE in p["text"]]
    assert len(with_quote) == 5
    assert all(QUOTE in d.text for d in with_quote)


def test_recurring_lines_amid_content_need_a_run() -> None:
    block = QUOTE + "\n" + "Read the full interview in our weekly print edition, out every Friday morning."
    one = site("alpha.com", 6, seed=2, extra={i: QUOTE for i in range(6)})
    two = site("beta.com", 6, seed=2, extra={i: block for i in range(6)})
    out = by_id(clean_corpus(one + two, corpus=NO_DEDUP))
    # one recurring line between paragraphs of the page's own: a heading-like line, kept
    assert all(QUOTE in out[p["id"]].text for p in one)
    # a run of two recurring lines amid the content: a template block, dropped
    assert all(QUOTE not in out[p["id"]].text for p in two)
    strict = by_id(clean_corpus(one, corpus=CorpusOptions(dedup="none", template_min_run=1)))
    assert all(QUOTE not in d.text for d in strict.values())


def test_an_article_crawled_three_times_with_other_teasers_is_kept_once() -> None:
    # the copies differ in a teaser line the page cleaner drops: each counted as a page of its
    # own, the article recurred in 3 of the site's 9 pages and every copy was site-template
    pages = site("alpha.com", 6, seed=3)
    body = article(random.Random(99), paragraphs=5)
    for k, teaser in enumerate(["Trending: the mayor vote this week", "Trending: budget talks resume",
                                "Trending: bridge works delayed"]):
        head, foot = template("alpha.com")
        text = "\n".join(head + [teaser, ""] + [p + "\n" for p in body] + foot)
        pages.append({"id": f"copy{k}", "url": f"https://alpha.com/story/99?v={k}", "text": text})
    out = by_id(clean_corpus(pages, corpus=CorpusOptions(dedup="near")))
    assert out["copy0"].rejected is None and all(p in out["copy0"].text for p in body)
    assert [out[f"copy{k}"].extra.get("duplicate_of") for k in (1, 2)] == ["copy0", "copy0"]
    assert all(out[p["id"]].rejected is None for p in pages[:6])


def test_dropping_template_lines_keeps_the_clean_texts_layout() -> None:
    # the clean text was rebuilt from the kept lines, each normalised: code lost its indent,
    # and an HTML page its Markdown, its <pre> and its table's rows
    rng = random.Random(5)
    t1 = "This blog is written by one person who likes to share small programs with the readers every week."
    t2 = "If you like what you read here, please tell your friends about the blog and come back next week."
    texts, htmls = [], []
    for i, v in enumerate("abcde"):
        code = [f"def add_{v}({v}, y):", f"    if {v} is None:", "        return y", f"    total_{v} = {v} + y",
                f"    return total_{v}"]
        lines = ["Home", "Blog", "", f"How to add {v} in Python", "", *article(rng, 1), "", *code, "",
                 *article(rng, 1), "", t1, "", t2]
        texts.append({"id": f"c{i}", "url": f"https://code.example.com/{i}", "text": "\n".join(lines)})
        htmls.append({"id": f"h{i}", "url": f"https://bake.example.com/{i}", "html": (
            f"<html><body><nav><a href='/'>Home</a></nav><article><h1>Baking with {v}</h1>"
            f"<p>{article(rng, 1)[0]}</p><h2>What you need for {v}</h2><pre>slice  the {v}\n    then bake</pre>"
            f"<table><tr><th>{v} item</th><th>{v} price</th></tr><tr><td>{v} basket</td><td>4 {v}</td></tr></table>"
            f"<p>{article(rng, 1)[0]}</p><p>{t1}</p><p>{t2}</p></article></body></html>")})
    doc = next(iter(clean_corpus(texts, corpus=NO_DEDUP)))
    assert {ln.text for ln in doc.lines if ln.reason == "site-template"} == {t1, t2}
    single = clean_text(texts[0]["text"], url=texts[0]["url"])
    assert "\n    if a is None:\n        return y\n" in single.text
    assert doc.text == single.text[:single.text.index(t1)].rstrip()
    opts = boilerstrip.Options(html_mode="fast", text_format="markdown")
    doc = next(iter(clean_corpus(htmls, options=opts, corpus=NO_DEDUP)))
    assert {ln.text for ln in doc.lines if ln.reason == "site-template"} == {t1, t2}
    single = boilerstrip.clean_html(htmls[0]["html"], url=htmls[0]["url"], options=opts)
    for piece in ("## What you need for a", "```", "slice  the a", "    then bake", "| a item | a price |"):
        assert piece in single.text and piece in doc.text, piece
    assert doc.text == single.text[:single.text.index(t1)].rstrip()
    assert doc.stats["lines_kept"] == single.stats["lines_kept"] - 2


def test_single_page_site_untouched() -> None:
    pages = site("alpha.com", 5, seed=3) + site("lonely.org", 1, seed=4)
    lonely = pages[-1]
    copy = dict(lonely, id="lonely-copy", url="https://lonely.org/copy")
    out = list(clean_corpus(pages + [copy], corpus=NO_DEDUP))
    for d, page in zip(out[-2:], (lonely, copy)):
        # (each as cleaned alone, with its own URL: the model reads the URL's words)
        assert d.text == clean_text(page["text"], url=page["url"]).text
        assert all(ln.reason != "site-template" for ln in d.lines)


def test_sites_from_folders_and_source_when_no_url() -> None:
    pages = site("alpha.com", 5, seed=5)
    in_folder = [{"id": p["id"], "text": p["text"], "path": f"crawl/alpha/{i}.txt"} for i, p in enumerate(pages)]
    in_source = [{"id": p["id"], "text": p["text"], "source": "alpha-dump"} for p in pages]
    no_site = [{"id": p["id"], "text": p["text"]} for p in pages]
    for docs, expect in [(in_folder, True), (in_source, True), (no_site, False)]:
        out = list(clean_corpus(docs, corpus=NO_DEDUP))
        assert any(ln.reason == "site-template" for d in out for ln in d.lines) is expect


def corpus_with_duplicates() -> list[dict]:
    pages = site("alpha.com", 5, seed=6) + site("beta.org", 4, seed=7)
    rng = random.Random(8)
    a0, b1 = pages[0], pages[6]
    exact = dict(a0, id="alpha.com/zz-copy", url="https://mirror.example/a0")  # same text
    url_dup = dict(b1, id="beta.org/99", text=page("beta.org", article(rng)))  # same URL, other text
    # near: the same article with one sentence changed, on another site
    body = a0["text"].split("\n")
    body[4] = body[4].replace("The ", "A ", 2)
    near = {"id": "aaa-near", "url": "https://other.example/x", "text": "\n".join(body)}
    return pages + [exact, url_dup, near]


def test_exact_url_and_near_duplicates_are_rejected_with_duplicate_of() -> None:
    docs = corpus_with_duplicates()
    out = by_id(clean_corpus(docs, corpus=CorpusOptions(dedup="near", site_template=False)))
    # the exact copy of alpha.com/00 points at the document finally kept for both (the near copy)
    assert (out["alpha.com/zz-copy"].rejected, out["alpha.com/zz-copy"].extra["duplicate_of"]) == ("duplicate", "aaa-near")
    assert (out["beta.org/99"].rejected, out["beta.org/99"].extra["duplicate_of"]) == ("url-duplicate", "beta.org/01")
    # the near copy sorts first by id, so it is the one kept and the original is rejected
    assert (out["alpha.com/00"].rejected, out["alpha.com/00"].extra["duplicate_of"]) == ("near-duplicate", "aaa-near")
    assert out["aaa-near"].rejected is None and out["aaa-near"].extra["cluster_size"] == 3
    cluster = {d.extra["cluster_id"] for d in out.values() if d.id in ("aaa-near", "alpha.com/00", "alpha.com/zz-copy")}
    assert len(cluster) == 1
    kept = [d for d in out.values() if not d.rejected]
    assert len(kept) == len(docs) - 3
    exact_only = by_id(clean_corpus(docs, corpus=CorpusOptions(dedup="exact", site_template=False)))
    assert exact_only["alpha.com/00"].rejected is None
    assert (exact_only["alpha.com/zz-copy"].rejected, exact_only["alpha.com/zz-copy"].extra["duplicate_of"]) == ("duplicate", "alpha.com/00")


def outcome(docs: list, threads: int, batch_size: int = 512) -> dict[str, tuple]:
    corpus = CorpusOptions(dedup="near", batch_size=batch_size, minhash=MinHashParams(threshold=0.7))
    return {
        d.id: (d.text, d.rejected, d.extra.get("duplicate_of"), d.extra.get("cluster_id"), tuple(ln.reason for ln in d.lines))
        for d in clean_corpus(docs, corpus=corpus, threads=threads)
    }


def test_same_output_whatever_the_order_threads_and_batches() -> None:
    docs = corpus_with_duplicates()
    reference = outcome(docs, threads=1)
    assert sum(1 for v in reference.values() if v[1]) == 3
    assert any("site-template" in v[4] for v in reference.values())
    rng = random.Random(0)
    for threads, batch in [(2, 512), (2, 3), (1, 1)]:
        shuffled = list(docs)
        rng.shuffle(shuffled)
        assert outcome(shuffled, threads=threads, batch_size=batch) == reference


@settings(max_examples=15, deadline=None)
@given(st.permutations(list(range(12))), st.sampled_from([1, 2]))
def test_permuting_inputs_does_not_change_the_kept_set(perm: list[int], threads: int) -> None:
    docs = corpus_with_duplicates()
    kept = lambda ds: {d.id for d in clean_corpus(ds, threads=threads) if not d.rejected}  # noqa: E731
    assert kept([docs[i] for i in perm]) == kept(docs)


def test_inputs_of_every_shape_and_bad_ones() -> None:
    text = page("alpha.com", article(random.Random(9)))
    gen = (x for x in [text, text.encode(), {"text": text, "metadata": {"url": "https://a.com/1"}}, 42, {"nope": 1}, b"\x00\x01" * 500])
    out = list(clean_corpus(gen, corpus=CorpusOptions(dedup="exact")))
    assert [d.rejected for d in out[3:]] == ["wrong-type", "wrong-type", "binary-input"]
    # the str and the bytes of one page are one document, and so is the record with a URL if
    # its text comes out the same: one copy of each text kept, the others duplicates of it
    by_text: dict[str, list] = {}
    for d in out[:3]:
        by_text.setdefault(d.text, []).append(d)
    for group in by_text.values():
        kept = [d for d in group if d.rejected is None]
        assert len(kept) == 1
        assert all(d.rejected == "duplicate" and d.extra["duplicate_of"] == kept[0].id for d in group if d.rejected)
    assert out[0].text == out[1].text
    assert out[2].url == "https://a.com/1"  # a dolma/datatrove record's metadata.url
    assert out[0].id == f"{boilerstrip._core.hash_bytes(text.encode()):016x}"
    assert list(clean_corpus([])) == []
    assert [d.rejected for d in clean_corpus(["", "  \n "])] == ["empty-input", "empty-input"]
    with pytest.raises(ValueError, match="dedup"):
        CorpusOptions(dedup="fuzzy")  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        CorpusOptions(template_min_fraction=3.0)


def test_corpus_run_shards_add_up_to_the_run(tmp_path: Path) -> None:
    """A corpus run cleans its shards together (every record in its first pass, before any
    comes out), so its cleaning and corpus-pass times go with its last shard: the shards' stage
    times add up to the run's."""
    src = tmp_path / "in"
    src.mkdir()
    docs = corpus_with_duplicates()
    for k in range(3):
        (src / f"part{k}.jsonl").write_text("".join(json.dumps({**d, "id": f"{k}-{d['id']}"}) + "\n" for d in docs))
    out = tmp_path / "out"
    assert main(["clean", str(src), "-o", str(out), "-q", "--dedup", "exact"]) == 0
    shards = [json.loads(m.read_text())["stats"]["seconds_by_stage"] for m in sorted(out.rglob("done/*.json"))]
    total = json.loads((out / "stats.json").read_text())["seconds_by_stage"]
    assert len(shards) == 3
    for stage in ("read", "clean_text", "corpus", "write"):
        assert sum(sh[stage] for sh in shards) == pytest.approx(total[stage], abs=1e-5)
    assert shards[-1]["clean_text"] == pytest.approx(total["clean_text"], abs=1e-5) and total["clean_text"] > 0


def test_cli_corpus_flags(tmp_path: Path) -> None:
    src = tmp_path / "in"
    for d in corpus_with_duplicates():
        f = src / d["id"].replace("/", "_").replace(".", "-")
        f = f.with_suffix(".txt")
        f.parent.mkdir(parents=True, exist_ok=True)
        f.write_text(d["text"], encoding="utf-8")
    out = tmp_path / "out"
    assert main(["clean", str(src), "-o", str(out), "-q", "--site-template", "--dedup", "near"]) == 0
    docs = [json.loads(x) for x in (out / "documents.jsonl").read_text().splitlines()]
    rejects = [json.loads(x) for x in (out / "rejects.jsonl").read_text().splitlines()]
    assert {r["reason"] for r in rejects} == {"duplicate", "near-duplicate"}
    ids = {d["id"] for d in docs}
    assert all(r["duplicate_of"] in ids for r in rejects)
    for d in docs:
        assert {"text", "exact", "lines"} <= set(d["metadata"]["hashes"]) and d["metadata"]["cluster_id"]
    stats = json.loads((out / "stats.json").read_text())
    assert stats["inputs"] == 12 and stats["lines_dropped_by_reason"]["site-template"] > 0
    # each stage timed (a corpus run wrote 0.0 for reading and cleaning)
    assert all(stats["seconds_by_stage"][k] > 0 for k in ("read", "clean_text", "corpus", "write"))
    assert main(["clean", str(src), "-o", str(tmp_path / "o2"), "-q", "--dedup", "near", "--num-perm", "64", "--bands", "8"]) == 0
    with pytest.raises(SystemExit):
        main(["clean", str(src), "-o", str(tmp_path / "o3"), "--dedup", "near", "--bands", "200"])


@pytest.mark.parametrize("bad", [{"url": float("nan")}, {"url": 5}, {"url": b"https://a.com/x"}, {"path": 5}, {"source": 5},
                                 {"metadata": {"url": 7}}, {"id": ["x"]}])
def test_a_record_with_a_wrong_field_type_is_rejected_alone(bad: dict[str, object]) -> None:
    # a pandas row with a missing URL has url=NaN: site_of() raised TypeError and the whole
    # run stopped, where a record of the wrong shape is to be rejected alone
    text = page("alpha.com", article(random.Random(3)))
    other = page("beta.com", article(random.Random(4)))
    out = list(clean_corpus([{"text": other, "id": "a"}, {"text": text, **bad}, {"text": other + "\nMore.", "id": "c"}]))
    assert [d.rejected for d in out][1] == "wrong-type"
    assert out[0].rejected is None and len(out) == 3


def test_site_template_removal_counts_words_as_the_cleaner_does() -> None:
    # with site templates on, words_out was counted again with str.split(): a page of Chinese
    # was 3 "words" and min_words rejected it as too-short (kept without --site-template)
    s = ["北京市政府周一宣布将在明年春天开始建设一座新的城市公园。", "这个项目预计耗资两亿元并将为周边居民提供更多的休闲空间。",
         "市长表示公园将包括一条沿河步道和一个儿童游乐场。", "一些居民担心施工期间的噪音和交通问题。",
         "市议会经过一年的辩论后以多数票通过了该计划。", "专家认为城市绿地对居民的身心健康非常重要。"]
    note = "本文仅代表作者个人观点，不代表本网站的立场，转载请注明出处并保留原文链接，我们对文中陈述和观点保持中立，谢谢您的理解与合作。"
    pages = [{"id": f"zh{i}", "url": f"https://news.example.cn/a/{i}",
              "text": "\n\n".join([s[(i + k) % 6] + s[(i + k + 1) % 6] + s[(i + k + 3) % 6] + "甲乙丙丁"[i] + "天地人"[k]
                                   for k in range(3)] + [note])} for i in range(4)]
    opts = boilerstrip.Options(min_words=20)
    alone = [clean_text(p["text"], url=p["url"], options=opts) for p in pages]
    assert all(d.rejected is None for d in alone)
    docs = list(clean_corpus(pages, options=opts, corpus=NO_DEDUP))
    assert [d.rejected for d in docs] == [None] * 4
    for d, a in zip(docs, alone):
        assert note not in d.text and note in a.text  # the site's template line was removed
        assert d.stats["words_out"] == boilerstrip._core.word_count(d.text) > 20
        assert d.stats["words_out"] < a.stats["words_out"]


def test_a_single_record_is_refused_and_a_blank_html_gives_way_to_the_text() -> None:
    text = page("alpha.com", article(random.Random(4)))
    # a mapping was iterated: its keys ('id', 'text') came out as two documents
    with pytest.raises(boilerstrip.InputError, match="single page or record"):
        list(clean_corpus({"id": "a", "text": text}))
    # a table with both columns: a missing (None) or blank html falls back to the text, as the
    # command line's JSONL reader does; a lone None is still the wrong type
    docs = list(clean_corpus([{"id": "a", "text": text, "html": None}, {"id": "b", "text": text, "html": " \n"},
                              {"id": "c", "html": None}, {"id": "d", "html": "", "text": None}], corpus=NO_DEDUP))
    assert [d.rejected for d in docs] == [None, None, "wrong-type", "empty-input"]  # (d as the JSONL reader says)
    assert docs[0].text == docs[1].text == clean_text(text).text


def test_url_duplicates_are_of_given_urls_not_of_canonical_links() -> None:
    # without an input URL, the page's canonical link became doc.url, and a site that points
    # every page's at its home page made two different stories url-duplicates
    arts = ["The council approved the new park on Monday after a long debate, and work will start in spring next year.",
            "A storm knocked out power to thousands of homes across the valley overnight, the utility company said on Friday."]
    pages = [{"id": f"p{i}", "html": f"<html><head><title>Story {i}</title><link rel=canonical href='https://daily.example/'>"
              f"</head><body><article><h1>Story {i}</h1><p>{t}</p></article></body></html>"} for i, t in enumerate(arts)]
    fast = boilerstrip.Options(html_mode="fast")
    docs = list(clean_corpus(pages, options=fast))
    assert [d.rejected for d in docs] == [None, None]
    # URLs given with the inputs still are
    given = [dict(p, url="https://daily.example/story") for p in pages]
    assert [d.rejected for d in clean_corpus(given, options=fast)] == [None, "url-duplicate"]


def test_cluster_ids_do_not_depend_on_the_inputs_path() -> None:
    # the tiebreak hashed the path as given: `clean data/c.jsonl`, its absolute path and
    # stdin gave every document another cluster_id
    pages = site("alpha.com", 4, seed=7)
    ids = []
    for path in ("data/c.jsonl", "/abs/data/c.jsonl", None):
        recs = [dict(p, path=path) if path else dict(p) for p in pages]
        ids.append([d.extra["cluster_id"] for d in clean_corpus(recs, corpus=CorpusOptions(dedup="near"))])
    assert ids[0] == ids[1] == ids[2] and len(set(ids[0])) == 4


def test_a_sentence_written_on_every_page_with_other_numbers_is_each_pages_content() -> None:
    # digits fold to 0 in the line keys: each draw's own results line was the site's template
    rng = random.Random(4)
    pages, lines = [], {}
    for i in range(6):
        nums = rng.sample(range(10, 60), 6)  # (two digits each: folded, the six lines are one)
        lines[f"d{i}"] = (f"The winning numbers in draw {1000 + i} were {', '.join(map(str, nums[:5]))} and {nums[5]}, "
                          f"and the jackpot of {i + 2} million pounds was shared by {i + 3} players.")
        text = "\n".join(["Lotto News", "Home | Results | Contact", "", lines[f"d{i}"], "", *article(rng), "", "12 comments",
                          "© 2024 Lotto News"])
        pages.append({"id": f"d{i}", "url": f"https://lotto.example.com/draw/{1000 + i}", "text": text})
    out = by_id(clean_corpus(pages, corpus=NO_DEDUP))
    assert all(lines[k] in out[k].text for k in lines)


def test_template_counts_do_not_depend_on_which_crawl_of_a_page_comes_first() -> None:
    # the first copy of a kept text counted its dropped footer, the second's was not: a line
    # was template in one input order and kept in the other
    sents = article(random.Random(12), paragraphs=3)
    foot_a = "Readers who want to support independent journalism here can become members at the front desk."
    foot_b = "Our newsroom has covered the local government of this valley since two brothers founded it."

    def art(tag: str, extra: str = "", footer: str = "") -> str:
        body = "".join(f"<p>{x} Story {tag}.</p>" for x in sents)
        return f"<html><body><article><h1>Story {tag}</h1>{body}{extra}</article><footer><p>{footer}</p></footer></body></html>"

    recs = [{"id": "xa", "url": "http://ex.com/x?c=a", "text": art("x", footer=foot_a)},
            {"id": "xb", "url": "http://ex.com/x?c=b", "text": art("x", footer=foot_b)}]
    recs += [{"id": f"p{t}", "url": f"http://ex.com/p{t}", "text": art(t, extra=f"<p>{foot_a}</p>" if t in "bc" else "")}
             for t in "bcdef"]

    def run(rs: list[dict]) -> dict[str, tuple]:
        return {d.id: (d.text, [ln.reason for ln in d.lines]) for d in clean_corpus(rs, corpus=NO_DEDUP)}

    assert run(recs) == run([recs[1], recs[0], *recs[2:]])
