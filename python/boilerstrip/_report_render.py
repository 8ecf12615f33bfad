"""The report's HTML, from a :class:`boilerstrip.report.Summary`: all of it inline (styles,
charts as SVG, a few lines of script), so the file opens anywhere, offline, and can be mailed."""

from __future__ import annotations

from html import escape
from importlib import resources
from string import Template
from typing import Any

from boilerstrip import __version__
from boilerstrip._report_charts import grouped_histogram, hbar_chart, log2_bins, reason_colour, share_bins
from boilerstrip.report import Summary, as_dict, as_text

__all__ = ["render", "MAX_SAMPLE_LINES"]

#: Lines shown per sample document; longer ones say how many more there are.
MAX_SAMPLE_LINES = 300


def _template() -> Template:
    text = resources.files("boilerstrip").joinpath("report_template.html").read_text(encoding="utf-8")
    return Template(text)


def _kpi(key: str, value: int | str, label: str, cls: str = "") -> str:
    shown = f"{value:,}" if isinstance(value, int) else escape(value)
    return (f'<div class="kpi {cls}"><div class="n" data-count="{key}" data-value="{escape(str(value))}">{shown}</div>'
            f'<div class="l">{escape(label)}</div></div>')


def _noun(n: int, word: str) -> str:
    """``word`` for a count of 1, else its plural (the KPI shows the count above it)."""
    return word if n == 1 else f"{word}s"


def _pct(a: int, b: int) -> str:
    return f"{100 * a / b:.1f}%" if b else "–"


def _header(s: Summary, title: str) -> str:
    st = s.stats or {}
    bits = [f"from <code>{escape(s.outdir)}</code>"]
    if st.get("version"):
        bits.append(f"boilerstrip {escape(str(st['version']))}")
    secs_given = st.get("seconds")
    if isinstance(secs_given, (int, float)) and not isinstance(secs_given, bool) and 0 <= secs_given < 1e12:
        secs = float(secs_given)  # (a damaged stats.json's 10**400 is no float: left out)
        rate = f", {s.inputs / secs:,.0f} inputs/s" if secs > 0 and s.inputs else ""
        bits.append(f"run took {secs:,.1f} s{rate}")
    bits.append(f"{len(s.document_parts)} documents part(s), {len(s.reject_parts)} rejects part(s)")
    return f'<header><h1>{escape(title)}</h1><div class="sub">{" · ".join(bits)}</div></header>'


def _notes(s: Summary) -> str:
    out = []
    if s.unfinished:
        out.append('<div class="note">The run in this folder did not finish (it was interrupted or failed, or is still running): '
                   "these are the parts written so far.</div>")
    for m in s.mismatches():
        out.append(f'<div class="note">{escape(m)}: the folder may hold a partial run or several runs.</div>')
    if s.bad_lines:
        total = sum(s.bad_lines.values())
        files = ", ".join(sorted(s.bad_lines))
        out.append(f'<div class="note">{total:,} line(s) or part(s) that could not be read were skipped (in {escape(files)}).</div>')
    return "".join(out)


def _overview(s: Summary) -> str:
    dropped = sum(s.lines_dropped_by_reason.values())
    win, wout = sum(s.words_in), sum(s.words_out)
    kpis = "".join([
        _kpi("inputs", s.inputs, _noun(s.inputs, "input")),
        _kpi("kept", s.kept, f"{_noun(s.kept, 'document')} kept ({_pct(s.kept, s.inputs)})", "kept"),
        _kpi("rejected", s.rejected, f"{_noun(s.rejected, 'input')} rejected ({_pct(s.rejected, s.inputs)})", "rej"),
        _kpi("duplicates", s.duplicates, f"{_noun(s.duplicates, 'duplicate')} left out ({_pct(s.duplicates, s.inputs)})"),
        # blank lines are neither kept nor counted as dropped, so the share is of non-blank lines
        _kpi("lines_dropped", dropped, f"{_noun(dropped, 'line')} dropped from kept documents ({_pct(dropped, dropped + s.lines_kept)} "
             "of their non-blank lines)"),
        _kpi("words_kept_pct", _pct(wout, win), f"of words kept ({wout:,} of {win:,})"),
    ])
    return f'<section id="overview"><h2>Overview</h2><div class="kpis">{kpis}</div>{_notes(s)}</section>'


def _removed(s: Summary) -> str:
    lines = s.lines_dropped_by_reason.most_common()
    rej = (s.rejected_by_reason + s.duplicates_by_reason).most_common()
    left = hbar_chart(lines, colours=[reason_colour(r) for r, _ in lines], chart_id="chart-lines-dropped")
    right = hbar_chart(rej, colours=["var(--accent2)"] * len(rej), chart_id="chart-rejected")
    return (
        '<section id="removed"><h2>What was removed, and why</h2><div class="two">'
        f'<div><h3>Lines dropped from kept documents, by reason</h3>{left}</div>'
        f'<div><h3>Rejected and duplicate inputs, by reason</h3>{right}</div></div></section>'
    )


def _lengths(s: Summary) -> str:
    bins = log2_bins(s.words_in + s.words_out)
    words = grouped_histogram(
        [("words in", s.words_in, "hsl(220 12% 70%)"), ("words out", s.words_out, "var(--accent)")],
        bins, chart_id="chart-words", x_title="words per document (bins double in width)",
    )
    kept_share = [100 * o / i for i, o in zip(s.words_in, s.words_out) if i > 0]
    share = grouped_histogram([("documents", kept_share, "var(--ok)")], share_bins(), percent=True,
                              chart_id="chart-kept-share", x_title="share of a document's words kept", width=560)
    langs = s.languages.most_common(12)
    lang_chart = hbar_chart(langs, chart_id="chart-languages", width=420, label_width=90)
    legend = ('<div class="legend"><span><span class="sw" style="background:hsl(220 12% 70%)"></span>words in (the page)</span>'
              '<span><span class="sw" style="background:var(--accent)"></span>words out (clean text)</span></div>')
    return (
        f'<section id="lengths"><h2>Document lengths</h2><h3>Words per document, before and after</h3>{legend}{words}'
        f'<div class="two" style="margin-top:18px"><div><h3>How much of each document was kept</h3>{share}</div>'
        f'<div><h3>Languages of kept documents</h3>{lang_chart}</div></div></section>'
    )


def _lines_of(rec: dict[str, Any]) -> list[Any]:
    """A record's per-line decisions (``--include-lines``), or none if it has no such list."""
    lines = as_dict(rec.get("metadata")).get("lines")
    return lines if isinstance(lines, list) else []


def _sample_lines(rec: dict[str, Any]) -> str:
    lines = _lines_of(rec)
    rows, shown = [], 0
    for ln in lines:
        if not isinstance(ln, (list, tuple)) or len(ln) < 4:
            continue
        number, text, kept, reason = ln[0], ln[1], ln[2], ln[3]
        if not text:
            continue  # blank lines carry no decision worth showing
        if shown >= MAX_SAMPLE_LINES:
            rest = sum(1 for x in lines if isinstance(x, (list, tuple)) and len(x) > 1 and x[1]) - shown
            rows.append(f'<p class="empty">… {rest:,} more lines not shown.</p>')
            break
        shown += 1
        if kept:
            rows.append(f'<div class="ln keep"><span class="no">{escape(str(number))}</span><span class="tx">{escape(str(text))}</span><span></span></div>')
        else:
            r = str(reason)
            rows.append(f'<div class="ln drop" data-r="{escape(r)}"><span class="no">{escape(str(number))}</span>'
                        f'<span class="tx"><del>{escape(str(text))}</del></span>'
                        f'<span class="why" style="background:{reason_colour(r)}">{escape(r)}</span></div>')
    return "".join(rows)


def _sample_text(rec: dict[str, Any]) -> str:
    paras = as_text(rec.get("text")).split("\n")
    body = "".join(f'<div class="ln keep"><span class="no"></span><span class="tx">{escape(p)}</span><span></span></div>'
                   for p in paras[:MAX_SAMPLE_LINES] if p.strip())
    if len(paras) > MAX_SAMPLE_LINES:
        body += f'<p class="empty">… {len(paras) - MAX_SAMPLE_LINES:,} more lines not shown.</p>'
    return body


def _sample(rec: dict[str, Any], opened: bool) -> str:
    meta = as_dict(rec.get("metadata"))
    st = as_dict(meta.get("stats"))
    title = meta.get("title") or as_text(rec.get("text")).split("\n", 1)[0][:90] or "(untitled)"
    where = meta.get("url") or meta.get("path") or ""
    dropped = as_dict(st.get("lines_dropped"))
    chips = " ".join(f'<span class="why" style="background:{reason_colour(str(r))};color:#fff;border-radius:4px;padding:0 5px;'
                     f'font-size:11px">{escape(str(r))} {escape(str(n))}</span>'
                     for r, n in sorted(dropped.items(), key=lambda t: (-(t[1] if isinstance(t[1], int) else 0), str(t[0]))))
    body = _sample_lines(rec) if _lines_of(rec) else _sample_text(rec)
    return (
        f'<details class="doc" data-id="{escape(str(rec.get("id")))}"{" open" if opened else ""}><summary>'
        f'<span class="t">{escape(str(title))}</span>'
        f'<span class="m">{escape(str(rec.get("id")))} · {escape(str(where))} · {escape(str(st.get("words_in", "?")))} → '
        f'{escape(str(st.get("words_out", "?")))} words · {escape(str(meta.get("language") or "?"))}</span> {chips}</summary>'
        f'<div class="body">{body}</div></details>'
    )


def _samples(s: Summary) -> str:
    if not s.samples:
        return '<section id="samples"><h2>Sample documents</h2><p class="empty">No documents were kept.</p></section>'
    has_lines = any(_lines_of(r) for r in s.samples)
    if has_lines:
        reasons = sorted({str(ln[3]) for r in s.samples for ln in _lines_of(r)
                          if isinstance(ln, (list, tuple)) and len(ln) > 3 and not ln[2] and ln[1]})
        chips = "".join(f'<button class="chip" data-r="{escape(r)}" aria-pressed="true"><span class="sw" '
                        f'style="background:{reason_colour(r)}"></span>{escape(r)}</button>' for r in reasons)
        intro = ("<p>Each sample shows every line of the input: kept lines as they are, dropped lines "
                 "<del>struck through</del> with the reason. Click a reason to hide its lines.</p>")
        tools = (f'<div class="toolbar">{chips}<label style="margin-left:8px"><input type="checkbox" id="only-dropped"> '
                 'only dropped lines</label><button class="plain" id="expand-all">expand all</button>'
                 '<button class="plain" id="collapse-all">collapse all</button></div>')
    else:
        intro = ('<div class="note info" id="no-lines">These records carry no per-line decisions, so the samples show the '
                 'clean text only and the charts the counts. Run <code>boilerstrip clean --include-lines</code> to see '
                 'every dropped line struck through with its reason.</div>')
        tools = ('<div class="toolbar"><button class="plain" id="expand-all">expand all</button>'
                 '<button class="plain" id="collapse-all">collapse all</button></div>')
    # the first two samples with something struck through start open
    with_drops = [k for k, r in enumerate(s.samples) if as_dict(as_dict(r.get("metadata")).get("stats")).get("lines_dropped")]
    opened = set((with_drops or list(range(len(s.samples))))[:2])
    cards = "".join(_sample(r, k in opened) for k, r in enumerate(s.samples))
    return (f'<section id="samples"><h2>Sample documents <span class="m" style="font-weight:400;color:var(--muted)">'
            f'({len(s.samples)} of {s.kept:,}, picked by a hash of the id)</span></h2>{intro}{tools}{cards}</section>')


def _rejects(s: Summary) -> str:
    if not s.reject_samples:
        return ""
    rows = "".join(
        f'<tr><td><code>{escape(str(r.get("id")))}</code></td><td>{escape(str(r.get("reason")))}</td>'
        f'<td>{escape(str(r.get("detail") or ""))}</td><td><code>{escape(str(r.get("path") or ""))}</code></td></tr>'
        for r in s.reject_samples
    )
    return (f'<section id="rejects"><h2>Rejected inputs <span style="font-weight:400;color:var(--muted)">'
            f'({len(s.reject_samples)} of {s.rejected + s.duplicates:,})</span></h2><table><thead><tr><th>id</th><th>reason</th>'
            f'<th>detail</th><th>path</th></tr></thead><tbody>{rows}</tbody></table></section>')


def render(s: Summary, *, title: str) -> str:
    """The whole page."""
    body = (
        _header(s, title)
        + "<main>"
        + _overview(s)
        + _removed(s)
        + _lengths(s)
        + _samples(s)
        + _rejects(s)
        + f"<footer>Made by <code>boilerstrip report</code> {escape(__version__)}. Self-contained: no network needed.</footer>"
        + "</main>"
    )
    return _template().substitute(title=escape(title), body=body, version=escape(__version__))
