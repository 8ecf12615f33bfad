"""Site-template removal: how many template lines `--site-template` removes, how many
content lines it loses, and its F1 gain over single-page cleaning (one run, side by side).

Data: the WCXB dev split (see common.py; CC-BY-4.0, Murrough Foley,
https://github.com/Murrough-Foley/web-content-extraction-benchmark), text path
(``page_text``: the whole page's visible text). Two corpora:

* real: the whole dev pack as one corpus; its sites with several pages (rei.com 12,
  store.steampowered.com 12, developer.mozilla.org 9, ...) are scored apart. A dropped line
  counts as content when at least 80% of its tokens occur in the page's gold text.
* synthetic: sites made by giving pages a shared template: the chrome lines (lines with less
  than half their tokens in the gold) above and below one real page's content are wrapped
  around the gold content of other pages, ``--pages`` pages per template. Which lines are
  template is known exactly.

    python benchmarks/template.py --data PATH/wcxb-dev.jsonl.gz [--templates 40 --pages 10] [--out FILE]
    python benchmarks/template.py --data PATH/wcxb-dev.jsonl.gz --speed   # counting MB/s only

``--speed`` prints how fast the template counter counts the dev pack's page texts (four times
over, one thread, CPU time, best of ``--repeat``) and nothing else: to compare two builds, run
it under each in turn (the other build's wheel unpacked first on ``PYTHONPATH``).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import Page, load_pages, mean_prf, prf, tokens  # noqa: E402

from boilerstrip import CorpusOptions, clean_corpus, clean_text_batch, normalize_text  # noqa: E402


def gold_share(line: str, gold_tokens: Counter) -> float:
    t = tokens(line)
    return sum(1 for x in t if gold_tokens[x]) / len(t) if t else 0.0


def corpus_run(docs: list[dict], corpus: CorpusOptions):  # type: ignore[no-untyped-def]
    return list(clean_corpus(docs, corpus=corpus, mode="text"))  # page_text is text even where it looks like HTML


def real_sites(pages: list[Page], settings: dict[str, CorpusOptions]) -> dict:
    docs = [{"id": p.id, "url": p.url, "text": p.page_text} for p in pages]
    single = clean_text_batch([p.page_text for p in pages], urls=[p.url for p in pages], ids=[p.id for p in pages])
    sizes = Counter(p.site for p in pages)
    multi = [i for i, p in enumerate(pages) if p.site and sizes[p.site] >= 3]
    golds = [p.gold for p in pages]
    out: dict = {
        "pages": len(pages),
        "multi_page_sites": len({pages[i].site for i in multi}),
        "pages_on_multi_page_sites": len(multi),
        "single_page": {
            "F1_multi_page_sites": round(mean_prf([single[i].text for i in multi], [golds[i] for i in multi])[2], 4),
            "F1_all_pages": round(mean_prf([d.text for d in single], golds)[2], 4),
        },
    }
    for name, corpus in settings.items():
        res = corpus_run(docs, corpus)
        removed = content_lost = 0
        for i, d in enumerate(res):
            gt = Counter(tokens(golds[i]))
            for ln in d.lines:
                if ln.reason == "site-template":
                    removed += 1
                    content_lost += gold_share(ln.text, gt) >= 0.8
        p_m, r_m, f_m = mean_prf([res[i].text for i in multi], [golds[i] for i in multi])
        out[name] = {
            "template_lines_removed": removed,
            "of_which_content_lines": content_lost,
            "F1_multi_page_sites": round(f_m, 4),
            "P_R_multi_page_sites": [round(p_m, 4), round(r_m, 4)],
            "F1_all_pages": round(mean_prf([d.text for d in res], golds)[2], 4),
            "F1_gain_multi_page_sites": round(f_m - out["single_page"]["F1_multi_page_sites"], 4),
            "pages_emptied": sum(1 for i in multi if res[i].rejected == "site-template"),
            # each site's mean F1 change a page, where it changed (the sites the pass helps or hurts)
            "F1_change_by_site": by_site(pages, multi, [single[i].text for i in range(len(pages))], [d.text for d in res]),
        }
    return out


def by_site(pages: list[Page], multi: list[int], before: list[str], after: list[str]) -> dict[str, float]:
    change: dict[str, list[float]] = {}
    for i in multi:
        change.setdefault(pages[i].site, []).append(prf(after[i], pages[i].gold)[2] - prf(before[i], pages[i].gold)[2])
    means = {s: sum(v) / len(v) for s, v in change.items()}
    return {s: round(m, 4) for s, m in sorted(means.items(), key=lambda kv: kv[1]) if abs(m) >= 5e-5}


def chrome_of(p: Page) -> tuple[list[str], list[str]]:
    gt = Counter(tokens(p.gold))
    lines = [ln.strip() for ln in p.page_text.split("\n")]
    content = [i for i, ln in enumerate(lines) if ln and gold_share(ln, gt) >= 0.5]
    if not content:
        return [], []
    head = [ln for ln in lines[: content[0]] if ln and gold_share(ln, gt) < 0.5]
    foot = [ln for ln in lines[content[-1] + 1 :] if ln and gold_share(ln, gt) < 0.5]
    return head, foot


def synthetic_sites(pages: list[Page], n_templates: int, per_site: int, seed: int, settings: dict[str, CorpusOptions]) -> dict:
    rng = random.Random(seed)
    pool = [p for p in pages if len(p.gold.split()) >= 50]
    rng.shuffle(pool)
    templates = []
    for p in pool:
        head, foot = chrome_of(p)
        if len(head) + len(foot) >= 6:
            templates.append((head, foot))
        if len(templates) == n_templates:
            break
    bodies = [p for p in pool if p.gold.strip()]
    docs, golds, template_sets = [], [], []
    k = 0
    for t, (head, foot) in enumerate(templates):
        for i in range(per_site):
            body = bodies[k % len(bodies)]
            k += 1
            gold_lines = [ln.strip() for ln in body.gold.split("\n") if ln.strip()]
            text = "\n".join(head + [""] + gold_lines + [""] + foot)
            docs.append({"id": f"synth-{t:03d}-{i:02d}", "url": f"https://synth-{t}.example/page/{i}", "text": text})
            golds.append("\n".join(gold_lines))
            # compared in the output's normal form (whitespace collapsed, NFC)
            template_sets.append({normalize_text(x) for x in head + foot} - {normalize_text(x) for x in gold_lines})
    single = clean_text_batch([d["text"] for d in docs], urls=[d["url"] for d in docs])

    def template_left(texts: list[str]) -> int:
        return sum(sum(1 for ln in t.split("\n") if ln in ts) for t, ts in zip(texts, template_sets))

    n_template_lines = sum(len(ts) for ts in template_sets)
    out: dict = {
        "sites": len(templates),
        "pages": len(docs),
        "template_lines_in_input": n_template_lines,
        "single_page": {
            "template_lines_left": template_left([d.text for d in single]),
            "F1": round(mean_prf([d.text for d in single], golds)[2], 4),
        },
    }
    for name, corpus in settings.items():
        res = corpus_run(docs, corpus)
        lost = sum(
            1 for d, ts in zip(res, template_sets) for ln in d.lines if ln.reason == "site-template" and ln.text not in ts
        )
        removed = sum(1 for d in res for ln in d.lines if ln.reason == "site-template")
        f = mean_prf([d.text for d in res], golds)
        out[name] = {
            "template_lines_removed": removed,
            "content_lines_lost": lost,
            "template_lines_left": template_left([d.text for d in res]),
            "F1": round(f[2], 4),
            "P_R": [round(f[0], 4), round(f[1], 4)],
            "F1_gain": round(f[2] - out["single_page"]["F1"], 4),
        }
    return out


def counting_speed(pages: list[Page], repeat: int) -> float:
    """MB/s of ``TemplateCounter.add_texts`` over the page texts four times, one thread."""
    from boilerstrip import _core

    texts = [p.page_text for p in pages] * 4
    sites = [p.site or "-" for p in pages] * 4
    mb = sum(len(t.encode()) for t in texts) / 1e6
    best = float("inf")
    for _ in range(repeat):
        t0 = time.process_time()
        _core.TemplateCounter().add_texts(sites, texts, 1)
        best = min(best, time.process_time() - t0)
    return mb / best


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", required=True, help="WCXB dev pack (jsonl.gz)")
    ap.add_argument("--templates", type=int, default=40, help="synthetic sites (default: 40)")
    ap.add_argument("--pages", type=int, default=10, help="pages per synthetic site (default: 10)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--out", default=None, help="write the figures as JSON here")
    ap.add_argument("--speed", action="store_true", help="print the counting speed only (see above)")
    ap.add_argument("--repeat", type=int, default=3, help="rounds of --speed (default: 3)")
    a = ap.parse_args()
    pages = load_pages(a.data)
    if a.speed:
        import boilerstrip

        print(f"template counting: {counting_speed(pages, a.repeat):.1f} MB/s (boilerstrip at {boilerstrip.__file__})")
        return
    settings = {
        "site_template (defaults: min_docs=3, min_fraction=0.3, min_run=2)": CorpusOptions(dedup="none"),
        "site_template (min_fraction=0.5)": CorpusOptions(dedup="none", template_min_fraction=0.5),
        "site_template (min_run=1: also isolated lines amid content)": CorpusOptions(dedup="none", template_min_run=1),
    }
    report = {
        "real_dev_pack": real_sites(pages, settings),
        "synthetic_shared_templates": synthetic_sites(pages, a.templates, a.pages, a.seed, settings),
    }
    text = json.dumps(report, indent=2)
    print(text)
    if a.out:
        Path(a.out).write_text(text + "\n")


if __name__ == "__main__":
    main()
