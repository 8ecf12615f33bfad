"""The settings of one run, in one picklable object that the worker processes receive."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any

from boilerstrip.io.readers import Fields
from boilerstrip.options import DEFAULT_OPTIONS, Options, check_number

if TYPE_CHECKING:
    from boilerstrip.corpus import CorpusOptions

__all__ = ["RunConfig", "RunUsageError", "OUTPUT_FORMATS", "INPUT_FORMATS", "COMPRESSIONS"]

OUTPUT_FORMATS = ("jsonl", "parquet", "txt")
INPUT_FORMATS = ("auto", "page", "jsonl", "parquet", "warc")
COMPRESSIONS = ("none", "gzip", "zstd")


class RunUsageError(ValueError):
    """The run cannot start as asked (a different run in the output folder, stdin with
    ``--resume`` or closed)."""


@dataclass(frozen=True, kw_only=True)
class RunConfig:
    """How to run the pipeline.

    Attributes:
        output: The output folder (local).
        options: How to clean each document.
        mode: ``auto`` (each record's kind), or force ``text`` or ``html``.
        fields: Field names of JSONL/Parquet records.
        input_format: ``auto`` (by file name; stdin by content) or force one reader.
        format: ``jsonl``, ``parquet`` or ``txt`` (a folder of ``.txt`` with ``.json``
            sidecars).
        compression: ``None`` for the format's default (JSONL: none, Parquet: zstd), or
            ``none``, ``gzip``, ``zstd``.
        shard_records, shard_bytes: Start a new output part after this many records or
            (uncompressed) bytes; ``None``: one part per input shard.
        files_per_shard: Page files (``.txt``/``.html``) grouped into one input shard.
        source: The records' ``source`` field.
        include_lines: Store every line's decision in ``metadata.lines``.
        limit: Stop after this many input records (in input order).
        workers: Worker processes; 0 runs everything in this process (no crash recovery).
        batch_size: Text documents cleaned per call into the Rust core.
        corpus: Corpus-level stages (site-template lines, dedup) from
            :class:`boilerstrip.corpus.CorpusOptions`; ``None`` for none. They see the whole
            corpus at once, so such a run goes through :func:`boilerstrip.corpus.clean_records`
            in this process (``workers`` become Rust threads) and cannot be resumed.
    """

    output: str
    options: Options = DEFAULT_OPTIONS
    mode: str = "auto"
    fields: Fields = field(default_factory=Fields)
    input_format: str = "auto"
    format: str = "jsonl"
    compression: str | None = None
    shard_records: int | None = None
    shard_bytes: int | None = None
    files_per_shard: int = 100
    source: str = "boilerstrip"
    include_lines: bool = False
    limit: int | None = None
    workers: int = 1
    batch_size: int = 64
    corpus: CorpusOptions | None = None

    def __post_init__(self) -> None:
        if self.mode not in ("auto", "text", "html"):
            raise ValueError(f"mode must be auto, text or html, got {self.mode!r}")
        if self.format not in OUTPUT_FORMATS:
            raise ValueError(f"format must be one of {', '.join(OUTPUT_FORMATS)}, got {self.format!r}")
        if self.input_format not in INPUT_FORMATS:
            raise ValueError(f"input format must be one of {', '.join(INPUT_FORMATS)}, got {self.input_format!r}")
        if self.compression is not None and self.compression not in COMPRESSIONS:
            raise ValueError(f"compression must be one of {', '.join(COMPRESSIONS)}, got {self.compression!r}")
        if self.format == "txt" and self.compression not in (None, "none"):
            raise ValueError("--format txt writes plain files: compression does not apply")
        if self.format == "txt" and (self.shard_records or self.shard_bytes):
            raise ValueError("--format txt writes one file per document: --shard-records/--shard-size-mb do not apply")
        for name in ("shard_records", "shard_bytes", "limit", "files_per_shard", "batch_size", "workers"):
            check_number(name.replace("_", "-"), getattr(self, name), integer=True, bits64=True,
                         optional=name in ("shard_records", "shard_bytes", "limit"))
        for name in ("max_bytes", "max_lines", "min_words"):  # the library takes any size; a run's state holds 64 bits
            check_number(name, getattr(self.options, name), integer=True, bits64=True)
        for name in ("shard_records", "shard_bytes", "limit"):
            v = getattr(self, name)
            if v is not None and v <= 0:
                raise ValueError(f"{name.replace('_', '-')} must be positive")
        if self.files_per_shard <= 0 or self.batch_size <= 0:
            raise ValueError("files-per-shard and batch size must be positive")
        if self.workers < 0:
            raise ValueError("workers must be >= 0")

    @property
    def doc_compression(self) -> str | None:
        """The documents' compression, resolved (``None``: uncompressed)."""
        c = self.compression
        if c is None:
            return "zstd" if self.format == "parquet" else None
        return None if c == "none" else c

    @property
    def split_output(self) -> bool:
        return bool(self.shard_records or self.shard_bytes)

    def fingerprint_fields(self) -> dict[str, Any]:
        """What decides the output (so a resumed run must match it); ``workers`` does not."""
        d = asdict(self)
        d.pop("workers")
        d.pop("output")
        return d
