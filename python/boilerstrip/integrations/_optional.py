"""Importing an optional dependency with an error that says which extra to install."""

from __future__ import annotations

import importlib
from types import ModuleType

from boilerstrip.errors import install_hint

__all__ = ["require"]

def require(module: str, extra: str) -> ModuleType:
    """``import module``, or an ImportError saying how to install it."""
    try:
        return importlib.import_module(module)
    except ImportError as e:
        raise ImportError(
            f"this part of boilerstrip needs {module.split('.')[0]!r}, which is not installed: "
            + install_hint(module, extra)
        ) from e
