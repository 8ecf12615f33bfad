"""boilerstrip: raw scraped web pages (plain text or HTML) in, clean article text and
metadata out, with normalisation and hashes for deduplication. The fast path is Rust.

Example:
    >>> import boilerstrip
    >>> doc = boilerstrip.clean_text("Home | News\\n\\nThe council approved the new park on Monday after a long debate, and work will start in spring.\\n\\nShare this article")
    >>> doc.text
    'The council approved the new park on Monday after a long debate, and work will start in spring.'
    >>> [(line.reason) for line in doc.lines if not line.kept and line.text]
    ['navigation', 'share-widget']
"""

from __future__ import annotations

import logging

from boilerstrip._core import __version__
from boilerstrip.clean import clean
from boilerstrip.corpus import CorpusOptions, clean_corpus
from boilerstrip.dedup import Deduper, ExactDeduper, MinHashDeduper, MinHashParams
from boilerstrip.document import REASONS, Document, Line
from boilerstrip.errors import BoilerstripError, CoreError, ExtractionFailed, ExtractionTimeout, InputError
from boilerstrip.html import clean_html
from boilerstrip.normalize import dedup_key, normalize_text, text_hash
from boilerstrip.options import Options
from boilerstrip.text import clean_text, clean_text_batch

__all__ = [
    "__version__",
    "clean",
    "clean_text",
    "clean_text_batch",
    "clean_html",
    "clean_corpus",
    "CorpusOptions",
    "Deduper",
    "MinHashDeduper",
    "ExactDeduper",
    "MinHashParams",
    "Document",
    "Line",
    "Options",
    "REASONS",
    "normalize_text",
    "dedup_key",
    "text_hash",
    "BoilerstripError",
    "CoreError",
    "InputError",
    "ExtractionTimeout",
    "ExtractionFailed",
]

logging.getLogger(__name__).addHandler(logging.NullHandler())
