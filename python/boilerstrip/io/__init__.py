"""Readers and writers of corpus files, one concept per module:

- :mod:`.readers`: the input record, field names, folders of page files;
- :mod:`.jsonl_reader`, :mod:`.parquet_reader`, :mod:`.warc_reader`: corpus files;
- :mod:`.compression`: gzip/zstd, local or remote (fsspec) files;
- :mod:`.writers` (JSONL), :mod:`.parquet_writer`, :mod:`.txt_writer`, :mod:`.parts`.
"""

from boilerstrip.io.jsonl_reader import read_jsonl
from boilerstrip.io.readers import Fields, InputRecord, iter_paths, read_files
from boilerstrip.io.writers import JsonlWriter

__all__ = ["InputRecord", "Fields", "iter_paths", "read_files", "read_jsonl", "JsonlWriter"]
