"""Exceptions raised by boilerstrip. Each subclasses the built-in its callers would expect."""

from __future__ import annotations

from boilerstrip._core import CoreError

__all__ = ["BoilerstripError", "CoreError", "InputError", "ExtractionTimeout", "ExtractionFailed"]


class BoilerstripError(Exception):
    """Base class of the errors boilerstrip raises on purpose."""


class InputError(BoilerstripError, ValueError):
    """The input cannot be cleaned (binary data, too large, not a string or bytes).

    ``reason`` is the short code that the CLI writes into the rejects file.
    """

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(message)
        self.reason = reason


class ExtractionTimeout(BoilerstripError, TimeoutError):
    """HTML extraction did not finish within the per-document time limit."""

    reason = "timeout"


class ExtractionFailed(BoilerstripError, RuntimeError):
    """The HTML parser crashed or ran out of memory on this document."""

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(message)
        self.reason = reason


# the package that installs a module, where its name is not the module's
_PACKAGES = {"ray": "ray[data]", "huggingface_hub": "huggingface-hub"}


def install_hint(module: str, extra: str) -> str:
    """How to install what ``module`` belongs to: its package from PyPI, or the extra from a
    checkout (boilerstrip itself is not on PyPI: ``pip install '.[extra]'`` would
    fail, or fetch somebody else's package)."""
    top = module.split(".")[0]
    package = _PACKAGES.get(top, top)
    return f"pip install '{package}' (or, in a boilerstrip checkout: pip install '.[{extra}]')"
