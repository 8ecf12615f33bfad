"""Normalisation and hashing of text, from the Rust core."""

from __future__ import annotations

from typing import Any

from boilerstrip import _core
from boilerstrip.errors import InputError

__all__ = ["normalize_text", "dedup_key", "text_hash"]


def normalize_text(text: str) -> str:
    """NFC, control characters replaced by U+FFFD, invisible characters removed, whitespace
    collapsed within each line; line breaks are kept (``\\r\\n`` and ``\\r`` become ``\\n``).

    >>> normalize_text("Cafe\\u0301  au\\tlait\\r\\n")
    'Café au lait'
    """
    _check_str(text)
    return _core.normalize_text(text)


def _check_str(text: object) -> None:
    if not isinstance(text, str):
        raise InputError("wrong-type", f"expected str, got {type(text).__name__}")


def dedup_key(text: str) -> str:
    """The CCNet-style dedup form: lower case, accents and punctuation removed, digits to 0.

    >>> dedup_key("Héllo, World! 2024")
    'hello world 0000'
    """
    _check_str(text)  # (an InputError, as normalize_text's: the core's TypeError named no call)
    return _core.dedup_key(text)


def text_hash(text: str) -> int:
    """xxh3-64 of :func:`dedup_key` of ``text``: equal for trivially different copies."""
    _check_str(text)
    return _core.text_hash(text)


def without_lone_surrogates(s: str) -> str:
    """``s`` with each unpaired surrogate as U+FFFD and a pair held as two code points joined.
    A Python str can hold them (a file name decoded with ``surrogateescape``, JSON's
    ``"\\ud800"``); UTF-8, the core and the JSON writers cannot."""
    if s.isascii():
        return s
    try:
        s.encode("utf-8")
        return s
    except UnicodeEncodeError:
        return s.encode("utf-16", "surrogatepass").decode("utf-16", "replace")


def writable(value: Any) -> Any:
    """``value`` as UTF-8 and the JSON writers can hold it, inside dicts (keys too), lists and
    tuples: strings :func:`without_lone_surrogates`, bytes decoded as UTF-8 (bad bytes as
    U+FFFD); other values as they are."""
    if isinstance(value, str):
        return without_lone_surrogates(value)
    if isinstance(value, (bytes, bytearray, memoryview)):
        return bytes(value).decode("utf-8", errors="replace")
    if isinstance(value, dict):
        return {(without_lone_surrogates(k) if isinstance(k, str) else k): writable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [writable(v) for v in value]
    return value
