"""The one options object every cleaning call takes."""

from __future__ import annotations

import functools
import math
import numbers
from dataclasses import dataclass, replace
from typing import Any, Literal

__all__ = ["Options", "DEFAULT_OPTIONS", "LANGUAGE_REASONS"]

#: The rejections of the language filter (``Options.languages``, ``min_language_score``).
LANGUAGE_REASONS = ("wrong-language", "uncertain-language")

Scorer = Literal["model", "fast", "rules"]
HtmlMode = Literal["default", "fast"]
TextFormat = Literal["plain", "markdown"]


@dataclass(frozen=True, kw_only=True)
class Options:
    """How to clean a document.

    Attributes:
        threshold: Keep a line when its content score is at least this (0..1). Lower keeps
            more (recall), higher keeps less (precision). ``None`` uses the threshold the
            shipped model was tuned with on held-out sites. Lines a rule drops outright
            stay dropped whatever the threshold (even 0): a share widget, an image's alt
            text repeated as a line, a cookie notice; their ``score`` is the model's.
            A threshold replaces the per-page choice: on an uncertain page it may keep
            fewer lines than the default, even a low one.
        floor: The recall side of the knob: with the default per-page choice (no
            ``threshold``), also keep every line whose score is at least this (0..1). It
            only adds lines to those the default keeps (in each pass of the fixed point),
            so recall does not fall below the default's. ``None``: the default alone.
            Cannot be combined with ``threshold``.
        scorer: ``"model"`` (the trained two-stage scorer, default), ``"fast"`` (the fast
            text path: one cheap pass over the lines and a small model of its own, about
            1.5 times as fast and some 3 points of F1 lower on held-out sites; no title,
            author or date, no Markdown reading, no joining or cutting of lines, see
            ``benchmarks/README.md``) or ``"rules"`` (a small hand-written scorer, for a
            transparent baseline). HTML pages are cleaned as ``html_mode`` says whatever
            the scorer.
        html_mode: ``"default"`` (trafilatura extracts the page in a killable worker
            process and the model takes its extraction as a vote) or ``"fast"`` (the Rust
            HTML path alone, trafilatura not run).
        include_comments: Keep user comments found in HTML pages: the lines of eight words or
            more, or of four with no widget's cue ("Leave a comment"), of blocks inside an
            element whose class or id names comments (``comment``, ``reply``, ``disqus``,
            ``respond``, ``discussion``), whatever their scores; in the default mode
            trafilatura's vote includes them too. Off: comments are left to the model,
            which drops most (not all) of them.
        max_bytes: Inputs larger than this are rejected with reason ``too-large`` instead of
            being processed; bounds time and memory per document.
        max_lines: Text inputs with more lines than this are rejected with reason
            ``too-many-lines``. The line pass holds about 1 KB per line (statistics, cue
            hits, features), so a document of ``max_bytes`` made of very short lines would
            otherwise need gigabytes; the default bounds that to about 1 GB.
        timeout: Seconds trafilatura may take on one HTML document (default mode); past
            it the worker is killed and the page is cleaned in the fast mode
            (``doc.extra["fallback"] == "timeout"``). ``None`` disables the limit (and the
            worker process behind it); ``float("inf")`` keeps the worker without a limit.
        min_words: Documents whose clean text has fewer words are rejected with reason
            ``too-short`` (0 keeps everything that is not empty).
        fixed_point: The text path repeats its line pass on its own output until nothing
            more is dropped (2.6 passes a page on average), so that cleaning the clean text
            again changes nothing (``True``, default). ``False``: one pass, about 1.2 times
            as fast, with the same site-cross-validated F1 on the dev pages (0.826 against
            0.825), but no longer idempotent: a second cleaning may drop a few more lines.
            HTML pages take one pass either way.
        languages: Keep only documents whose clean text is in one of these languages
            (ISO 639-1 codes as ``Document.language`` gives them, e.g. ``("en", "de")``, or
            one string ``"en,de"``); others are rejected with reason ``wrong-language``, as
            are texts whose language could not be told. ``None`` (default) keeps every
            language. A code the detector never answers (``"eng"``) is an error, not a
            filter that silently rejects everything; the codes are
            ``boilerstrip._core.language_codes()``.
        min_language_score: Documents whose language confidence
            (``Document.language_score``, 0..1) is below this are rejected with reason
            ``uncertain-language`` (0, the default, rejects none). The stop-word detector
            gives 0.75 and up when it names the language; whatlang's confidence is lower
            on short or mixed texts.
        markdown: How the text path reads Markdown scrapes (html2text, Jina Reader,
            Firecrawl): each line is rendered to the text a browser shows (links and images
            to their text, heading marks, emphasis and escapes taken off, list markers as
            ``•``), and the decisions, the line texts and the clean text are of that
            rendering, line for line; the first ``#`` heading is the title. ``None``
            (default) when the text looks like Markdown (three lines that start with a
            ``[text](url)`` link or an image, or a ``#`` heading and a link), or when its
            clean text would (links cut across lines and joined); ``True`` always; ``False``
            never (the text is read as it is). Code is not rendered: a fenced block (one a
            fence closes) and an indented line that reads as code stay as written, and a
            kept block keeps both its fences.
        segment: How the text path reads text that lost its line breaks (scrapes joined with
            spaces, such as ``" ".join(soup.stripped_strings)``: menu, article and footer on
            one line, which could only be kept or dropped whole). Its long lines are first cut
            into segments: at sentence ends, at lone menu separators (``Home | News``), where
            a run of capitalised words meets a sentence, and into pieces of at most 200
            characters; the decisions, the line texts and the clean
            text are of these segments, one per line. ``None`` (default) when nine tenths
            of the text's characters are in lines of 2,000 characters or more, or when its
            clean text would be (an article on one long line among short ones: cleaned again,
            that clean text would be cut, so it is cut at once); ``True`` always (lines of up
            to 200 characters stay whole); ``False`` never.
        unwrap: How the text path reads paragraphs cut into lines, which read as runs of
            short lines, as menus do. Lines broken at inline elements (``get_text("\n")``:
            each text node a line, a link's text between the pieces of its sentence) are
            joined as written where a line ends with one space, the next starts with one
            space and a lower-case letter, or with a mark no line starts with (``, and``,
            ``.``); then the lines of hard-wrapped text (html2text, lynx and w3m dumps, mail:
            lines of at most 70 to 80 characters) that a greedy wrapper cut (the line within
            a usual width and too long for it with the next line's first word). Each run is
            joined into its first line, an empty line in each other line's place; the
            decisions, the line texts and the clean text are of these joined lines
            (``doc.extra["rejoined"]``, ``doc.extra["unwrapped"]``). ``None`` (default): each
            when the text reads so (five lines that continue the one before; three lines
            between two cuts that agree on a width); ``True`` always; ``False`` never. Never
            with ``segment=True``: joined, its lines would be cut again.
        text_format: ``"plain"`` (default) or ``"markdown"``: the clean text of an HTML page
            marked up as Markdown (GitHub's): headings ``#``, list items ``- ``, quotes
            ``> ``, code (``<pre>``) fenced, data tables as pipe tables whose first row is the
            header, bold ``**x**``, italic ``*x*`` and inline code. The decisions and
            ``doc.lines`` are the same in both. A text input has no markup to carry over:
            its clean text is the same in both.
        include_links: With ``text_format="markdown"``, an HTML page's links as
            ``[text](target)``, their targets made absolute against the page's URL (as
            written when there is no URL); links to a place on the page itself (``#top``)
            and scripts stay text. Off by default, as in trafilatura: most corpora want the
            words, not the targets.

    Example:
        >>> from boilerstrip import Options
        >>> Options(threshold=0.7).threshold
        0.7
    """

    threshold: float | None = None
    floor: float | None = None
    scorer: Scorer = "model"
    html_mode: HtmlMode = "default"
    include_comments: bool = False
    max_bytes: int = 16 * 1024 * 1024
    max_lines: int = 1_000_000
    timeout: float | None = 30.0
    min_words: int = 0
    fixed_point: bool = True
    languages: tuple[str, ...] | None = None
    min_language_score: float = 0.0
    markdown: bool | None = None
    segment: bool | None = None
    unwrap: bool | None = None
    text_format: TextFormat = "plain"
    include_links: bool = False

    def __post_init__(self) -> None:
        # a dataclass checks no types, and options often come from a config file or a
        # job's dict: "false" would turn comments on, a NaN limit would never trip
        for name in ("threshold", "floor"):
            value = check_number(name, getattr(self, name), optional=True)
            if value is not None and not 0.0 <= value <= 1.0:
                raise ValueError(f"{name} must be within [0, 1], got {value!r}")
        if self.floor is not None and self.threshold is not None:
            raise ValueError("floor and threshold exclude each other: a threshold alone decides which lines are kept")
        if self.scorer not in ("model", "fast", "rules"):
            raise ValueError(f"scorer must be 'model', 'fast' or 'rules', got {self.scorer!r}")
        if self.html_mode not in ("default", "fast"):
            raise ValueError(f"html_mode must be 'default' or 'fast', got {self.html_mode!r}")
        for name in ("include_comments", "fixed_point", "include_links"):
            if not isinstance(getattr(self, name), bool):
                raise TypeError(f"{name} must be True or False, got {getattr(self, name)!r}")
        if self.text_format not in ("plain", "markdown"):
            raise ValueError(f"text_format must be 'plain' or 'markdown', got {self.text_format!r}")
        if self.include_links and self.text_format != "markdown":
            raise ValueError("include_links=True needs text_format='markdown': plain text has no way to write a link")
        for name in ("markdown", "segment", "unwrap"):
            value = getattr(self, name)
            if value is not None and not isinstance(value, bool):
                raise TypeError(f"{name} must be True, False or None, got {value!r}")
            if value and self.scorer == "fast":
                raise ValueError(f"{name}=True needs the default scorer: scorer='fast' reads each line as it is")
        for name in ("max_bytes", "max_lines"):
            # (max_lines within 64 bits: the core takes it as such, and 2**64 passed here and
            # then failed the text path with a bare OverflowError; max_bytes is any size, no limit)
            if check_number(name, getattr(self, name), integer=True, bits64=name == "max_lines") <= 0:
                raise ValueError(f"{name} must be positive, got {getattr(self, name)!r}")
        if check_number("timeout", self.timeout, optional=True) is not None and not self.timeout > 0:  # type: ignore[operator]
            raise ValueError(f"timeout must be positive or None, got {self.timeout!r}")
        if check_number("min_words", self.min_words, integer=True) < 0:
            raise ValueError(f"min_words must be >= 0, got {self.min_words!r}")
        if self.languages is not None:
            # frozen: the normalised tuple replaces what was given (a list, a "en,de" string)
            object.__setattr__(self, "languages", language_list(self.languages))
        if not 0.0 <= check_number("min_language_score", self.min_language_score) <= 1.0:
            raise ValueError(f"min_language_score must be within [0, 1], got {self.min_language_score!r}")

    def rejection(self, text: str, words: int, *, language: str | None = None, language_score: float | None = None,
                  empty: str = "no-content") -> str | None:
        """Why a cleaned document is rejected (``empty`` when no text is left, or no word: a
        page of "***" or of control characters, which the HTML path kept as a lone block;
        ``too-short`` under ``min_words``, ``wrong-language`` outside ``languages``,
        ``uncertain-language`` under ``min_language_score``), or ``None``."""
        if not text or words == 0:
            return empty
        if self.min_words and words < self.min_words:
            return "too-short"
        if self.languages is not None and language not in self.languages:
            return LANGUAGE_REASONS[0]
        if self.min_language_score and (language_score or 0.0) < self.min_language_score:
            return LANGUAGE_REASONS[1]
        return None

    @property
    def core_floor(self) -> float:
        """``floor`` as the Rust core takes it, 1.0 for none: the per-page choice keeps every
        line that scores 1 already, so it adds nothing."""
        return 1.0 if self.floor is None else self.floor

    def with_(self, **changes: object) -> Options:
        """A copy with some fields changed."""
        return replace(self, **changes)  # type: ignore[arg-type]


@functools.cache
def _language_codes() -> frozenset[str]:
    from boilerstrip import _core

    return frozenset(_core.language_codes())


_LANGUAGE_ALIASES = {"no": "nb"}


def language_list(value: object) -> tuple[str, ...]:
    """``value`` (a string of comma-separated codes, or an iterable of codes) as a tuple of
    codes the language detector can answer, lower-cased, in the order given."""
    if isinstance(value, str):
        items: list[object] = list(value.split(","))
    elif isinstance(value, (list, tuple)):
        items = list(value)
    elif isinstance(value, (set, frozenset)):
        items = sorted(value, key=str)  # one order, whatever the set's
    else:
        raise TypeError(f"languages must be a string like 'en,de' or a sequence of codes, got {value!r}")
    codes = _language_codes()
    out: list[str] = []
    for v in items:
        if not isinstance(v, str):
            raise TypeError(f"languages must hold strings, got {v!r}")
        code = v.strip().lower()
        # ISO 639-1's Norwegian is "no"; the detector answers Bokmål, "nb" (as Nynorsk, "nn")
        code = _LANGUAGE_ALIASES.get(code, code)
        if code not in codes:
            raise ValueError(f"unknown language code {v!r} in languages: use ISO 639-1 codes such as "
                             f"'en', 'de', 'zh' (boilerstrip._core.language_codes() lists all {len(codes)})")
        if code not in out:
            out.append(code)
    if not out:
        raise ValueError("languages is empty: give at least one code, or None to keep every language")
    return tuple(out)


def fits_64_bits(n: Any) -> bool:
    """Whether an integer fits 64 bits, signed or unsigned (what orjson writes)."""
    return bool(-(2**63) <= n < 2**64)


def check_number(name: str, value: Any, *, integer: bool = False, optional: bool = False, bits64: bool = False) -> Any:
    """``value``, if it is a number of the field's kind (``bool`` is not one) and not NaN (a NaN
    limit never trips: it compares false with every bound); with ``bits64``, an integer
    within 64 bits, signed or unsigned (what the JSON of a run's state can hold)."""
    if value is None and optional:
        return None
    kind = numbers.Integral if integer else numbers.Real
    if isinstance(value, bool) or not isinstance(value, kind):
        what = "an integer" if integer else "a number"
        raise TypeError(f"{name} must be {what}{' or None' if optional else ''}, got {value!r}")
    if bits64 and not fits_64_bits(value):
        raise ValueError(f"{name} is out of the 64-bit range, got {value!r}")
    if not integer and math.isnan(value):
        raise ValueError(f"{name} must be a number, got {value!r}")
    return value


DEFAULT_OPTIONS = Options()


def resolve_options(options: object) -> Options:
    """The ``options`` argument of a public call: ``None`` means the defaults; anything but an
    :class:`Options` is the caller's mistake, said at once (a dict's missing attribute would
    surface as an ``AttributeError`` deep inside the call)."""
    if options is None:
        return DEFAULT_OPTIONS
    if not isinstance(options, Options):
        from boilerstrip.errors import InputError

        raise InputError("wrong-type", f"options must be a boilerstrip.Options or None, got {type(options).__name__}")
    return options
