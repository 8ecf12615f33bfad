"""A datatrove pipeline step: clean each document's page, drop the ones with no content.

    from datatrove.executor import LocalPipelineExecutor
    from datatrove.pipeline.readers import WarcReader
    from datatrove.pipeline.writers import JsonlWriter
    from boilerstrip.integrations.datatrove import BoilerstripStep

    LocalPipelineExecutor(pipeline=[
        WarcReader("s3://commoncrawl/crawl-data/CC-MAIN-2024-10/segments/", glob_pattern="*/warc/*"),
        BoilerstripStep(mode="html"),                 # doc.text holds the HTML here
        JsonlWriter("out/"),
    ], tasks=8).run()

The step replaces ``doc.text`` (or the page found in ``doc.metadata[html_key]``) with the clean
text and adds boilerstrip's metadata (title, author, publication date, language, hashes,
per-line stats) under ``doc.metadata["boilerstrip"]``, or merged into ``doc.metadata`` without
overwriting keys already there when ``metadata_key=None``. Documents that are rejected are
dropped and counted, like a datatrove filter: ``dropped`` and ``dropped_<reason>`` in the
step's stats (``lines_dropped_<reason>`` counts the lines removed from kept documents), and
they go to ``exclusion_writer`` when one is given, with ``metadata["filter_reason"]``.

``pip install '.[datatrove]'``.
"""

from __future__ import annotations

import contextlib
from typing import Any, Mapping

from boilerstrip.integrations._optional import require
from boilerstrip.integrations._rows import RawInput, clean_inputs, id_text, options_of
from boilerstrip.normalize import without_lone_surrogates, writable
from boilerstrip.options import Options, check_number

require("datatrove", "datatrove")

from datatrove.data import DocumentsPipeline  # noqa: E402
from datatrove.pipeline.base import PipelineStep  # noqa: E402
from datatrove.utils.batching import batched  # noqa: E402
from datatrove.utils.typeshelper import StatHints  # noqa: E402

__all__ = ["BoilerstripStep"]


class BoilerstripStep(PipelineStep):
    """Clean pages into article text and metadata inside a datatrove pipeline.

    Args:
        html_key: Take the page from ``doc.metadata[html_key]`` instead of ``doc.text``
            (the key is removed once cleaned unless ``keep_html``).
        mode: ``auto`` (detect HTML or text), ``text`` or ``html``: as the CLI's ``--mode``.
        options: :class:`boilerstrip.Options` or a dict of its fields.
        metadata_key: Where boilerstrip's metadata goes (``None``: merged into
            ``doc.metadata``, keys already there win).
        include_lines: Also store every line's decision (``lines``), as ``--include-lines``.
        exclusion_writer: A datatrove writer for the rejected documents.
        batch_size: Documents per call into the Rust batch path.
        keep_html: Keep ``doc.metadata[html_key]`` after cleaning.
    """

    name = "🧹 boilerstrip"
    type = "🛢 - EXTRAC"

    def __init__(
        self,
        *,
        html_key: str | None = None,
        mode: str = "auto",
        options: Options | Mapping[str, Any] | None = None,
        metadata_key: str | None = "boilerstrip",
        include_lines: bool = False,
        exclusion_writer: Any = None,
        batch_size: int = 64,
        keep_html: bool = False,
    ) -> None:
        super().__init__()
        if mode not in ("auto", "text", "html"):
            raise ValueError(f"mode must be auto, text or html, got {mode!r}")
        # (checked here: a batch size of 0 or "8" failed only inside the pipeline's run)
        if check_number("batch_size", batch_size, integer=True) < 1:
            raise ValueError(f"batch_size must be at least 1, got {batch_size!r}")
        self.html_key = html_key
        self.mode = mode
        self.options = options_of(options)
        self.metadata_key = metadata_key
        self.include_lines = include_lines
        self.exclusion_writer = exclusion_writer
        self.batch_size = batch_size
        self.keep_html = keep_html

    def _raw(self, doc: Any) -> RawInput:
        page = doc.metadata.get(self.html_key) if self.html_key else doc.text
        # (the id as the HF and Ray paths take it: datatrove's JsonlReader gives a JSON number
        # as a float, and a float id stopped the step in mode "text")
        return RawInput(data=page, id=id_text(doc.id), url=doc.metadata.get("url"), kind=self.mode)  # type: ignore[arg-type]

    def _update(self, doc: Any, meta: dict[str, Any]) -> None:
        if self.html_key and not self.keep_html:
            doc.metadata.pop(self.html_key, None)
        elif self.html_key and self.html_key in doc.metadata:
            # the page kept as given is written too: as a str a writer can write
            doc.metadata[self.html_key] = writable(doc.metadata[self.html_key])
        if self.metadata_key:
            doc.metadata[self.metadata_key] = meta
        else:
            for k, v in meta.items():
                doc.metadata.setdefault(k, v)

    def run(self, data: DocumentsPipeline, rank: int = 0, world_size: int = 1) -> DocumentsPipeline:
        if data is None:
            return
        with self.exclusion_writer if self.exclusion_writer else contextlib.nullcontext() as writer:
            for batch in batched(data, self.batch_size):
                raws = [self._raw(doc) for doc in batch]
                with self.track_time("batch"):
                    cleaned = clean_inputs(raws, self.options)
                for doc, bdoc in zip(batch, cleaned):
                    self.stat_update(StatHints.total)
                    assert bdoc is not None  # only inputs with ``error`` give None; these have none
                    if bdoc.rejected:
                        self.stat_update(StatHints.dropped, f"dropped_{bdoc.rejected}")
                        if writer:
                            doc.metadata["filter_reason"] = bdoc.rejected
                            _writable(doc)
                            writer.write(doc, rank)
                        continue
                    meta = bdoc.to_dict(include_lines=self.include_lines)["metadata"]
                    meta.pop("path", None)  # datatrove readers keep the source in ``file_path``
                    doc.text = bdoc.text
                    self._update(doc, meta)
                    for reason, n in bdoc.reason_counts.items():
                        self.stat_update(f"lines_dropped_{reason}", value=n)
                    self.stat_update(StatHints.forwarded)
                    self.update_doc_stats(doc)
                    yield doc


def _writable(doc: Any) -> None:
    """A rejected document as datatrove's writers can write it: a text that is no str (None,
    bytes, a number: rejected as ``wrong-type``) becomes "" with its type in
    ``metadata["filter_detail"]``, and lone surrogates become U+FFFD (the JSONL writer's
    orjson refused both, and the step, with every later document, stopped)."""
    if not isinstance(doc.text, str):
        doc.metadata["filter_detail"] = f"the text was a {type(doc.text).__name__}"
        doc.text = ""
    else:
        doc.text = without_lone_surrogates(doc.text)
    # (the page under ``html_key`` and any other field too: a lone surrogate there stopped
    # the step as well)
    doc.metadata = writable(doc.metadata)
