"""Readers and writers of corpus files."""

from boilerstrip.io.readers import InputRecord, iter_paths
from boilerstrip.io.writers import JsonlWriter

__all__ = ["InputRecord", "iter_paths", "JsonlWriter"]
