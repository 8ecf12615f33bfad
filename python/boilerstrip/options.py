"""The one options object every cleaning call takes."""

from __future__ import annotations

import numbers
from dataclasses import dataclass, replace
from typing import Any, Literal

__all__ = ["Options", "DEFAULT_OPTIONS"]

Scorer = Literal["model", "rules"]
HtmlMode = Literal["default", "fast"]
TextFormat = Literal["plain", "markdown"]


@dataclass(frozen=True, kw_only=True)
class Options:
    """How to clean a document.

    Attributes:
        threshold: Keep a line when its content score is at least this (0..1). Lower keeps
            more (recall), higher keeps less (precision). ``None`` uses the threshold the
            shipped model was tuned with on held-out sites.
        scorer: ``"model"`` (the trained two-stage scorer, default) or ``"rules"`` (a small
            hand-written scorer, for a transparent baseline).
        html_mode: ``"default"`` (trafilatura extracts the page in a killable worker
            process and the model takes its extraction as a vote) or ``"fast"`` (the Rust
            HTML path alone, trafilatura not run).
        include_comments: Keep user comments found in HTML pages.
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
        markdown: How the text path reads Markdown scrapes (html2text, Jina Reader,
            Firecrawl): each line is rendered to the text a browser shows (links and images
            to their text, heading marks, emphasis and escapes taken off, list markers as
            ``•``), and the decisions, the line texts and the clean text are of that
            rendering, line for line; the first ``#`` heading is the title. ``None``
            (default) when the text looks like Markdown (three lines that start with a
            ``[text](url)`` link or an image, or a ``#`` heading and a link); ``True``
            always; ``False`` never (the text is read as it is).
        text_format: ``"plain"`` (default) or ``"markdown"``: the clean text of an HTML page
            marked up as Markdown (GitHub's): headings ``#``, list items ``- ``, quotes
            ``> ``, code (``<pre>``) fenced, data tables as pipe tables whose first row is the
            header. The decisions and ``doc.lines`` are the same in both. A text input has
            no markup to carry over: its clean text is the same in both.

    Example:
        >>> from boilerstrip import Options
        >>> Options(threshold=0.7).threshold
        0.7
    """

    threshold: float | None = None
    scorer: Scorer = "model"
    html_mode: HtmlMode = "default"
    include_comments: bool = False
    max_bytes: int = 16 * 1024 * 1024
    max_lines: int = 1_000_000
    timeout: float | None = 30.0
    min_words: int = 0
    markdown: bool | None = None
    text_format: TextFormat = "plain"

    def __post_init__(self) -> None:
        # a dataclass checks no types, and options often come from a config file or a
        # job's dict: "false" would turn comments on, a NaN limit would never trip
        check_number("threshold", self.threshold, optional=True)
        if self.threshold is not None and not 0.0 <= self.threshold <= 1.0:
            raise ValueError(f"threshold must be within [0, 1], got {self.threshold!r}")
        if self.scorer not in ("model", "rules"):
            raise ValueError(f"scorer must be 'model' or 'rules', got {self.scorer!r}")
        if self.html_mode not in ("default", "fast"):
            raise ValueError(f"html_mode must be 'default' or 'fast', got {self.html_mode!r}")
        if not isinstance(self.include_comments, bool):
            raise TypeError(f"include_comments must be True or False, got {self.include_comments!r}")
        if self.text_format not in ("plain", "markdown"):
            raise ValueError(f"text_format must be 'plain' or 'markdown', got {self.text_format!r}")
        if self.markdown is not None and not isinstance(self.markdown, bool):
            raise TypeError(f"markdown must be True, False or None, got {self.markdown!r}")
        for name in ("max_bytes", "max_lines"):
            if check_number(name, getattr(self, name), integer=True) <= 0:
                raise ValueError(f"{name} must be positive, got {getattr(self, name)!r}")
        if check_number("timeout", self.timeout, optional=True) is not None and not self.timeout > 0:  # type: ignore[operator]
            raise ValueError(f"timeout must be positive or None, got {self.timeout!r}")
        if check_number("min_words", self.min_words, integer=True) < 0:
            raise ValueError(f"min_words must be >= 0, got {self.min_words!r}")

    def rejection(self, text: str, words: int, *, empty: str = "no-content") -> str | None:
        """Why a cleaned document is rejected (``empty`` when no text is left, ``too-short``
        under ``min_words``), or ``None``."""
        if not text:
            return empty
        if self.min_words and words < self.min_words:
            return "too-short"
        return None

    def with_(self, **changes: object) -> Options:
        """A copy with some fields changed."""
        return replace(self, **changes)  # type: ignore[arg-type]


def check_number(name: str, value: Any, *, integer: bool = False, optional: bool = False) -> Any:
    """``value``, if it is a number of the field's kind (``bool`` is not one)."""
    if value is None and optional:
        return None
    kind = numbers.Integral if integer else numbers.Real
    if isinstance(value, bool) or not isinstance(value, kind):
        what = "an integer" if integer else "a number"
        raise TypeError(f"{name} must be {what}{' or None' if optional else ''}, got {value!r}")
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
